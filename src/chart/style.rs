//! One place for colours, sizes and the device-pixel ratio of every chart.

use std::rc::Rc;

use plotters::style::{Color, RGBAColor, RGBColor};

use super::labels::{EnUs, LabelFormat};

/// Colours of a theme. Text colours meet 4.5:1 and marks 3:1 against `background`
/// (checked with the WCAG formula; see `tests/charts.rs`).
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted_text: RGBColor,
    pub grid: RGBColor,
    pub up: RGBColor,
    pub down: RGBColor,
    pub support: RGBColor,
    pub resistance: RGBColor,
    pub floor: RGBColor,
    pub target: RGBColor,
    pub reference: RGBColor,
    pub band_alpha: f64,
}

pub const LIGHT: Palette = Palette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(28, 28, 30),
    muted_text: RGBColor(90, 90, 96),
    grid: RGBColor(226, 226, 230),
    up: RGBColor(0, 122, 94),
    down: RGBColor(200, 40, 50),
    support: RGBColor(0, 110, 170),
    resistance: RGBColor(190, 80, 0),
    floor: RGBColor(110, 60, 150),
    target: RGBColor(20, 20, 20),
    reference: RGBColor(70, 70, 76),
    band_alpha: 0.14,
};

pub const DARK: Palette = Palette {
    background: RGBColor(18, 18, 20),
    text: RGBColor(236, 236, 240),
    muted_text: RGBColor(168, 168, 176),
    grid: RGBColor(52, 52, 58),
    up: RGBColor(47, 191, 143),
    down: RGBColor(255, 107, 107),
    support: RGBColor(79, 176, 255),
    resistance: RGBColor(255, 154, 77),
    floor: RGBColor(196, 155, 255),
    target: RGBColor(242, 242, 242),
    reference: RGBColor(200, 200, 208),
    band_alpha: 0.18,
};

impl Palette {
    /// The palette with one colour replaced by a host page's choice (`theme=inherit` or the
    /// `--leverage-reset-*` CSS properties): `bg`, `text`, `muted`, `rule`, `up`, `down`,
    /// `support`, `resistance`, `floor`, `target` (the names of [`Palette::css_vars`]). The
    /// contrast of a host's colours is the host's choice; an unknown name is an error.
    pub fn with_color(self, name: &str, c: RGBColor) -> Result<Palette, String> {
        let mut p = self;
        match name {
            "bg" => p.background = c,
            "text" => p.text = c,
            "muted" => p.muted_text = c,
            "rule" => p.grid = c,
            "up" => p.up = c,
            "down" => p.down = c,
            "support" => p.support = c,
            "resistance" => p.resistance = c,
            "floor" => p.floor = c,
            "target" => p.target = c,
            _ => return Err(format!("'{}' is not a palette colour", name.chars().take(20).collect::<String>())),
        }
        Ok(p)
    }

    /// The palette as CSS custom properties (`--lr-text: #1c1c1e`, …), so the page's text and
    /// the charts share one definition.
    pub fn css_vars(&self) -> Vec<(String, String)> {
        let hex = |c: RGBColor| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
        [
            ("bg", self.background),
            ("text", self.text),
            ("muted", self.muted_text),
            ("rule", self.grid),
            ("up", self.up),
            ("down", self.down),
            ("support", self.support),
            ("resistance", self.resistance),
            ("floor", self.floor),
            ("target", self.target),
        ]
        .into_iter()
        .map(|(k, c)| (format!("--lr-{k}"), hex(c)))
        .collect()
    }
}

/// Sizes of one render, in device pixels: CSS sizes times the device-pixel ratio; and how its
/// labels write numbers and dates.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    pub palette: Palette,
    /// Device pixels per CSS pixel (`window.devicePixelRatio`; 1 for SVG).
    pub px_ratio: f64,
    /// Prices, percents and dates in labels: en-US natively, the reader's locale in the page.
    pub labels: Rc<dyn LabelFormat>,
    /// No background fill: the host page's background shows through (`theme=inherit`, on
    /// screen only; downloads and prints keep the palette's background).
    pub transparent: bool,
}

impl ChartStyle {
    pub fn new(px_ratio: f64) -> ChartStyle {
        let px_ratio = if px_ratio.is_finite() && px_ratio > 0.0 { px_ratio } else { 1.0 };
        ChartStyle { palette: LIGHT, px_ratio, labels: Rc::new(EnUs), transparent: false }
    }

    /// The same style with labels written by `labels`.
    pub fn with_labels(self, labels: Rc<dyn LabelFormat>) -> ChartStyle {
        ChartStyle { labels, ..self }
    }

    /// The labels' format.
    pub fn fmt(&self) -> &dyn LabelFormat {
        &*self.labels
    }

    /// The same with no background fill when `transparent` (see [`ChartStyle::transparent`]).
    pub fn see_through(self, transparent: bool) -> ChartStyle {
        ChartStyle { transparent, ..self }
    }

    /// What a chart's background is filled with: the palette's background, or nothing.
    pub fn background(&self) -> RGBAColor {
        if self.transparent {
            self.palette.background.mix(0.0)
        } else {
            self.palette.background.to_rgba()
        }
    }

    /// The same sizes with the dark palette when `dark`.
    pub fn themed(self, dark: bool) -> ChartStyle {
        ChartStyle { palette: if dark { DARK } else { LIGHT }, ..self }
    }

    /// A length given in CSS px, in device px.
    pub fn px(&self, css_px: f64) -> i32 {
        (css_px * self.px_ratio).round() as i32
    }

    /// A stroke width given in CSS px, in device px (at least 1).
    pub fn stroke(&self, css_px: f64) -> u32 {
        (css_px * self.px_ratio).round().max(1.0) as u32
    }

    /// A font size given in CSS px, in device px.
    pub fn font(&self, css_px: f64) -> f64 {
        css_px * self.px_ratio
    }
}
