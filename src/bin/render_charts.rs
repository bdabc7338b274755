//! Renders the page's static twins for the default view (article framing, recovery):
//! `render-charts <out-dir> [<index.html>]` writes every chart as `<chart>-<width>.svg` at phone
//! (360 px) and desktop (760 px) widths with the same chart code the page uses, and, given the
//! page, writes the default figures into its `data-metric` elements so the narrative reads with
//! JavaScript off (the page overwrites them when it runs). `price-first-<width>.svg` is the
//! price chart without its scenario layer: the page's first frame before its core has run.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use leverage_reset::bundled::*;
    use leverage_reset::model::{Explainer, Reference};
    let out_dir = std::env::args().nth(1).unwrap_or_else(|| "www/static".to_string());
    let run = || -> Result<(), String> {
        let mut e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).map_err(|e| e.to_string())?;
        e.set_history(leverage_reset::model::history::CloseHistory::parse_csv(HISTORY_CSV, HISTORY_NAME).map_err(|e| e.to_string())?);
        let v = e.view(Reference::ArticleFraming, "recovery").map_err(|e| e.to_string())?;
        std::fs::create_dir_all(&out_dir).map_err(|e| format!("{out_dir}: {e}"))?;
        for width in [360, 760] {
            for (id, svg) in leverage_reset::chart::svg::render_all(&e, &v, width)? {
                let path = format!("{out_dir}/{id}-{width}.svg");
                std::fs::write(&path, svg).map_err(|e| format!("{path}: {e}"))?;
                println!("wrote {path}");
            }
        }
        // The first frame of the page (index.html's #price-first): the price chart without its
        // scenario layer, as wide as the chart is at a 360 px phone, a 768 px tablet and in the
        // page's widest column (820 px), in the light and the dark palette.
        for width in [328, 736, 820] {
            for (dark, suffix) in [(false, ""), (true, "-dark")] {
                let all = (0, e.series.bars.len() - 1);
                let style = leverage_reset::chart::style::ChartStyle::new(1.0).themed(dark);
                let svg = leverage_reset::chart::svg::render_price_base_svg(&e, &v, width, &style, all)?;
                let path = format!("{out_dir}/price-first-{width}{suffix}.svg");
                std::fs::write(&path, svg).map_err(|e| format!("{path}: {e}"))?;
                println!("wrote {path}");
            }
        }
        // The event study (#events), all events shown, February 2026 highlighted.
        let study = leverage_reset::model::events::EventStudy::bundled().map_err(|e| e.to_string())?;
        let events_view = leverage_reset::chart::event_study::event_study_view(&study, None, "feb2026");
        for width in [360, 760] {
            let svg = leverage_reset::chart::svg::render_event_study_svg(&events_view, width, &leverage_reset::chart::style::ChartStyle::new(1.0), None)?;
            let path = format!("{out_dir}/event-study-{width}.svg");
            std::fs::write(&path, svg).map_err(|e| format!("{path}: {e}"))?;
            println!("wrote {path}");
        }
        if let Some(page) = std::env::args().nth(2) {
            let html = std::fs::read_to_string(&page).map_err(|e| format!("{page}: {e}"))?;
            let filled = leverage_reset::prerender(&html, &v);
            if filled != html {
                std::fs::write(&page, filled).map_err(|e| format!("{page}: {e}"))?;
                println!("wrote the default figures into {page}");
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
