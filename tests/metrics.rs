#![allow(clippy::type_complexity)]
//! The core on the bundled data. Expected values were computed independently of this crate, by
//! hand and with a short Python script over `../shared/data/bitstamp_btcusd_daily_ohlcv_2025-08_2026-07_polv89.csv`
//! (csv module, float arithmetic; the script's formulas are domain.md §1.2, §4).

use leverage_reset::bundled::*;
use leverage_reset::model::claims::ClaimVerdict;
use leverage_reset::model::provenance::Provenance;
use leverage_reset::model::scenarios::ScenarioId;
use leverage_reset::model::StoryView;
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
    // 2/61 .. 2.5/61; 3/61 .. 4/61; 2/4 .. 2.5/3.
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
fn liquidations_are_measured_against_positions_closed_per_week() {
    let v = explainer().view(Reference::ArticleFraming, "recovery").unwrap();
    // Week 29 Jan → 5 Feb: 61e9 / 84,530 = 721,637 BTC before, 49e9 / 62,795 = 780,317 after:
    // coin open interest rose by 58,680 BTC, so positions closed is undefined there.
    check(&v, "week1_oi_before_btc", 721_637.29, 0.01);
    check(&v, "week1_oi_after_btc", 780_316.90, 0.01);
    check(&v, "week1_coin_oi_change_btc", 58_679.62, 0.01);
    assert!(v.metric("week1_liquidations_share_pct").is_none());
    // Week 30 Jan → 6 Feb: 725,068 → 694,730 BTC, 30,338 BTC closed, worth $2.140B at the end
    // close (70,531) to $2.552B at the start close (84,130); $2–2.5B of Bitcoin liquidations
    // are 78.36% to 116.83% of that.
    check(&v, "week2_coin_oi_change_btc", -30_338.37, 0.01);
    check_range(&v, "week2_positions_closed_usd", 2_139_795_554.5, 2_552_367_044.3, 1.0);
    check_range(&v, "week2_liquidations_share_pct", 78.3586, 116.8336, 1e-4);
    check_range(&v, "forced_share_of_closed_pct", 78.3586, 116.8336, 1e-4);
    // The forced-share test has no figure while one week is undefined: not enough data.
    assert_eq!(v.regime[0].checks[2].value, None);
    // Every week ending 5–9 Feb: coin open interest +8.13%, −4.18%, −8.78%, −12.12%, −9.85%.
    let sens: Vec<f64> = v.leverage.sensitivity.iter().map(|w| (w.coin_open_interest_change.low * 1e4).round() / 100.0).collect();
    assert_eq!(sens, vec![8.13, -4.18, -8.78, -12.12, -9.85]);
    check_range(&v, "coin_oi_change_sensitivity_pct", -12.1231, 8.1315, 1e-3);
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
        let s = v.scenarios.iter().find(|s| s.id.as_str() == id).unwrap();
        assert_eq!((s.target_usd.low, s.target_usd.high), (tlo, thi), "{id}");
        assert!((s.move_from_reference.low * 100.0 - mlo).abs() < 1e-4 && (s.move_from_reference.high * 100.0 - mhi).abs() < 1e-4, "{id} move");
        assert!((s.drawdown_at_target.low * 100.0 - dlo).abs() < 1e-4 && (s.drawdown_at_target.high * 100.0 - dhi).abs() < 1e-4, "{id} drawdown");
        assert_eq!((s.support_at_target_usd, s.resistance_at_target_usd), (sup, res), "{id} levels");
        // The levels around the target keep their own provenance: the article's levels (A),
        // $32,851 (N: no origin found), the highest high before the crash (C, computed here).
        let expected = |usd: f64| match usd {
            126_272.0 => Provenance::Computed,
            32_851.0 => Provenance::NotFound,
            _ => Provenance::Article,
        };
        for (metric_id, usd) in [("target_support_usd", sup), ("target_resistance_usd", res)] {
            let m = v.metric(metric_id).unwrap();
            match usd {
                Some(usd) => assert_eq!((m.value, m.provenance), (Some(usd), expected(usd)), "{id} {metric_id}"),
                None => assert_eq!(m.text.as_deref(), Some("none"), "{id} {metric_id}"),
            }
        }
        assert_eq!(s.levels_crossed, crossed.iter().map(|c| c.to_string()).collect::<Vec<_>>(), "{id} crossed");
        assert_eq!(v.selected_scenario.as_str(), id);
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
    let f = leverage_reset::model::bars::format_date;
    let flips: Vec<(String, f64, Option<String>)> = zone.flips.iter().map(|x| (f(x.date), x.close_usd, x.confirmed_on.map(f))).collect();
    // Broken on 4 Feb (close 73,000), first failed test from below 17 Mar (high 76,013, close
    // 73,928); closes above $80k from 5 May; back below $75k on 27 May.
    assert_eq!(flips[0], ("2026-02-04".into(), 73_000.0, Some("2026-03-17".into())));
    assert_eq!((flips[1].0.as_str(), flips[1].1), ("2026-05-05", 80_913.0));
    assert_eq!((flips[2].0.as_str(), flips[2].1), ("2026-05-27", 74_330.48));
}

#[test]
fn claims_verdicts_at_the_articles_moment() {
    let v = explainer().view(Reference::ArticleFraming, "recovery").unwrap();
    let claim = |id: &str| v.claims.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("no claim {id}")).clone();
    let verdict = |id: &str| claim(id).verdict;
    assert_eq!(verdict("oi_decline"), ClaimVerdict::DoesNotHoldAsStated);
    // 63,526 (the low + 6%) is 49.69% below 126,272: nearly half.
    assert_eq!(verdict("drawdown_nearly_50"), ClaimVerdict::Holds);
    // The price passed 63,526 on 6 Feb, the day of the low (high 71,673).
    assert_eq!(verdict("bounce_6"), ClaimVerdict::Holds);
    assert!(claim("bounce_6").reason.words().contains("the day of the low itself"));
    assert_eq!(verdict("crash_to_60000"), ClaimVerdict::Holds);
    // Daily data cannot tell orderly from cascade: not supported, not refuted.
    assert_eq!(verdict("orderly_unwind"), ClaimVerdict::CannotCheck);
    // $2–2.5B of $3–4B is 50% to 83%: a majority except at the unfavourable ends.
    assert_eq!(verdict("btc_bulk_of_liquidations"), ClaimVerdict::DependsOnRange);
    // Broken on 4 Feb, but no failed test from below by 8 Feb: not yet resistance.
    assert_eq!(verdict("zone_flipped"), ClaimVerdict::NotSupported);
    let zone = claim("zone_flipped").reason.words();
    assert!(zone.starts_with("Closes fell into the zone on # (#). The first close below it came on # (#)"), "{zone}");
    assert!(zone.contains("The first came on # (high #, close #), after the article."), "{zone}");
    assert_eq!(verdict("extreme_oversold"), ClaimVerdict::Holds);
    // 108,435 / 35,553 − 1 = 204.995%: the article's 205% is the change on December.
    assert_eq!(verdict("layoffs"), ClaimVerdict::Holds);
    check_claim_value(&claim("layoffs").computed, 204.9954);
    // With the article's framing there is no "at your date" reading.
    assert!(v.claims.iter().all(|c| c.at_reference.is_none()));
}

fn check_claim_value(m: &leverage_reset::model::metric::Metric, expected: f64) {
    assert!((m.value.unwrap() - expected).abs() < 1e-4, "{} != {expected}", m.value.unwrap());
}

#[test]
fn claims_at_the_readers_date() {
    let e = explainer();
    // 5 Feb closed at 62,795: 50.27% below the high, not "nearly" 50%.
    let v = e.view(Reference::Close(date!(2026 - 02 - 05)), "recovery").unwrap();
    let c = v.claims.iter().find(|c| c.id == "drawdown_nearly_50").unwrap();
    assert_eq!(c.verdict, ClaimVerdict::Holds, "the article's moment does not move");
    assert_eq!(c.at_reference.as_ref().unwrap().verdict, Some(ClaimVerdict::DoesNotHoldAsStated));
    let b = v.claims.iter().find(|c| c.id == "bounce_6").unwrap().at_reference.clone().unwrap();
    assert_eq!(b.reason.words(), "Your date is before the crash low of #.");
    // By 6 May 2026 the zone had held a test from below (17 Mar).
    let v = e.view(Reference::Close(date!(2026 - 05 - 06)), "recovery").unwrap();
    let z = v.claims.iter().find(|c| c.id == "zone_flipped").unwrap();
    assert_eq!((z.verdict, z.at_reference.as_ref().unwrap().verdict), (ClaimVerdict::NotSupported, Some(ClaimVerdict::Holds)));
    // A reference before the crash never reads as a bounce.
    let v = e.view(Reference::Close(date!(2025 - 08 - 01)), "recovery").unwrap();
    let c = v.claims.iter().find(|c| c.id == "drawdown_nearly_50").unwrap();
    assert_eq!(c.verdict, ClaimVerdict::Holds);
}

#[test]
fn what_happened_next() {
    let v = explainer().view(Reference::ArticleFraming, "recovery").unwrap();
    let a = v.aftermath.as_ref().unwrap();
    let f = leverage_reset::model::bars::format_date;
    assert_eq!((a.highest.usd, f(a.highest.date)), (82_833.0, "2026-05-06".to_string()));
    assert_eq!((a.lowest.usd, f(a.lowest.date)), (57_734.63, "2026-07-01".to_string()));
    assert_eq!(a.longest_run_above_gate_days, 8);
    // The February low was undercut on 5 Jun (low 59,100); first close under it 25 Jun
    // (59,696.26).
    let u = a.first_undercut.unwrap();
    assert_eq!((f(u.date), u.usd), ("2026-06-05".to_string(), 59_100.0));
    let c = a.first_close_under.unwrap();
    assert_eq!((f(c.date), c.usd), ("2026-06-25".to_string(), 59_696.26));
    let reached = |id: ScenarioId| a.scenarios.iter().find(|s| s.id == id).unwrap().clone();
    assert_eq!(reached(ScenarioId::Recovery).first_reached, None);
    assert_eq!(reached(ScenarioId::Retest).first_reached, None);
    // The fragile range ($55–75k) did not hold: 40 closes above $75,000, the first on 16 Apr.
    let r = reached(ScenarioId::Range);
    assert_eq!((r.closes_above, r.first_close_above.map(f), r.closes_below), (40, Some("2026-04-16".to_string()), 0));
    // RSI(14) went lower on 6 Jun 2026 (15.48) than on 5 Feb (15.87).
    check(&v, "after_lowest_rsi", 15.4780, 1e-4);
    assert_eq!(text(&v, "after_lowest_rsi_date"), "2026-06-06");
    // 5 and 6 Feb traded 4.91 and 4.63 times the median of the 30 days before.
    check(&v, "volume_multiple_crash_day", 12_980.44506677 / 2_645.650629385, 1e-9);
    check(&v, "volume_multiple_low_day", 12_389.36347229 / 2_678.51954127, 1e-9);
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
