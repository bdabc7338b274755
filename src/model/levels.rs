//! Price levels: support, resistance and role reversal.
//!
//! A level is a price or a zone (`span.low..=span.high`, USD). Relative to a reference price it
//! acts as **support** when it lies below, **resistance** when it lies above, and the price is
//! **inside** a zone that contains it. **Role reversal** (a broken support becomes resistance
//! and the reverse) is read from daily closes: a close below a level's low makes it resistance,
//! a close above its high makes it support (domain.md §3; Murphy, *Technical Analysis of the
//! Financial Markets*, ch. 4).

use serde::Serialize;
use time::Date;

use super::bars::DailyBar;
use super::provenance::Provenance;
use super::range::Range;

/// The article's label for a level. It does not change with the reference price; the role does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    AllTimeHigh,
    Resistance,
    Support,
    Floor,
    CatastrophicFloor,
}

impl Tier {
    /// The figures file's name of a level's tier (`""` for the all-time high, which no file
    /// gives). Native only: the compact form's writer uses it.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn id(self) -> &'static str {
        match self {
            Tier::AllTimeHigh => "",
            Tier::Resistance => "resistance",
            Tier::Support => "support",
            Tier::Floor => "floor",
            Tier::CatastrophicFloor => "catastrophic_floor",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Tier> {
        match s {
            "resistance" => Some(Tier::Resistance),
            "support" => Some(Tier::Support),
            "floor" => Some(Tier::Floor),
            "catastrophic_floor" => Some(Tier::CatastrophicFloor),
            _ => None,
        }
    }
}

/// A price level or zone, in USD.
#[derive(Debug, Clone, Serialize)]
pub struct Level {
    pub id: String,
    pub label: String,
    pub span: Range,
    pub tier: Tier,
    pub provenance: Provenance,
}

/// What a level does relative to a price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Support,
    Resistance,
    /// The price is inside the zone (or exactly at a single-price level).
    Inside,
}

/// The role of `level` for a target, which is a price (`low == high`) or a price range.
///
/// For a point target a level is support when its high is below the price and resistance when
/// its low is above. For a range target, a level that only touches the range at an edge still
/// counts as support (below) or resistance (above): a range "between $55k and $75k" has $55k as
/// its support.
pub fn role_for(level: &Level, target: Range) -> Role {
    if target.is_point() {
        if level.span.high < target.low {
            Role::Support
        } else if level.span.low > target.high {
            Role::Resistance
        } else {
            Role::Inside
        }
    } else if level.span.high <= target.low {
        Role::Support
    } else if level.span.low >= target.high {
        Role::Resistance
    } else {
        Role::Inside
    }
}

/// A level seen from a reference price.
#[derive(Debug, Clone, Serialize)]
pub struct LevelPosition {
    pub id: String,
    pub label: String,
    pub tier: Tier,
    pub provenance: Provenance,
    pub low_usd: f64,
    pub high_usd: f64,
    pub role: Role,
    /// Signed distance from the price to the level's nearest edge, in percent of the price
    /// (negative below, positive above, 0 inside).
    pub distance_pct: f64,
}

/// Classifies every level against `price_usd`.
pub fn classify(levels: &[Level], price_usd: f64) -> Vec<LevelPosition> {
    levels
        .iter()
        .map(|l| {
            let role = role_for(l, Range::point(price_usd));
            let edge = match role {
                Role::Support => l.span.high,
                Role::Resistance => l.span.low,
                Role::Inside => price_usd,
            };
            LevelPosition {
                id: l.id.clone(),
                label: l.label.clone(),
                tier: l.tier,
                provenance: l.provenance,
                low_usd: l.span.low,
                high_usd: l.span.high,
                role,
                distance_pct: (edge - price_usd) / price_usd * 100.0,
            }
        })
        .collect()
}

/// The nearest support for a target: the highest top edge among levels below it, in USD.
pub fn nearest_support(levels: &[Level], target: Range) -> Option<&Level> {
    levels.iter().filter(|l| role_for(l, target) == Role::Support).max_by(|a, b| a.span.high.total_cmp(&b.span.high))
}

/// The nearest resistance for a target: the lowest bottom edge among levels above it, in USD.
pub fn nearest_resistance(levels: &[Level], target: Range) -> Option<&Level> {
    levels.iter().filter(|l| role_for(l, target) == Role::Resistance).min_by(|a, b| a.span.low.total_cmp(&b.span.low))
}

/// Levels the price passes through on the way from `from_usd` to the nearest edge of `target`,
/// not counting levels at the target itself. Highest first.
pub fn levels_crossed(levels: &[Level], from_usd: f64, target: Range) -> Vec<&Level> {
    let path = if target.low > from_usd {
        Some((from_usd, target.low))
    } else if target.high < from_usd {
        Some((target.high, from_usd))
    } else {
        None
    };
    let Some((lo, hi)) = path else { return Vec::new() };
    levels.iter().filter(|l| role_for(l, target) != Role::Inside).filter(|l| l.span.low < hi && l.span.high > lo).collect()
}

/// A change of role read from daily closes: the break, and the retest that confirmed it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RoleFlip {
    /// The day of the break: the first close through the far side of the level.
    #[serde(serialize_with = "crate::model::ser_date")]
    pub date: Date,
    /// The role the level took on that day.
    pub became: Role,
    pub close_usd: f64,
    /// The first failed test from the other side after the break, which confirms the new role
    /// (for resistance: a day whose high reached the level's low and whose close stayed below
    /// it; for support: a low that reached the level's high with the close above it). `None`
    /// while untested.
    #[serde(serialize_with = "crate::model::ser_opt_date")]
    pub confirmed_on: Option<Date>,
    /// The high (resistance) or low (support) of the confirming day.
    pub confirming_test_usd: Option<f64>,
    pub confirming_close_usd: Option<f64>,
}

/// Role reversals of a level over the bars: every day a close crossed the level so that a
/// support became resistance (close below `span.low`) or a resistance became support (close
/// above `span.high`), each with the retest that confirmed it, if any (Investopedia, "Support
/// and resistance reversal": a reversal is confirmed when a retest holds). Closes inside a zone
/// keep the last role. The starting role, from the first close outside the zone, is not a flip.
pub fn role_reversals(span: Range, bars: &[DailyBar]) -> Vec<RoleFlip> {
    let mut flips: Vec<RoleFlip> = Vec::new();
    let mut role: Option<Role> = None;
    for bar in bars {
        // A failed test of the newest flip, while it is unconfirmed.
        if let Some(last) = flips.last_mut().filter(|f| f.confirmed_on.is_none() && f.date < bar.date) {
            let (tested, held, test) = match last.became {
                Role::Resistance => (bar.high_usd >= span.low, bar.close_usd < span.low, bar.high_usd),
                _ => (bar.low_usd <= span.high, bar.close_usd > span.high, bar.low_usd),
            };
            if tested && held {
                last.confirmed_on = Some(bar.date);
                last.confirming_test_usd = Some(test);
                last.confirming_close_usd = Some(bar.close_usd);
            }
        }
        let now = if bar.close_usd < span.low {
            Role::Resistance
        } else if bar.close_usd > span.high {
            Role::Support
        } else {
            continue;
        };
        if role.is_some_and(|r| r != now) {
            flips.push(RoleFlip { date: bar.date, became: now, close_usd: bar.close_usd, confirmed_on: None, confirming_test_usd: None, confirming_close_usd: None });
        }
        role = Some(now);
    }
    flips
}

/// The first close inside a zone after the last close above it, before `before`: the day the
/// price fell into the zone from above. `None` if no close fell into it.
pub fn entered_from_above(span: Range, bars: &[DailyBar], before: Date) -> Option<(Date, f64)> {
    let mut above = false;
    let mut entry = None;
    for bar in bars.iter().filter(|b| b.date < before) {
        if bar.close_usd > span.high {
            above = true;
            entry = None;
        } else if above && entry.is_none() && bar.close_usd >= span.low {
            entry = Some((bar.date, bar.close_usd));
        } else if bar.close_usd < span.low {
            above = false;
        }
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn level(low: f64, high: f64) -> Level {
        Level { id: format!("l{low}"), label: String::new(), span: Range::new(low, high), tier: Tier::Support, provenance: Provenance::Article }
    }

    fn bar(date: Date, close: f64) -> DailyBar {
        DailyBar { date, open_usd: close, high_usd: close, low_usd: close, close_usd: close, volume_btc: None, partial: false }
    }

    fn hl(date: Date, high: f64, low: f64, close: f64) -> DailyBar {
        DailyBar { date, open_usd: close, high_usd: high, low_usd: low, close_usd: close, volume_btc: None, partial: false }
    }

    #[test]
    fn a_flip_is_confirmed_by_a_failed_test_from_the_other_side() {
        // The Bitstamp rows around the $75–80k zone: inside from 31 Jan (78,635), first close
        // below on 4 Feb (73,000), first failed test from below on 17 Mar (high 76,013, close
        // 73,928); 5 Feb (high 73,175) does not reach $75,000.
        let span = Range::new(75_000.0, 80_000.0);
        let bars = [
            hl(date!(2026 - 01 - 30), 84_599.0, 81_040.0, 84_130.0),
            hl(date!(2026 - 01 - 31), 84_137.0, 75_555.0, 78_635.0),
            hl(date!(2026 - 02 - 03), 79_113.0, 72_863.0, 75_662.0),
            hl(date!(2026 - 02 - 04), 76_873.0, 71_704.0, 73_000.0),
            hl(date!(2026 - 02 - 05), 73_175.0, 62_200.0, 62_795.0),
            hl(date!(2026 - 03 - 17), 76_013.0, 73_429.0, 73_928.0),
        ];
        let flips = role_reversals(span, &bars);
        assert_eq!(flips.len(), 1);
        assert_eq!((flips[0].date, flips[0].became, flips[0].close_usd), (date!(2026 - 02 - 04), Role::Resistance, 73_000.0));
        assert_eq!(flips[0].confirmed_on, Some(date!(2026 - 03 - 17)));
        assert_eq!((flips[0].confirming_test_usd, flips[0].confirming_close_usd), (Some(76_013.0), Some(73_928.0)));
        assert_eq!(entered_from_above(span, &bars, date!(2026 - 02 - 08)), Some((date!(2026 - 01 - 31), 78_635.0)));
    }

    #[test]
    fn roles_for_points_and_ranges() {
        let zone = level(75_000.0, 80_000.0);
        assert_eq!(role_for(&zone, Range::point(63_525.8)), Role::Resistance);
        assert_eq!(role_for(&zone, Range::point(77_000.0)), Role::Inside);
        assert_eq!(role_for(&zone, Range::point(80_000.0)), Role::Inside);
        assert_eq!(role_for(&zone, Range::point(80_000.01)), Role::Support);
        // A range that ends at the zone's edge sees the zone as resistance.
        assert_eq!(role_for(&zone, Range::new(55_000.0, 75_000.0)), Role::Resistance);
        assert_eq!(role_for(&zone, Range::new(55_000.0, 76_000.0)), Role::Inside);
    }

    #[test]
    fn nearest_levels_and_crossings() {
        let levels = vec![level(89_070.0, 89_070.0), level(75_000.0, 80_000.0), level(50_000.0, 55_000.0), level(43_000.0, 43_000.0)];
        let at = Range::point(63_525.8);
        assert_eq!(nearest_support(&levels, at).unwrap().span.high, 55_000.0);
        assert_eq!(nearest_resistance(&levels, at).unwrap().span.low, 75_000.0);
        let crossed: Vec<f64> = levels_crossed(&levels, 63_525.8, Range::point(89_070.0)).iter().map(|l| l.span.low).collect();
        assert_eq!(crossed, vec![75_000.0]);
        let crossed: Vec<f64> = levels_crossed(&levels, 63_525.8, Range::point(43_000.0)).iter().map(|l| l.span.low).collect();
        assert_eq!(crossed, vec![50_000.0]);
        assert!(levels_crossed(&levels, 63_525.8, Range::new(50_000.0, 55_000.0)).is_empty());
        // Distances: $75k is 18.06% above $63,525.80, $55k 13.42% below.
        let pos = classify(&levels, 63_525.8);
        assert!((pos[1].distance_pct - 18.063).abs() < 1e-3);
        assert!((pos[2].distance_pct + 13.4210).abs() < 1e-3);
    }

    #[test]
    fn role_reversal_needs_a_close_through_the_whole_zone() {
        let span = Range::new(75_000.0, 80_000.0);
        let bars = [
            bar(date!(2026 - 01 - 28), 89_168.0),
            bar(date!(2026 - 01 - 31), 78_635.0), // inside: no flip yet
            bar(date!(2026 - 02 - 04), 73_000.0), // below the zone: support turned resistance
            bar(date!(2026 - 02 - 05), 62_795.0),
            bar(date!(2026 - 05 - 05), 81_000.0), // above: back to support
        ];
        let flips = role_reversals(span, &bars);
        assert_eq!(flips.len(), 2);
        assert_eq!((flips[0].date, flips[0].became), (date!(2026 - 02 - 04), Role::Resistance));
        assert_eq!((flips[1].date, flips[1].became), (date!(2026 - 05 - 05), Role::Support));
    }
}
