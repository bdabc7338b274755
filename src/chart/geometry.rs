//! Pixel ↔ data mapping of a drawn chart, as plain data (tested natively).

use serde::Serialize;

/// Where a chart's plotting area landed, in device pixels, and the data ranges it shows.
/// The x axis is a bar index (bar `i` is centred on `x = i`); a zoomed chart shows
/// `x_min..x_max` = `first − 0.5 .. last + 0.5` of the `n_bars` bars.
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
        // Only bars inside the visible window (x_min = first − 0.5, x_max = last + 0.5).
        let first = self.x_min.ceil().max(0.0);
        let last = self.x_max.floor().min(self.n_bars as f64 - 1.0);
        Some(x.round().clamp(first, last) as usize)
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

/// A finite, non-empty axis range from `lo..hi`: each side padded by `pad` of the width; a
/// zero-width range widened by 5 % of its value (or 1); bounds that are not finite (or would
/// overflow when padded) replaced by 0..1. Axis and tick code never sees an empty or infinite
/// range, where it could loop forever.
pub fn sane_range(lo: f64, hi: f64, pad: f64) -> (f64, f64) {
    if !lo.is_finite() || !hi.is_finite() || hi < lo {
        return (0.0, 1.0);
    }
    let width = hi - lo;
    let margin = if width > 0.0 { width * pad } else { (lo.abs() * 0.05).max(1.0) };
    let (a, b) = (lo - margin, hi + margin);
    if a.is_finite() && b.is_finite() && b > a {
        (a, b)
    } else {
        (0.0, 1.0)
    }
}

/// Moves label centres (device px, any order) apart so no two are closer than `min_gap_px`,
/// keeping them inside `[lo_px, hi_px]` where the room allows and each as near its wish as
/// possible. Returns the new positions in the input order.
pub fn spread_labels(wanted_px: &[f64], min_gap_px: f64, lo_px: f64, hi_px: f64) -> Vec<f64> {
    let order = crate::model::order::order_by(wanted_px.len(), &|a, b| wanted_px[a].total_cmp(&wanted_px[b]));
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

/// Where one more label goes beside labels already placed at `fixed_px` (each at least
/// `min_gap_px` from the next): at `wanted_px` (clamped to `lo_px..=hi_px`) when that is
/// `min_gap_px` clear of every fixed label, else at the nearest such spot, which is a gap's
/// distance above or below some fixed label. The fixed labels do not move, so the price chart's
/// scenario layer can add the target's label without redrawing the level labels. When no spot
/// is clear (the column is full), `wanted_px` clamped: the label overlaps rather than vanishes.
pub fn place_beside(fixed_px: &[f64], wanted_px: f64, min_gap_px: f64, lo_px: f64, hi_px: f64) -> f64 {
    let clear = |y: f64| fixed_px.iter().all(|f| (y - f).abs() >= min_gap_px - 1e-9);
    let want = wanted_px.clamp(lo_px, hi_px.max(lo_px));
    if clear(want) {
        return want;
    }
    fixed_px
        .iter()
        .flat_map(|f| [f - min_gap_px, f + min_gap_px])
        .filter(|y| *y >= lo_px && *y <= hi_px && clear(*y))
        .min_by(|a, b| (a - want).abs().total_cmp(&(b - want).abs()))
        .unwrap_or(want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_beside_fixed_ones_takes_the_nearest_clear_spot() {
        // Clear where it wants to be: stays.
        assert_eq!(place_beside(&[100.0, 200.0], 150.0, 14.0, 0.0, 300.0), 150.0);
        // 5 px under a label at 100: the nearest clear spots are 86 and 114; 114 is 9 away.
        assert_eq!(place_beside(&[100.0, 200.0], 105.0, 14.0, 0.0, 300.0), 114.0);
        // 3 px above it: 86 is 11 away, 114 is 17.
        assert_eq!(place_beside(&[100.0, 200.0], 97.0, 14.0, 0.0, 300.0), 86.0);
        // Squeezed between 100 and 120 (too close for a 14 px gap): above 100 or below 120.
        assert_eq!(place_beside(&[100.0, 120.0], 110.0, 14.0, 0.0, 300.0), 86.0);
        // Wanted below the bottom: clamped, and clear there.
        assert_eq!(place_beside(&[100.0], 400.0, 14.0, 0.0, 300.0), 300.0);
        // A full column: the wanted spot, clamped (an overlap, not a lost label).
        assert_eq!(place_beside(&[0.0, 10.0, 20.0], 12.0, 14.0, 0.0, 20.0), 12.0);
        // No fixed labels.
        assert_eq!(place_beside(&[], 42.0, 14.0, 0.0, 300.0), 42.0);
    }

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
        // Zoomed to bars 180..=209 (30 bars over 1050 px = 35 px a bar).
        let z = PlotGeometry { x_min: 179.5, x_max: 209.5, ..g };
        assert_eq!(z.bar_at(60.0), Some(180));
        assert_eq!(z.bar_at(60.0 + 35.0 * 9.5), Some(189));
        assert_eq!(z.bar_at(1110.0), Some(209));
        assert!((z.x_of_bar(189) - (60.0 + 35.0 * 9.5)).abs() < 1e-9);
    }

    #[test]
    fn ranges_are_always_finite_and_wide() {
        // 50,000..130,000 padded 4 %: 3,200 each side.
        assert_eq!(sane_range(50_000.0, 130_000.0, 0.04), (46_800.0, 133_200.0));
        // One price: ±5 % of it.
        assert_eq!(sane_range(60_000.0, 60_000.0, 0.04), (57_000.0, 63_000.0));
        assert_eq!(sane_range(0.0, 0.0, 0.04), (-1.0, 1.0));
        for (lo, hi) in [(f64::NAN, 1.0), (1.0, f64::INFINITY), (-f64::MAX, f64::MAX), (2.0, 1.0)] {
            assert_eq!(sane_range(lo, hi, 0.04), (0.0, 1.0), "{lo} {hi}");
        }
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

/// One pixel column of a decimated series: the lowest low and highest high of the bars that
/// fall in it, centred at `x` (in bar-index units).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MinMaxColumn {
    pub x: f64,
    pub low: f64,
    pub high: f64,
}

/// uPlot-style decimation: when `lows`/`highs` (one entry per bar, bar `i` at x = `first_idx + i`)
/// outnumber `n_columns` by more than `max_bars_per_column`, returns one min/max column per pixel
/// column so single-day spikes survive; otherwise `None` (draw every bar).
pub fn decimate_min_max(first_idx: usize, lows: &[f64], highs: &[f64], n_columns: usize, max_bars_per_column: f64) -> Option<Vec<MinMaxColumn>> {
    let n = lows.len().min(highs.len());
    if n_columns == 0 || (n as f64) <= n_columns as f64 * max_bars_per_column {
        return None;
    }
    let per_column = n as f64 / n_columns as f64;
    let mut out = Vec::with_capacity(n_columns);
    for c in 0..n_columns {
        let start = (c as f64 * per_column).floor() as usize;
        let end = (((c + 1) as f64 * per_column).floor() as usize).min(n);
        if start >= end {
            continue;
        }
        let low = lows[start..end].iter().copied().fold(f64::INFINITY, f64::min);
        let high = highs[start..end].iter().copied().fold(f64::NEG_INFINITY, f64::max);
        out.push(MinMaxColumn { x: first_idx as f64 + (start + end - 1) as f64 / 2.0, low, high });
    }
    Some(out)
}

/// Places labels of known widths (device px) centred as near `wanted_x` as they can go, in up to
/// `rows` rows (row 0 on top), so that no two labels in a row overlap (at least `gap` apart),
/// all stay within `[lo, hi]`, and no label sits across the leader line of a label in a row
/// above it (a leader runs down from its label at its `wanted_x`, through the rows below).
/// Labels only move right of their ideal place; the row where a label moves least wins (the
/// upper one on a tie). A label that fits nowhere under these rules goes where it moves least
/// keeping only the first rule. Returns `(row, left_x)` per label in input order.
pub fn place_in_rows(wanted_x: &[f64], widths: &[f64], rows: usize, gap: f64, lo: f64, hi: f64) -> Vec<(usize, f64)> {
    let rows = rows.max(1);
    let order = crate::model::order::order_by(wanted_x.len(), &|a, b| wanted_x[a].total_cmp(&wanted_x[b]));
    let mut out = vec![(0, 0.0); wanted_x.len()];
    // (row, left, width, leader x) of the labels placed so far.
    let mut placed: Vec<(usize, f64, f64, f64)> = Vec::new();
    for i in order {
        let (w, x) = (widths[i], wanted_x[i]);
        let ideal = (x - w / 2.0).clamp(lo, (hi - w).max(lo));
        let mut best: Option<(f64, usize, f64)> = None;
        'rows: for r in 0..rows {
            // This label's leader would cross a label already placed lower down: not this row.
            if placed.iter().any(|&(pr, pl, pw, _)| pr > r && x >= pl - 1.0 && x <= pl + pw + 1.0) {
                continue;
            }
            let mut left = ideal;
            for _ in 0..=placed.len() {
                let push = placed.iter().find_map(|&(pr, pl, pw, px)| {
                    if pr == r && left < pl + pw + gap && pl < left + w + gap {
                        Some(pl + pw + gap)
                    } else if pr < r && px >= left - 1.0 && px <= left + w + 1.0 {
                        Some(px + 2.0)
                    } else {
                        None
                    }
                });
                match push {
                    Some(next) => left = next,
                    None => {
                        if left + w <= hi + 1e-9 && best.is_none_or(|(shift, _, _)| left - ideal < shift) {
                            best = Some((left - ideal, r, left));
                        }
                        continue 'rows;
                    }
                }
            }
        }
        let (r, left) = match best {
            Some((_, r, left)) => (r, left),
            None => {
                // Fallback: the row where it moves least, overlaps in a row excluded.
                let mut fallback = (f64::INFINITY, 0usize, ideal);
                for r in 0..rows {
                    let right = placed.iter().filter(|p| p.0 == r).map(|p| p.1 + p.2).fold(f64::NEG_INFINITY, f64::max);
                    let left = ideal.max(right + gap);
                    if left - ideal < fallback.0 {
                        fallback = (left - ideal, r, left);
                    }
                }
                (fallback.1, fallback.2)
            }
        };
        placed.push((r, left, w, x));
        out[i] = (r, left);
    }
    out
}

/// Tick positions for a time axis over bars `first..=last` of a daily series whose bars fall on
/// `dates` (sorted; gaps allowed). The axis counts calendar days, not bars: month starts for
/// spans over 120 days, the 1st and 15th over 45, every 7th day from the first otherwise,
/// thinned to at most `max_ticks`. A tick on a day the series lacks sits between its
/// neighbouring bars, in proportion. Returns `(x in bar units, date, is_month_start)`.
pub fn time_ticks(dates: &[time::Date], first: usize, last: usize, max_ticks: usize) -> Vec<(f64, time::Date, bool)> {
    use time::{Date, Duration, Month};
    if dates.is_empty() {
        return Vec::new();
    }
    let last = last.min(dates.len() - 1);
    let first = first.min(last);
    let (d0, d1) = (dates[first], dates[last]);
    let span = (d1 - d0).whole_days() + 1;
    let mut days: Vec<Date> = Vec::new();
    if span > 45 {
        let (mut y, mut m) = (d0.year(), d0.month());
        loop {
            let month_days: &[u8] = if span > 120 { &[1] } else { &[1, 15] };
            let mut past_end = false;
            for &day in month_days {
                match Date::from_calendar_date(y, m, day) {
                    Ok(d) if d > d1 => past_end = true,
                    Ok(d) if d >= d0 => days.push(d),
                    Ok(_) => {}
                    Err(_) => past_end = true,
                }
            }
            if past_end {
                break;
            }
            if m == Month::December {
                y += 1;
            }
            m = m.next();
        }
    } else {
        let mut d = Some(d0);
        while let Some(day) = d.filter(|x| *x <= d1) {
            days.push(day);
            d = day.checked_add(Duration::days(7));
        }
    }
    let window = &dates[first..=last];
    let x_of = |d: Date| -> f64 {
        match window.binary_search(&d) {
            Ok(k) => (first + k) as f64,
            Err(0) => first as f64,
            Err(k) if k >= window.len() => last as f64,
            Err(k) => {
                let (a, b) = (window[k - 1], window[k]);
                (first + k - 1) as f64 + (d - a).whole_days() as f64 / (b - a).whole_days() as f64
            }
        }
    };
    let mut ticks: Vec<(f64, Date, bool)> = days.into_iter().map(|d| (x_of(d), d, d.day() == 1)).collect();
    let max_ticks = max_ticks.max(1);
    if ticks.len() > max_ticks {
        let step = ticks.len().div_ceil(max_ticks);
        ticks = ticks.into_iter().step_by(step).collect();
    }
    ticks
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    #[test]
    fn decimation_keeps_spikes() {
        // 20 bars into 2 columns (10 per column > 4): the spike at bar 13 survives.
        let lows: Vec<f64> = (0..20).map(|i| if i == 13 { 50.0 } else { 100.0 }).collect();
        let highs: Vec<f64> = (0..20).map(|i| if i == 4 { 200.0 } else { 110.0 }).collect();
        let cols = decimate_min_max(100, &lows, &highs, 2, 4.0).unwrap();
        assert_eq!(cols, vec![MinMaxColumn { x: 104.5, low: 100.0, high: 200.0 }, MinMaxColumn { x: 114.5, low: 50.0, high: 110.0 }]);
        // 8 bars in 2 columns is 4 per column: no decimation.
        assert!(decimate_min_max(0, &lows[..8], &highs[..8], 2, 4.0).is_none());
    }

    #[test]
    fn row_placement_never_overlaps() {
        // Three 100-px labels wanted at 200, 210 and 220, two rows. The first takes row 0 at 150.
        // The second: row 0 would push it to 258 (past the first + gap); row 1 must clear the
        // first's leader at 200, so 202: row 1 wins. The third: row 0 would put its leader (220)
        // through the second (202–302) below; row 1 pushes it past the second to 310.
        let placed = place_in_rows(&[200.0, 210.0, 220.0], &[100.0; 3], 2, 8.0, 0.0, 1000.0);
        assert_eq!(placed, vec![(0, 150.0), (1, 202.0), (1, 310.0)]);
        // Nothing leaves the bounds.
        let placed = place_in_rows(&[5.0, 995.0], &[100.0, 100.0], 1, 8.0, 0.0, 1000.0);
        assert_eq!(placed, vec![(0, 0.0), (0, 900.0)]);
        // Random-ish crowd: no two labels in a row overlap.
        let xs: Vec<f64> = (0..12).map(|i| ((i * 37) % 11) as f64 * 60.0).collect();
        let ws: Vec<f64> = (0..12).map(|i| 40.0 + (i % 4) as f64 * 25.0).collect();
        let placed = place_in_rows(&xs, &ws, 3, 6.0, 0.0, 2000.0);
        for a in 0..12 {
            for b in 0..12 {
                if a != b && placed[a].0 == placed[b].0 {
                    let (la, lb) = (placed[a].1, placed[b].1);
                    assert!(la + ws[a] + 6.0 <= lb + 1e-9 || lb + ws[b] + 6.0 <= la + 1e-9, "{a} and {b} overlap");
                }
            }
        }
    }

    #[test]
    fn ticks_follow_the_span() {
        let start = time::macros::date!(2025 - 08 - 01);
        let dates: Vec<time::Date> = (0..349).map(|i| start + time::Duration::days(i)).collect();
        let xs = |t: Vec<(f64, time::Date, bool)>| t.iter().map(|t| t.0).collect::<Vec<_>>();
        // Whole series (349 days): month starts, Aug 2025 .. Jul 2026 = 12.
        let all = time_ticks(&dates, 0, 348, 20);
        assert_eq!(all.len(), 12);
        assert!(all.iter().all(|t| t.2));
        // Thinned to 4.
        assert_eq!(time_ticks(&dates, 0, 348, 4).len(), 4);
        // 30 days from 2026-01-07 (bar 159): every 7th day, 5 ticks.
        assert_eq!(xs(time_ticks(&dates, 159, 188, 20)), vec![159.0, 166.0, 173.0, 180.0, 187.0]);
        // 90 days, 2026-02-01 (bar 184) to 2026-05-01: 1 and 15 Feb, Mar, Apr, and 1 May = 7.
        assert_eq!(time_ticks(&dates, 184, 273, 20).len(), 7);
    }

    #[test]
    fn ticks_count_calendar_days_across_a_gap() {
        use time::macros::date;
        // 1 Dec 2025 .. 31 Jan 2026 daily (62 bars, 0..=61), then nothing until 2 Mar (a 30-day
        // gap: 1 Feb .. 1 Mar missing), then 2 Mar .. 31 Mar (bars 62..=91). 121 calendar days.
        let mut dates: Vec<time::Date> = (0..62).map(|i| date!(2025 - 12 - 01) + time::Duration::days(i)).collect();
        dates.extend((0..30).map(|i| date!(2026 - 03 - 02) + time::Duration::days(i)));
        let ticks = time_ticks(&dates, 0, 91, 20);
        // Month starts: 1 Dec (bar 0), 1 Jan (bar 31), 1 Feb and 1 Mar inside the gap between
        // bar 61 (31 Jan) and bar 62 (2 Mar), 30 days apart: 1/30 and 29/30 of the way.
        let got: Vec<(f64, String)> = ticks.iter().map(|t| (t.0, leverage_date(t.1))).collect();
        let want = vec![(0.0, "2025-12-01"), (31.0, "2026-01-01"), (61.0 + 1.0 / 30.0, "2026-02-01"), (61.0 + 29.0 / 30.0, "2026-03-01")];
        assert_eq!(got.len(), want.len());
        for ((x, d), (wx, wd)) in got.iter().zip(want) {
            assert!((x - wx).abs() < 1e-12, "{d}: {x} vs {wx}");
            assert_eq!(d, wd);
        }
        // Degenerate inputs give no ticks or one, never a panic.
        assert!(time_ticks(&[], 0, 5, 3).is_empty());
        assert_eq!(time_ticks(&dates[..1], 3, 1, 0).len(), 1);
        let end = [date!(9999 - 12 - 31)];
        assert_eq!(time_ticks(&end, 0, 0, 3).len(), 1);
    }

    fn leverage_date(d: time::Date) -> String {
        crate::model::bars::format_date(d)
    }
}
