//! Consecutive canvas primitives of one style as one path.
//!
//! plotters-canvas draws each line and rectangle with its own calls into JavaScript (a colour
//! string, `beginPath`, `moveTo`, `lineTo`, `stroke`; or `fillStyle`, `fillRect`): a price chart
//! of 349 candles made about 3,500 of them. The page's canvas backend (`web_canvas`) collects
//! consecutive lines (or filled rectangles) of one colour and width here, as an SVG path string,
//! and draws them with one `Path2D`. The geometry is plotters-canvas': a vertical or horizontal
//! line moves half a pixel left or up (crisp 1 px lines), a rectangle is `ul .. br`. Lines of one
//! path do not add up their transparency where they cross, as separate strokes would; what the
//! charts draw in a row in one colour (candles grouped by colour, volume bars, grid lines) is
//! opaque or does not overlap.

use std::fmt::Write;

/// What a batch draws: stroked lines of a width (device px), or filled rectangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchKind {
    Stroke { width_px: u32 },
    Fill,
}

/// One colour, as plotters' `BackendColor`: RGB and alpha 0..=1.
pub type Rgba = ((u8, u8, u8), f64);

/// A path of consecutive primitives of one kind and colour.
#[derive(Debug, Clone, PartialEq)]
pub struct PathBatch {
    pub kind: BatchKind,
    pub color: Rgba,
    /// SVG path data, device px.
    pub path: String,
    /// Primitives in it.
    pub count: usize,
}

/// Appends `twice / 2` without float formatting: coordinates are whole or half pixels.
fn push_half(s: &mut String, twice: i64) {
    if twice < 0 {
        s.push('-');
    }
    let a = twice.unsigned_abs();
    let _ = write!(s, "{}", a / 2);
    if a % 2 == 1 {
        s.push_str(".5");
    }
}

impl PathBatch {
    pub fn new(kind: BatchKind, color: Rgba) -> PathBatch {
        PathBatch { kind, color, path: String::new(), count: 0 }
    }

    /// Whether a primitive of this kind and colour can join the batch.
    pub fn accepts(&self, kind: BatchKind, color: Rgba) -> bool {
        self.kind == kind && self.color == color
    }

    /// A line from `from` to `to`, as plotters-canvas strokes it.
    pub fn line(&mut self, from: (i32, i32), to: (i32, i32)) {
        let (mut a, mut b) = ((2 * from.0 as i64, 2 * from.1 as i64), (2 * to.0 as i64, 2 * to.1 as i64));
        if a.0 == b.0 {
            a.0 -= 1;
            b.0 -= 1;
        }
        if a.1 == b.1 {
            a.1 -= 1;
            b.1 -= 1;
        }
        for (cmd, (x, y)) in [('M', a), ('L', b)] {
            self.path.push(cmd);
            push_half(&mut self.path, x);
            self.path.push(' ');
            push_half(&mut self.path, y);
        }
        self.count += 1;
    }

    /// A rectangle from `upper_left` to `bottom_right`, as plotters-canvas fills it.
    pub fn rect(&mut self, upper_left: (i32, i32), bottom_right: (i32, i32)) {
        let (w, h) = (bottom_right.0 as i64 - upper_left.0 as i64, bottom_right.1 as i64 - upper_left.1 as i64);
        let _ = write!(self.path, "M{} {}h{w}v{h}h{}Z", upper_left.0, upper_left.1, -w);
        self.count += 1;
    }

    /// The colour as plotters-canvas writes it for the canvas: `rgba(r,g,b,a)`.
    pub fn css_color(&self) -> String {
        let ((r, g, b), a) = self.color;
        format!("rgba({r},{g},{b},{a})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_rectangles_become_one_path_with_plotters_canvas_geometry() {
        let mut b = PathBatch::new(BatchKind::Stroke { width_px: 1 }, ((10, 20, 30), 1.0));
        // Vertical: half a pixel left. Horizontal: half a pixel up. Slanted: as given.
        b.line((5, 2), (5, 9));
        b.line((0, 4), (7, 4));
        b.line((1, 1), (3, -2));
        assert_eq!(b.path, "M4.5 2L4.5 9M0 3.5L7 3.5M1 1L3 -2");
        assert_eq!(b.count, 3);
        assert_eq!(b.css_color(), "rgba(10,20,30,1)");
        let mut f = PathBatch::new(BatchKind::Fill, ((0, 0, 0), 0.35));
        f.rect((2, 3), (6, 10));
        f.rect((-1, 0), (0, 0));
        assert_eq!(f.path, "M2 3h4v7h-4ZM-1 0h1v0h-1Z");
        assert_eq!(f.css_color(), "rgba(0,0,0,0.35)");
        // A line at x = 0 moves to −0.5 (push_half of −1).
        let mut z = PathBatch::new(BatchKind::Stroke { width_px: 2 }, ((0, 0, 0), 1.0));
        z.line((0, 0), (0, 3));
        assert_eq!(z.path, "M-0.5 0L-0.5 3");
        assert!(z.accepts(BatchKind::Stroke { width_px: 2 }, ((0, 0, 0), 1.0)));
        assert!(!z.accepts(BatchKind::Stroke { width_px: 1 }, ((0, 0, 0), 1.0)));
        assert!(!z.accepts(BatchKind::Fill, ((0, 0, 0), 1.0)));
    }
}
