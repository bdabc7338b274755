//! Orderly deleveraging or liquidation cascade: a rule-based reading with its reasons.
//!
//! No published threshold separates the two (domain.md §1.9): the rule here is this project's,
//! and the page says so and shows its thresholds. Every threshold is a parameter:
//! - **cascade-like** if any of: coin OI falls ≥ 10% within ≤ 4 h; the top hour holds ≥ 30% of the
//!   window's liquidations; liquidations / positions closed ≥ 0.5;
//! - **orderly** only if all of: no 4 h OI drop ≥ 5%; liquidations / positions closed < 0.3;
//!   coin-OI elasticity clearly above 0 (its whole range);
//! - otherwise **not enough data**.
//!
//! Daily bars and weekly figures carry no 4 h open interest and no hourly liquidations, so those
//! checks answer "no data" and the reading says so.

use serde::Serialize;

use super::range::Range;
use super::text::{Text, Unit};

/// Thresholds of the rule, as fractions. Defaults are domain.md §1.9's proposal (an inference,
/// not a standard).
#[derive(Debug, Clone, Copy)]
pub struct RegimeThresholds {
    pub cascade_oi_drop_4h: f64,
    pub cascade_top_hour_liquidation_share: f64,
    pub cascade_forced_share: f64,
    pub orderly_max_oi_drop_4h: f64,
    pub orderly_max_forced_share: f64,
    pub orderly_min_elasticity: f64,
    /// A one-day close-to-close fall at least this large is reported as a price signature of a
    /// cascade. It is a signal only: it does not decide the verdict.
    pub day_drop_signature: f64,
}

impl Default for RegimeThresholds {
    fn default() -> Self {
        RegimeThresholds {
            cascade_oi_drop_4h: 0.10,
            cascade_top_hour_liquidation_share: 0.30,
            cascade_forced_share: 0.50,
            orderly_max_oi_drop_4h: 0.05,
            orderly_max_forced_share: 0.30,
            orderly_min_elasticity: 0.0,
            day_drop_signature: 0.10,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Orderly,
    CascadeLike,
    NotEnoughData,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Met,
    NotMet,
    NoData,
}

/// One test of the rule, with the value it was decided on.
#[derive(Debug, Clone, Serialize)]
pub struct RegimeCheck {
    /// `cascade`, `orderly` or `signal` (reported, not deciding).
    pub side: &'static str,
    /// The test in words, its threshold as a value.
    pub rule: Text,
    pub status: CheckStatus,
    /// The measured value, when there is one: a fraction for `unit` "fraction", a plain number
    /// for "ratio".
    pub value: Option<Range>,
    pub unit: &'static str,
}

/// The reading for one horizon.
#[derive(Debug, Clone, Serialize)]
pub struct RegimeReading {
    pub horizon: &'static str,
    pub verdict: Verdict,
    pub checks: Vec<RegimeCheck>,
}

fn decide(horizon: &'static str, checks: Vec<RegimeCheck>) -> RegimeReading {
    let cascade = checks.iter().any(|c| c.side == "cascade" && c.status == CheckStatus::Met);
    let orderly = checks.iter().filter(|c| c.side == "orderly").all(|c| c.status == CheckStatus::Met);
    let verdict = if cascade {
        Verdict::CascadeLike
    } else if orderly {
        Verdict::Orderly
    } else {
        Verdict::NotEnoughData
    };
    RegimeReading { horizon, verdict, checks }
}

/// Inputs available for one horizon; `None` where the data does not reach.
#[derive(Debug, Clone, Copy, Default)]
pub struct RegimeInputs {
    pub max_oi_drop_4h: Option<Range>,
    pub top_hour_liquidation_share: Option<Range>,
    /// Bitcoin liquidations over the positions closed (coins of open interest gone, valued at
    /// the price); `None` where positions closed is undefined.
    pub forced_share: Option<Range>,
    pub coin_elasticity: Option<Range>,
    /// Close-to-close change of the day (negative for a fall), for the price signature.
    pub day_change: Option<f64>,
}

/// Applies the rule to one horizon (`"week"` or `"day"`).
pub fn classify_regime(horizon: &'static str, inputs: &RegimeInputs, t: &RegimeThresholds) -> RegimeReading {
    let pct = |x: f64| Text::new().vd(x * 100.0, Unit::Pct, 0);
    let check = |side, rule: Text, value: Option<Range>, met: &dyn Fn(Range) -> bool| RegimeCheck {
        side,
        rule,
        status: match value {
            None => CheckStatus::NoData,
            Some(v) if met(v) => CheckStatus::Met,
            Some(_) => CheckStatus::NotMet,
        },
        value,
        unit: "fraction",
    };
    // A test is met only when the whole range meets it, so a verdict never rests on one end of
    // a range alone.
    let mut checks: Vec<RegimeCheck> = vec![
        check("cascade", Text::new().w("open interest falls ").t(pct(t.cascade_oi_drop_4h)).w(" or more within 4 hours"), inputs.max_oi_drop_4h, &|v| {
            v.low >= t.cascade_oi_drop_4h
        }),
        check(
            "cascade",
            Text::new().w("the busiest hour holds ").t(pct(t.cascade_top_hour_liquidation_share)).w(" or more of the liquidations"),
            inputs.top_hour_liquidation_share,
            &|v| v.low >= t.cascade_top_hour_liquidation_share,
        ),
        check("cascade", Text::new().w("Bitcoin liquidations are ").t(pct(t.cascade_forced_share)).w(" or more of the positions closed"), inputs.forced_share, &|v| {
            v.low >= t.cascade_forced_share
        }),
        check("orderly", Text::new().w("no 4-hour open-interest drop of ").t(pct(t.orderly_max_oi_drop_4h)).w(" or more"), inputs.max_oi_drop_4h, &|v| {
            v.high < t.orderly_max_oi_drop_4h
        }),
        check("orderly", Text::new().w("Bitcoin liquidations are under ").t(pct(t.orderly_max_forced_share)).w(" of the positions closed"), inputs.forced_share, &|v| {
            v.high < t.orderly_max_forced_share
        }),
        RegimeCheck {
            unit: "ratio",
            ..check("orderly", Text::new().w("open interest in coins falls with the price (elasticity above 0 over its whole range)"), inputs.coin_elasticity, &|v| {
                v.low > t.orderly_min_elasticity
            })
        },
    ];
    if let Some(change) = inputs.day_change {
        checks.push(check(
            "signal",
            Text::new().w("a one-day fall of ").t(pct(t.day_drop_signature)).w(" or more (a price signature of a cascade; reported, it does not decide)"),
            Some(Range::point(change)),
            &|v| -v.high >= t.day_drop_signature,
        ));
    }
    decide(horizon, checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_events_from_domain_section_5() {
        let t = RegimeThresholds::default();
        // 7 Sep 2021: perp OI $13.4B → $9.4B within the hour (−29.9%): cascade-like.
        let sep_2021 = RegimeInputs { max_oi_drop_4h: Some(Range::point(1.0 - 9.4 / 13.4)), ..Default::default() };
        assert_eq!(classify_regime("day", &sep_2021, &t).verdict, Verdict::CascadeLike);
        // A slow unwind: 2% largest 4 h drop, 10% forced, elasticity 0.4..0.6: orderly.
        let slow = RegimeInputs {
            max_oi_drop_4h: Some(Range::point(0.02)),
            top_hour_liquidation_share: Some(Range::point(0.05)),
            forced_share: Some(Range::point(0.10)),
            coin_elasticity: Some(Range::new(0.4, 0.6)),
            day_change: None,
        };
        assert_eq!(classify_regime("week", &slow, &t).verdict, Verdict::Orderly);
        // Liquidations 78–117% of the positions closed (the article's 30 Jan → 6 Feb week),
        // elasticity spanning 0, no 4 h data: the forced-share test alone makes it cascade-like.
        let week = RegimeInputs { forced_share: Some(Range::new(0.784, 1.168)), coin_elasticity: Some(Range::new(-0.32, 0.26)), ..Default::default() };
        let reading = classify_regime("week", &week, &t);
        assert_eq!(reading.verdict, Verdict::CascadeLike);
        let statuses: Vec<CheckStatus> = reading.checks.iter().map(|c| c.status).collect();
        use CheckStatus::*;
        assert_eq!(statuses, vec![NoData, NoData, Met, NoData, NotMet, NotMet]);
        // When positions closed is undefined in one candidate week (coin OI rose), the test has no
        // figure and, with no 4 h data, the reading is "not enough data".
        let undefined = RegimeInputs { forced_share: None, coin_elasticity: Some(Range::new(-0.32, 0.26)), ..Default::default() };
        assert_eq!(classify_regime("week", &undefined, &t).verdict, Verdict::NotEnoughData);
    }
}
