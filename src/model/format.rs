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
    let (scale, suffix) = if v.abs() >= 1e9 { (1e9, "B") } else if v.abs() >= 1e7 { (1e6, "M") } else { return usd_full(v) };
    let x = v / scale;
    let text = format!("{:.2}", x.abs());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{}${text}{suffix}", if x < 0.0 { "-" } else { "" })
}

/// The text the page shows for a figure (the same wording the browser's `Intl` gives in
/// en-US): used to write the default figures into the HTML so it reads without JavaScript.
pub fn metric_text(m: &crate::model::explainer::Metric) -> String {
    let one = |v: f64| match m.unit {
        "usd" if v.abs() >= 1e7 => usd_compact(v),
        "usd" => usd_full(v),
        "pct" => format!("{v:.1}%"),
        "btc" => format!("{} BTC", usd_full(v).trim_start_matches('$')),
        "index" => format!("{v:.1}"),
        _ => usd_full(v).replacen('$', "", 1),
    };
    if let Some(t) = &m.text {
        if m.unit == "date" {
            return crate::model::bars::parse_date(t).map(day).unwrap_or_else(|| t.clone());
        }
        return t.replace('_', " ");
    }
    match (m.value, m.low, m.high) {
        (Some(v), _, _) => one(v),
        (None, Some(lo), Some(hi)) => format!("{} to {}", one(lo), one(hi)),
        _ => "none".to_string(),
    }
}

/// Writes `text_of(id)` into every element `<… data-metric="id" …>…</…>` of `html` whose
/// content is plain text, and returns the new HTML. Ids without a text are left as they are.
pub fn fill_metrics(html: &str, text_of: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    const KEY: &str = "data-metric=\"";
    while let Some(pos) = rest.find(KEY) {
        let after_key = &rest[pos + KEY.len()..];
        let Some(id_end) = after_key.find('"') else { break };
        let id = &after_key[..id_end];
        let Some(tag_end) = after_key.find('>') else { break };
        let content_start = pos + KEY.len() + tag_end + 1;
        let Some(content_len) = rest[content_start..].find('<') else { break };
        out.push_str(&rest[..content_start]);
        match text_of(id) {
            Some(text) => out.push_str(&escape_html(&text)),
            None => out.push_str(&rest[content_start..content_start + content_len]),
        }
        rest = &rest[content_start + content_len..];
    }
    out.push_str(rest);
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

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
