//! The wasm exports in headless Chromium (wasm-bindgen-test): load the bundled data, switch
//! scenario and reference, draw on real canvases, and hover.
#![cfg(target_arch = "wasm32")]

use leverage_reset::bundled::*;
use leverage_reset::model::{Explainer, Reference};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn canvas(w: u32, h: u32) -> web_sys::HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: web_sys::HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    c.set_width(w);
    c.set_height(h);
    doc.body().unwrap().append_child(&c).unwrap();
    c
}

#[wasm_bindgen_test]
fn core_runs_in_wasm_with_the_same_numbers() {
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let v = e.view(Reference::ArticleFraming, "breakdown").unwrap();
    let target = v.metrics.iter().find(|m| m.id == "target_usd").unwrap();
    assert_eq!(target.value, Some(43_000.0));
    // 43,000 / (59,930 × 1.06) − 1 = −32.3110%.
    let mv = v.metrics.iter().find(|m| m.id == "move_pct").unwrap().value.unwrap();
    assert!((mv + 32.3110).abs() < 1e-4);
}

#[wasm_bindgen_test]
fn charts_draw_on_canvas_at_fractional_ratios_and_hover_maps_back() {
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
    for ratio in [0.8, 1.0, 2.0, 1.25] {
        let c = canvas((760.0 * ratio) as u32, (420.0 * ratio) as u32);
        let backend = plotters_canvas::CanvasBackend::with_canvas_object(c).unwrap();
        use plotters::prelude::IntoDrawingArea;
        let g = leverage_reset::chart::price::draw_price(&backend.into_drawing_area(), &e, &v, &leverage_reset::chart::style::ChartStyle::new(ratio), (0, e.series.bars.len() - 1))
            .unwrap();
        // 2026-02-06 is bar 189 (2025-08-01 + 189 days); its centre maps back to it.
        let h = leverage_reset::chart::price::hover_info(&e, &g, g.x_of_bar(189)).unwrap();
        assert_eq!(h.date, "2026-02-06");
        assert_eq!((h.open_usd, h.high_usd, h.low_usd, h.close_usd), (62_795.0, 71_673.0, 59_930.0, 70_531.0));
        // 70,531 sits inside no zone: support is the $50–55k range top, resistance the $75k edge.
        assert_eq!((h.support_usd, h.resistance_usd), (Some(55_000.0), Some(75_000.0)));
    }
}
