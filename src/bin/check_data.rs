//! `check-data <file> [<file> …]`: checks data files the way the page would, before they are
//! published, through the page's own door (`model::door::load`, which `App::load_data`
//! calls): prices, market series (applied to the bundled story) or a story file. For each file
//! it prints the detected format, the warnings, and either the error (naming the file, line
//! and field) or the headline figures; then it runs the rest of what the page shows (every
//! scenario at several references, every chart as SVG at 360 and 760 px, hover, exports).
//! It goes on over every file and exits 1 if any file failed.

#[cfg(not(target_arch = "wasm32"))]
fn check(base: &leverage_reset::model::Explainer, path: &str) -> Result<(), String> {
    use leverage_reset::chart::check::exercise;
    use leverage_reset::model::bars::format_date;
    use leverage_reset::model::door::load;
    use leverage_reset::model::format::metric_text;
    use leverage_reset::model::ingest::{AnyData, MAX_BYTES};
    use leverage_reset::model::Reference;

    let meta = std::fs::metadata(path).map_err(|e| format!("{path}: cannot read the file: {e}"))?;
    if meta.len() > MAX_BYTES as u64 {
        return Err(format!("{path}: the file is {} bytes, over the limit of {MAX_BYTES}", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read the file: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let loaded = match load(base, &[], &text, path) {
        Ok(l) => l,
        Err(e) => {
            // Read but refused by the story (e.g. it misses the crash week): say what it was.
            match leverage_reset::model::ingest::ingest_any(&text, path) {
                Ok(AnyData::Prices(p)) | Ok(AnyData::Story { prices: p, .. }) => println!("  format: {}", p.format.describe()),
                Ok(AnyData::Market(m)) => println!("  format: {}", m.format),
                Err(_) => {}
            }
            return Err(e.to_string());
        }
    };
    let e = &loaded.explainer;
    let s = &e.series;
    println!("  format: {}", loaded.format);
    if loaded.kind == "market" {
        println!("  applied to the bundled story ({})", s.source_name);
    }
    println!("  days: {} ({} to {})", s.bars.len(), format_date(s.first_date()), format_date(s.last_date()));
    if loaded.kind != "market" {
        for w in &s.warnings {
            println!("  warning: {w}");
        }
    }
    let view = e.view(Reference::ArticleFraming, "recovery").map_err(|e| e.to_string())?;
    for id in [
        "ath_usd",
        "ath_date",
        "crash_low_usd",
        "crash_low_date",
        "drawdown_at_low_pct",
        "largest_drop_pct",
        "largest_drop_date",
        "rsi_crash_day",
        "price_change_week_pct",
        "oi_change_pct",
        "coin_oi_change_pct",
        "coin_oi_change_sensitivity_pct",
        "liquidations_btc_usd",
        "week2_liquidations_share_pct",
        "regime",
        "regime_day",
    ] {
        if let Some(m) = view.metrics.iter().find(|m| m.id == id) {
            println!("  {id}: {}", metric_text(m, false));
        }
    }
    let done = exercise(e, &[360, 760], false).map_err(|err| format!("{path}: {err}"))?;
    println!("  checked: {} views, {} charts as SVG, {} hover positions, {} exports", done.views, done.svgs, done.hovers, done.exports);
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use leverage_reset::bundled::{FIGURES_CSV, FIGURES_NAME, PRICES_CSV, PRICES_NAME};
    use leverage_reset::model::Explainer;

    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: check-data <file> [<file> …]");
        std::process::exit(2);
    }
    let base = match Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME) {
        Ok(e) => e,
        Err(e) => {
            println!("error: the bundled story: {e}");
            std::process::exit(1);
        }
    };
    // A panic must not stop the files after it (in builds that unwind; release aborts, which
    // is why every path above returns errors instead).
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = 0;
    for path in &files {
        println!("{path}");
        let outcome = std::panic::catch_unwind(|| check(&base, path)).unwrap_or_else(|p| {
            let what = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default();
            Err(format!("{path}: internal failure (a bug, please report it): {what}"))
        });
        if let Err(e) = outcome {
            println!("  error: {e}");
            failed += 1;
        }
    }
    if files.len() > 1 {
        println!("{} file(s) checked, {failed} with errors", files.len());
    }
    std::process::exit(if failed > 0 { 1 } else { 0 });
}

#[cfg(target_arch = "wasm32")]
fn main() {}
