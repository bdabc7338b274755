//! `check-data <file> [<file> …]`: validates price files the way the page would, before they
//! are published. For each file it prints the detected format, the warnings, and either the
//! error (naming the file, row and field) or the headline figures the explainer would compute
//! from it with the bundled story figures. Exit status 1 if any file fails.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use leverage_reset::bundled::{FIGURES_CSV, FIGURES_NAME};
    use leverage_reset::model::format::metric_text;
    use leverage_reset::model::ingest::ingest;
    use leverage_reset::model::{Explainer, Reference};

    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: check-data <file> [<file> …]");
        std::process::exit(2);
    }
    let mut failed = false;
    for path in &files {
        println!("{path}");
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                println!("  error: cannot read the file: {e}");
                failed = true;
                continue;
            }
        };
        let ingested = match ingest(&text, path) {
            Ok(i) => i,
            Err(e) => {
                println!("  error: {e}");
                failed = true;
                continue;
            }
        };
        let s = &ingested.series;
        println!("  format: {}", ingested.format.describe());
        println!("  days: {} ({} to {})", s.bars.len(), leverage_reset::model::bars::format_date(s.first_date()), leverage_reset::model::bars::format_date(s.last_date()));
        for w in &s.warnings {
            println!("  warning: {w}");
        }
        let explained = Explainer::from_series(ingested.series, FIGURES_CSV, FIGURES_NAME).and_then(|e| e.view(Reference::ArticleFraming, "recovery").map(|v| (e, v)));
        match explained {
            Err(e) => {
                println!("  error: {e}");
                failed = true;
            }
            Ok((_, view)) => {
                for id in ["ath_usd", "ath_date", "crash_low_usd", "crash_low_date", "drawdown_at_low_pct", "largest_drop_pct", "largest_drop_date", "rsi_crash_day", "price_change_week_pct", "coin_oi_change_pct", "regime", "followed_scenario"] {
                    if let Some(m) = view.metrics.iter().find(|m| m.id == id) {
                        println!("  {id}: {}", metric_text(m, false));
                    }
                }
            }
        }
    }
    std::process::exit(if failed { 1 } else { 0 });
}

#[cfg(target_arch = "wasm32")]
fn main() {}
