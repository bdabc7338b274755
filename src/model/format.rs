//! Number and date wording for the sentences the core writes (claim reasons). The page formats
//! its figures with the browser's `Intl`; these are for text that comes out of Rust whole.

/// "$89,070": whole dollars with thousands separators ("−$12" for negatives).
/// Amounts of 10¹⁵ dollars or more (never a valid figure: prices and market series are
/// bounded on input) are written in exponent form rather than saturating an integer.
pub fn usd_full(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".into();
    }
    if v.abs() >= 1e15 {
        return format!("{}${:.3e}", if v < 0.0 { "−" } else { "" }, v.abs());
    }
    let n = v.round() as i64;
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{}${out}", if n < 0 { "−" } else { "" })
}

/// "6 Feb 2026".
pub fn day(d: time::Date) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {}", d.day(), MONTHS[d.month() as usize - 1], d.year())
}

/// "$61B", "$2.5B", "$12M": a compact dollar figure for amounts of ten million or more,
/// otherwise [`usd_full`].
pub fn usd_compact(v: f64) -> String {
    let (scale, suffix) = if v.abs() >= 1e9 {
        (1e9, "B")
    } else if v.abs() >= 1e7 {
        (1e6, "M")
    } else {
        return usd_full(v);
    };
    let x = v / scale;
    let text = format!("{:.2}", x.abs());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{}${text}{suffix}", if x < 0.0 { "-" } else { "" })
}

/// A price as the page writes it in en-US with two significant digits (`Intl.NumberFormat('en-US', {style:
/// 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 2})`: "$89K",
/// "$130K"; the scenario segments), so the control written into the HTML has the height the
/// script's has. Thousands only; other magnitudes as [`usd_compact`].
pub fn usd_two_digits(v: f64) -> String {
    if !(1e3..1e6).contains(&v) {
        return usd_compact(v);
    }
    let step = if v >= 1e5 {
        1e4
    } else if v >= 1e4 {
        1e3
    } else {
        1e2
    };
    let thousands = (v / step).round() * step / 1e3;
    if thousands >= 1e3 {
        return usd_compact(v);
    }
    format!("${thousands}K")
}

/// The text the page shows for a figure (the same wording the browser's `Intl` gives in
/// en-US): used natively to write the default figures into the HTML so it reads without
/// JavaScript, and by the golden text files. `abs`: the magnitude.
#[cfg(not(target_arch = "wasm32"))]
pub fn metric_text(m: &crate::model::metric::Metric, abs: bool) -> String {
    use crate::model::text::{plain, Unit};
    let f = |v: f64| if abs { v.abs() } else { v };
    let one = |v: f64| plain::value(f(v), m.unit, m.digits);
    if let Some(t) = &m.text {
        return match m.unit {
            Unit::Date => plain::date(t),
            Unit::Text if m.id == "scenario_label" => t.clone(),
            _ => t.replace('_', " "),
        };
    }
    match (m.value, m.low, m.high) {
        (Some(v), _, _) => one(v),
        (None, Some(lo), Some(hi)) => {
            let (a, b) = if abs && f(lo) > f(hi) { (hi, lo) } else { (lo, hi) };
            if m.unit == Unit::Usd {
                let (x, y) = plain::usd_pair(f(a), f(b));
                return format!("{x} to {y}");
            }
            format!("{} to {}", one(a), one(b))
        }
        _ => "none".to_string(),
    }
}

/// The mark shown after a figure, as the page draws it: a letter for the provenance.
pub fn mark_letter(p: crate::model::story::Provenance) -> &'static str {
    use crate::model::story::Provenance::*;
    match p {
        Computed => "C",
        Article => "A",
        Reported => "R",
        NotFound => "N",
    }
}

/// A provenance mark as the page writes it after a figure: `<sup class="mark mark-computed">C</sup>`.
#[cfg(not(target_arch = "wasm32"))]
fn mark_html(p: crate::model::story::Provenance) -> String {
    format!("<sup class=\"mark mark-{}\">{}</sup>", p.id(), mark_letter(p))
}

/// A paragraph as HTML (natively, en-US): words escaped, each figure a `data-metric` span
/// followed by its provenance mark, as `www/main.js` builds it in the browser.
#[cfg(not(target_arch = "wasm32"))]
pub fn text_html(t: &crate::model::text::Text, view: &crate::model::StoryView) -> String {
    use crate::model::text::{plain, Part};
    let mut out = String::new();
    for part in &t.0 {
        match part {
            Part::Words(w) => out.push_str(&escape_html(w)),
            Part::Figure { f, abs } => match view.metric(f) {
                Some(m) => {
                    let prov = m.provenance.id();
                    out.push_str(&format!("<span data-metric=\"{f}\" data-provenance=\"{prov}\">{}</span>", escape_html(&metric_text(m, *abs))));
                    out.push_str(&mark_html(m.provenance));
                }
                None => out.push_str("(missing)"),
            },
            Part::Value { v, u, abs, d, p } => {
                out.push_str(&escape_html(&plain::value(if *abs { v.abs() } else { *v }, *u, *d)));
                out.push_str(&p.map(mark_html).unwrap_or_default());
            }
            Part::Date { date, p, .. } => {
                out.push_str(&escape_html(&plain::date(date)));
                out.push_str(&p.map(mark_html).unwrap_or_default());
            }
        }
    }
    out
}

/// A paragraph as plain en-US text (figures without marks), for goldens and tests.
#[cfg(not(target_arch = "wasm32"))]
pub fn text_plain(t: &crate::model::text::Text, view: &crate::model::StoryView) -> String {
    plain_with(t, |f, abs| view.metric(f).map(|m| metric_text(m, abs)).unwrap_or_else(|| format!("(missing {f})")))
}

/// The same for a text without figures of a view (the event study's sentences): words, values
/// and dates in en-US; a figure, if any, reads "(missing id)".
#[cfg(not(target_arch = "wasm32"))]
pub fn text_plain_values(t: &crate::model::text::Text) -> String {
    plain_with(t, |f, _| format!("(missing {f})"))
}

#[cfg(not(target_arch = "wasm32"))]
fn plain_with(t: &crate::model::text::Text, figure: impl Fn(&str, bool) -> String) -> String {
    use crate::model::text::{plain, Part};
    t.0.iter()
        .map(|part| match part {
            Part::Words(w) => w.clone(),
            Part::Figure { f, abs } => figure(f, *abs),
            Part::Value { v, u, abs, d, .. } => plain::value(if *abs { v.abs() } else { *v }, *u, *d),
            Part::Date { date, .. } => plain::date(date),
        })
        .collect()
}

/// Writes each paragraph of `view` into the element `<… data-text="id" …></…>` of `html`.
#[cfg(not(target_arch = "wasm32"))]
pub fn fill_texts(html: &str, view: &crate::model::StoryView) -> String {
    fill_elements(html, "data-text=\"", find_close, |id, _| view.text.iter().find(|p| p.id == id).map(|p| text_html(&p.text, view)))
}

/// The one scanner behind [`fill_texts`] and [`fill_metrics`]: for every element whose opening
/// tag holds `key` followed by an id, `content` says where its content ends, and `write(id, tag)`
/// gives the new content as HTML (`None` leaves it as it is).
fn fill_elements(html: &str, key: &str, content: fn(&str) -> Option<usize>, write: impl Fn(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html;
    while let Some(pos) = rest.find(key) {
        let after_key = &rest[pos + key.len()..];
        let Some(id_end) = after_key.find('"') else { break };
        let id = &after_key[..id_end];
        let Some(tag_end) = after_key.find('>') else { break };
        let content_start = pos + key.len() + tag_end + 1;
        let Some(content_len) = content(&rest[content_start..]) else { break };
        out.push_str(&rest[..content_start]);
        match write(id, &after_key[..tag_end]) {
            Some(new) => out.push_str(&new),
            None => out.push_str(&rest[content_start..content_start + content_len]),
        }
        rest = &rest[content_start + content_len..];
    }
    out.push_str(rest);
    out
}

/// The length of an element's content up to its closing tag (`</p>`, `</figcaption>`, …),
/// skipping the tags of spans written inside it before.
#[cfg(not(target_arch = "wasm32"))]
fn find_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = s[i..].find('<') {
        let at = i + off;
        let tag = &s[at..];
        if tag.starts_with("</") {
            if depth == 0 {
                return Some(at);
            }
            depth -= 1;
        } else if !tag.starts_with("<br") {
            depth += 1;
        }
        i = at + 1;
    }
    None
}

/// Writes `text_of(id)` into every element `<… data-metric="id" …>…</…>` of `html` whose
/// content is plain text, and returns the new HTML. Ids without a text are left as they are.
pub fn fill_metrics(html: &str, text_of: impl Fn(&str) -> Option<String>) -> String {
    // Spans written by `fill_texts` already carry their text (and its sign choice).
    fill_elements(html, "data-metric=\"", |s| s.find('<'), |id, tag| if tag.contains("data-provenance=") { None } else { text_of(id).map(|t| escape_html(&t)) })
}

pub(crate) fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_filled_into_their_elements_with_marks() {
        let e = crate::model::Explainer::new(crate::bundled::PRICES_CSV, "p.csv", crate::bundled::FIGURES_CSV, "f.csv").unwrap();
        let v = e.view(crate::model::Reference::ArticleFraming, "recovery").unwrap();
        let html = r#"<p data-text="numbers_2">old <span data-metric="x">1</span> text</p><p>keep</p>"#;
        let out = fill_texts(html, &v);
        assert!(out.starts_with(r#"<p data-text="numbers_2">The article puts futures liquidations at <span data-metric="liquidations_total_usd" data-provenance="article">$3B to $4B</span><sup class="mark mark-article">A</sup> across all coins"#), "{out}");
        assert!(out.ends_with("</p><p>keep</p>"), "{out}");
    }

    #[test]
    fn segment_prices_read_as_intl_writes_them() {
        // Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD', notation: 'compact',
        // maximumSignificantDigits: 2}) in Chromium 156.
        assert_eq!(usd_two_digits(89_070.0), "$89K");
        assert_eq!(usd_two_digits(32_851.0), "$33K");
        assert_eq!(usd_two_digits(126_272.0), "$130K");
        assert_eq!(usd_two_digits(7_450.0), "$7.5K");
        assert_eq!(usd_two_digits(55_000.0), "$55K");
    }

    #[test]
    fn compact_and_full_dollars() {
        assert_eq!(usd_compact(61e9), "$61B");
        assert_eq!(usd_compact(2.5e9), "$2.5B");
        assert_eq!(usd_compact(-12e9), "-$12B");
        assert_eq!(usd_compact(2.59e9), "$2.59B");
        assert_eq!(usd_compact(89_070.0), "$89,070");
    }

    #[test]
    fn metrics_are_written_into_their_elements_only() {
        let html = r#"<p>At <span data-metric="a"></span> and <strong data-metric="b" title="x">old</strong>, <span data-metric="c">keep</span></p>"#;
        let out = fill_metrics(html, |id| match id {
            "a" => Some("$1 < $2".into()),
            "b" => Some("52.5%".into()),
            _ => None,
        });
        assert_eq!(out, r#"<p>At <span data-metric="a">$1 &lt; $2</span> and <strong data-metric="b" title="x">52.5%</strong>, <span data-metric="c">keep</span></p>"#);
    }
}
