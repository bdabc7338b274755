//! The figure catalogue: every figure of the page, with its unit, provenance and source, for
//! one reference price and one scenario.

use super::bars::format_date;
use super::explainer::{Explainer, Reference, CRASH_DAY, CRASH_WINDOW};
use super::levels::{nearest_resistance, nearest_support};
use super::metric::Metric;
use super::price::{bounce, drawdown, gain_to_regain, largest_one_day_drop, retracement};
use super::range::Range;
use super::regime::{RegimeReading, Verdict};
use super::scenarios::ScenarioOutcome;
use super::story::Provenance;
use super::text::Unit;

/// The text id of a regime verdict, as the page's `data-value`.
pub fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Orderly => "orderly",
        Verdict::CascadeLike => "cascade_like",
        Verdict::NotEnoughData => "not_enough_data",
    }
}

fn pct(r: Range) -> Range {
    r.scale(100.0)
}

/// All metrics of the view.
pub fn metrics(e: &Explainer, reference: Reference, reference_usd: f64, selected: &ScenarioOutcome, regime: &[RegimeReading]) -> Vec<Metric> {
    use Unit::*;
    let provider = e.provider();
    let bars = format!("computed from the {provider} daily bars");
    // One price a day is a reading: its day's high, low and close are that one price.
    let one = e.one_reading_a_day;
    let (close, high, low_word) = if one { ("reading", "reading", "reading") } else { ("close", "high", "low") };
    let (ath, low, lev) = (e.ath, e.crash_low, &e.leverage);
    let mut m = vec![
        Metric::computed("ath_usd", Usd, ath.usd, format!("highest daily {high} before the crash low, {bars}")),
        Metric::date("ath_date", ath.date, bars.clone()),
        Metric::computed("crash_low_usd", Usd, low.usd, format!("lowest daily {low_word}, 29 Jan–8 Feb 2026, {bars}")),
        Metric::date("crash_low_date", low.date, bars.clone()),
        Metric::computed("drawdown_at_low_pct", Pct, drawdown(ath.usd, low.usd) * 100.0, format!("(high − low) / high, {bars}")),
        Metric::computed("gain_to_ath_from_low_pct", Pct, gain_to_regain(ath.usd, low.usd) * 100.0, "high / low − 1"),
        Metric::computed("data_first_date", Count, 0.0, "").with_date(e.series.first_date()),
        Metric::computed("data_last_date", Count, 0.0, "").with_date(e.series.last_date()),
    ];
    let reference_metric = match reference {
        Reference::ArticleFraming => Metric::computed("reference_usd", Usd, reference_usd, "the crash low raised by the article's 6% bounce"),
        Reference::Close(d) => Metric::computed("reference_usd", Usd, reference_usd, format!("{provider} {close} of {}", format_date(d))),
    };
    m.push(reference_metric);
    if let Reference::Close(d) = reference {
        m.push(Metric::date("reference_date", d, "chosen by the reader"));
    }
    m.extend([
        Metric::computed("drawdown_at_reference_pct", Pct, drawdown(ath.usd, reference_usd) * 100.0, "(high − reference) / high"),
        Metric::computed("bounce_pct", Pct, bounce(low.usd, reference_usd) * 100.0, "(reference − crash low) / crash low"),
        Metric::computed("gain_to_ath_pct", Pct, gain_to_regain(ath.usd, reference_usd) * 100.0, "high / reference − 1"),
        Metric::computed("retracement_pct", Pct, retracement(ath.usd, low.usd, reference_usd) * 100.0, "(reference − low) / (high − low)"),
    ]);
    if let Some((drop_date, drop)) = largest_one_day_drop(&e.series.bars) {
        m.push(Metric::computed("largest_drop_pct", Pct, drop * 100.0, format!("largest {close}-to-{close} fall, {bars}")));
        m.push(Metric::date("largest_drop_date", drop_date, bars.clone()));
    }
    if let Some(c) = e.day_change(CRASH_DAY) {
        m.push(Metric::computed("crash_day_change_pct", Pct, c * 100.0, format!("{close} of 5 Feb 2026 / {close} of 4 Feb 2026 − 1, {bars}")));
    }
    // With one price a day the crash of 5 February shows in the next day's reading too.
    if let Some(c) = CRASH_DAY.next_day().filter(|_| one).and_then(|d| e.day_change(d)) {
        m.push(Metric::computed("crash_next_day_change_pct", Pct, c * 100.0, format!("reading of 6 Feb 2026 / reading of 5 Feb 2026 − 1, {bars}")));
    }
    if let (Some(f), Some(h)) = (&e.larger_fall, &e.history) {
        let src = if one {
            format!("day-to-day changes over {} and the {provider} daily readings", h.source_line)
        } else {
            format!("close-to-close changes over {} and the {provider} bars", h.source_line)
        };
        if let Some((d, c)) = f.previous {
            m.push(Metric::computed("previous_larger_fall_pct", Pct, c * 100.0, src.clone()));
            m.push(Metric::date("previous_larger_fall_date", d, src.clone()));
        }
        m.push(Metric::computed("larger_falls_before", Count, f.larger_falls_before as f64, src.clone()));
        m.push(Metric::date("history_start_date", f.history_start, src));
    }
    match e.rsi_on(CRASH_DAY) {
        Some(v) => m.push(Metric::computed("rsi_crash_day", Index, v, format!("RSI(14), Wilder smoothing, on {provider} daily {close}s, 5 Feb 2026"))),
        None => m.push(Metric::words("rsi_crash_day", "none", "not enough closes before 5 Feb 2026 for RSI(14)")),
    }
    for (id, v) in [("volume_multiple_crash_day", e.volume_crash_day), ("volume_multiple_low_day", e.volume_low_day)] {
        if let Some(v) = v {
            let d = v.date;
            m.push(Metric::computed(id, Ratio, v.multiple, format!("volume of {} / median volume of the 30 days before, {bars}", format_date(d))).digits(1));
        }
    }

    // Leverage: the article's figures unless a loaded series replaced them.
    let article = |id: &'static str, fid: &str| e.story.find(fid).map(|f| Metric::from_figure(id, f));
    let li = &e.leverage_inputs;
    match &e.open_interest_source {
        None => {
            m.extend(article("open_interest_before_usd", "open_interest_week_before_usd"));
            m.extend(article("open_interest_after_usd", "open_interest_after_usd"));
        }
        Some(src) => {
            m.push(Metric::computed_range("open_interest_before_usd", Usd, lev.open_interest_before_usd, format!("read at the start of each week from {src}")));
            m.push(Metric::computed_range("open_interest_after_usd", Usd, lev.open_interest_after_usd, format!("read at the end of each week from {src}")));
        }
    }
    m.extend(article("liquidations_total_usd", "liquidations_total_usd"));
    match &e.liquidations_source {
        None => m.extend(article("liquidations_btc_usd", "liquidations_btc_usd")),
        Some(src) => m.push(Metric::computed_range("liquidations_btc_usd", Usd, li.liquidations_btc_usd, src.clone())),
    }
    m.extend(article("liquidations_24h_total_usd", "liquidations_24h_total_usd"));
    m.extend(article("liquidations_24h_btc_usd", "liquidations_24h_btc_usd"));
    m.extend(article("liquidations_oct10_total_usd", "liquidations_oct10_total_usd"));
    m.extend([
        Metric::computed_range("oi_change_usd", Usd, lev.open_interest_change_usd, "open interest after − before"),
        Metric::computed_range("oi_change_pct", Pct, pct(lev.open_interest_change), "(after − before) / before"),
        Metric::computed_range("price_change_week_pct", Pct, pct(lev.price_change), format!("{provider} {close} to {close} over each week")),
        Metric::computed_range("coin_oi_change_pct", Pct, pct(lev.coin_open_interest_change), "(OI₁/OI₀)/(P₁/P₀) − 1 per week"),
        Metric::computed_range("open_interest_before_btc", Btc, lev.open_interest_before_btc, format!("open interest in USD / {provider} {close} at the start of each week")),
        Metric::computed_range("open_interest_after_btc", Btc, lev.open_interest_after_btc, format!("open interest in USD / {provider} {close} at the end of each week")),
        Metric::computed_range("price_markdown_share_pct", Pct, pct(lev.price_markdown_share), "ln(P₁/P₀) / ln(OI₁/OI₀)"),
        Metric::computed_range("liquidations_share_of_oi_pct", Pct, pct(lev.liquidations_total_share_of_open_interest), "all liquidations / open interest a week before"),
        Metric::computed_range("btc_liquidations_share_of_oi_pct", Pct, pct(lev.liquidations_btc_share_of_open_interest), "Bitcoin liquidations / open interest a week before"),
        Metric::computed_range("btc_share_of_liquidations_pct", Pct, pct(lev.btc_share_of_liquidations), "Bitcoin liquidations / all liquidations"),
        Metric::words("regime", verdict_id(regime[0].verdict), "this project's rule on the week's figures"),
        Metric::words("regime_day", verdict_id(regime[1].verdict), "this project's rule on 5 Feb 2026"),
    ]);
    if let Some(share) = lev.liquidations_share_of_closed {
        m.push(Metric::computed_range(
            "forced_share_of_closed_pct",
            Pct,
            pct(share),
            "Bitcoin liquidations / (fall in coin open interest × price), in the weeks where coin open interest fell",
        ));
    }
    for (k, w) in lev.weeks.iter().enumerate() {
        let ids = WEEK_IDS[k.min(WEEK_IDS.len() - 1)];
        let src = |what: &str| format!("{what}, week {} to {}", format_date(w.window.start), format_date(w.window.end));
        m.push(Metric::date(ids[0], w.window.start, bars.clone()));
        m.push(Metric::date(ids[1], w.window.end, bars.clone()));
        m.push(Metric::computed_range(ids[2], Btc, w.open_interest_before_btc, src(&format!("open interest in USD / {close} at the start"))));
        m.push(Metric::computed_range(ids[3], Btc, w.open_interest_after_btc, src(&format!("open interest in USD / {close} at the end"))));
        m.push(Metric::computed_range(ids[4], Pct, pct(w.coin_open_interest_change), src("(OI₁/OI₀)/(P₁/P₀) − 1")));
        m.push(Metric::computed(ids[5], Pct, w.price_change * 100.0, src(&format!("{close} to {close}"))));
        m.push(Metric::computed_range(ids[6], Btc, w.positions_closed_btc.scale(-1.0), src("coin open interest after − before")));
        if let (Some(c), Some(s)) = (w.positions_closed_usd, w.liquidations_share_of_closed) {
            m.push(Metric::computed_range(ids[7], Usd, c, src(&format!("coins closed × the week's {close}s"))));
            m.push(Metric::computed_range(ids[8], Pct, pct(s), src("Bitcoin liquidations / positions closed")));
        }
    }
    let sens: Vec<f64> = lev.sensitivity.iter().flat_map(|w| [w.coin_open_interest_change.low, w.coin_open_interest_change.high]).collect();
    if !sens.is_empty() {
        m.push(Metric::computed_range("coin_oi_change_sensitivity_pct", Pct, pct(Range::hull(&sens)), "(OI₁/OI₀)/(P₁/P₀) − 1 over every week ending 5–9 Feb 2026"));
    }
    match &e.funding_week {
        Some((r, src)) => m.push(Metric::computed_range("funding_week_pct", PctPer8h, *r, src.clone())),
        None => m.push(Metric::words("funding_week_pct", "none", "no funding series was given")),
    }

    // Macro: the article's figure and the report it comes from.
    for (id, fid) in [
        ("layoffs_january", "layoffs_january"),
        ("layoffs_jump_pct", "layoffs_jump_pct"),
        ("layoffs_december_2025", "layoffs_december_2025"),
        ("layoffs_january_2025", "layoffs_january_2025"),
    ] {
        m.extend(article(id, fid));
    }
    let fig = |id: &str| e.story.find(id).and_then(|f| f.value).map(|r| r.low);
    if let (Some(jan), Some(dec), Some(jan25)) = (fig("layoffs_january"), fig("layoffs_december_2025"), fig("layoffs_january_2025")) {
        let report = e.story.source_name("layoffs_january", "the report");
        for (id, base, month) in [("layoffs_vs_december_pct", dec, "December 2025"), ("layoffs_vs_january_2025_pct", jan25, "January 2025")] {
            m.push(Metric::computed(id, Pct, (jan / base - 1.0) * 100.0, format!("January 2026 / {month} − 1, from {report}'s figures")).digits(0));
        }
    }

    // Levels and the selected scenario.
    let at_ref = Range::point(reference_usd);
    let level_metric = |id: &'static str, l: Option<&super::levels::Level>, high: bool, what: &str| match l {
        Some(l) => Metric::computed(id, Usd, if high { l.span.high } else { l.span.low }, format!("{what}: {}", l.label))
            .sourced(level_provenance(l.provenance), format!("{what}: {}", l.label)),
        None => Metric::words(id, "none", what.to_string()),
    };
    m.push(level_metric("nearest_support_usd", nearest_support(&e.levels, at_ref), true, "highest level below the reference"));
    m.push(level_metric("nearest_resistance_usd", nearest_resistance(&e.levels, at_ref), false, "lowest level above the reference"));
    m.push(Metric::words("scenario_label", selected.label, selected.target_source.clone()));
    m.push(
        Metric::computed_range("target_usd", Usd, selected.target_usd, selected.target_source.clone())
            .sourced(level_provenance(selected.provenance), selected.target_source.clone()),
    );
    m.push(Metric::computed_range("move_pct", Pct, pct(selected.move_from_reference), "target / reference − 1"));
    m.push(Metric::computed_range("drawdown_at_target_pct", Pct, pct(selected.drawdown_at_target), "(high − target) / high"));
    m.push(Metric::computed_range("gain_to_ath_at_target_pct", Pct, pct(selected.gain_to_regain_high), "high / target − 1"));
    // The levels around the target carry their own provenance (an article's level is the
    // article's, not computed here), as those around the reference do.
    m.push(level_metric("target_support_usd", nearest_support(&e.levels, selected.target_usd), true, "highest level below the target"));
    m.push(level_metric("target_resistance_usd", nearest_resistance(&e.levels, selected.target_usd), false, "lowest level above the target"));

    if let Some(a) = &e.aftermath {
        let after = format!("{bars}, after the crash low to {}", format_date(a.end));
        m.push(Metric::computed("after_high_usd", Usd, a.highest.usd, format!("highest {high}, {after}")));
        m.push(Metric::date("after_high_date", a.highest.date, after.clone()));
        m.push(Metric::computed("after_low_usd", Usd, a.lowest.usd, format!("lowest {low_word}, {after}")));
        m.push(Metric::date("after_low_date", a.lowest.date, after.clone()));
        m.push(Metric::computed(
            "after_run_above_gate_days",
            Days,
            a.longest_run_above_gate_days as f64,
            format!("longest run of daily {close}s above the top of the $75–80k zone, {after}"),
        ));
        if let Some(d) = a.longest_run_above_gate_start {
            m.push(Metric::date("after_run_above_gate_start", d, after.clone()));
        }
        if let Some(u) = a.first_undercut {
            m.push(Metric::date("first_undercut_date", u.date, after.clone()));
            m.push(Metric::computed("first_undercut_usd", Usd, u.usd, format!("low of the first day under the crash low, {after}")));
        }
        if let Some(u) = a.first_close_under {
            m.push(Metric::date("first_close_under_date", u.date, after.clone()));
            m.push(Metric::computed("first_close_under_usd", Usd, u.usd, format!("first {close} under the crash low, {after}")));
        }
        if let Some((d, r)) = e.lowest_rsi_after_crash_day {
            m.push(Metric::computed("after_lowest_rsi", Index, r, format!("lowest RSI(14) after 5 Feb 2026, {provider} daily {close}s")));
            m.push(Metric::date("after_lowest_rsi_date", d, after.clone()));
        }
    }
    let _ = CRASH_WINDOW;
    m
}

/// A level's provenance as a figure's: a level computed from data stays computed.
fn level_provenance(p: Provenance) -> Provenance {
    p
}

/// Metric ids of the two crash-day weeks: start, end, coin OI before, after, coin change, price
/// change, coins closed (negative: opened), positions closed in USD, liquidations share.
pub const WEEK_IDS: [[&str; 9]; 2] = [
    [
        "week1_start",
        "week1_end",
        "week1_oi_before_btc",
        "week1_oi_after_btc",
        "week1_coin_oi_change_pct",
        "week1_price_change_pct",
        "week1_coin_oi_change_btc",
        "week1_positions_closed_usd",
        "week1_liquidations_share_pct",
    ],
    [
        "week2_start",
        "week2_end",
        "week2_oi_before_btc",
        "week2_oi_after_btc",
        "week2_coin_oi_change_pct",
        "week2_price_change_pct",
        "week2_coin_oi_change_btc",
        "week2_positions_closed_usd",
        "week2_liquidations_share_pct",
    ],
];

trait WithDate {
    fn with_date(self, d: time::Date) -> Metric;
}

impl WithDate for Metric {
    fn with_date(self, d: time::Date) -> Metric {
        Metric::date(self.id, d, "first and last day of the price data")
    }
}
