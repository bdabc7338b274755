//! `compact-data <data dir>`: writes the bundled files in the compact forms the page's default
//! module reads (`model::compact`): `btcusd_bitstamp_daily.bin`, `story_figures.bin` and
//! `btcusd_daily_closes_2020_2025.bin`, next to the CSVs they come from. Each CSV is read by the
//! page's own reader (the prices must be the project's daily OHLC CSV), and each form is checked
//! to read back equal before it is written. `tools/build.sh` runs it.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use leverage_reset::bundled::{FIGURES_NAME, HISTORY_NAME, PRICES_NAME};
    use leverage_reset::model::compact::{encode_figures, encode_history, encode_prices};
    use leverage_reset::model::history::CloseHistory;
    use leverage_reset::model::ingest::{ingest, DataFormat};
    use leverage_reset::model::story::StoryFigures;
    use std::path::Path;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir] = args.as_slice() else {
        eprintln!("usage: compact-data <data dir>");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let write = |name: &str, encode: &dyn Fn(&str) -> Result<Vec<u8>, String>| -> Result<(), String> {
        let csv = dir.join(name);
        let bin = csv.with_extension("bin");
        let text = std::fs::read_to_string(&csv).map_err(|e| format!("{}: cannot read the file: {e}", csv.display()))?;
        let bytes = encode(&text).map_err(|e| format!("{}: {e}", csv.display()))?;
        std::fs::write(&bin, &bytes).map_err(|e| format!("{}: cannot write the file: {e}", bin.display()))?;
        println!("compact-data: {} {} bytes (from {}, {} bytes)", bin.display(), bytes.len(), csv.display(), text.len());
        Ok(())
    };
    let result = write(PRICES_NAME, &|text| {
        let parsed = ingest(text, PRICES_NAME).map_err(|e| e.to_string())?;
        if parsed.format != DataFormat::ProjectCsv {
            return Err(format!("{} is not the project's daily OHLC CSV", parsed.format.describe()));
        }
        encode_prices(&parsed.series)
    })
    .and_then(|_| write(FIGURES_NAME, &|text| encode_figures(&StoryFigures::parse_csv(text, FIGURES_NAME).map_err(|e| e.to_string())?)))
    .and_then(|_| write(HISTORY_NAME, &|text| encode_history(&CloseHistory::parse_csv(text, HISTORY_NAME).map_err(|e| e.to_string())?)));
    if let Err(e) = result {
        eprintln!("compact-data: {e}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
