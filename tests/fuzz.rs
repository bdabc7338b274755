//! Property-based fuzzing of every parser: whatever the bytes, an error or a value, never a
//! panic. CI runs the default 256 cases per property (a few seconds); the long run, outside CI:
//! `PROPTEST_CASES=1000000 cargo test --release --test fuzz` (figures in the README).

use leverage_reset::bundled::*;
use leverage_reset::model::bars::DailySeries;
use leverage_reset::model::ingest::ingest;
use leverage_reset::model::story::StoryFigures;
use leverage_reset::model::Explainer;
use proptest::prelude::*;

/// Cells that are often near the edge: numbers, signs, exponents, NaN, dates, timestamps.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?[0-9]{0,7}(\\.[0-9]{0,4})?",
        "[0-9]{9,14}",
        "20[0-9]{2}-[0-1][0-9]-[0-3][0-9](T[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?(Z|[+-][0-1][0-9]:[0-5][0-9])?)?",
        Just("NaN".to_string()),
        Just("inf".to_string()),
        Just("".to_string()),
        "[\\PC]{0,8}",
    ]
}

/// CSV-like text: a header from the known names (and noise), rows of edge cells.
fn csv_like() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec!["date", "time", "timestamp", "open", "high", "low", "close", "volume", "o", "h", "l", "c", "unix_time", "x"]);
    (prop::sample::select(vec![",", ";", "\t"]), prop::collection::vec(names, 1..8), prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..12), any::<bool>()).prop_map(|(d, header, rows, comment)| {
        let mut out = String::new();
        if comment {
            out.push_str("# source: fuzz\n# partial: 2026-02-06\n");
        }
        out.push_str(&header.join(d));
        out.push('\n');
        for r in rows {
            out.push_str(&r.join(d));
            out.push('\n');
        }
        out
    })
}

/// JSON-like text in and around the API shapes.
fn json_like() -> impl Strategy<Value = String> {
    let scalar = prop_oneof!["-?[0-9]{1,13}(\\.[0-9]{1,3})?", "\"-?[0-9]{0,13}(\\.[0-9]{0,3})?\"", Just("null".to_string()), Just("\"x\"".to_string())];
    let row = prop::collection::vec(scalar, 0..13).prop_map(|v| format!("[{}]", v.join(",")));
    let rows = prop::collection::vec(row, 0..8).prop_map(|v| format!("[{}]", v.join(",")));
    prop_oneof![
        rows.clone(),
        rows.clone().prop_map(|r| format!("{{\"error\":[],\"result\":{{\"XXBTZUSD\":{r},\"last\":1}}}}")),
        rows.clone().prop_map(|r| format!("{{\"prices\":{r}}}")),
        (cell(), cell(), cell(), cell(), cell()).prop_map(|(t, o, h, l, c)| format!("{{\"data\":{{\"ohlc\":[{{\"timestamp\":\"{t}\",\"open\":\"{o}\",\"high\":\"{h}\",\"low\":\"{l}\",\"close\":\"{c}\"}}]}}}}")),
        "[\\[\\]{}\",:0-9a-z ]{0,60}",
    ]
}

proptest! {
    #[test]
    fn ingest_never_panics_on_any_text(text in "\\PC{0,300}") {
        let _ = ingest(&text, "fuzz");
    }

    #[test]
    fn ingest_never_panics_on_csv_like_text(text in csv_like()) {
        let _ = ingest(&text, "fuzz.csv");
        let _ = DailySeries::parse_csv(&text, "fuzz.csv");
    }

    #[test]
    fn ingest_never_panics_on_json_like_text(text in json_like()) {
        let _ = ingest(&text, "fuzz.json");
    }

    #[test]
    fn ingest_any_never_panics_on_story_and_market_like_json(text in json_like(), name in prop::sample::select(vec!["a.json", "funding.json", "open-interest.json"])) {
        let _ = leverage_reset::model::ingest::ingest_any(&text, name);
        let story = format!("{{\"format\":\"leverage-reset-story\",\"version\":1,\"source\":\"f\",\"prices\":{text},\"open_interest_usd\":{text}}}");
        let _ = leverage_reset::model::ingest::ingest_any(&story, name);
        let coinglass = format!("{{\"code\":\"0\",\"data\":{text}}}");
        let _ = leverage_reset::model::ingest::ingest_any(&coinglass, name);
    }

    #[test]
    fn story_figures_never_panic(text in csv_like()) {
        let _ = StoryFigures::parse_csv(&text, "fuzz-figures.csv");
    }

    #[test]
    fn the_explainer_never_panics_on_mutated_bundled_prices(line in 3usize..340, col in 0usize..7, value in cell()) {
        // The real file with one cell replaced: the closest inputs to what a newsroom sends.
        let mut lines: Vec<String> = PRICES_CSV.lines().map(String::from).collect();
        let mut cells: Vec<String> = lines[line].split(',').map(String::from).collect();
        if col < cells.len() {
            cells[col] = value;
        }
        lines[line] = cells.join(",");
        if let Ok(e) = Explainer::new(&lines.join("\n"), PRICES_NAME, FIGURES_CSV, FIGURES_NAME) {
            for s in ["recovery", "range", "retest", "breakdown", "catastrophic"] {
                let _ = e.view(leverage_reset::model::Reference::ArticleFraming, s);
            }
        }
    }
}
