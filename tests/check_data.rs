//! `check-data` goes through the page's door (`model::door::load`), keeps going over several
//! files, and exits 1 when any has an error.

use std::process::Command;

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_check-data")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("check-data-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn story_and_market_files_go_through_the_pages_door() {
    let (code, out) = run(&["tests/fixtures/story_v1.json"]);
    assert_eq!(code, Some(0), "{out}");
    // The story's 50 days (2026-01-20..03-10) and its $1.35B of liquidations.
    for line in ["  format: the project's JSON story format, version 1", "  days: 50 (2026-01-20 to 2026-03-10)", "  liquidations_btc_usd: $1.35B"] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in\n{out}");
    }
    assert!(out.contains("  checked: 25 views, 90 charts as SVG,"), "{out}");
    // The Binance example is read as open interest and refused for the reason the page gives:
    // its one value is from 2 March 2020.
    let (code, out) = run(&["tests/fixtures/binance_open_interest_hist_doc_example.json"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("  format: Binance openInterestHist JSON, open interest in USD (sumOpenInterestValue)"), "{out}");
    assert!(out.contains("no value for 2026-01-29, needed for the crash week; it runs from 2020-03-02 to 2020-03-02"), "{out}");
}

#[test]
fn it_goes_on_over_every_file_and_exits_1_on_any_error() {
    let year_10000 = temp("end.csv", "time,open,high,low,close\n9999-12-30T00:00:00Z,1,2,1,1\n9999-12-31T23:00:00-05:00,1,2,1,1\n");
    let huge = temp("huge.csv", &crate_prices_with_high("1.7976931348623157e308"));
    let (code, out) = run(&[&year_10000, &huge, "www/data/btcusd_bitstamp_daily.csv"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!("  error: {year_10000}, line 3, field 'time': '9999-12-31T23:00:00-05:00' is outside the years this reader handles (up to 9999, in UTC)")),
        "{out}"
    );
    // Line 6: two # lines, the header, then the third day.
    assert!(
        out.contains(&format!("  error: {huge}, line 6, field 'high': 1.7976931348623157e308 is outside the plausible range of a BTC/USD price ($0.01 to $100,000,000)")),
        "{out}"
    );
    // The good file after them is still checked in full.
    assert!(out.contains("  crash_low_usd: $59,930"), "{out}");
    assert!(out.ends_with("3 file(s) checked, 2 with errors\n"), "{out}");
}

/// The bundled file with the high of its third day (2025-08-03, 114774.0) replaced.
fn crate_prices_with_high(high: &str) -> String {
    leverage_reset::bundled::PRICES_CSV.replacen("2025-08-03,1754179200,112522.0,114774.0,", &format!("2025-08-03,1754179200,112522.0,{high},"), 1)
}
