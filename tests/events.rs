//! The event study on the bundled files. Every expected number below was printed by
//! `python3 tools/check_events.py`, which reads ../shared/data directly (the source CSVs, not
//! www/data/event_windows.csv and not this crate), and was pasted here by hand.

use leverage_reset::model::events::*;
use time::macros::date;

fn study() -> EventStudy {
    EventStudy::bundled().unwrap()
}

fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: {a} vs {b}");
}

/// (id, worst day, worst-day change %, prior high, its date, cycle high, its date, low, its date,
///  fall from prior %, fall from cycle %, days, rebound 7/30/90 %, undercut date, volume
///  multiple, RSI14), from tools/check_events.py.
#[allow(clippy::type_complexity)]
const EXPECTED: &[(&str, &str, f64, f64, &str, f64, &str, f64, &str, f64, f64, i64, [f64; 3], Option<&str>, f64, f64)] = &[
    (
        "covid_2020",
        "2020-03-12",
        -38.8124,
        10522.51,
        "2020-02-13",
        19891.99,
        "2017-12-17",
        3858.0,
        "2020-03-13",
        -63.3357,
        -80.6053,
        29,
        [60.8631, 79.0599, 140.2322],
        None,
        10.5997,
        15.6194,
    ),
    (
        "may_2021",
        "2021-05-19",
        -14.2926,
        59592.2,
        "2021-05-10",
        64899.0,
        "2021-04-14",
        30000.0,
        "2021-05-19",
        -49.6578,
        -53.7743,
        9,
        [30.9774, 19.4727, 48.9053],
        Some("2021-06-22"),
        6.0435,
        22.9408,
    ),
    (
        "june_2022",
        "2022-06-13",
        -15.4178,
        32383.96,
        "2022-05-31",
        69000.0,
        "2021-11-10",
        20816.4,
        "2022-06-14",
        -35.7200,
        -69.8313,
        14,
        [-0.5738, -1.1500, 7.6205],
        Some("2022-06-15"),
        4.3960,
        24.1757,
    ),
    (
        "ftx_2022",
        "2022-11-09",
        -14.3302,
        21478.8,
        "2022-11-05",
        69000.0,
        "2021-11-10",
        15512.0,
        "2022-11-09",
        -27.7800,
        -77.5188,
        4,
        [7.3056, 10.4344, 49.8496],
        Some("2022-11-21"),
        4.6123,
        24.4488,
    ),
    (
        "oct10_2025",
        "2025-10-10",
        -7.1482,
        126272.0,
        "2025-10-06",
        126272.0,
        "2025-10-06",
        109683.0,
        "2025-10-10",
        -13.1375,
        -13.1375,
        4,
        [-2.9239, -4.5385, -17.0054],
        Some("2025-10-16"),
        2.5816,
        42.1625,
    ),
    (
        "feb2026",
        "2026-02-05",
        -13.9795,
        97939.0,
        "2026-01-14",
        126272.0,
        "2025-10-06",
        59930.0,
        "2026-02-06",
        -38.8089,
        -52.5390,
        23,
        [14.8206, 10.0868, 33.5174],
        None,
        4.9063,
        15.8602,
    ),
];

#[test]
fn every_figure_of_every_event_matches_the_independent_script() {
    let s = study();
    assert_eq!(s.events.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), EXPECTED.iter().map(|x| x.0).collect::<Vec<_>>());
    for &(id, worst, worst_pct, ph, ph_d, ch, ch_d, low, low_d, f_prior, f_cycle, days, reb, under, vol, rsi) in EXPECTED {
        let e = s.find(id).unwrap();
        let d = |t: &str| leverage_reset::model::bars::parse_date(t).unwrap();
        assert_eq!(e.worst_day, d(worst), "{id}");
        // The script prints 4 decimals of a percent: tolerance 0.0001 percentage points = 1e-6.
        close(e.worst_day_change, worst_pct / 100.0, 1e-6, id);
        assert_eq!((e.prior_high.usd, e.prior_high.date), (ph, d(ph_d)), "{id} prior high");
        assert_eq!((e.cycle_high.usd, e.cycle_high.date), (ch, d(ch_d)), "{id} cycle high");
        assert_eq!((e.event_low.usd, e.event_low.date), (low, d(low_d)), "{id} low");
        close(e.fall_from_prior_high, f_prior / 100.0, 1e-6, id);
        close(e.fall_from_cycle_high, f_cycle / 100.0, 1e-6, id);
        assert_eq!(e.days_prior_high_to_low, days, "{id} days");
        close(e.rebound_7d.unwrap(), reb[0] / 100.0, 1e-6, id);
        close(e.rebound_30d.unwrap(), reb[1] / 100.0, 1e-6, id);
        close(e.rebound_90d.unwrap(), reb[2] / 100.0, 1e-6, id);
        match under {
            None => assert_eq!(e.undercut, Undercut::Held, "{id}"),
            Some(t) => assert_eq!(e.undercut, Undercut::Undercut { date: d(t) }, "{id}"),
        }
        close(e.volume_multiple.unwrap(), vol, 1e-4, id);
        close(e.rsi14.unwrap(), rsi, 1e-4, id);
    }
}

#[test]
fn rsi_is_seeded_on_the_window_and_the_seed_barely_matters() {
    // check_events.py, RSI14 seeded on the whole file instead of the window: covid 15.6208,
    // may 22.9467, june 24.1731, ftx 24.4528, feb2026 15.8687: within 0.01 of the window value.
    let s = study();
    for (id, whole_file) in [("covid_2020", 15.6208), ("may_2021", 22.9467), ("june_2022", 24.1731), ("ftx_2022", 24.4528), ("feb2026", 15.8687)] {
        close(s.find(id).unwrap().rsi14.unwrap(), whole_file, 0.01, id);
    }
    assert_eq!(s.find("feb2026").unwrap().rsi_seeded_on, date!(2025 - 10 - 28));
    // The Bitstamp file starts 2025-08-01, 70 days before 10 Oct 2025.
    assert_eq!(s.find("oct10_2025").unwrap().rsi_seeded_on, date!(2025 - 08 - 01));
}

#[test]
fn index_series_match_the_script() {
    // (id, d−30, d0, d+1, d+30, d+90), from check_events.py; 121 points each.
    let s = study();
    for (id, v) in [
        ("covid_2020", [129.3770, 61.1876, 71.0200, 86.7927, 124.6407]),
        ("may_2021", [129.9592, 85.7074, 94.7878, 83.6309, 104.2337]),
        ("june_2022", [113.1299, 84.5822, 83.2991, 76.1441, 82.2126]),
        ("ftx_2022", [103.1406, 85.6698, 94.6289, 92.3469, 125.3065]),
        ("oct10_2025", [93.6670, 92.8518, 91.0177, 86.0389, 74.8026]),
        ("feb2026", [128.3726, 86.0205, 96.6178, 92.1493, 111.5712]),
    ] {
        let e = s.find(id).unwrap();
        assert_eq!(e.series.len(), 121, "{id}");
        assert_eq!((e.series[0].day, e.series[120].day), (-30, 90));
        let at = |day: i32| e.series.iter().find(|p| p.day == day).unwrap().value;
        close(at(-1), 100.0, 1e-12, id);
        for (day, want) in [-30, 0, 1, 30, 90].into_iter().zip(v) {
            close(at(day), want, 1e-4, id);
        }
    }
}

#[test]
fn october_leverage_matches_the_coinglass_files() {
    // check_events.py: OI close 2025-10-03 89,043,074,719; 10-09 90,237,622,503; 10-10 70,505,795,930.
    // Day −19,731,826,573 USD (−21.8665%); week −18,537,278,789 (−20.8183%).
    // Coins (OI / Bitstamp close): day −117,539.23 (−15.8514%); week −104,056.12 (−14.2930%).
    // Binance liquidations on 10 Oct: long 286,427,425.63, short 117,263,362.96.
    let e = study().find("oct10_2025").unwrap().clone();
    let day = e.leverage.oi_day.unwrap();
    let week = e.leverage.oi_week.unwrap();
    assert_eq!((day.from, week.from), (date!(2025 - 10 - 09), date!(2025 - 10 - 03)));
    close(day.usd, -19_731_826_573.0, 0.5, "day usd");
    close(day.usd_pct, -0.218665, 1e-6, "day pct");
    close(week.usd, -18_537_278_789.0, 0.5, "week usd");
    close(week.usd_pct, -0.208183, 1e-6, "week pct");
    close(day.coins, -117_539.23, 0.01, "day coins");
    close(day.coins_pct, -0.158514, 1e-6, "day coins pct");
    close(week.coins, -104_056.12, 0.01, "week coins");
    close(week.coins_pct, -0.142930, 1e-6, "week coins pct");
    assert_eq!(e.leverage.liquidations_long_usd, Some(286_427_425.63));
    assert_eq!(e.leverage.liquidations_short_usd, Some(117_263_362.96));
    // The others have no series: reported figures with a source, or not found.
    let s = study();
    for other in ["covid_2020", "may_2021", "june_2022", "ftx_2022", "feb2026"] {
        let e = s.find(other).unwrap();
        assert!(e.leverage.oi_day.is_none() && e.leverage.liquidations_long_usd.is_none(), "{other}");
        assert!(!e.leverage.rows.is_empty());
        for r in &e.leverage.rows {
            match r.provenance {
                LeverageProvenance::Reported => assert!(r.url.starts_with("https://") && !r.source.is_empty() && r.as_of.is_some() && r.value.is_some(), "{other} {}", r.figure),
                LeverageProvenance::NotFound => assert!(r.value.is_none() && !r.note.is_empty()),
                LeverageProvenance::Data => panic!("{other} has no dataset"),
            }
        }
    }
}

#[test]
fn sentences_choose_their_words_from_the_figures() {
    use leverage_reset::model::format::text_plain_values;
    use leverage_reset::model::text::{Part, Unit};
    let s = study();
    let parts = sentences(&s, "feb2026").unwrap();
    let t: Vec<String> = parts.iter().map(text_plain_values).collect();
    assert_eq!(t.len(), 3);
    // Worst days (script): covid −38.8, june −15.4, ftx −14.33, may −14.29, feb −13.98, oct −7.1:
    // fifth of six. Falls from the 30-day high: covid −63.3, may −49.7, feb −38.8: third.
    // Volume multiples: covid 10.6, may 6.04, feb 4.91: third-highest.
    assert_eq!(
        t[0],
        "Feb 2026's worst day, a 14.0% fall from close to close on Feb 5, 2026, was the fifth-largest of the six crashes here; measured from the 30-day high to the low (-38.8%), it was the third-largest, and its volume, 4.9 times the 30-day median, the third-highest."
    );
    assert_eq!(t[1], "Feb 2026's low held for the 90 days after it, as did that of Mar 2020; those of May 2021, Jun 2022, Nov 2022 and Oct 2025 were undercut.");
    assert!(t[2].contains("two exchanges (Coinbase and Bitstamp)") && t[2].contains("intraday"));
    // No number or date is written by the core: they travel as parts, formatted by the page.
    assert_eq!(parts[0].words(), "Feb 2026's worst day, a # fall from close to close on #, was the fifth-largest of the six crashes here; measured from the 30-day high to the low (#), it was the third-largest, and its volume, # times the 30-day median, the third-highest.");
    let values: Vec<(f64, Unit, bool, Option<u8>)> =
        parts[0].0.iter().filter_map(|p| if let Part::Value { v, u, abs, d, .. } = p { Some((*v, *u, *abs, *d)) } else { None }).collect();
    assert_eq!(values.iter().map(|x| (x.1, x.2, x.3)).collect::<Vec<_>>(), vec![(Unit::Pct, true, Some(1)), (Unit::Pct, false, Some(1)), (Unit::Ratio, false, Some(1))]);
    close(values[0].0, -13.9795, 1e-4, "worst day %");
    close(values[1].0, -38.8089, 1e-4, "fall from the 30-day high %");
    close(values[2].0, 4.9063, 1e-4, "volume multiple");
    assert!(parts[0].0.contains(&Part::Date { date: "2026-02-05".into(), p: None, frame: false }));
    // COVID: the largest on every measure; Oct 2025: the smallest worst day, undercut.
    let c = text_plain_values(&sentences(&s, "covid_2020").unwrap()[0]);
    assert_eq!(
        c,
        "Mar 2020's worst day, a 38.8% fall from close to close on Mar 12, 2020, was the largest of the six crashes here; measured from the 30-day high to the low (-63.3%), it was the largest, and its volume, 10.6 times the 30-day median, the highest."
    );
    let o: Vec<String> = sentences(&s, "oct10_2025").unwrap().iter().map(text_plain_values).collect();
    assert_eq!(
        o[0],
        "Oct 2025's worst day, a 7.1% fall from close to close on Oct 10, 2025, was the smallest of the six crashes here; measured from the 30-day high to the low (-13.1%), it was the smallest, and its volume, 2.6 times the 30-day median, the lowest."
    );
    assert_eq!(o[1], "Oct 2025's low was undercut on Oct 16, 2025, as were those of May 2021, Jun 2022 and Nov 2022; the lows of Mar 2020 and Feb 2026 held.");
    assert!(sentences(&s, "nope").is_none());
}

#[test]
fn leverage_rows_carry_the_page_provenance() {
    use leverage_reset::model::story::Provenance;
    let s = study();
    let kinds: Vec<(LeverageProvenance, Provenance)> = s.events.iter().flat_map(|e| e.leverage.rows.iter().map(|r| (r.provenance, r.page_provenance))).collect();
    assert!(kinds.contains(&(LeverageProvenance::Data, Provenance::Reported)));
    assert!(kinds.contains(&(LeverageProvenance::Reported, Provenance::Reported)));
    assert!(kinds.contains(&(LeverageProvenance::NotFound, Provenance::NotFound)));
    assert!(kinds.iter().all(|(k, p)| k.page() == *p));
}

#[test]
fn rank_words() {
    assert_eq!(ranked_words(1, 6, "largest", "smallest"), "the largest");
    assert_eq!(ranked_words(2, 6, "largest", "smallest"), "the second-largest");
    assert_eq!(ranked_words(5, 6, "largest", "smallest"), "the fifth-largest");
    assert_eq!(ranked_words(6, 6, "largest", "smallest"), "the smallest");
    assert_eq!(ranked_words(1, 1, "largest", "smallest"), "the largest");
    assert_eq!(ranked_words(11, 12, "largest", "smallest"), "number 11 (by largest first)");
}

// ---- validation ----

const EV_HEADER: &str = "id,name,short_name,worst_day,search_days,price_data,cycle_high_usd,cycle_high_date,cycle_high_provenance,notes\n";
const WIN_HEADER: &str = "event_id,date,open,high,low,close,volume\n";
const LEV_HEADER: &str = "event_id,figure,label,value,unit,provenance,source,url,as_of,note\n";

/// A synthetic event "x" of 40 days from 2024-01-01 with closes 100, falling 20% on day 32
/// (2024-02-02) and recovering.
fn synthetic(worst_day: &str, cycle_high: &str) -> (String, String, String) {
    let ev = format!("{EV_HEADER}x,Test,Test,{worst_day},3,none,{cycle_high},2023-12-01,computed: test,\n");
    let mut win = format!("# x source: Test exchange\n{WIN_HEADER}");
    let start = date!(2024 - 01 - 01);
    for i in 0..40 {
        let c = if i == 32 {
            80.0
        } else if i > 32 {
            90.0
        } else {
            100.0
        };
        win.push_str(&format!("x,{},{c},{},{},{c},10\n", leverage_reset::model::bars::format_date(start + time::Duration::days(i)), c + 1.0, c - 1.0));
    }
    let lev = format!("{LEV_HEADER}x,open_interest,Open interest,,,not_found,,,,searched the news\n");
    (ev, win, lev)
}

fn err(ev: &str, win: &str, lev: &str) -> String {
    EventStudy::new(ev, "events.csv", win, "event_windows.csv", lev, "event_leverage.csv").unwrap_err().to_string()
}

#[test]
fn a_synthetic_event_computes() {
    let (ev, win, lev) = synthetic("2024-02-02", "150");
    let s = EventStudy::new(&ev, "events.csv", &win, "event_windows.csv", &lev, "event_leverage.csv").unwrap();
    let e = &s.events[0];
    close(e.worst_day_change, -0.2, 1e-12, "80 / 100 − 1");
    // Low of the worst day 79, the day after 89: the worst day's.
    assert_eq!(e.event_low.usd, 79.0);
    assert_eq!(e.undercut, Undercut::NotYetKnown);
    assert_eq!(e.rebound_90d, None);
    assert_eq!(e.volume_multiple, Some(1.0));
}

#[test]
fn the_events_file_is_validated_with_file_row_and_field() {
    let (ev, win, lev) = synthetic("2024-02-02", "150");
    let cases: Vec<(String, String, String, &str)> = vec![
        (ev.replace("2024-02-02", "2024-02-30"), win.clone(), lev.clone(), "events.csv, row 1, field 'worst_day': '2024-02-30' is not a date YYYY-MM-DD"),
        (ev.replace("2024-02-02", "2025-02-02"), win.clone(), lev.clone(), "events.csv, row 1, field 'worst_day': 2025-02-02 is outside the data of x (2024-01-01 to 2024-02-09)"),
        (ev.replace("2024-02-02", "2024-01-20"), win.clone(), lev.clone(), "events.csv, row 1, field 'worst_day': 2024-01-20 has 19 day(s) of data before it; it needs 30"),
        (
            ev.replace("2024-02-02", "2024-01-31"),
            win.clone(),
            lev.clone(),
            "events.csv, row 1, field 'worst_day': 2024-02-02 fell -20.00% close to close, more than 2024-01-31 (0.00%), within 3 days",
        ),
        (format!("{ev}x,Again,Again,2024-02-02,3,none,150,2023-12-01,p,\n"), win.clone(), lev.clone(), "events.csv, row 2, field 'id': 'x' is already the id of row 1"),
        (ev.replace(",150,", ",99,"), win.clone(), lev.clone(), "events.csv, row 1, field 'cycle_high_usd': 99 is below the high of 2024-01-01 (101) in the data"),
        (ev.replace(",3,none", ",x,none"), win.clone(), lev.clone(), "events.csv, row 1, field 'search_days': 'x' is not a whole number of days from 0 to 30"),
        (ev.replace("2023-12-01", "2024-03-01"), win.clone(), lev.clone(), "events.csv, row 1, field 'cycle_high_date': 2024-03-01 is not before the worst day 2024-02-02"),
        (
            ev.replace(",short_name", ""),
            win.clone(),
            lev.clone(),
            "events.csv: missing column 'short_name' (the header has: id, name, worst_day, search_days, price_data, cycle_high_usd, cycle_high_date, cycle_high_provenance, notes)",
        ),
        (
            format!("{ev}y,New,New,2024-02-02,3,none,150,2023-12-01,p,\n"),
            win.clone(),
            lev.clone(),
            "events.csv, row 2, field 'id': y has no rows in event_windows.csv: regenerate it with tools/make_event_windows.py",
        ),
        (ev.clone(), win.replace("x,2024-01-05", "z,2024-01-05"), lev.clone(), "event_windows.csv, row 5, field 'event_id': 'z' is not an event of events.csv"),
        (
            ev.clone(),
            win.replace("x,2024-01-05,100,101,99", "x,2024-01-04,100,101,99"),
            lev.clone(),
            "event_windows.csv, row 5, field 'date': 2024-01-04 comes after 2024-01-04 for x: rows must be sorted by date, once each",
        ),
        (
            ev.clone(),
            win.replace("x,2024-01-05,100,101,99,100,10\n", ""),
            lev.clone(),
            "event_windows.csv, row 5, field 'date': 1 day(s) missing for x between 2024-01-04 and 2024-01-06",
        ),
        (ev.clone(), win.replace("x,2024-01-05,100,101,99", "x,2024-01-05,100,99.5,99"), lev.clone(), "event_windows.csv, row 5, field 'high': high 99.5 is below the open"),
        (ev.clone(), win.replace("# x source: Test exchange\n", ""), lev.clone(), "event_windows.csv: no '# x source:' line"),
        (ev.clone(), win.clone(), format!("{LEV_HEADER}q,oi,OI,,,not_found,,,,n\n"), "event_leverage.csv, row 1, field 'event_id': 'q' is not an event of events.csv"),
        (ev.clone(), win.clone(), format!("{LEV_HEADER}x,oi,OI,,,guess,,,,n\n"), "event_leverage.csv, row 1, field 'provenance': 'guess' is not one of data, reported, not_found"),
        (
            ev.clone(),
            win.clone(),
            format!("{LEV_HEADER}x,oi,OI,5,usd,reported,Paper,,2024-02-02,\n"),
            "event_leverage.csv, row 1, field 'url': a reported row needs the link to its source",
        ),
        (
            ev.clone(),
            win.clone(),
            format!("{LEV_HEADER}x,oi,OI,,usd,reported,Paper,https://x,2024-02-02,\n"),
            "event_leverage.csv, row 1, field 'value': a reported row needs a value",
        ),
        (ev.clone(), win.clone(), format!("{LEV_HEADER}x,oi,OI,,,not_found,,,,\n"), "event_leverage.csv, row 1, field 'note': a not_found row must say what was searched"),
        (ev.clone(), win.clone(), LEV_HEADER.to_string(), "event_leverage.csv: the file has a header but no data rows"),
    ];
    for (ev, win, lev, want) in cases {
        assert_eq!(err(&ev, &win, &lev), want);
    }
}
