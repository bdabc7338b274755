//! The least a page of the fixed choices ships: daily candles drawn by plotters on a canvas
//! (plotters-canvas), a mesh with labels, one level line, and serde-wasm-bindgen both ways.
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Serialize, Deserialize)]
pub struct Bar {
    pub day: u32,
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
}

#[derive(Serialize)]
pub struct Part {
    pub text: String,
    pub value: Option<f64>,
}

/// Draws `bars` (an array of {day, open, high, low, close}) and a level at `level_usd`; returns
/// one sentence part as a JS object.
#[wasm_bindgen]
pub fn draw(canvas: web_sys::HtmlCanvasElement, bars: JsValue, level_usd: f64) -> Result<JsValue, JsValue> {
    let bars: Vec<Bar> = serde_wasm_bindgen::from_value(bars)?;
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or("no canvas")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let lo = bars.iter().map(|b| b.low).fold(f64::MAX, f64::min);
    let hi = bars.iter().map(|b| b.high).fold(f64::MIN, f64::max);
    let mut chart =
        ChartBuilder::on(&root).margin(10).x_label_area_size(30).y_label_area_size(60).build_cartesian_2d(0u32..bars.len() as u32, lo..hi).map_err(|e| e.to_string())?;
    chart.configure_mesh().draw().map_err(|e| e.to_string())?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, b)| CandleStick::new(i as u32, b.open, b.high, b.low, b.close, GREEN.filled(), RED.filled(), 5)))
        .map_err(|e| e.to_string())?;
    chart.draw_series(LineSeries::new((0..bars.len() as u32).map(|i| (i, level_usd)), &BLUE)).map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())?;
    Ok(serde_wasm_bindgen::to_value(&vec![Part { text: "level".into(), value: Some(level_usd) }])?)
}
