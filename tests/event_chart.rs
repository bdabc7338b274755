//! SVG golden files of the event-study chart at phone (360 px) and desktop (760 px) widths,
//! compared byte for byte with `tests/golden/`. After an intended change, regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test event_chart`, look at the files, review the diff.

use leverage_reset::chart::event_study::event_study_view;
use leverage_reset::chart::style::ChartStyle;
use leverage_reset::chart::svg::render_event_study_svg;
use leverage_reset::model::events::EventStudy;

fn check_golden(name: &str, svg: &str) {
    let path = format!("{}/tests/golden/{name}.svg", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {path}: run UPDATE_GOLDEN=1 cargo test --test event_chart"));
    assert!(golden == svg, "{name}.svg differs from the golden file; if intended, regenerate it (UPDATE_GOLDEN=1) and look at it");
}

#[test]
fn event_study_matches_golden_files() {
    let study = EventStudy::bundled().unwrap();
    let all = event_study_view(&study, None, "feb2026");
    let s = ChartStyle::new(1.0);
    for w in [360u32, 760] {
        let svg = render_event_study_svg(&all, w, &s, None).unwrap();
        // Every event is labelled, the highlighted one in bold.
        for label in ["Mar 2020", "May 2021", "Jun 2022", "Nov 2022", "Oct 2025", "Feb 2026", "worst day"] {
            assert!(svg.contains(label), "{label} at {w}px");
        }
        check_golden(&format!("event-study-{w}"), &svg);
    }
    let two = event_study_view(&study, Some(&["feb2026", "ftx_2022"]), "feb2026");
    let svg = render_event_study_svg(&two, 760, &s.themed(true), Some("Source: daily closes, Coinbase and Bitstamp")).unwrap();
    assert!(svg.contains("Nov 2022") && !svg.contains("Mar 2020"));
    check_golden("event-study-two-dark-760", &svg);
}
