use leverage_reset::bundled::*;
use leverage_reset::model::{Explainer, Reference};
use std::time::Instant;
fn main() {
    for _ in 0..3 {
        let t = Instant::now();
        let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
        let t1 = t.elapsed();
        let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
        let t2 = t.elapsed();
        let s = leverage_reset::chart::svg::render_svg(
            leverage_reset::chart::ChartId::Price,
            &e,
            &v,
            1200,
            &leverage_reset::chart::style::ChartStyle::new(1.0),
            (0, e.series.bars.len() - 1),
            None,
        )
        .unwrap();
        let t3 = t.elapsed();
        println!("new {:?} view {:?} price svg {:?} ({} bytes)", t1, t2 - t1, t3 - t2, s.len());
    }
}
