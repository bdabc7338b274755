//! Number and date wording for the sentences the core writes (claim reasons). The page formats
//! its figures with the browser's `Intl`; these are for text that comes out of Rust whole.

/// "$89,070": whole dollars with thousands separators ("−$12" for negatives).
pub fn usd_full(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
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
