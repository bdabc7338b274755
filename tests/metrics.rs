//! The core on the bundled data. Expected values were computed independently of this crate, by
//! hand and with a short Python script over `../shared/data/bitstamp_btcusd_daily_ohlcv_2025-08_2026-07_polv89.csv`
//! (csv module, float arithmetic; the script's formulas are domain.md §1.2, §4).

use leverage_reset::bundled::*;
use leverage_reset::model::explainer::{ClaimVerdict, StoryView};
use leverage_reset::model::{Explainer, Reference};
use time::macros::date;

fn explainer() -> Explainer {
    Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).expect("bundled data is valid")
}

fn metric(view: &StoryView, id: &str) -> (Option<f64>, Option<f64>, Option<f64>, Option<String>) {
    let m = view.metrics.iter().find(|m| m.id == id).unwrap_or_else(|| panic!("no metric {id}"));
    (m.value, m.low, m.high, m.text.clone())
}

/// Checks a point metric against an expected value within `tol`.
fn check(view: &StoryView, id: &str, expected: f64, tol: f64) {
    let v = metric(view, id).0.unwrap_or_else(|| panic!("{id} is not a point value"));
    assert!((v - expected).abs() <= tol, "{id}: {v} != {expected}");
}

/// Checks a range metric's two bounds.
fn check_range(view: &StoryView, id: &str, low: f64, high: f64, tol: f64) {
    let (_, l, h, _) = metric(view, id);
    let (l, h) = (l.unwrap_or_else(|| panic!("{id} is not a range")), h.unwrap());
    assert!((l - low).abs() <= tol && (h - high).abs() <= tol, "{id}: [{l}, {h}] != [{low}, {high}]");
}

fn text(view: &StoryView, id: &str) -> String {
    metric(view, id).3.unwrap_or_else(|| panic!("{id} has no text"))
}

#[test]
fn price_metrics_on_bundled_data() {
    let v = explainer().view(Reference::ArticleFraming, "recovery").unwrap();
    check(&v, "ath_usd", 126_272.0, 0.0);
    assert_eq!(text(&v, "ath_date"), "2025-10-06");
    check(&v, "crash_low_usd", 59_930.0, 0.0);
    assert_eq!(text(&v, "crash_low_date"), "2026-02-06");
    check(&v, "drawdown_at_low_pct", 52.5390, 1e-4);
    check(&v, "reference_usd", 63_525.8, 1e-6);
    check(&v, "drawdown_at_reference_pct", 49.6913, 1e-4);
    check(&v, "bounce_pct", 6.0, 1e-9);
    check(&v, "gain_to_ath_pct", 98.7728, 1e-4);
    check(&v, "retracement_pct", 5.4201, 1e-4);
    check(&v, "largest_drop_pct", -13.9795, 1e-4);
    assert_eq!(text(&v, "largest_drop_date"), "2026-02-05");
    check(&v, "rsi_crash_day", 15.8687, 1e-4);
}

#[test]
fn leverage_metrics_on_bundled_data() {
    let v = explainer().view(Reference::ArticleFraming, "recovery").unwrap();
    check(&v, "oi_change_pct", -19.6721, 1e-4);
    check(&v, "oi_change_usd", -12e9, 0.0);
    // Weeks 29 Jan→5 Feb (84,530→62,795) and 30 Jan→6 Feb (84,130→70,531).
    check_range(&v, "price_change_week_pct", -25.7128, -16.1643, 1e-4);
    check_range(&v, "coin_oi_change_pct", -4.1842, 8.1315, 1e-4);
    check_range(&v, "open_interest_before_btc", 721_637.29, 725_068.35, 0.01);
    check_range(&v, "open_interest_after_btc", 694_729.98, 780_316.90, 0.01);
    check_range(&v, "price_markdown_share_pct", 80.4876, 135.6888, 1e-4);
    // 2/12 and 2.5/12; 2/61 .. 2.5/61; 3/61 .. 4/61; 2/4 .. 2.5/3.
    check_range(&v, "forced_share_pct", 16.6667, 20.8333, 1e-4);
    check_range(&v, "btc_liquidations_share_of_oi_pct", 3.2787, 4.0984, 1e-4);
    check_range(&v, "liquidations_share_of_oi_pct", 4.9180, 6.5574, 1e-4);
    check_range(&v, "btc_share_of_liquidations_pct", 50.0, 83.3333, 1e-4);
    assert_eq!(text(&v, "regime"), "not_enough_data");
    assert_eq!(text(&v, "regime_day"), "not_enough_data");
    let day = &v.regime[1];
    let signal = day.checks.iter().find(|c| c.side == "signal").unwrap();
    assert!((signal.value.unwrap().low + 0.139_795).abs() < 1e-6);
}

#[test]
fn scenarios_from_the_article_framing() {
    let e = explainer();
    // (id, target low, target high, move low/high %, drawdown low/high %, support, resistance, crossed)
    let cases: [(&str, f64, f64, f64, f64, f64, f64, Option<f64>, Option<f64>, &[&str]); 5] = [
        ("recovery", 89_070.0, 89_070.0, 40.2107, 40.2107, 29.4618, 29.4618, Some(80_000.0), Some(126_272.0), &["$75–80k zone (support turned resistance)"]),
        ("range", 55_000.0, 75_000.0, -13.4210, 18.0623, 40.6044, 56.4432, Some(55_000.0), Some(75_000.0), &[]),
        ("retest", 50_000.0, 55_000.0, -21.2918, -13.4210, 56.4432, 60.4029, Some(43_000.0), Some(75_000.0), &[]),
        ("breakdown", 43_000.0, 43_000.0, -32.3110, -32.3110, 65.9465, 65.9465, Some(32_851.0), Some(50_000.0), &["$50–55k support range"]),
        ("catastrophic", 32_851.0, 32_851.0, -48.2872, -48.2872, 73.9839, 73.9839, None, Some(43_000.0), &["$50–55k support range", "$43,000 critical floor"]),
    ];
    for (id, tlo, thi, mlo, mhi, dlo, dhi, sup, res, crossed) in cases {
        let v = e.view(Reference::ArticleFraming, id).unwrap();
        let s = v.scenarios.iter().find(|s| s.id == id).unwrap();
        assert_eq!((s.target_usd.low, s.target_usd.high), (tlo, thi), "{id}");
        assert!((s.move_from_reference.low * 100.0 - mlo).abs() < 1e-4 && (s.move_from_reference.high * 100.0 - mhi).abs() < 1e-4, "{id} move");
        assert!((s.drawdown_at_target.low * 100.0 - dlo).abs() < 1e-4 && (s.drawdown_at_target.high * 100.0 - dhi).abs() < 1e-4, "{id} drawdown");
        assert_eq!((s.support_at_target_usd, s.resistance_at_target_usd), (sup, res), "{id} levels");
        assert_eq!(s.levels_crossed, crossed.iter().map(|c| c.to_string()).collect::<Vec<_>>(), "{id} crossed");
        assert_eq!(v.selected_scenario, id);
    }
    // Gain needed to regain the high from the breakdown target: 126,272 / 43,000 − 1.
    let v = e.view(Reference::ArticleFraming, "breakdown").unwrap();
    check(&v, "gain_to_ath_at_target_pct", 193.6558, 1e-4);
    check(&v, "nearest_support_usd", 55_000.0, 0.0);
    check(&v, "nearest_resistance_usd", 75_000.0, 0.0);
}

#[test]
fn reference_can_be_any_close() {
    let e = explainer();
    // 2026-05-06 closed at 81,447 (above the zone): the zone is support, $89,070 resistance.
    let v = e.view(Reference::Close(date!(2026 - 05 - 06)), "recovery").unwrap();
    check(&v, "reference_usd", 81_447.0, 1e-6);
    check(&v, "nearest_support_usd", 80_000.0, 0.0);
    check(&v, "nearest_resistance_usd", 89_070.0, 0.0);
    check(&v, "move_pct", (89_070.0 / 81_447.0 - 1.0) * 100.0, 1e-9);
    let zone = v.levels.iter().find(|l| l.id == "level_resistance_zone").unwrap();
    assert_eq!(serde_plain(&zone.role), "support");
    let err = e.view(Reference::Close(date!(2027 - 01 - 01)), "recovery").unwrap_err();
    assert_eq!(err.to_string(), "reference date: no close for 2027-01-01: pick a day from 2025-08-01 to 2026-07-15");
    let err = e.view(Reference::ArticleFraming, "moon").unwrap_err();
    assert!(err.to_string().contains("'moon' is not one of"), "{err}");
}

fn serde_plain(role: &leverage_reset::model::levels::Role) -> &'static str {
    use leverage_reset::model::levels::Role::*;
    match role {
        Support => "support",
        Resistance => "resistance",
        Inside => "inside",
    }
}

#[test]
fn role_reversals_of_the_75_80k_zone() {
    let v = explainer().view(Reference::ArticleFraming, "recovery").unwrap();
    let zone = v.level_history.iter().find(|h| h.id == "level_resistance_zone").unwrap();
    let flips: Vec<(String, f64)> = zone.flips.iter().map(|f| (leverage_reset::model::bars::format_date(f.date), f.close_usd)).collect();
    assert_eq!(flips, vec![("2026-02-04".into(), 73_000.0), ("2026-05-05".into(), 80_913.0), ("2026-05-27".into(), 74_330.48)]);
}

#[test]
fn claims_verdicts() {
    let v = explainer().view(Reference::ArticleFraming, "recovery").unwrap();
    let verdict = |id: &str| v.claims.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no claim {id}")).verdict;
    assert_eq!(verdict("oi_decline"), ClaimVerdict::DoesNotHoldAsStated);
    assert_eq!(verdict("drawdown_nearly_50"), ClaimVerdict::DependsOnReference);
    assert_eq!(verdict("bounce_6"), ClaimVerdict::DependsOnReference);
    assert_eq!(verdict("crash_to_60000"), ClaimVerdict::Holds);
    assert_eq!(verdict("orderly_unwind"), ClaimVerdict::DoesNotHoldAsStated);
    assert_eq!(verdict("btc_bulk_of_liquidations"), ClaimVerdict::DependsOnReference);
    assert_eq!(verdict("zone_flipped"), ClaimVerdict::Holds);
    assert_eq!(verdict("extreme_oversold"), ClaimVerdict::Holds);
    assert_eq!(verdict("layoffs"), ClaimVerdict::NotCheckable);
    // At the low itself, "nearly 50%" does not hold: 52.54% is more than half.
    let at_low = explainer().view(Reference::Close(date!(2026 - 02 - 05)), "recovery").unwrap();
    let c = at_low.claims.iter().find(|c| c.id == "drawdown_nearly_50").unwrap();
    assert_eq!(c.verdict, ClaimVerdict::DoesNotHoldAsStated, "close 62,795 is 50.27% below the high");
}

#[test]
fn what_happened_next() {
    let v = explainer().view(Reference::ArticleFraming, "recovery").unwrap();
    let a = v.aftermath.as_ref().unwrap();
    assert_eq!((a.highest.usd, leverage_reset::model::bars::format_date(a.highest.date)), (82_833.0, "2026-05-06".to_string()));
    assert_eq!((a.lowest.usd, leverage_reset::model::bars::format_date(a.lowest.date)), (57_734.63, "2026-07-01".to_string()));
    assert_eq!(a.longest_run_above_gate_days, 8);
    assert_eq!(a.followed, "range");
    let reached = |id: &str| a.scenarios.iter().find(|s| s.id == id).unwrap().first_reached.map(leverage_reset::model::bars::format_date);
    assert_eq!(reached("recovery"), None);
    assert_eq!(reached("retest"), None);
    assert_eq!(reached("range"), Some("2026-02-07".into()));
}

#[test]
fn only_the_last_day_is_marked_partial() {
    let e = explainer();
    let partial: Vec<String> = e.series.bars.iter().filter(|b| b.partial).map(|b| leverage_reset::model::bars::format_date(b.date)).collect();
    assert_eq!(partial, vec!["2026-07-15".to_string()]);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let broken = PRICES_CSV.replacen("2025-08-03,1754179200,112522.0,114774.0,111919.0,114226.0", "2025-08-03,1754179200,112522.0,114774.0,115919.0,114226.0", 1);
    let err = Explainer::new(&broken, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap_err();
    // The low is above the high: said so, on line 6 of the file (two # lines, the header, then
    // the third day).
    assert_eq!(err.to_string(), "btcusd_bitstamp_daily.csv, line 6, field 'high': high 114774 is below low 115919");
    let broken = PRICES_CSV.replacen("2025-08-03,1754179200,112522.0,114774.0,111919.0,114226.0", "2025-08-03,1754179200,112522.0,114774.0,113919.0,114226.0", 1);
    let err = Explainer::new(&broken, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap_err();
    assert_eq!(err.to_string(), "btcusd_bitstamp_daily.csv, line 6, field 'low': low 113919 is above the open");
    // A file that ends before the crash.
    let short: String = PRICES_CSV.lines().take(30).collect::<Vec<_>>().join("\n");
    let err = Explainer::new(&short, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap_err();
    assert_eq!(err.to_string(), "btcusd_bitstamp_daily.csv: no bars between 2026-01-29 and 2026-02-08: the crash window is not covered");
}
