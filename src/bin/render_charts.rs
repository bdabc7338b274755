//! Renders every chart to SVG with the same chart code the page uses, for the page's
//! `<noscript>` and print fallbacks: `render-charts <out-dir>` writes `<chart>-<width>.svg` at
//! phone (360 px) and desktop (760 px) widths, for the default view (article framing, recovery).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use leverage_reset::bundled::*;
    use leverage_reset::model::{Explainer, Reference};
    let out_dir = std::env::args().nth(1).unwrap_or_else(|| "www/static".to_string());
    let run = || -> Result<(), String> {
        let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).map_err(|e| e.to_string())?;
        let v = e.view(Reference::ArticleFraming, "recovery").map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&out_dir).map_err(|e| format!("{out_dir}: {e}"))?;
        for width in [360, 760] {
            for (id, svg) in leverage_reset::chart::svg::render_all(&e, &v, width)? {
                let path = format!("{out_dir}/{id}-{width}.svg");
                std::fs::write(&path, svg).map_err(|e| format!("{path}: {e}"))?;
                println!("wrote {path}");
            }
        }
        Ok(())
    };
    if let Err(msg) = run() {
        eprintln!("render-charts: {msg}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
