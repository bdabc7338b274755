//! SVG golden files: every chart, rendered natively by the same chart code the page uses, at
//! phone (360 px) and desktop (760 px) widths, compared byte for byte with `tests/golden/`.
//! After an intended change, regenerate with `UPDATE_GOLDEN=1 cargo test --test charts`,
//! look at the new files, and review their diff like code.

use leverage_reset::bundled::*;
use leverage_reset::chart::svg::render_all;
use leverage_reset::model::{Explainer, Reference};

fn check_golden(name: &str, svg: &str) {
    let path = format!("{}/tests/golden/{name}.svg", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {path}: run UPDATE_GOLDEN=1 cargo test --test charts"));
    assert!(golden == svg, "{name}.svg differs from the golden file; if intended, regenerate it (UPDATE_GOLDEN=1) and look at it");
}

#[test]
fn charts_match_golden_files() {
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    for (scenario, widths) in [("recovery", &[360u32, 760][..]), ("catastrophic", &[760][..]), ("range", &[760][..])] {
        let v = e.view(Reference::ArticleFraming, scenario).unwrap();
        for &w in widths {
            for (id, svg) in render_all(&e, &v, w).unwrap() {
                if scenario != "recovery" && id == "open-interest" {
                    continue; // does not depend on the scenario
                }
                check_golden(&format!("{id}-{scenario}-{w}"), &svg);
            }
        }
    }
}

#[test]
fn charts_carry_the_figures_they_draw() {
    // The SVG text holds the annotations, so a reader of the static fallback sees them.
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
    let charts = render_all(&e, &v, 760).unwrap();
    let price = &charts.iter().find(|c| c.0 == "price").unwrap().1;
    assert!(price.contains("High $126,272"));
    assert!(price.contains("Crash: low $59,930"));
    // $19.16B (CoinGlass via the news, story_figures.csv) rounds to $19B.
    assert!(price.contains("10 Oct: $19B liquidated"));
    // The two weeks the open-interest figures are read over (29 Jan → 6 Feb), not the article's.
    assert!(price.contains("Open-interest weeks"));
    assert!(price.contains("Closes above $80k") && price.contains("Back below $75k"));
    assert!(price.contains("$89,070 resistance"));
    assert!(price.contains("$50k–$55k support"));
    let oi = &charts.iter().find(|c| c.0 == "open-interest").unwrap().1;
    // Paired per week: 61e9 / 84,530 = 721,637 → 49e9 / 62,795 = 780,317 BTC (week to 5 Feb);
    // 61e9 / 84,130 = 725,068 → 49e9 / 70,531 = 694,730 BTC (week to 6 Feb).
    for label in ["722k", "780k", "725k", "695k", "week to 5 Feb | week to 6 Feb", "Coins (BTC)"] {
        assert!(oi.contains(label), "coin open interest label {label}");
    }
    let ladder = &charts.iter().find(|c| c.0 == "ladder").unwrap().1;
    // The fragile range contains the reference (63,526 is inside $55–75k): no move, no "−13…+18%".
    assert!(ladder.contains("+40%") && ladder.contains("-48%") && ladder.contains("holds here") && !ladder.contains("-13…+18%"));
    // No label is cut at the left edge: every right-aligned text ends at an x that leaves room
    // for its characters at 0.6 em (the longest, "$32,851 catastrophic floor (N)", 30 characters).
    for (id, svg) in &charts {
        for t in svg.split("<text").skip(1) {
            let attr = |name: &str| t.split(&format!("{name}=\"")).nth(1).and_then(|r| r.split('"').next()).and_then(|v| v.parse::<f64>().ok());
            let text = t.split('>').nth(1).and_then(|r| r.split('<').next()).unwrap_or("").trim();
            if t.contains("text-anchor=\"end\"") {
                let (x, size) = (attr("x").unwrap(), attr("font-size").unwrap());
                assert!(x >= 0.6 * size * text.chars().count() as f64, "{id}: '{text}' ends at x = {x} (font {size})");
            }
        }
    }
}

/// WCAG relative luminance contrast of two sRGB colours.
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let lum = |c: (u8, u8, u8)| {
        let ch = |v: u8| {
            let s = v as f64 / 255.0;
            if s <= 0.03928 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn palette_contrast_meets_wcag() {
    let rgb = |c: plotters::style::RGBColor| (c.0, c.1, c.2);
    for p in [leverage_reset::chart::style::LIGHT, leverage_reset::chart::style::DARK] {
        for (name, c, min) in [
            ("text", p.text, 4.5),
            ("muted text", p.muted_text, 4.5),
            ("support", p.support, 4.5),
            ("resistance", p.resistance, 4.5),
            ("floor", p.floor, 4.5),
            ("up", p.up, 3.0),
            ("down", p.down, 3.0),
        ] {
            let r = contrast(rgb(c), rgb(p.background));
            assert!(r >= min, "{name}: contrast {r:.2} < {min}");
        }
    }
}

#[test]
fn hover_and_zoom_map_pixels_to_the_right_day() {
    use leverage_reset::chart::price::{draw_price, hover_info};
    use leverage_reset::chart::style::ChartStyle;
    use plotters::prelude::*;
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
    // Whole series and a 30-day zoom on the crash (bars 175..=204: 2026-01-23..2026-02-21).
    for (window, width) in [((0, 348), 1200u32), ((175, 204), 1200), ((0, 348), 360), ((175, 204), 360)] {
        let mut buf = String::new();
        let g = {
            let area = SVGBackend::with_string(&mut buf, (width, 460)).into_drawing_area();
            draw_price(&area, &e, &v, &ChartStyle::new(1.0), window).unwrap()
        };
        let h = hover_info(&e, &g, g.x_of_bar(189)).unwrap();
        // 2026-02-06 in the Bitstamp file: O 62,795 H 71,673 L 59,930 C 70,531; prior close 62,795.
        assert_eq!(h.date, "2026-02-06");
        assert_eq!((h.open_usd, h.high_usd, h.low_usd, h.close_usd), (62_795.0, 71_673.0, 59_930.0, 70_531.0));
        assert!((h.change_pct.unwrap() - (70_531.0 / 62_795.0 - 1.0) * 100.0).abs() < 1e-9);
        assert_eq!((h.support_usd, h.resistance_usd), (Some(55_000.0), Some(75_000.0)));
        assert_eq!(h.inside, None);
        assert!(!h.one_reading, "Bitstamp's bars are candles");
        // 3 Oct 2025 (close 122,308 in the Bitstamp file) comes before the high of 6 Oct
        // (126,272): that high is no resistance yet; the nearest above is none of the article's.
        if window.0 == 0 {
            let oct3 = e.series.bars.iter().position(|b| b.date == time::macros::date!(2025 - 10 - 03)).unwrap();
            let h = hover_info(&e, &g, g.x_of_bar(oct3)).unwrap();
            assert_eq!((h.close_usd, h.resistance_usd), (122_308.0, None), "{h:?}");
        }
        // The plot's edges map to the window's first and last bars.
        assert_eq!(g.bar_at(g.left_px), Some(window.0));
        assert_eq!(g.bar_at(g.right_px), Some(window.1));
    }
}

#[test]
fn chart_data_exports_carry_their_source() {
    use leverage_reset::chart::export::chart_csv;
    use leverage_reset::chart::ChartId;
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
    let csv = chart_csv(ChartId::Price, &e, &v, (186, 190)).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("# source: Bitstamp BTC/USD daily OHLCV"), "{}", lines[0]);
    assert_eq!(lines[1], "date,open_usd,high_usd,low_usd,close_usd,volume_btc,partial");
    // Bars 186..=190 are 2026-02-03 .. 2026-02-07; the bundled row for 6 Feb, copied.
    assert_eq!(lines.len(), 2 + 5);
    assert!(lines[5].starts_with("2026-02-06,62795,71673,59930,70531,"), "{}", lines[5]);
    let oi = chart_csv(ChartId::OpenInterest, &e, &v, (0, 348)).unwrap();
    assert!(oi.contains("\nopen_interest_before_usd,OI week before,61000000000,61000000000,usd,article,"), "{oi}");
    assert!(oi.contains("\nweek2_oi_after_btc,6 Feb (week to 6 Feb),694729.97"), "{oi}");
    assert!(oi.lines().next().unwrap().contains("open interest: the article (AInvest)"), "{oi}");
}

#[test]
fn annotation_labels_never_overlap_at_phone_and_desktop_widths() {
    use leverage_reset::chart::labels::{EnUs, LabelFormat};
    use leverage_reset::chart::price::{annotation_layout, annotations, annotations_with, draw_price};
    use leverage_reset::chart::style::ChartStyle;
    use plotters::prelude::*;
    use std::rc::Rc;
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
    // The high, 10 Oct, the crash, the open-interest weeks, and the zone's two later breaks.
    let short: Vec<String> = annotations(&e, &v).into_iter().map(|a| a.short_label).collect();
    assert_eq!(short, vec!["High", "10 Oct", "Crash", "OI weeks", "↑$80k", "↓$75k"]);
    // In en-US and in longer, localized labels (de-DE's, as the page's Intl writes them).
    for labels in [Rc::new(EnUs) as Rc<dyn LabelFormat>, Rc::new(DeLike)] {
        let marks = annotations_with(&e, &v, &*labels);
        for (width, ratio) in [(360u32, 1.0), (360, 2.0), (1200, 1.0), (1200, 0.8), (760, 1.0)] {
            for window in [(0usize, 348usize), (100, 220)] {
                let s = ChartStyle::new(ratio).with_labels(labels.clone());
                let w_px = (width as f64 * ratio) as u32;
                let mut buf = String::new();
                let g = {
                    let area = SVGBackend::with_string(&mut buf, (w_px, (460.0 * ratio) as u32)).into_drawing_area();
                    draw_price(&area, &e, &v, &s, window).unwrap()
                };
                let placed = annotation_layout(&marks, &g, window, &s, width < 560, w_px as f64);
                for a in &placed {
                    assert!(a.left_px >= 0.0 && a.left_px + a.width_px <= w_px as f64 + 1e-9, "{} leaves the canvas at {width}px", a.text);
                    // The lane sits above the plotting area: no label covers the data.
                    assert!(a.top_px + s.font(16.0) <= g.top_px + 1e-9, "{} overlaps the plot", a.text);
                    for b in &placed {
                        if a != b && a.row == b.row {
                            assert!(a.left_px + a.width_px <= b.left_px || b.left_px + b.width_px <= a.left_px, "{} and {} overlap at {width}px", a.text, b.text);
                        }
                        // A leader line runs down from its label's row at the anchor's x: no label
                        // in a lower row may sit across it ("$19B l|iquidated").
                        if a != b && b.row > a.row {
                            let x = a.anchor_x_px;
                            assert!(x <= b.left_px - 1.0 || x >= b.left_px + b.width_px + 1.0, "{}'s leader line crosses {} at {width}px ({window:?})", a.text, b.text);
                        }
                    }
                }
            }
        }
    }
}

/// Labels as the page writes them in de-DE (`Intl`, see `chartLabel` in www/main.js): longer
/// than en-US ("120.000 $" for "$120k", "10. Okt." for "10 Oct").
#[derive(Debug)]
struct DeLike;

impl DeLike {
    fn grouped(v: f64) -> String {
        let digits = format!("{:.0}", v.abs());
        let mut out = String::new();
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k) % 3 == 0 {
                out.push('.');
            }
            out.push(c);
        }
        if v < 0.0 {
            format!("-{out}")
        } else {
            out
        }
    }
    fn month(d: time::Date) -> &'static str {
        ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."][d.month() as usize - 1]
    }
}

impl leverage_reset::chart::labels::LabelFormat for DeLike {
    fn usd_short(&self, usd: f64) -> String {
        if usd.abs() >= 1e9 {
            format!("{:.0} Mrd. $", usd / 1e9)
        } else {
            format!("{} $", Self::grouped(usd))
        }
    }
    fn usd_full(&self, usd: f64) -> String {
        format!("{} $", Self::grouped(usd))
    }
    fn pct_signed(&self, pct: f64) -> String {
        format!("{pct:+.0} %")
    }
    fn number(&self, v: f64, digits: usize) -> String {
        format!("{v:.digits$}").replace('.', ",")
    }
    fn days_signed(&self, days: i32) -> String {
        format!("{days:+}")
    }
    fn month(&self, d: time::Date) -> String {
        Self::month(d).trim_end_matches('.').to_string()
    }
    fn day_month(&self, d: time::Date) -> String {
        format!("{}. {}", d.day(), Self::month(d))
    }
    fn month_year(&self, d: time::Date) -> String {
        format!("{} {}", Self::month(d), d.year())
    }
}

#[test]
fn the_page_carries_the_default_figures_for_readers_without_javascript() {
    let mut e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    e.set_history(leverage_reset::model::history::CloseHistory::parse_csv(HISTORY_CSV, HISTORY_NAME).unwrap());
    let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
    let path = format!("{}/www/index.html", env!("CARGO_MANIFEST_DIR"));
    let html = std::fs::read_to_string(&path).unwrap();
    let filled = leverage_reset::prerender(&html, &v);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &filled).unwrap();
        return;
    }
    assert!(filled == html, "www/index.html lacks the current default figures: run tools/build.sh (or UPDATE_GOLDEN=1 cargo test --test charts)");
    // Values checked by hand against the Bitstamp file and the article.
    for snippet in [
        r#"data-metric="ath_usd" data-provenance="computed">$126,272<"#,
        r#"data-metric="crash_low_date" data-provenance="computed">Feb 6, 2026<"#,
        r#"data-metric="drawdown_at_low_pct" data-provenance="computed">52.5%<"#,
        r#"data-metric="oi_change_pct" data-provenance="computed">19.7%<"#,
        r#"data-metric="liquidations_total_usd" data-provenance="article">$3B to $4B<"#,
        r#"<sup class="mark mark-article">A</sup>"#,
        r#"data-metric="target_usd" data-provenance="not_found">$89,070<"#,
        r#"its largest one-day fall since <span data-metric="previous_larger_fall_date" data-provenance="computed">Nov 9, 2022<"#,
    ] {
        assert!(html.contains(snippet), "{snippet}");
    }
}

#[test]
fn the_price_view_holds_what_the_chart_draws() {
    use leverage_reset::chart::price::price_view;
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    // The y range covers every scenario's target, so it does not move on a switch.
    let ranges: Vec<(f64, f64)> = ["recovery", "range", "retest", "breakdown", "catastrophic"]
        .iter()
        .map(|sc| {
            let v = e.view(Reference::ArticleFraming, sc).unwrap();
            let pv = price_view(&e, &v, (0, 348));
            (pv.y_min, pv.y_max)
        })
        .collect();
    assert!(ranges.windows(2).all(|w| w[0] == w[1]), "{ranges:?}");
    let v = e.view(Reference::ArticleFraming, "catastrophic").unwrap();
    let pv = price_view(&e, &v, (0, 348));
    assert!(pv.y_min < 32_851.0 && pv.y_max > 126_272.0);
    // Shaded: the weeks the open-interest figures use, 29 Jan (bar 181) to 6 Feb 2026 (bar 189).
    assert_eq!(pv.shaded, Some((181, 189)));
    // The reference is drawn from the crash low's bar (6 Feb, bar 189) at 59,930 × 1.06.
    assert_eq!(pv.reference_idx, 189);
    assert!((pv.reference_usd - 63_525.8).abs() < 1e-6);
    let (target, label) = pv.target.unwrap();
    assert_eq!((target.low, label.as_str()), (32_851.0, "target: Catastrophic"));
    // Every level in range carries its mark: $89,070 and $32,851 untraced (N), the zones the
    // article's (A), the high computed (C).
    let labels: Vec<&str> = pv.levels.iter().map(|(_, l, _)| l.as_str()).collect();
    assert!(
        labels.contains(&"$89,070 resistance (N)")
            && labels.contains(&"$32,851 floor (N)")
            && labels.contains(&"$75k–$80k resistance (A)")
            && labels.contains(&"$126,272 resistance (C)"),
        "{labels:?}"
    );
    // Phones show short labels inside the plot, with the same marks: $89,070 → "$89k (N)",
    // $32,851 → "$33k (N)", the zone unchanged.
    let short: Vec<&str> = pv.levels.iter().map(|(_, _, s)| s.as_str()).collect();
    assert!(short.contains(&"$89k (N)") && short.contains(&"$33k (N)") && short.contains(&"$75k–$80k (A)") && short.contains(&"$126k (C)"), "{short:?}");
}

#[test]
fn the_time_axis_counts_days_across_a_30_day_gap() {
    use leverage_reset::chart::style::ChartStyle;
    use leverage_reset::chart::svg::draw_chart;
    use leverage_reset::chart::ChartId;
    use plotters::prelude::*;
    // The bundled days without 10 Feb ..= 11 Mar 2026 (30 days): 9 Feb is followed by 12 Mar.
    let text: String = PRICES_CSV
        .lines()
        .filter(|l| !(l.starts_with("2026-02-1") || l.starts_with("2026-02-2") || (l.starts_with("2026-03-") && l[8..10] < *"12")))
        .map(|l| format!("{l}\n"))
        .collect();
    let e = Explainer::new(&text, "gap.csv", FIGURES_CSV, FIGURES_NAME).unwrap();
    assert!(e.series.warnings.contains(&"gap.csv: 30 day(s) missing between 2026-02-09 and 2026-03-12".to_string()), "{:?}", e.series.warnings);
    let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
    let feb9 = e.series.index_of(time::macros::date!(2026 - 02 - 09)).unwrap();
    let apr1 = e.series.index_of(time::macros::date!(2026 - 04 - 01)).unwrap();
    // 1 Aug 2025 .. 9 Feb 2026 is 193 days: bar 192; 1 Apr is 20 bars after 12 Mar (bar 193).
    assert_eq!((feb9, apr1), (192, 213));
    let mut svg = String::new();
    let g = {
        let area = leverage_reset::chart::measured::Measured::approximate(SVGBackend::with_string(&mut svg, (1400, 460))).into_drawing_area();
        draw_chart(ChartId::Price, &area, &e, &v, &ChartStyle::new(1.0), (0, e.series.bars.len() - 1), None).unwrap().unwrap()
    };
    let px = |x: f64| g.left_px + (x - g.x_min) / (g.x_max - g.x_min) * (g.right_px - g.left_px);
    // The x attribute of the axis label `label` (drawn centred on its tick).
    let label_x = |label: &str| -> f64 {
        let end = svg.find(&format!(">\n{label}\n</text>")).unwrap_or_else(|| panic!("no {label} label"));
        let start = svg[..end].rfind("<text").unwrap();
        let tag = &svg[start..end];
        let x = tag.split("x=\"").nth(1).unwrap().split('"').next().unwrap();
        x.parse().unwrap()
    };
    // 1400 px leave room for every month label, and a bar is 3.4 px wide (a 30-day error would
    // be 100 px); plotters rounds to whole pixels, so 2 px of slack. 1 Mar is 20 of the 31 days from 9 Feb to 12 Mar: x = 192 + 20/31. 1 Apr sits on its bar.
    assert!((label_x("Mar") - px(192.0 + 20.0 / 31.0)).abs() <= 2.0, "Mar at {} not {}", label_x("Mar"), px(192.0 + 20.0 / 31.0));
    assert!((label_x("Apr") - px(213.0)).abs() <= 2.0, "Apr at {} not {}", label_x("Apr"), px(213.0));
}

/// A format that writes every number and date as "X…" with no "$", "%", comma or month name:
/// a chart label that still holds one of those was not written through the style's format.
#[derive(Debug)]
struct Fake;

impl leverage_reset::chart::labels::LabelFormat for Fake {
    fn usd_short(&self, usd: f64) -> String {
        format!("X{:.0}", usd / 1e3)
    }
    fn usd_full(&self, usd: f64) -> String {
        format!("X{usd:.0}")
    }
    fn pct_signed(&self, pct: f64) -> String {
        format!("X{pct:.0}")
    }
    fn number(&self, v: f64, digits: usize) -> String {
        format!("X{v:.digits$}").replace('.', "_")
    }
    fn days_signed(&self, days: i32) -> String {
        format!("X{days}")
    }
    fn month(&self, d: time::Date) -> String {
        format!("X{}", d.month() as u8)
    }
    fn day_month(&self, d: time::Date) -> String {
        format!("X{}/{}", d.day(), d.month() as u8)
    }
    fn month_year(&self, d: time::Date) -> String {
        format!("X{}/{}", d.month() as u8, d.year())
    }
}

/// The text of every `<text>` element of an SVG.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text").skip(1).filter_map(|t| t.split_once('>').and_then(|(_, rest)| rest.split_once("</text>")).map(|(inner, _)| inner.trim().to_string())).collect()
}

#[test]
fn every_chart_label_goes_through_the_styles_format() {
    use leverage_reset::chart::event_study::event_study_view;
    use leverage_reset::chart::style::ChartStyle;
    use leverage_reset::chart::svg::{render_event_study_svg, render_svg};
    use leverage_reset::chart::ChartId;
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let s = ChartStyle::new(1.0).with_labels(std::rc::Rc::new(Fake));
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    // Words the charts keep in English that hold a "$" or a number: a panel's unit, the event
    // study's axis title and its events' names (authored in events.csv).
    let event_names: Vec<String> = leverage_reset::model::events::EventStudy::bundled().unwrap().events.iter().map(|e| e.short_name.clone()).collect();
    let english = |t: &str| t == "Dollars (notional, $ billions)" || t == "Close, day before the worst day = 100" || event_names.iter().any(|n| n == t);
    let mut seen = 0;
    let mut check = |what: &str, svg: &str| {
        for t in svg_texts(svg) {
            seen += 1;
            if english(&t) {
                continue;
            }
            let month_word = t.split(|c: char| !c.is_alphabetic()).any(|w| months.contains(&w));
            let bare_digit = t.split(|c: char| c.is_whitespace() || "()–…:|↑↓".contains(c)).any(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
            assert!(!t.contains('$') && !t.contains('%') && !month_word && !bare_digit, "{what}: '{t}' was not written through the style's format");
        }
    };
    for scenario in ["recovery", "catastrophic", "range"] {
        let v = e.view(Reference::ArticleFraming, scenario).unwrap();
        for w in [360u32, 760, 1200] {
            for (id, window) in [(ChartId::Price, (0, e.series.bars.len() - 1)), (ChartId::Price, (150, 200)), (ChartId::OpenInterest, (0, 0)), (ChartId::Ladder, (0, 0))] {
                let svg = render_svg(id, &e, &v, w, &s, window, None).unwrap();
                check(&format!("{} {scenario} {w} px", id.stem()), &svg);
            }
        }
    }
    let study = leverage_reset::model::events::EventStudy::bundled().unwrap();
    for w in [360u32, 760] {
        check(&format!("event study {w} px"), &render_event_study_svg(&event_study_view(&study, None, "feb2026"), w, &s, None).unwrap());
    }
    assert!(seen > 100, "{seen} labels");
}

#[test]
fn a_transparent_style_leaves_the_background_to_the_host() {
    // theme=inherit: no background fill on screen, so the host's page shows through the canvas.
    use leverage_reset::chart::style::{ChartStyle, LIGHT};
    use leverage_reset::chart::svg::render_svg;
    use leverage_reset::chart::ChartId;
    use plotters::style::RGBColor;
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let v = e.view(Reference::ArticleFraming, "recovery").unwrap();
    let all = (0, e.series.bars.len() - 1);
    for id in [ChartId::Price, ChartId::OpenInterest, ChartId::Ladder] {
        let opaque = render_svg(id, &e, &v, 360, &ChartStyle::new(1.0), all, None).unwrap();
        let clear = render_svg(id, &e, &v, 360, &ChartStyle::new(1.0).see_through(true), all, None).unwrap();
        // The background is the one rect from the origin over the whole width.
        let background = |svg: &str| svg.lines().filter(|l| l.starts_with(r#"<rect x="0" y="0" width="360""#)).map(str::to_string).collect::<Vec<_>>();
        assert!(background(&opaque).len() == 1 && background(&opaque)[0].contains(r##"opacity="1" fill="#FFFFFF""##), "{:?}", background(&opaque));
        assert!(background(&clear).iter().all(|l| l.contains(r#"opacity="0""#)), "{:?}", background(&clear));
    }
    // A host's colour replaces one palette entry, and only known names are accepted.
    let p = LIGHT.with_color("text", RGBColor(1, 2, 3)).unwrap();
    assert_eq!((p.text.0, p.text.1, p.text.2), (1, 2, 3));
    assert_eq!(p.muted_text.0, LIGHT.muted_text.0);
    assert!(LIGHT.with_color("nope", RGBColor(0, 0, 0)).is_err());
}

/// The page stacks the price chart's scenario layer on its own canvas over the base and a
/// switch redraws only the layer: so the base must not depend on the scenario, the layer must
/// hold the target (its band or line, its label), and base + layer must be the chart as drawn
/// in one piece (the SVG downloads and static fallbacks).
#[test]
fn a_scenario_switch_changes_only_the_scenario_layer() {
    use leverage_reset::chart::measured::Measured;
    use leverage_reset::chart::price::{draw_price_base, draw_price_scenario};
    use leverage_reset::chart::style::ChartStyle;
    use plotters::prelude::*;
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let all = (0, e.series.bars.len() - 1);
    let s = ChartStyle::new(1.0);
    for w in [360u32, 760] {
        let mut bases = Vec::new();
        for scenario in ["recovery", "range", "retest", "breakdown", "catastrophic"] {
            let v = e.view(Reference::ArticleFraming, scenario).unwrap();
            let (mut base, mut layer) = (String::new(), String::new());
            let layout = {
                let area = Measured::approximate(SVGBackend::with_string(&mut base, (w, 420))).into_drawing_area();
                let l = draw_price_base(&area, &e, &v, &s, all).unwrap();
                area.present().unwrap();
                l
            };
            {
                let area = Measured::approximate(SVGBackend::with_string(&mut layer, (w, 420))).into_drawing_area();
                draw_price_scenario(&area, &v, &s, &layout).unwrap();
                area.present().unwrap();
            }
            let target = &v.scenarios.iter().find(|x| x.id == v.selected_scenario).unwrap().target_usd;
            // The layer has the target's label, and the base has none.
            let label = if w < 560 { "target".to_string() } else { format!("target: {}", v.scenarios.iter().find(|x| x.id == v.selected_scenario).unwrap().label) };
            assert!(svg_texts(&layer).contains(&label), "{scenario} at {w}: {:?}", svg_texts(&layer));
            assert!(!svg_texts(&base).iter().any(|t| t.starts_with("target")), "{scenario} at {w}: the base carries a target label");
            // A band is a filled rectangle plus its outline; a single price a dashed path.
            if target.low < target.high {
                assert!(layer.contains("<rect"), "{scenario}: no band");
            } else {
                assert!(layer.contains("<polyline") || layer.contains("<path") || layer.contains("<line"), "{scenario}: no line");
            }
            bases.push(base);
        }
        assert!(bases.windows(2).all(|p| p[0] == p[1]), "the base changed with the scenario at {w} px");
    }
}

/// The page's dark palette before its script has run (`www/style.css`, for readers in dark mode)
/// is the charts' dark palette, property by property.
#[test]
fn the_pages_dark_palette_before_the_script_is_the_charts() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/style.css")).unwrap();
    let start = css.find(":root:not([data-theme]) {").expect("the block before the script");
    let block = &css[start..start + css[start..].find('}').unwrap()];
    let mut written: Vec<(String, String)> = block
        .split(';')
        .filter_map(|d| d.split_once(':').map(|(k, v)| (k.trim().rsplit(' ').next().unwrap_or("").to_string(), v.trim().to_string())))
        .filter(|(k, _)| k.starts_with("--lr-"))
        .collect();
    let mut dark = leverage_reset::chart::style::DARK.css_vars();
    written.sort();
    dark.sort();
    assert_eq!(written, dark);
}
/// Every vertical extent an SVG element of plotters' output covers, as `(top, bottom)` device
/// px: rects, lines, polylines, and text (its row ± half its font size as the canvas draws it,
/// plotters' SVG writing the size / 1.24).
fn svg_extents(svg: &str) -> Vec<(f64, f64, String)> {
    let attr = |line: &str, k: &str| line.split(&format!(" {k}=\"")).nth(1).and_then(|r| r.split('"').next()).and_then(|v| v.parse::<f64>().ok());
    let mut out = Vec::new();
    for line in svg.lines() {
        if line.starts_with("<rect") {
            let (y, h) = (attr(line, "y").unwrap(), attr(line, "height").unwrap());
            out.push((y, y + h, line.to_string()));
        } else if line.starts_with("<line") {
            let (a, b) = (attr(line, "y1").unwrap(), attr(line, "y2").unwrap());
            out.push((a.min(b), a.max(b), line.to_string()));
        } else if line.starts_with("<polyline") {
            let ys: Vec<f64> =
                line.split("points=\"").nth(1).unwrap().split('"').next().unwrap().split_whitespace().map(|p| p.split(',').nth(1).unwrap().parse().unwrap()).collect();
            out.push((ys.iter().cloned().fold(f64::MAX, f64::min), ys.iter().cloned().fold(f64::MIN, f64::max), line.to_string()));
        } else if line.starts_with("<text") {
            let (y, size) = (attr(line, "y").unwrap(), attr(line, "font-size").unwrap() * 1.24);
            out.push((y - size / 2.0, y + size / 2.0, line.to_string()));
        }
    }
    out
}

/// The rows the drawing of `svg` covers, from its elements' extents.
fn extents_span(svg: &str) -> (f64, f64) {
    svg_extents(svg).iter().fold((f64::MAX, f64::MIN), |(lo, hi), (a, b, _)| (lo.min(*a), hi.max(*b)))
}

#[test]
fn the_scenario_layer_stays_inside_the_rows_it_asks_for() {
    use leverage_reset::chart::measured::Measured;
    use leverage_reset::chart::price::{draw_price_base, draw_price_scenario, scenario_rows};
    use leverage_reset::chart::style::ChartStyle;
    use leverage_reset::chart::{chart_height_css, ChartId};
    use plotters::prelude::*;
    let e = Explainer::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    let all = (0, e.series.bars.len() - 1);
    for ratio in [1.0, 2.0] {
        let s = ChartStyle::new(ratio);
        for w_css in [360u32, 760] {
            let (w, h) = ((w_css as f64 * ratio) as u32, (chart_height_css(ChartId::Price, w_css) as f64 * ratio) as u32);
            for reference in [Reference::ArticleFraming, Reference::Close(time::macros::date!(2026 - 03 - 16))] {
                for scenario in ["recovery", "range", "retest", "breakdown", "catastrophic"] {
                    let v = e.view(reference, scenario).unwrap();
                    let (mut base, mut layer) = (String::new(), String::new());
                    let layout = {
                        let area = Measured::approximate(SVGBackend::with_string(&mut base, (w, h))).into_drawing_area();
                        let l = draw_price_base(&area, &e, &v, &s, all).unwrap();
                        area.present().unwrap();
                        l
                    };
                    {
                        let area = Measured::approximate(SVGBackend::with_string(&mut layer, (w, h))).into_drawing_area();
                        draw_price_scenario(&area, &v, &s, &layout).unwrap();
                        area.present().unwrap();
                    }
                    let (top, bottom) = scenario_rows(&v, &s, &layout).expect("a target is drawn");
                    let extents = svg_extents(&layer);
                    assert!(!extents.is_empty(), "{scenario} at {w_css}: nothing drawn");
                    for (a, b, line) in extents {
                        assert!(a >= top as f64 && b <= bottom as f64, "{scenario} at {w_css} px ×{ratio}: {a}..{b} outside rows {top}..{bottom}: {line}");
                    }
                    // The rows run from the band (or line) to the label and no further: no more than
                    // their own extent, the 2 CSS px to spare and a stroke on each side.
                    let (lo, hi) = extents_span(&layer);
                    assert!(
                        ((bottom - top) as f64) <= hi - lo + 2.0 * (2.0 + 2.0) * ratio + 2.0,
                        "{scenario} at {w_css} px ×{ratio}: rows {top}..{bottom} for drawing over {lo}..{hi}"
                    );
                    assert!(bottom - top < h / 2, "{scenario} at {w_css} px ×{ratio}: rows {top}..{bottom} of {h}");
                }
            }
        }
    }
}

/// A switch repaints the rows of the last target and of the new one; after the base is drawn,
/// every row. Rows worked out by hand.
#[test]
fn a_switch_repaints_the_last_and_the_new_rows() {
    use leverage_reset::chart::price::repaint_rows;
    // Unknown (the base was just drawn): all 400 rows.
    assert_eq!(repaint_rows(None, Some((100, 120)), 400), vec![(0, 400)]);
    // Apart: both spans, top first.
    assert_eq!(repaint_rows(Some(Some((300, 330))), Some((100, 120)), 400), vec![(100, 120), (300, 330)]);
    // Overlapping or touching: one span.
    assert_eq!(repaint_rows(Some(Some((110, 150))), Some((100, 120)), 400), vec![(100, 150)]);
    assert_eq!(repaint_rows(Some(Some((120, 150))), Some((100, 120)), 400), vec![(100, 150)]);
    // Nothing drawn before, or nothing now: the one span; neither: none.
    assert_eq!(repaint_rows(Some(None), Some((100, 120)), 400), vec![(100, 120)]);
    assert_eq!(repaint_rows(Some(Some((100, 120))), None, 400), vec![(100, 120)]);
    assert_eq!(repaint_rows(Some(None), None, 400), Vec::<(u32, u32)>::new());
    // Rows past a smaller canvas are cut to it.
    assert_eq!(repaint_rows(Some(Some((390, 420))), None, 400), vec![(390, 400)]);
}
