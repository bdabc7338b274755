#![allow(clippy::type_complexity)]
//! Data in the formats people have (issue 4): each fixture in `tests/fixtures/` (real values in
//! documented shapes, see its README) and each failure, with expected values read off the
//! source files by hand.

use leverage_reset::bundled::*;
use leverage_reset::model::bars::format_date;
use leverage_reset::model::ingest::{ingest, DataFormat};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// (date, open, high, low, close) of every bar.
fn bars(text: &str, name: &str) -> (DataFormat, Vec<(String, f64, f64, f64, f64)>, Vec<String>) {
    let got = ingest(text, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let rows = got.series.bars.iter().map(|b| (format_date(b.date), b.open_usd, b.high_usd, b.low_usd, b.close_usd)).collect();
    (got.format, rows, got.series.warnings)
}

/// The five Bitstamp days 2026-02-03..07, from the Polv89 file.
fn bitstamp_days() -> Vec<(String, f64, f64, f64, f64)> {
    vec![
        ("2026-02-03".into(), 78_666.0, 79_113.0, 72_863.0, 75_662.0),
        ("2026-02-04".into(), 75_661.0, 76_873.0, 71_704.0, 73_000.0),
        ("2026-02-05".into(), 73_000.0, 73_175.0, 62_200.0, 62_795.0),
        ("2026-02-06".into(), 62_795.0, 71_673.0, 59_930.0, 70_531.0),
        ("2026-02-07".into(), 70_515.0, 71_622.0, 67_313.0, 69_246.0),
    ]
}

#[test]
fn every_documented_shape_gives_the_same_days() {
    for (file, format) in [
        ("bitstamp_ohlc.json", DataFormat::BitstampOhlc { intraday: false }),
        ("binance_klines_shape.json", DataFormat::BinanceKlines { intraday: false }),
        ("kraken_ohlc_shape.json", DataFormat::KrakenOhlc { intraday: false }),
        ("semicolon_decimal_comma.csv", DataFormat::Csv { delimiter: ';', intraday: false }),
        ("tab_unix_ms.tsv", DataFormat::Csv { delimiter: '\t', intraday: false }),
    ] {
        let (got_format, rows, _) = bars(&fixture(file), file);
        assert_eq!(got_format, format, "{file}");
        let rounded: Vec<_> = rows.iter().map(|r| (r.0.clone(), r.1.round(), r.2.round(), r.3.round(), r.4.round())).collect();
        assert_eq!(rounded, bitstamp_days(), "{file}");
    }
}

#[test]
fn coinbase_candles_are_reordered_and_read_low_before_high() {
    // mathaszip (Coinbase) 2025-09-22..24: O 115,282.26 H 115,441.37 L 111,761.22 C 112,736.59 first.
    let (format, rows, _) = bars(&fixture("coinbase_candles.json"), "coinbase");
    assert_eq!(format, DataFormat::CoinbaseCandles { intraday: false });
    assert_eq!(rows[0], ("2025-09-22".into(), 115_282.26, 115_441.37, 111_761.22, 112_736.59));
    assert_eq!(rows[2], ("2025-09-24".into(), 112_017.21, 113_950.0, 111_066.07, 113_700.11));
}

#[test]
fn intraday_bars_become_utc_days() {
    // CoinGlass 4h rows: 2025-10-09 20:00 alone, then six rows of 2025-10-10:
    // open 121,579.4 (00:00), high 122,497 (12:00), low 101,516.5 (20:00), close 112,714.9.
    let (format, rows, warnings) = bars(&fixture("coinglass_price_4h_2025-10-10.csv"), "4h");
    assert_eq!(format, DataFormat::Csv { delimiter: ',', intraday: true });
    assert_eq!(rows, vec![("2025-10-09".into(), 120_897.6, 121_712.4, 120_787.9, 121_579.3), ("2025-10-10".into(), 121_579.4, 122_497.0, 101_516.5, 112_714.9)]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn coingecko_prices_make_close_only_days() {
    // Snapshots: 2026-02-04 76,091; 02-05 71,486; 02-06 65,881 (one price a day).
    let (format, rows, _) = bars(&fixture("coingecko_market_chart.json"), "cg");
    assert_eq!(format, DataFormat::CoinGeckoMarketChart);
    assert_eq!(rows.iter().map(|r| (r.0.as_str(), r.4)).collect::<Vec<_>>(), vec![("2026-02-04", 76_091.0), ("2026-02-05", 71_486.0), ("2026-02-06", 65_881.0)]);
    assert!(format.describe().contains("prices only"));
}

#[test]
fn the_bundled_file_is_the_project_format() {
    let got = ingest(PRICES_CSV, PRICES_NAME).unwrap();
    assert_eq!(got.format, DataFormat::ProjectCsv);
    assert_eq!(got.series.bars.len(), 349);
}

#[test]
fn timestamps_in_seconds_milliseconds_and_iso_with_offsets_agree() {
    // 2026-02-06 00:00 UTC = 1770336000 s; the same instant as +02:00 local time.
    for t in ["1770336000", "1770336000000", "2026-02-06", "2026-02-06T00:00:00Z", "2026-02-06T02:00:00+02:00", "2026-02-05T19:00:00-05:00"] {
        let text = format!("timestamp,open,high,low,close\n{t},62795,71673,59930,70531\n");
        let (_, rows, _) = bars(&text, "t.csv");
        assert_eq!(rows[0].0, "2026-02-06", "{t}");
    }
    let (_, _, warnings) = bars("time,open,high,low,close\n2026-02-06T10:00:00,62795,71673,59930,70531\n", "z.csv");
    assert_eq!(warnings, vec!["z.csv: timestamps without a time zone were read as UTC".to_string()]);
}

#[test]
fn every_failure_is_named() {
    let big = "x".repeat(5 * 1024 * 1024 + 1);
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let cases: Vec<(String, &str)> = vec![
        ("".into(), "f: the body is empty"),
        ("  \n".into(), "f: the body is empty"),
        ("<!doctype html><html><body>Not Found</body></html>".into(), "f: this looks like an HTML page (it starts with \"<!doctype html><html><body>Not Found</bo\"), not CSV or JSON"),
        ("date|open|high|low|close\n2026-02-06|1|2|1|1\n".into(), "f: the first line \"date|open|high|low|close\" has no comma, semicolon or tab: not CSV, or a wrong delimiter"),
        ("when,open,high,low,close\n2026-02-06,1,2,1,1\n".into(), "f: no date or timestamp column: expected one of date, time, timestamp, datetime, open_time, opentime, unix, unix_time, day, t, time_utc, time_ms, date_utc, timestamp_ms (the header has: when, open, high, low, close)"),
        ("time;opn;high;low;close\n2026-02-06;1;2;1;1\n".into(), "f: no open column: expected one of open, o, open_usd (the header has: time, opn, high, low, close)"),
        ("time,open,high,low,close\n2026-02-06,NaN,2,1,1\n".into(), "f, line 2, field 'open': NaN is not a finite positive price"),
        ("time,open,high,low,close\n2026-02-06,inf,2,1,1\n".into(), "f, line 2, field 'open': inf is not a finite positive price"),
        ("time,open,high,low,close\n2026-02-06,abc,2,1,1\n".into(), "f, line 2, field 'open': 'abc' is not a number"),
        ("time,open,high,low,close\n2026-02-06,0,2,1,1\n".into(), "f, line 2, field 'open': 0 is not a finite positive price"),
        ("time,open,high,low,close\n2026-02-06,-1,2,1,1\n".into(), "f, line 2, field 'open': -1 is not a finite positive price"),
        // High and low swapped: said as such, not as a low above the open.
        ("time,open,high,low,close\n2026-02-06,1.5,1,2,1.5\n".into(), "f, line 2, field 'high': high 1 is below low 2"),
        ("time,open,high,low,close\n2026-02-06,1.5,3,2,2.5\n".into(), "f, line 2, field 'low': low 2 is above the open"),
        ("time,open,high,low,close\n2026-02-06,1.5,2,1,2.5\n".into(), "f, line 2, field 'high': high 2 is below the close"),
        ("time,open,high,low,close\n2026-02-07,1,2,1,1\n2026-02-06,1,2,1,1\n".into(), "f, line 3: comes before the row above it (2026-02-06T00:00:00Z after 2026-02-07T00:00:00Z): rows must be sorted by time"),
        ("time,open,high,low,close\n1770336000,1,2,1,1\n1770336000,1,2,1,1\n".into(), "f, line 3: the timestamp 2026-02-06T00:00:00Z appears twice"),
        ("time,open,high,low,close\n1770336000,1,2,1,1\n1770422400000,1,2,1,1\n".into(), "f, line 3, field 'time': milliseconds after seconds in earlier rows: mixed timestamp units"),
        ("time,open,high,low,close\n1770336000,1,2,1\n".into(), "f, line 2: the row has 4 fields but the header has 5"),
        ("time,open,high,low,close\nyesterday,1,2,1,1\n".into(), "f, line 2, field 'time': 'yesterday' is not a date or timestamp"),
        (big, "f: the body is 5242881 bytes, over the limit of 5242880"),
        (deep, "f: the JSON is nested too deeply (over 128 levels)"),
        ("{\"data\": ".into(), "f: not valid JSON: EOF while parsing a value at line 1 column 9"),
        ("{\"foo\": 1, \"bar\": [2]}".into(), "f: JSON of an unknown shape: an object with the keys bar, foo"),
        ("[]".into(), "f: the JSON array is empty"),
        ("[[1770336000000,\"1\",\"2\"]]".into(), "f: a JSON array of rows with 3 values: not a known price format"),
        ("{\"error\":[\"EGeneral:Too many requests\"],\"result\":{}}".into(), "f: Kraken answered with an error: EGeneral:Too many requests"),
        ("{\"data\":{\"ohlc\":[{\"timestamp\":\"1770336000\",\"open\":\"1\",\"high\":\"2\",\"low\":\"1\"}]}}".into(), "f, row 1, field 'close': is missing"),
        ("[[1770336000000,\"62795\",\"x\",\"59930\",\"70531\",\"1\",0,\"0\",0,\"0\",\"0\",\"0\"]]".into(), "f, row 1, field 'high': 'x' is not a number"),
    ];
    for (input, expected) in cases {
        let err = ingest(&input, "f").err().unwrap_or_else(|| panic!("no error for {:?}", input.chars().take(60).collect::<String>()));
        assert_eq!(err.to_string(), expected);
    }
}

#[test]
fn byte_order_mark_and_gaps_are_warnings_not_errors() {
    let text = "\u{feff}time;open;high;low;close\n2026-02-03;1;2;1;1\n2026-02-06;1;2;1;1\n";
    let (_, rows, warnings) = bars(text, "w.csv");
    assert_eq!(rows.len(), 2);
    assert_eq!(warnings, vec!["w.csv: a byte-order mark at the start was ignored".to_string(), "w.csv: 2 day(s) missing between 2026-02-03 and 2026-02-06".to_string()]);
}

#[test]
fn the_check_command_prints_what_the_page_would_show() {
    let run = |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_check-data")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    let ok = run(&["www/data/btcusd_bitstamp_daily.csv"]);
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{out}");
    for line in [
        "  format: the project's daily OHLC CSV",
        "  days: 349 (2025-08-01 to 2026-07-15)",
        "  crash_low_usd: $59,930",
        "  drawdown_at_low_pct: 52.5%",
        "  coin_oi_change_pct: -4.2% to 8.1%",
        "  regime: not enough data",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in\n{out}");
    }
    let bad = run(&["tests/fixtures/coinbase_candles.json"]);
    let out = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1));
    assert!(out.contains("  format: Coinbase Exchange candles JSON (sorted oldest first), daily bars"), "{out}");
    assert!(out.contains("  error: tests/fixtures/coinbase_candles.json: no bars between 2026-01-29 and 2026-02-08: the crash window is not covered"), "{out}");
}

mod market {
    use super::fixture;
    use leverage_reset::bundled::*;
    use leverage_reset::model::ingest::{ingest_any, AnyData, SeriesKind};
    use leverage_reset::model::{Explainer, Reference};
    use time::macros::date;

    fn market(name: &str) -> leverage_reset::model::ingest::MarketSeries {
        match ingest_any(&fixture(name), name).unwrap_or_else(|e| panic!("{name}: {e}")) {
            AnyData::Market(m) => m,
            other => panic!("{name}: not a market series: {other:?}"),
        }
    }

    #[test]
    fn coinglass_csv_series_are_read_by_their_columns() {
        // oi_close_usd of 2025-10-06 (the cycle peak, $94.12B) and long + short liquidations of
        // 2025-10-10 ($286.4M + $117.3M on Binance), copied from the CoinGlass files.
        let oi = market("coinglass_open_interest_daily_2025-10.csv");
        assert_eq!(oi.kind, SeriesKind::OpenInterestUsd);
        assert_eq!(oi.value_on(date!(2025 - 10 - 06)), Some(94_122_814_398.0));
        let liq = market("coinglass_liquidations_daily_2025-10.csv");
        assert_eq!(liq.kind, SeriesKind::LiquidationsUsd);
        assert!((liq.value_on(date!(2025 - 10 - 10)).unwrap() - (286_427_425.63 + 117_263_362.96)).abs() < 1e-3);
        // They end in October 2025, so they cannot stand in for the article's February figures.
        let mut e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
        let err = e.apply_market(&oi).unwrap_err().to_string();
        assert_eq!(err, "coinglass_open_interest_daily_2025-10.csv (CoinGlass open-interest CSV, oi_close_usd): no value for 2026-01-29, needed for the crash week; it runs from 2025-10-01 to 2025-10-19");
        let err = e.apply_market(&liq).unwrap_err().to_string();
        assert_eq!(
            err,
            "coinglass_liquidations_daily_2025-10.csv (CoinGlass liquidations CSV, long_liq_usd + short_liq_usd): no liquidations inside the crash week (30 Jan–6 Feb 2026)"
        );
    }

    #[test]
    fn binance_documented_examples_are_read() {
        // openInterestHist: sumOpenInterestValue "150570784.07809979" at 1583127900000 ms (2020-03-02).
        let oi = market("binance_open_interest_hist_doc_example.json");
        assert_eq!(oi.points, vec![(date!(2020 - 03 - 02), 150_570_784.078_099_8)]);
        // fundingRate "-0.03750000" is a fraction: −3.75% per interval, 2019-10-09.
        let f = market("binance_funding_rate_doc_example.json");
        assert_eq!(f.kind, SeriesKind::FundingPct);
        assert_eq!(f.points.len(), 1);
        assert_eq!(f.points[0].0, date!(2019 - 10 - 09));
        assert!((f.points[0].1 + 3.75).abs() < 1e-12);
    }

    #[test]
    fn coinglass_ohlc_json_is_told_apart_by_its_name() {
        let body = r#"{"code":"0","msg":"success","data":[{"time":1770249600000,"open":"1","high":"2","low":"1","close":"1.5"}]}"#;
        assert!(matches!(ingest_any(body, "open-interest-history.json").unwrap(), AnyData::Market(m) if m.kind == SeriesKind::OpenInterestUsd));
        assert!(matches!(ingest_any(body, "funding-rate.json").unwrap(), AnyData::Market(m) if m.kind == SeriesKind::FundingPct));
        let err = ingest_any(r#"{"code":"50001","msg":"API key missing","data":[]}"#, "cg.json").unwrap_err().to_string();
        assert_eq!(err, "cg.json: CoinGlass answered with code 50001: API key missing");
    }

    #[test]
    fn the_story_format_feeds_prices_and_leverage() {
        let (prices, markets) = match ingest_any(&fixture("story_v1.json"), "story_v1.json").unwrap() {
            AnyData::Story { prices, markets } => (prices, markets),
            other => panic!("not a story: {other:?}"),
        };
        assert_eq!(prices.series.bars.len(), 50); // 2026-01-20 .. 2026-03-10
        let mut e = Explainer::from_series(prices.series, FIGURES_CSV, FIGURES_NAME).unwrap();
        for m in &markets {
            e.apply_market(m).unwrap();
        }
        let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
        let get = |id: &str| v.metrics.iter().find(|m| m.id == id).unwrap().clone();
        // The article's OI, now from the series: the same −19.67% and coin-OI range as before.
        assert!((get("oi_change_pct").value.unwrap() + 19.6721).abs() < 1e-4);
        let coin = get("coin_oi_change_pct");
        assert!((coin.low.unwrap() + 4.1842).abs() < 1e-4 && (coin.high.unwrap() - 8.1315).abs() < 1e-4);
        // $1.35B of BTC liquidations against the positions closed in the week to 6 Feb
        // (30,338 BTC × 70,531..84,130 = $2.140–2.552B): 52.89% to 63.09%; against $61B: 2.2131%.
        let share = get("forced_share_of_closed_pct");
        assert!((share.low.unwrap() - 1.35e9 / 2_552_367_044.278 * 100.0).abs() < 1e-6 && (share.high.unwrap() - 1.35e9 / 2_139_795_554.499 * 100.0).abs() < 1e-6, "{share:?}");
        assert!((get("btc_liquidations_share_of_oi_pct").value.unwrap() - 135.0 / 61.0).abs() < 1e-9);
        // Loaded series are credited to their own source, not to the article.
        let liq = get("liquidations_btc_usd");
        assert_eq!(liq.provenance, leverage_reset::model::story::Provenance::Computed);
        assert!(liq.source.starts_with("CoinGlass via Coinsprobe: $1.35B"), "{}", liq.source);
        assert!(get("open_interest_before_usd").source.starts_with("read at the start of each week from AInvest article: ~$61B"), "{}", get("open_interest_before_usd").source);
        let words = v.text.iter().find(|p| p.id == "numbers_2").unwrap().text.words();
        assert!(words.contains("In the loaded open-interest series") && words.contains("the loaded series counts"), "{words}");
        // The claim about the article's own figures is unchanged.
        assert_eq!(v.claims.iter().find(|c| c.id == "oi_decline").unwrap().computed.value.map(|x| (x * 1e4).round() / 1e4), Some(-19.6721));
    }

    #[test]
    fn story_errors_are_named() {
        let cases = [
            (r#"{"format":"leverage-reset-story","version":2,"source":"x","prices":[]}"#, "s.json, field 'version': version 2 is not supported (this reader knows version 1)"),
            (r#"{"format":"leverage-reset-story","version":1,"prices":[]}"#, "s.json: the story needs a \"source\": where its prices come from"),
            (
                r#"{"format":"leverage-reset-story","version":1,"source":"x","prices":[{"date":"2026-02-06","open":1,"high":2,"low":1}]}"#,
                "s.json, row 1, field 'prices.close': is missing",
            ),
            (
                r#"{"format":"leverage-reset-story","version":1,"source":"x","prices":[{"date":"2026-02-06","open":1,"high":2,"low":1,"close":1}],"open_interest_usd":[{"date":"2026-02-06","value":"lots"}]}"#,
                "s.json, row 1, field 'open_interest_usd.value': 'lots' is not a number",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(ingest_any(input, "s.json").unwrap_err().to_string(), expected);
        }
    }
}

/// Issue 9: formats people have, and the messages, each with the value worked out by hand.
mod issue9 {
    use super::{bars, fixture};
    use leverage_reset::model::ingest::{ingest, ingest_any, AnyData};

    fn err(text: &str, name: &str) -> String {
        ingest(text, name).err().unwrap_or_else(|| panic!("no error for {:?}", text.chars().take(80).collect::<String>())).to_string()
    }

    #[test]
    fn excel_scientific_timestamps_are_refused_for_their_real_cause() {
        // 1.76723E+12 ms is 2026-01-01 00:13:20 UTC to six digits: the time of day is gone.
        assert_eq!(
            err("time,open,high,low,close\n1.76723E+12,1,2,1,1\n", "x.csv"),
            "x.csv, line 2, field 'time': '1.76723E+12' is a timestamp in scientific notation, as a spreadsheet shows long numbers: it keeps only a few significant digits, so the time is lost; format the column as a whole number (or as text) and export again"
        );
    }

    #[test]
    fn microsecond_and_nanosecond_timestamps_are_read() {
        // 2026-02-06 00:00 UTC = 1770336000 s = 1770336000000000 µs (16 digits) = …000 ns (19).
        for t in ["1770336000000000", "1770336000000000000", "1770336000000000.0"] {
            let (_, rows, _) = bars(&format!("timestamp,open,high,low,close\n{t},62795,71673,59930,70531\n"), "us.csv");
            assert_eq!(rows[0].0, "2026-02-06", "{t}");
        }
    }

    #[test]
    fn dates_at_the_end_of_the_calendar_are_an_error_not_a_panic() {
        // 23:00 at −05:00 on 31 Dec 9999 is 04:00 UTC on 1 Jan 10000.
        assert_eq!(
            err("time,open,high,low,close\n9999-12-30T00:00:00Z,1,2,1,1\n9999-12-31T23:00:00-05:00,1,2,1,1\n", "end.csv"),
            "end.csv, line 3, field 'time': '9999-12-31T23:00:00-05:00' is outside the years this reader handles (up to 9999, in UTC)"
        );
        // 99999999999999999999 ns is past the range too.
        assert!(err("time,open,high,low,close\n99999999999999999999999,1,2,1,1\n", "n.csv").ends_with("is outside the years this reader handles (up to 9999, in UTC)"));
    }

    #[test]
    fn a_huge_price_is_refused_with_its_line_and_field() {
        assert_eq!(
            err("time,open,high,low,close\n2026-02-05,73000,73175,62200,62795\n2026-02-06,62795,1.7976931348623157e308,59930,70531\n", "h.csv"),
            "h.csv, line 3, field 'high': 1.7976931348623157e308 is outside the plausible range of a BTC/USD price ($0.01 to $100,000,000)"
        );
        assert_eq!(
            err("[[1770336000000,\"62795\",\"1e308\",\"59930\",\"70531\",\"1\",0,\"0\",0,\"0\",\"0\",\"0\"]]", "k.json"),
            "k.json, row 1, field 'high': 1e308 is outside the plausible range of a BTC/USD price ($0.01 to $100,000,000)"
        );
    }

    #[test]
    fn implausible_jumps_are_warned() {
        // 62,795 → 62.795: the close is 1/1000 of the day before.
        let (_, _, warnings) = bars("time,open,high,low,close\n2026-02-05,73000,73175,62200,62795\n2026-02-06,62.795,71.673,59.93,62.795\n", "j.csv");
        // 59.93 (two decimals) decides the decimal point; 62.795 alone could not have.
        assert_eq!(
            warnings,
            vec![
                "j.csv: numbers were read with a decimal point (and ',' grouping thousands, if any) (as '59.93' on line 3, field 'low', shows)".to_string(),
                "j.csv: the close of 2026-02-06 (62.795) is 1/1000.0 of the close of 2026-02-05 (62795): an implausible jump for one day, check the data".to_string()
            ]
        );
    }

    #[test]
    fn kraken_forming_candle_is_partial() {
        // "last": 1770422400 is the final candle's time (2026-02-07): still forming.
        let got = ingest(&fixture("kraken_ohlc_shape.json"), "kraken.json").unwrap();
        let partial: Vec<bool> = got.series.bars.iter().map(|b| b.partial).collect();
        assert_eq!(partial, vec![false, false, false, false, true]);
        assert!(
            got.series.warnings.contains(&"kraken.json: 2026-02-07 is still forming (the source marks its last candle as not final): shown as a partial day".to_string()),
            "{:?}",
            got.series.warnings
        );
    }

    #[test]
    fn a_yahoo_null_row_is_a_missing_day() {
        let text = "Date,Open,High,Low,Close,Adj Close,Volume\n2026-02-05,73000,73175,62200,62795,62795,1\n2026-02-06,null,null,null,null,null,null\n2026-02-07,70515,71622,67313,69246,69246,1\n";
        let (_, rows, warnings) = bars(text, "yahoo.csv");
        assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), vec!["2026-02-05", "2026-02-07"]);
        assert_eq!(
            warnings,
            vec!["yahoo.csv, line 3: no prices (null), skipped like a missing day".to_string(), "yahoo.csv: 1 day(s) missing between 2026-02-05 and 2026-02-07".to_string()]
        );
        // The same in a semicolon file of the generic reader.
        let (_, rows, warnings) = bars("time;open;high;low;close\n2026-02-05;1;2;1;1\n2026-02-06;null;null;null;null\n2026-02-07;1;2;1;1\n", "y2.csv");
        assert_eq!(rows.len(), 2);
        assert_eq!(warnings[0], "y2.csv, line 3: no prices (null), skipped like a missing day");
    }

    #[test]
    fn duplicate_json_keys_are_an_error() {
        let e = err(r#"{"data":{"ohlc":[{"timestamp":"1770336000","open":"1","open":"2","high":"2","low":"1","close":"1"}]}}"#, "d.json");
        assert!(e.starts_with("d.json: the key \"open\" appears twice in one object: JSON keys must be unique at line 1 column "), "{e}");
    }

    #[test]
    fn messages_say_line_and_the_first_line() {
        assert_eq!(
            err("\ntime,open,high,low,close\n2026-02-06,1,2,1,1\n", "e.csv"),
            "e.csv, line 1: the first line is empty: the header (a date or time column, open, high, low, close) must come first"
        );
        assert_eq!(
            err("\ndate,open,high,low,close\n2026-02-06,1,2,1,1\n", "e.csv"),
            "e.csv, line 1: the first line is empty: the header (a date or time column, open, high, low, close) must come first"
        );
        // Comments and the header count: the bad cell is on line 4.
        assert_eq!(err("# a\ntime,open,high,low,close\n2026-02-05,1,2,1,1\n2026-02-06,1,2,1,x\n", "l.csv"), "l.csv, line 4, field 'close': 'x' is not a number");
    }

    #[test]
    fn excel_sep_line_is_read() {
        let (format, rows, _) = bars("sep=;\ntime;open;high;low;close\n2026-02-06;62795,5;71673;59930;70531\n", "sep.csv");
        assert_eq!(format, leverage_reset::model::ingest::DataFormat::Csv { delimiter: ';', intraday: false });
        assert_eq!(rows, vec![("2026-02-06".to_string(), 62_795.5, 71_673.0, 59_930.0, 70_531.0)]);
        // Line numbers still count the sep= line: the bad cell is on line 4.
        assert_eq!(err("sep=;\ntime;open;high;low;close\n2026-02-05;1;2;1;1\n2026-02-06;1;2;1;x\n", "s.csv"), "s.csv, line 4, field 'close': 'x' is not a number");
        // A market series CSV after a sep= line: the bad value is on line 4.
        assert_eq!(
            ingest_any("sep=,\ndate,oi_close_usd\n2026-02-05,1\n2026-02-06,x\n", "oi.csv").unwrap_err().to_string(),
            "oi.csv, line 4, field 'oi_close_usd': 'x' is not a number"
        );
        // sep=, with the project's header is read by the generic reader.
        let (_, rows, _) = bars("sep=,\ndate,open,high,low,close\n2026-02-06,1,2,1,1\n", "s2.csv");
        assert_eq!(rows.len(), 1);
    }

    #[test]
    fn dot_thousands_are_never_read_as_decimals() {
        // A European export: 73.000 means 73,000. Every value has exactly three decimals, so
        // nothing decides: refused, saying what would.
        assert_eq!(
            err("time;open;high;low;close\n2026-02-05;73.000;73.175;62.200;62.795\n", "eu.csv"),
            "eu.csv, line 2, field 'open': '73.000' reads as 73 with a decimal point or as 73000 with '.' or ',' grouping thousands, and no value in the file decides which: write numbers without thousands separators and with their decimals (e.g. 62795.00 or 62795,00), or make one value show the convention (e.g. 62.795,00)"
        );
        // One value with both marks decides: a decimal comma, '.' grouping thousands.
        let (_, rows, warnings) = bars("time;open;high;low;close\n2026-02-05;73.000;73.175;62.200;62.795,5\n", "eu.csv");
        assert_eq!(rows, vec![("2026-02-05".to_string(), 73_000.0, 73_175.0, 62_200.0, 62_795.5)]);
        assert_eq!(
            warnings,
            vec!["eu.csv: numbers were read with a decimal comma (and '.' grouping thousands, if any) (as '62.795,5' on line 2, field 'close', shows)".to_string()]
        );
        // A value with two decimals decides the other way: 62.79 is a decimal point.
        let (_, rows, _) = bars("time;open;high;low;close\n2026-02-05;73.000;73.175;62.200;62.79\n", "us.csv");
        assert_eq!(rows[0].1, 73.0);
        // Values deciding both ways are an error.
        assert_eq!(
            err("time;open;high;low;close\n2026-02-05;73000,5;73175.5;62200;62795\n", "mix.csv"),
            "mix.csv, line 2, field 'open': '73000,5' needs a decimal comma, but '73175.5' on line 2 (field 'high') needs a decimal point: a file must use one convention"
        );
    }

    #[test]
    fn long_values_are_cut_and_credentials_never_shown() {
        let cell = "x".repeat(3_000_000);
        let e = err(&format!("time,open,high,low,close\n2026-02-06,{cell},2,1,1\n"), "big.csv");
        assert_eq!(e, format!("big.csv, line 2, field 'open': '{}…' is not a number", "x".repeat(80)));
        let e = err("nonsense", "https://user:secret@example.org/p.csv");
        assert_eq!(e, "https://example.org/p.csv: the first line \"nonsense\" has no comma, semicolon or tab: not CSV, or a wrong delimiter");
        let e = ingest_any("nonsense", "https://user:secret@example.org/p.csv").unwrap_err().to_string();
        assert!(!e.contains("secret"), "{e}");
        // A story's source note of 4,000 characters is cut to 300, with a warning.
        let story = fixture("story_v1.json");
        let v: serde_json::Value = serde_json::from_str(&story).unwrap();
        let mut v = v.as_object().unwrap().clone();
        v.insert("source".into(), serde_json::Value::String("s".repeat(4000)));
        let text = serde_json::to_string(&v).unwrap();
        match ingest_any(&text, "long.json").unwrap() {
            AnyData::Story { prices, .. } => {
                assert!(prices.series.source_line.starts_with(&format!("{}… (via long.json", "s".repeat(300))), "{}", &prices.series.source_line[..320]);
                assert!(prices.series.warnings.contains(&"long.json: \"source\" is over 300 characters and was cut".to_string()));
            }
            _ => panic!("not a story"),
        }
    }

    #[test]
    fn story_version_messages_make_sense() {
        let with = |v: &str| ingest_any(&format!(r#"{{"format":"leverage-reset-story",{v}"source":"x","prices":[]}}"#), "s.json").unwrap_err().to_string();
        assert_eq!(with(r#""version":"1","#), "s.json, field 'version': is the text \"1\": write it as the number 1");
        assert_eq!(with(""), "s.json, field 'version': is missing: the story needs \"version\": 1");
        assert_eq!(with(r#""version":3,"#), "s.json, field 'version': version 3 is not supported (this reader knows version 1)");
    }

    #[test]
    fn market_values_outside_a_plausible_range_are_refused() {
        let body = r#"[{"symbol":"BTCUSDT","sumOpenInterest":"1","sumOpenInterestValue":"1e300","timestamp":1770336000000}]"#;
        assert_eq!(
            ingest_any(body, "oi.json").unwrap_err().to_string(),
            "oi.json, row 1, field 'sumOpenInterestValue': 1e300 is not a plausible value here (above $0 and at most $1,000,000,000,000,000)"
        );
    }
}
