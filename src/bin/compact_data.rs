//! `compact-data <prices.csv> <prices.bin>`: writes the bundled prices in the compact form the
//! page's default module reads (`model::compact`). The CSV is read by the page's own reader and
//! must be the project's daily OHLC CSV; the bytes are checked to read back equal before they
//! are written. `tools/build.sh` runs it.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use leverage_reset::model::compact::encode_prices;
    use leverage_reset::model::ingest::{ingest, DataFormat};
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [csv, bin] = args.as_slice() else {
        eprintln!("usage: compact-data <prices.csv> <prices.bin>");
        std::process::exit(2);
    };
    let run = || -> Result<usize, String> {
        let text = std::fs::read_to_string(csv).map_err(|e| format!("{csv}: cannot read the file: {e}"))?;
        let name = std::path::Path::new(csv).file_name().and_then(|n| n.to_str()).unwrap_or(csv);
        let parsed = ingest(&text, name).map_err(|e| e.to_string())?;
        if parsed.format != DataFormat::ProjectCsv {
            return Err(format!("{csv}: {} is not the project's daily OHLC CSV", parsed.format.describe()));
        }
        let bytes = encode_prices(&parsed.series).map_err(|e| format!("{csv}: {e}"))?;
        std::fs::write(bin, &bytes).map_err(|e| format!("{bin}: cannot write the file: {e}"))?;
        Ok(bytes.len())
    };
    match run() {
        Ok(n) => println!("compact-data: {bin} {n} bytes (from {csv})"),
        Err(e) => {
            eprintln!("compact-data: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
