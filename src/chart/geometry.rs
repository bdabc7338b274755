//! Pixel ↔ data mapping of a drawn chart, as plain data (tested natively).

use serde::Serialize;

/// Where a chart's plotting area landed, in device pixels, and the data ranges it shows.
/// The x axis is a bar index (bar `i` is centred on `x = i`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PlotGeometry {
    pub left_px: f64,
    pub right_px: f64,
    pub top_px: f64,
    pub bottom_px: f64,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub n_bars: usize,
}

impl PlotGeometry {
    /// The bar index under a device-pixel x, or `None` outside the plotting area.
    pub fn bar_at(&self, x_px: f64) -> Option<usize> {
        if self.n_bars == 0 || x_px < self.left_px || x_px > self.right_px || self.right_px <= self.left_px {
            return None;
        }
        let x = self.x_min + (x_px - self.left_px) / (self.right_px - self.left_px) * (self.x_max - self.x_min);
        Some((x.round().max(0.0) as usize).min(self.n_bars - 1))
    }

    /// Device-pixel x of the centre of bar `i`.
    pub fn x_of_bar(&self, i: usize) -> f64 {
        self.left_px + (i as f64 - self.x_min) / (self.x_max - self.x_min) * (self.right_px - self.left_px)
    }

    /// Device-pixel y of a price.
    pub fn y_of(&self, price: f64) -> f64 {
        self.bottom_px - (price - self.y_min) / (self.y_max - self.y_min) * (self.bottom_px - self.top_px)
    }
}

/// Moves label centres (device px, any order) apart so no two are closer than `min_gap_px`,
/// keeping them inside `[lo_px, hi_px]` where the room allows and each as near its wish as
/// possible. Returns the new positions in the input order.
pub fn spread_labels(wanted_px: &[f64], min_gap_px: f64, lo_px: f64, hi_px: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted_px.len()).collect();
    order.sort_by(|&a, &b| wanted_px[a].total_cmp(&wanted_px[b]));
    let mut placed: Vec<f64> = order.iter().map(|&i| wanted_px[i].clamp(lo_px, hi_px)).collect();
    // Push down (increasing y) past neighbours, then pull back up from the bottom edge.
    for k in 1..placed.len() {
        if placed[k] < placed[k - 1] + min_gap_px {
            placed[k] = placed[k - 1] + min_gap_px;
        }
    }
    if let Some(last) = placed.last_mut() {
        if *last > hi_px {
            *last = hi_px;
        }
    }
    for k in (0..placed.len().saturating_sub(1)).rev() {
        if placed[k] > placed[k + 1] - min_gap_px {
            placed[k] = placed[k + 1] - min_gap_px;
        }
    }
    let mut out = vec![0.0; wanted_px.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = placed[k];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_map_to_bars_and_back() {
        // 349 bars over x = −0.5..348.5 drawn from px 60 to 1110 (1050 px: 3.0086 px per bar).
        let g = PlotGeometry { left_px: 60.0, right_px: 1110.0, top_px: 10.0, bottom_px: 410.0, x_min: -0.5, x_max: 348.5, y_min: 50_000.0, y_max: 130_000.0, n_bars: 349 };
        assert_eq!(g.bar_at(60.0), Some(0));
        assert_eq!(g.bar_at(1110.0), Some(348));
        assert_eq!(g.bar_at(59.0), None);
        // Bar 189 is centred at 60 + 189.5 / 349 × 1050 = 630.12 px.
        assert!((g.x_of_bar(189) - 630.1289).abs() < 1e-3);
        assert_eq!(g.bar_at(630.0), Some(189));
        assert_eq!(g.bar_at(g.x_of_bar(250) + 1.4), Some(250));
        assert_eq!(g.y_of(90_000.0), 210.0);
    }

    #[test]
    fn labels_never_overlap_and_stay_inside() {
        let out = spread_labels(&[100.0, 102.0, 104.0, 300.0], 14.0, 0.0, 400.0);
        assert_eq!(out, vec![100.0, 114.0, 128.0, 300.0]);
        let out = spread_labels(&[395.0, 398.0, 399.0], 14.0, 0.0, 400.0);
        assert_eq!(out, vec![372.0, 386.0, 400.0]);
        let out = spread_labels(&[50.0, 10.0], 14.0, 0.0, 400.0);
        assert_eq!(out, vec![50.0, 10.0]);
    }
}
