//! Fewer SVG elements for the same picture: runs of consecutive, fully opaque `<line>`,
//! `<polyline>` and `<rect>` elements of plotters' SVG backend that share one style become one
//! `<path>`.
//!
//! The price chart's 349 candles and volume bars come out of plotters as about 1,750 elements
//! (161 KB at 760 px); a browser spends its time on elements, not bytes, when it parses and
//! lays out an SVG (the page's first frame shows one, see `www/index.html`). Merged, the same
//! chart is a few dozen elements.
//!
//! Why the picture is the same (SVG 1.1, §9 "Basic shapes" defines each shape as the path
//! given here, and §11 paints a path's subpaths with one fill and one stroke):
//! - `<line x1 y1 x2 y2>` is the path `M x1 y1 L x2 y2`; `<polyline points="p0 p1 …">` is
//!   `M p0 L p1 …`; `<rect x y width height>` (no rounded corners) is
//!   `M x y h width v height h -width Z`.
//! - Opaque elements (`opacity="1"`) merge: painting several opaque shapes of one colour at
//!   once or one after another gives the same pixels.
//! - Translucent filled rects (the volume bars) merge only while no two of the run overlap and
//!   all sit on whole pixels: overlapping translucent shapes would be blended once instead of
//!   twice, and neighbours sharing a partly covered pixel would be blended differently.
//! - Only consecutive elements merge, so the painting order between styles is kept.
//! - A `<rect>` with a zero or negative side is not rendered by SVG; as a path its stroke
//!   would be, so such a rect is left as it is.
//! - A run of one element is left as it is.
//!
//! Used for the native renders (static twins, the page's first frame, goldens). The page's
//! downloads are plotters' text as it is: merging there cost the wasm 2.8 KB gzip.
//!
//! The input is plotters' SVG text, one element per line; any other line (text, circles, the
//! root element) is copied unchanged and ends the current run.

/// One shape of a run: its style (the attributes other than geometry, as written) and its
/// geometry as path data.
struct Shape {
    /// The attributes other than geometry, as written (with `fill="none"` for lines): what the
    /// merged `<path>` paints.
    style: String,
    d: String,
    /// For a translucent filled rect on whole pixels: its `(left, top, right, bottom)`, which
    /// must not overlap another of its run.
    translucent: Option<[i64; 4]>,
}

/// Whether `s` may join `run` (all of one style).
fn joins(run: &[(Shape, &str)], s: &Shape) -> bool {
    let Some(first) = run.first() else { return true };
    if first.0.style != s.style {
        return false;
    }
    match s.translucent {
        None => true,
        Some([l, t, r, b]) => run.iter().all(|(o, _)| o.translucent.is_some_and(|[ol, ot, or, ob]| r <= ol || or <= l || b <= ot || ob <= t)),
    }
}

/// The SVG text `svg` with runs of same-style opaque shapes merged into paths (see the module
/// documentation). Lines this function does not recognise are kept as they are.
pub fn compact_svg(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() / 3);
    let mut run: Vec<(Shape, &str)> = Vec::new();
    let flush = |run: &mut Vec<(Shape, &str)>, out: &mut String| {
        match run.len() {
            0 => {}
            1 => {
                out.push_str(run[0].1);
                out.push('\n');
            }
            _ => {
                out.push_str("<path ");
                out.push_str(&run[0].0.style);
                out.push_str(" d=\"");
                for (shape, _) in run.iter() {
                    out.push_str(&shape.d);
                }
                out.push_str("\"/>\n");
            }
        }
        run.clear();
    };
    for line in svg.lines() {
        match shape(line) {
            Some(s) => {
                if !joins(&run, &s) {
                    flush(&mut run, &mut out);
                }
                run.push((s, line));
            }
            None => {
                flush(&mut run, &mut out);
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    flush(&mut run, &mut out);
    if !svg.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// The attributes of one self-closing element line `<name a="v" …/>`, in order; `None` when
/// the line is not one.
fn element(line: &str) -> Option<(&str, Vec<(&str, &str)>)> {
    let body = line.strip_prefix('<')?.strip_suffix("/>")?;
    let (name, mut rest) = body.split_once(' ')?;
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Some((name, attrs));
        }
        let (key, after) = rest.split_once("=\"")?;
        let (value, after) = after.split_once('"')?;
        if key.contains(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>') {
            return None;
        }
        attrs.push((key, value));
        rest = after;
    }
}

/// A line as a mergeable shape, or `None`.
fn shape(line: &str) -> Option<Shape> {
    let (name, attrs) = element(line)?;
    let get = |k: &str| attrs.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
    let opaque = get("opacity")? == "1";
    let translucent_fill = name == "rect" && get("stroke") == Some("none");
    if !(opaque || translucent_fill) {
        return None;
    }
    let style_of = |geometry: &[&str]| -> String {
        let mut style = String::new();
        if !attrs.iter().any(|(k, _)| *k == "fill") {
            style.push_str("fill=\"none\"");
        }
        for (k, v) in attrs.iter().filter(|(k, _)| !geometry.contains(k)) {
            if !style.is_empty() {
                style.push(' ');
            }
            style.push_str(&format!("{k}=\"{v}\""));
        }
        style
    };
    let known = |geometry: &[&str], style: &[&str]| attrs.iter().all(|(k, _)| geometry.contains(k) || style.contains(k));
    match name {
        "line" => {
            const GEOMETRY: [&str; 4] = ["x1", "y1", "x2", "y2"];
            if !known(&GEOMETRY, &["opacity", "stroke", "stroke-width"]) || get("stroke")? == "none" {
                return None;
            }
            let [x1, y1, x2, y2] = GEOMETRY.map(|k| get(k).and_then(number));
            Some(Shape { style: style_of(&GEOMETRY), d: format!("M{} {}L{} {}", x1?, y1?, x2?, y2?), translucent: None })
        }
        "polyline" => {
            if !known(&["points"], &["fill", "opacity", "stroke", "stroke-width"]) || get("fill")? != "none" || get("stroke")? == "none" {
                return None;
            }
            let mut d = String::new();
            for (i, point) in get("points")?.split_whitespace().enumerate() {
                let (x, y) = point.split_once(',')?;
                d.push_str(&format!("{}{} {}", if i == 0 { "M" } else { "L" }, number(x)?, number(y)?));
            }
            (!d.is_empty()).then_some(Shape { style: style_of(&["points"]), d, translucent: None })
        }
        "rect" => {
            const GEOMETRY: [&str; 4] = ["x", "y", "width", "height"];
            if !known(&GEOMETRY, &["opacity", "fill", "stroke", "stroke-width"]) {
                return None;
            }
            let [x, y, w, h] = GEOMETRY.map(|k| get(k).and_then(number));
            let (x, y, w, h) = (x?, y?, w?, h?);
            if w.parse::<f64>().ok()? <= 0.0 || h.parse::<f64>().ok()? <= 0.0 {
                return None;
            }
            let translucent = if opaque {
                None
            } else {
                let [l, t, w, h] = [x, y, w, h].map(|v| v.parse::<i64>().ok());
                let (l, t) = (l?, t?);
                Some([l, t, l.checked_add(w?)?, t.checked_add(h?)?])
            };
            // Filled and stroked rects merge only with their own kind (the style says which).
            Some(Shape { style: style_of(&GEOMETRY), d: format!("M{x} {y}h{w}v{h}h-{w}Z"), translucent })
        }
        _ => None,
    }
}

/// A plain decimal number as written (`12`, `-3.5`), or `None`.
fn number(s: &str) -> Option<&str> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let ok = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') && digits.chars().filter(|&c| c == '.').count() <= 1;
    ok.then_some(s)
}

#[cfg(test)]
mod tests {
    use super::compact_svg;

    #[test]
    fn consecutive_lines_of_one_stroke_become_one_path() {
        let svg = "<svg width=\"10\" height=\"10\">\n\
                   <line opacity=\"1\" stroke=\"#E2E2E6\" stroke-width=\"1\" x1=\"56\" y1=\"338\" x2=\"609\" y2=\"338\"/>\n\
                   <polyline fill=\"none\" opacity=\"1\" stroke=\"#E2E2E6\" stroke-width=\"1\" points=\"55,40 55,373 \"/>\n\
                   <line opacity=\"1\" stroke=\"#000000\" stroke-width=\"1\" x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\"/>\n\
                   </svg>";
        let out = compact_svg(svg);
        assert_eq!(
            out,
            "<svg width=\"10\" height=\"10\">\n\
             <path fill=\"none\" opacity=\"1\" stroke=\"#E2E2E6\" stroke-width=\"1\" d=\"M56 338L609 338M55 40L55 373\"/>\n\
             <line opacity=\"1\" stroke=\"#000000\" stroke-width=\"1\" x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\"/>\n\
             </svg>"
        );
    }

    #[test]
    fn filled_rects_merge_and_keep_their_order_against_other_styles() {
        let r = |x: u32, fill: &str| format!("<rect x=\"{x}\" y=\"5\" width=\"2\" height=\"3\" opacity=\"1\" fill=\"{fill}\" stroke=\"none\"/>");
        let svg = [r(0, "#111111"), r(4, "#111111"), r(8, "#222222"), r(12, "#111111"), r(16, "#111111")].join("\n");
        let out = compact_svg(&svg);
        assert_eq!(
            out,
            "<path opacity=\"1\" fill=\"#111111\" stroke=\"none\" d=\"M0 5h2v3h-2ZM4 5h2v3h-2Z\"/>\n\
             <rect x=\"8\" y=\"5\" width=\"2\" height=\"3\" opacity=\"1\" fill=\"#222222\" stroke=\"none\"/>\n\
             <path opacity=\"1\" fill=\"#111111\" stroke=\"none\" d=\"M12 5h2v3h-2ZM16 5h2v3h-2Z\"/>"
        );
    }

    #[test]
    fn translucent_degenerate_and_unknown_elements_stay_as_they_are() {
        let svg = "<rect x=\"0\" y=\"0\" width=\"4\" height=\"4\" opacity=\"0.5\" fill=\"#111111\" stroke=\"none\"/>\n\
                   <rect x=\"2\" y=\"2\" width=\"4\" height=\"4\" opacity=\"0.5\" fill=\"#111111\" stroke=\"none\"/>\n\
                   <line opacity=\"0.5\" stroke=\"#111111\" stroke-width=\"1\" x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\"/>\n\
                   <line opacity=\"0.5\" stroke=\"#111111\" stroke-width=\"1\" x1=\"1\" y1=\"2\" x2=\"3\" y2=\"4\"/>\n\
                   <rect x=\"0\" y=\"0\" width=\"0\" height=\"4\" opacity=\"1\" fill=\"none\" stroke=\"#111111\"/>\n\
                   <rect x=\"0\" y=\"0\" width=\"0\" height=\"4\" opacity=\"1\" fill=\"none\" stroke=\"#111111\"/>\n\
                   <circle cx=\"1\" cy=\"1\" r=\"1\" opacity=\"1\" fill=\"#111111\" stroke=\"none\" stroke-width=\"1\"/>\n\
                   <line opacity=\"1\" stroke=\"#111111\" stroke-width=\"1\" x1=\"1e3\" y1=\"2\" x2=\"3\" y2=\"4\"/>\n\
                   <line opacity=\"1\" stroke=\"#111111\" stroke-width=\"1\" x1=\"1e3\" y1=\"2\" x2=\"3\" y2=\"4\"/>\n\
                   <text x=\"1\" y=\"2\">\n$20k\n</text>";
        assert_eq!(compact_svg(svg), svg);
    }

    #[test]
    fn translucent_rects_merge_only_side_by_side_on_whole_pixels() {
        let r = |x: &str, w: &str| format!("<rect x=\"{x}\" y=\"5\" width=\"{w}\" height=\"3\" opacity=\"0.35\" fill=\"#5A5A60\" stroke=\"none\"/>");
        // 0..1 and 1..2 touch without overlapping; 1..3 overlaps 2..3 and starts a new run;
        // 9.5 is not on a whole pixel and stays alone.
        let svg = [r("0", "1"), r("1", "1"), r("2", "1"), r("1", "2"), r("4", "1"), r("9.5", "1")].join("\n");
        assert_eq!(
            compact_svg(&svg),
            [
                "<path opacity=\"0.35\" fill=\"#5A5A60\" stroke=\"none\" d=\"M0 5h1v3h-1ZM1 5h1v3h-1ZM2 5h1v3h-1Z\"/>".to_string(),
                "<path opacity=\"0.35\" fill=\"#5A5A60\" stroke=\"none\" d=\"M1 5h2v3h-2ZM4 5h1v3h-1Z\"/>".to_string(),
                r("9.5", "1"),
            ]
            .join("\n")
        );
    }

    #[test]
    fn stroked_rects_become_closed_subpaths_and_do_not_join_filled_ones() {
        let svg = "<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" opacity=\"1\" fill=\"none\" stroke=\"#333333\"/>\n\
                   <rect x=\"5\" y=\"2\" width=\"3\" height=\"4\" opacity=\"1\" fill=\"none\" stroke=\"#333333\"/>\n\
                   <rect x=\"9\" y=\"2\" width=\"3\" height=\"4\" opacity=\"1\" fill=\"#333333\" stroke=\"none\"/>\n";
        assert_eq!(
            compact_svg(svg),
            "<path opacity=\"1\" fill=\"none\" stroke=\"#333333\" d=\"M1 2h3v4h-3ZM5 2h3v4h-3Z\"/>\n\
             <rect x=\"9\" y=\"2\" width=\"3\" height=\"4\" opacity=\"1\" fill=\"#333333\" stroke=\"none\"/>\n"
        );
    }
}
