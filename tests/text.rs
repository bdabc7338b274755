//! Every sentence of the page, as plain en-US text, for three data sets: the bundled Bitstamp
//! story, another provider's file that starts later (CoinGecko daily prices from 20 Oct 2025),
//! and a story file that starts in January 2026 with loaded open-interest and liquidation
//! series. The goldens in `tests/golden/text/` were read by a person before they were
//! committed; `UPDATE_GOLDEN=1 cargo test --test text` rewrites them.

use leverage_reset::bundled::*;
use leverage_reset::model::format::text_plain;
use leverage_reset::model::history::CloseHistory;
use leverage_reset::model::{Reference, StoryView};
use leverage_reset::session::Session;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The bundled session with the long history, as the page has it once loaded.
fn bundled() -> Session {
    let mut s = Session::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    s.load_history(HISTORY_CSV, HISTORY_NAME).unwrap();
    s
}

/// Everything a reader reads: paragraphs, claims, the rule's tests and the chart summaries.
fn page_text(s: &Session) -> String {
    use leverage_reset::chart::export::chart_summary;
    use leverage_reset::chart::ChartId;
    let v: &StoryView = &s.view;
    let mut out = String::new();
    for p in &v.text {
        out.push_str(&format!("[{}] {}\n", p.id, text_plain(&p.text, v)));
    }
    for c in &v.claims {
        out.push_str(&format!("[claim {}] {} | {:?} | {}", c.id, text_plain(&c.claim, v), c.verdict, text_plain(&c.reason, v)));
        if let Some(a) = &c.at_reference {
            out.push_str(&format!(" | at your date: {:?} {}", a.verdict, text_plain(&a.reason, v)));
        }
        out.push('\n');
    }
    for r in &v.regime {
        for c in &r.checks {
            out.push_str(&format!("[rule {}] {} | {} | {:?}\n", r.horizon, text_plain(&c.rule, v), c.side, c.status));
        }
    }
    for id in [ChartId::Price, ChartId::OpenInterest, ChartId::Ladder] {
        out.push_str(&format!("[summary {}] {}\n", id.stem(), text_plain(&chart_summary(id, &s.explainer, v, s.window), v)));
    }
    out
}

fn check_golden(name: &str, text: &str) {
    let path = format!("{}/tests/golden/text/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {path}: UPDATE_GOLDEN=1 cargo test --test text, then read it"));
    if golden != text {
        for (a, b) in golden.lines().zip(text.lines()) {
            if a != b {
                panic!("{name}.txt differs:\n  golden: {a}\n  now:    {b}");
            }
        }
        panic!("{name}.txt differs in length");
    }
}

#[test]
fn golden_text_of_the_bundled_story() {
    let mut s = bundled();
    check_golden("bundled", &page_text(&s));
    s.set_reference_date("2026-06-25").unwrap();
    s.set_scenario("range").unwrap();
    check_golden("bundled-2026-06-25-range", &page_text(&s));
}

#[test]
fn golden_text_of_another_provider_starting_later() {
    let mut s = bundled();
    s.load_data(&fixture("coingecko_market_chart_2025-10-20_2026-03-28.json"), "https://api.example.org/coins/bitcoin/market_chart").unwrap();
    check_golden("coingecko", &page_text(&s));
}

/// CoinGecko's file begins on 20 Oct 2025, after the peak: its own high ($115,162) is not the
/// first day's, but the long history has higher closes before it, so "nearly 50%" short of the
/// mark (39.4% at the framing) cannot be refuted by these data.
#[test]
fn data_starting_after_the_peak_cannot_refute_nearly_half() {
    use leverage_reset::model::claims::ClaimVerdict;
    let mut s = bundled();
    s.load_data(&fixture("coingecko_market_chart_2025-10-20_2026-03-28.json"), "cg.json").unwrap();
    let (verdict, reason) = claim(&s, "drawdown_nearly_50");
    assert_eq!(verdict, ClaimVerdict::CannotCheck, "{reason}");
    assert!(
        reason.contains("39.4% below the high of $115,162")
            && reason.contains("But the high before the crash is not in these data: the earlier closes (Coinbase BTC-USD daily closes) reach $120,026 on Jul 22, 2025, above it, and they end on Jul 31, 2025 while these data begin on Oct 20, 2025."),
        "{reason}"
    );
}

/// One price a day (CoinGecko's, taken about 09:30–10:00 UTC) is a daily reading, not a close.
/// From the fixture, read by hand: the crash window's lowest reading is $65,881 (6 Feb 2026,
/// 09:53 UTC), the first reading under it $63,207 (24 Feb), the highest after it $74,183
/// (18 Mar), under the $80,000 top of the zone.
#[test]
fn one_reading_a_day_is_not_called_a_close() {
    let mut s = bundled();
    s.load_data(&fixture("coingecko_market_chart_2025-10-20_2026-03-28.json"), "cg.json").unwrap();
    let (n1, n2, n3, dek) = (para(&s, "next_1"), para(&s, "next_2"), para(&s, "next_3"), para(&s, "dek"));
    assert!(n2.starts_with("The crash's lowest daily reading did not hold: a reading under it came on Feb 24, 2026 ($63,207)."), "{n2}");
    assert!(n1.contains("Since the low, its highest daily reading was $74,183 (Mar 18, 2026). No daily reading was above $80,000"), "{n1}");
    assert!(n3.contains("held: every daily reading stayed inside the band"), "{n3}");
    // RSI(14), Wilder, of the fixture's readings, computed apart (a Python script over the
    // JSON): 19.71 on 5 Feb 2026, 15.80 on 6 Feb (the crash's lowest reading, a day later), 22.52
    // on 7 Feb. "Never went as low again" would be false: 6 Feb is after 5 Feb.
    assert!(n2.ends_with("RSI(14) went lower on Feb 6, 2026 (15.8) than on 5 February."), "{n2}");
    assert!(dek.starts_with("On 5 February 2026 Bitcoin's daily reading fell 6.1%"), "{dek}");
    // The fixture's 5 Feb reading is 71,486, its 6 Feb reading 65,881: 65,881 / 71,486 − 1 = −7.84%.
    assert!(dek.contains("With one price a day the crash shows across two readings: the next one, on 6 February, fell 7.8%."), "{dek}");
    for p in [&n1, &n2, &n3, &dek] {
        assert!(!p.contains(" close") && !p.contains("closed"), "{p}");
    }
    // Nowhere on the page, in any scenario, at the article's framing or a reader's date, nor in
    // a figure's formula, is one of these prices called a close. What may stay: positions
    // closed (open interest), and the long history's closes (Coinbase's real daily closes).
    let allowed = [
        "traders close positions",
        "positions closed",
        "coins closed",
        "positions that closed",
        "closed on net",
        "forced out than closed",
        "the earlier closes (Coinbase BTC-USD daily closes)",
        "Earlier closes, for the comparison with past falls: Coinbase BTC-USD daily closes",
        "above every daily close since",
        "over Coinbase BTC-USD daily closes",
        // how the format is read into bars (each day's last price is its bar's close)
        "open, high, low and close are",
    ];
    let bare = |t: &str| allowed.iter().fold(t.to_string(), |t, a| t.replace(a, ""));
    let mut pages = 0;
    for reference in ["", "2026-03-02"] {
        s.set_reference_date(reference).unwrap();
        for sc in ["recovery", "range", "retest", "breakdown", "catastrophic"] {
            s.set_scenario(sc).unwrap();
            let text = page_text(&s);
            for line in text.lines() {
                assert!(!bare(line).to_lowercase().contains("close"), "{line}");
            }
            for m in &s.view.metrics {
                assert!(!bare(&m.source).contains("close"), "{}: {}", m.id, m.source);
            }
            pages += 1;
        }
    }
    assert_eq!(pages, 10);
    // At a reader's date the reference is that day's reading (CoinGecko's 2 Mar 2026 reading,
    // read by hand from the fixture: 66,260.0 at 09:59 UTC).
    s.set_reference_date("2026-03-02").unwrap();
    let summary = para(&s, "scenario_summary");
    assert!(summary.contains("from $66,260 (the daily reading of Mar 2, 2026)"), "{summary}");
    assert!(para(&s, "reference_position").starts_with("The reference price is the daily reading of Mar 2, 2026,"), "{}", para(&s, "reference_position"));
    // The words around the figures name the reading too: the date field, the tables' headers
    // and the formulas.
    // At the reader's date the fall is read from the high in these data ($115,162 on 27 Oct 2025):
    // (115,162 − 66,260) / 115,162 = 42.46%, short of "nearly 50%", which a peak before these
    // data could still make true.
    let dd = s.view.claims.iter().find(|c| c.id == "drawdown_nearly_50").unwrap().at_reference.as_ref().unwrap();
    assert_eq!(dd.verdict, Some(leverage_reset::model::claims::ClaimVerdict::CannotCheck));
    assert_eq!(text_plain(&dd.reason, &s.view), "On Mar 2, 2026 the daily reading was 42.5% below the high in these data, so these data cannot refute the claim.");
    assert_eq!(para(&s, "label_reference_date"), "Daily reading of");
    assert_eq!(para(&s, "label_first_through"), "First reading through");
    assert!(para(&s, "label_role_reversals").starts_with("Role reversals (daily readings;"));
    assert!(para(&s, "formulas").contains("open interest in dollars / daily reading;"));
    // The bundled candles keep their closes.
    let b = bundled();
    assert!(para(&b, "dek").starts_with("On 5 February 2026 Bitcoin's daily close fell 14.0%"));
    assert_eq!(para(&b, "label_reference_date"), "Close of");
    // The high's level names what it is: the long history has a higher close ($120,026, Jul
    // 2025) before CoinGecko's file begins, so there it is the high of these data.
    let high = |s: &Session| s.explainer.levels.iter().find(|l| l.id == "level_all_time_high").unwrap().label.clone();
    assert_eq!(high(&s), "High in these data before the crash");
    assert_eq!(high(&b), "High before the crash");
    assert!(para(&b, "formulas").contains("a daily close through it"));
}

#[test]
fn golden_text_of_a_story_starting_in_january_with_market_series() {
    let mut s = bundled();
    s.load_data(&fixture("story_v1.json"), "story_v1.json").unwrap();
    check_golden("story-january", &page_text(&s));
}

fn para(s: &Session, id: &str) -> String {
    text_plain(&s.view.text.iter().find(|p| p.id == id).unwrap_or_else(|| panic!("no paragraph {id}")).text, &s.view)
}

#[test]
fn statements_about_the_bundled_data() {
    let s = bundled();
    // The dek: −13.98% on 5 Feb 2026, the largest fall since −14.33% on 9 Nov 2022.
    let dek = para(&s, "dek");
    assert!(dek.starts_with("On 5 February 2026 Bitcoin's daily close fell 14.0%, its largest one-day fall since Nov 9, 2022 (14.3%, as the FTX exchange collapsed)."), "{dek}");
    assert!(dek.contains("AInvest") && dek.contains("AI agent"), "{dek}");
    // The high is the highest in these data (from 1 Aug 2025) and above every close since 2020;
    // 6 Oct 2025 → 6 Feb 2026 is 123 days: "4 months later".
    let n1 = para(&s, "numbers_1");
    assert!(n1.contains("which begin on Aug 1, 2025") && n1.contains("above every daily close since Jan 1, 2020") && n1.contains("4 months later"), "{n1}");
    assert!(n1.contains("52.5% below that high, more than half") && n1.contains("4.9 and 4.6 times") && n1.contains("the two busiest days"), "{n1}");
    // The finding: (61 − 49) / 61 = 19.67% in dollars; the markdown share 80.5–135.7% (its low
    // above half, its high above all); the coin change over the weeks ending 5–9 Feb rose once
    // (week to 5 Feb, +8.1%) and fell four times (as the sensitivity table's rows).
    let f = para(&s, "finding");
    assert_eq!(
        f,
        "Bitcoin futures open interest fell 19.7% in dollars in a week ($61B to $49B, the article's figures), but over the weeks ending on the two crash days most or all of that drop is the price marking the same positions down (80.5% to 135.7%, in log terms). Counted in coins, over the five weeks ending 5 to 9 February, it rose in one week and fell in four weeks: whether leverage really came out depends on the week the article means."
    );
    // "A week that looks calm": what looked flat is coin open interest, and the price fell.
    let o3 = para(&s, "orderly_3");
    assert!(o3.contains("We found no published rule that separates the two") && o3.contains("this project applies its own") && !o3.contains("adjustable"), "{o3}");
    assert!(!o3.contains("calm"), "{o3}");
    let o1 = para(&s, "orderly_1");
    assert!(o1.contains("the price fell 16.2% to 25.7%"), "{o1}");
    // Funding: not in the data.
    assert_eq!(para(&s, "orderly_4"), "Funding rates over the crash week, which turn negative when shorts crowd in, are not in the data in use.");
    // What happened next.
    let n2 = para(&s, "next_2");
    assert!(n2.starts_with("The February low did not hold: the price went under it on Jun 5, 2026 (low $59,100) and first closed under it on Jun 25, 2026 ($59,696); the lowest since was $57,735 on Jul 1, 2026."), "{n2}");
    assert!(n2.contains("RSI(14) went lower on Jun 6, 2026 (15.5) than on 5 February."), "{n2}");
    let n3 = para(&s, "next_3");
    assert!(n3.contains("the fragile range (this project's) did not hold: the price closed above the band on 40 days (first Apr 16, 2026)"), "{n3}");
    // The range is this project's; a band holding the reference is not "a move".
    let mut r = bundled();
    r.set_scenario("range").unwrap();
    let sum = para(&r, "scenario_summary");
    assert!(sum.starts_with("Fragile range (this project's scenario): from $63,526 (the crash low + 6%, the article's framing), the price is already inside the band $55,000 to $75,000: no move is needed"), "{sum}");
    // At 25 Jun 2026 the zone's flip was confirmed (17 Mar), then broken upward (closes above
    // $80,000 from 5 May) and back below $75,000 from 27 May: said, not "had held".
    let mut z = bundled();
    z.set_reference_date("2026-06-25").unwrap();
    // "Leverage and price fell together": the coin change over the weeks ending 5–9 Feb, by
    // hand from the Bitstamp closes and $61B → $49B: +8.1%, −4.2%, −8.8%, −12.1%, −9.8%.
    let orderly = s.view.claims.iter().find(|c| c.id == "orderly_unwind").unwrap();
    let why = text_plain(&orderly.reason, &s.view);
    assert!(
        why.contains("over the five weeks ending 5 to 9 February it fell in four weeks and rose in one week (-12.1% to 8.1%), so whether leverage came out depends on the week"),
        "{why}"
    );
    let zone = z.view.claims.iter().find(|c| c.id == "zone_flipped").unwrap();
    let at = text_plain(&zone.at_reference.as_ref().unwrap().reason, &z.view);
    assert_eq!(at, "The flip was confirmed on Mar 17, 2026 by a failed test from below. Closes rose above the zone from May 5, 2026. They fell below it again from May 27, 2026.");
    // The rule reaches no verdict, and the coin reading is not called "little" when the weeks disagree.
    let o3 = para(&s, "orderly_3");
    assert!(
        o3.contains("reaches no verdict on either the crash weeks or 5 February alone")
            && o3.contains("rose over one crash week and fell over the other")
            && !o3.contains("changed little"),
        "{o3}"
    );
    // The provider's name comes from the data: no "Bitstamp" anywhere with CoinGecko's file.
    let mut c = bundled();
    c.load_data(&fixture("coingecko_market_chart_2025-10-20_2026-03-28.json"), "cg.json").unwrap();
    let all = page_text(&c);
    assert!(!all.contains("Bitstamp"), "{all}");
    assert!(all.contains("daily CoinGecko prices"), "{all}");
}

#[test]
fn words_follow_the_sign_of_the_reference() {
    let mut s = bundled();
    // 1 Aug 2025 closed at 113,243: before the crash, 10.3% below the high; no bounce yet.
    s.set_reference_date("2025-08-01").unwrap();
    let p = para(&s, "reference_position");
    assert!(p.contains("10.3% below the high; this date comes before the crash low of Feb 6, 2026, so the fall had not yet happened."), "{p}");
    assert!(!p.contains("won back"), "{p}");
    // 25 Jun 2026 closed at 59,696.26, 0.39% under the crash low of 59,930.
    s.set_reference_date("2026-06-25").unwrap();
    let p = para(&s, "reference_position");
    assert!(p.ends_with("and 0.4% below the crash low."), "{p}");
    // No sentence ever prints a sign after a direction word.
    for when in ["", "2025-08-01", "2026-02-05", "2026-06-25", "2026-07-15"] {
        for sc in ["recovery", "range", "retest", "breakdown", "catastrophic"] {
            s.set_reference_date(when).unwrap();
            s.set_scenario(sc).unwrap();
            let all = page_text(&s);
            for bad in ["fell -", "rose -", "fall of -", "rise of -", "above -", "below -", "fell by -", "rose by -", "(missing"] {
                assert!(!all.contains(bad), "'{bad}' at {when} {sc}: {all}");
            }
        }
    }
    let _ = Reference::ArticleFraming;
    let _ = CloseHistory::parse_csv;
}

/// A loaded liquidations series is summed over the days of the crash week it has; the words say
/// which: the fixture has one day (a 24-hour count placed on 5 February), a series with every
/// day of both crash weeks (30 Jan–6 Feb) is a week's total.
#[test]
fn loaded_liquidations_say_how_many_days_of_the_week_they_cover() {
    let one_day = {
        let mut s = Session::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
        s.load_data(&fixture("story_v1.json"), "story_v1.json").unwrap();
        s
    };
    assert!(
        para(&one_day, "numbers_2").contains("the loaded series counts $1.35B of Bitcoin liquidations on the only day of the crash week it has."),
        "{}",
        para(&one_day, "numbers_2")
    );
    assert!(
        para(&one_day, "orderly_2").ends_with("The Bitcoin liquidations here come from the loaded series, which has 1 of a crash week's 7 days: the shares count only those."),
        "{}",
        para(&one_day, "orderly_2")
    );

    // Every day from 29 Jan to 6 Feb at $100M: each crash week (the 7 days after its start)
    // sums to $700M.
    let mut story: serde_json::Value = serde_json::from_str(&fixture("story_v1.json")).unwrap();
    let days: Vec<serde_json::Value> =
        (29..=31).map(|d| format!("2026-01-{d}")).chain((1..=6).map(|d| format!("2026-02-0{d}"))).map(|date| serde_json::json!({"date": date, "value": 1.0e8})).collect();
    story["liquidations_btc_usd"] = serde_json::Value::Array(days);
    let mut full = Session::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    full.load_data(&story.to_string(), "story_full_week.json").unwrap();
    assert!(para(&full, "numbers_2").contains("the loaded series counts $700M of Bitcoin liquidations over the crash week."), "{}", para(&full, "numbers_2"));
    assert!(para(&full, "orderly_2").ends_with("The Bitcoin liquidations here come from the loaded series."), "{}", para(&full, "orderly_2"));
}

/// The bundled file with every bar's open, high and low set to its close: one price a day.
fn closes_only(replace: Option<(&str, &str)>) -> Session {
    let mut csv = String::from("date,unix_time,open,high,low,close\n");
    for line in PRICES_CSV.lines().filter(|l| l.starts_with("20")) {
        let f: Vec<&str> = line.split(',').collect();
        let close = match replace {
            Some((date, price)) if f[0] == date => price,
            _ => f[5],
        };
        csv.push_str(&format!("{},{},{close},{close},{close},{close}\n", f[0], f[1]));
    }
    Session::new(&csv, "closes.csv", FIGURES_CSV, FIGURES_NAME).unwrap()
}

fn claim(s: &Session, id: &str) -> (leverage_reset::model::claims::ClaimVerdict, String) {
    let c = s.view.claims.iter().find(|c| c.id == id).unwrap();
    (c.verdict, text_plain(&c.reason, &s.view))
}

/// Data with one price a day (CoinGecko's daily market_chart, or closes only) hold no day's
/// low: a lowest reading above $60,000 cannot refute "crashed to $60,000", and the words say
/// readings, not lows or candles. Bitstamp's lowest close 29 Jan–8 Feb is $62,795 on 5 Feb,
/// 4.66% above $60,000 (read from the file).
#[test]
fn one_price_a_day_is_not_read_as_a_days_low() {
    use leverage_reset::model::claims::ClaimVerdict;
    let bundled = bundled();
    assert!(!bundled.explainer.series.one_reading_a_day());
    assert_eq!(claim(&bundled, "crash_to_60000").0, ClaimVerdict::Holds);
    assert!(para(&bundled, "caption_price").starts_with("Daily candles (UTC days), Bitstamp BTC/USD"));

    let s = closes_only(None);
    assert!(s.explainer.series.one_reading_a_day());
    let (verdict, reason) = claim(&s, "crash_to_60000");
    assert_eq!(verdict, ClaimVerdict::CannotCheck, "{reason}");
    assert!(reason.starts_with("The lowest daily reading from the file closes.csv was $62,795 on Feb 5, 2026, 4.66% above $60,000. These data hold one price a day"), "{reason}");
    assert!(para(&s, "caption_price").starts_with("Daily prices, one reading a day (UTC days; drawn as flat candles)"), "{}", para(&s, "caption_price"));
    assert!(para(&s, "numbers_1").contains("the crash's lowest reading from the file closes.csv was $62,795"), "{}", para(&s, "numbers_1"));
    assert!(!para(&s, "numbers_1").contains("touched"));
    assert!(para(&s, "sources_prices").contains("These data hold one price a day"));
    // "Up 6%": the highest reading from the low (5 Feb, $62,795) to 8 Feb is 6 Feb's $70,531,
    // 12.32% above it (the close on the day of the low would say 0%).
    let bounce = s.view.claims.iter().find(|c| c.id == "bounce_6").unwrap();
    assert!((bounce.computed.value.unwrap() - (70_531.0 / 62_795.0 - 1.0) * 100.0).abs() < 1e-9, "{:?}", bounce.computed.value);
    assert_eq!(bounce.verdict, ClaimVerdict::Holds);
    // The price chart's marks say readings too.
    let labels: Vec<String> = leverage_reset::chart::price::annotations(&s.explainer, &s.view).into_iter().map(|a| a.label).collect();
    assert!(labels.iter().any(|l| l.starts_with("Crash: lowest reading $62,795")), "{labels:?}");
    assert!(labels.iter().any(|l| l.starts_with("Highest reading $")), "{labels:?}");
    let bundled_labels: Vec<String> = leverage_reset::chart::price::annotations(&bundled.explainer, &bundled.view).into_iter().map(|a| a.label).collect();
    assert!(bundled_labels.iter().any(|l| l.starts_with("Crash: low $")), "{bundled_labels:?}");

    // A reading within 1% of $60,000 (5 Feb at $60,100, 0.17% above) confirms it.
    let s = closes_only(Some(("2026-02-05", "60100.0")));
    let (verdict, reason) = claim(&s, "crash_to_60000");
    assert_eq!(verdict, ClaimVerdict::Holds, "{reason}");
    assert!(reason.ends_with("0.17% above $60,000: within 1%."), "{reason}");
}

/// The story file begins on 20 Jan 2026, whose high ($92,799, the file's first row) is the
/// highest before the crash: an earlier peak would not show, so a fall short of "nearly 50%"
/// is not a refutation. With the long history loaded, the earlier peak is named: its highest
/// close is $120,026.42 on 22 Jul 2025 (read from btcusd_daily_closes_2020_2025.csv by sort).
/// The bundled file's high (6 Oct 2025) is not its first day.
#[test]
fn a_high_on_the_first_day_cannot_refute_nearly_half() {
    use leverage_reset::model::claims::ClaimVerdict;
    let mut bare = Session::new(PRICES_CSV, PRICES_NAME, FIGURES_CSV, FIGURES_NAME).unwrap();
    bare.load_data(&fixture("story_v1.json"), "story_v1.json").unwrap();
    let (verdict, reason) = claim(&bare, "drawdown_nearly_50");
    assert_eq!(verdict, ClaimVerdict::CannotCheck, "{reason}");
    assert!(reason.ends_with("But that high is the first day of these data (Jan 20, 2026): an earlier, higher peak would put the price further below its high, so these data cannot refute the claim."), "{reason}");
    let mut s = bundled();
    s.load_data(&fixture("story_v1.json"), "story_v1.json").unwrap();
    let (verdict, reason) = claim(&s, "drawdown_nearly_50");
    assert_eq!(verdict, ClaimVerdict::CannotCheck, "{reason}");
    assert!(reason.contains("the high of $92,799"), "{reason}");
    assert!(reason.ends_with("But the high before the crash is not in these data: the earlier closes (Coinbase BTC-USD daily closes) reach $120,026 on Jul 22, 2025, above it, and they end on Jul 31, 2025 while these data begin on Jan 20, 2026. From the real peak the fall is deeper than here, so these data cannot refute the claim."), "{reason}");
    // The comparison of falls crosses the days neither file has.
    assert!(
        para(&s, "dek").contains("since Nov 9, 2022 in the closes here (14.3%, as the FTX exchange collapsed; Aug 1, 2025 to Jan 19, 2026 are missing from them)."),
        "{}",
        para(&s, "dek")
    );

    // Bundled: 49.7% below the Oct 2025 high of $126,272 at the article's framing.
    let b = bundled();
    let (verdict, reason) = claim(&b, "drawdown_nearly_50");
    assert_eq!(verdict, ClaimVerdict::Holds, "{reason}");
    assert!(!reason.contains("first day"), "{reason}");
    assert!(!para(&b, "dek").contains("missing"), "{}", para(&b, "dek"));
}

/// The price chart's hover on one price a day shows the reading, not four equal prices: on the
/// CoinGecko fixture 6 Feb 2026 is 65,881 (read by hand, 09:53 UTC).
#[test]
fn hover_on_one_reading_a_day() {
    use leverage_reset::chart::price::{draw_price, hover_info};
    use leverage_reset::chart::style::ChartStyle;
    use plotters::prelude::*;
    let mut s = bundled();
    s.load_data(&fixture("coingecko_market_chart_2025-10-20_2026-03-28.json"), "cg.json").unwrap();
    let e = &s.explainer;
    let i = e.series.bars.iter().position(|b| b.date == time::macros::date!(2026 - 02 - 06)).unwrap();
    let mut buf = String::new();
    let g = {
        let area = SVGBackend::with_string(&mut buf, (760, 420)).into_drawing_area();
        draw_price(&area, e, &s.view, &ChartStyle::new(1.0), s.window).unwrap()
    };
    let h = hover_info(e, &g, g.x_of_bar(i)).unwrap();
    assert_eq!(h.date, "2026-02-06");
    assert!(h.one_reading);
    assert_eq!(h.close_usd.round(), 65_881.0);
}

/// Every number and date in a claim's reasons carries a provenance mark (readers see it without
/// hover): the article's figures "article", the job-cuts report's "reported" (figures of the
/// view, with their link), the rest computed here. Only the frame's dates (29 Jan and 8 Feb
/// 2026, the crash window; 5 Feb, the crash day) carry none. Provenances from the story file's
/// rows (www/data/story_figures.csv): open interest $61B and $49B "article", job cuts 108,435
/// and 35,553 "reported".
#[test]
fn every_figure_in_a_claims_reason_carries_its_mark() {
    use leverage_reset::model::provenance::Provenance;
    use leverage_reset::model::text::Part;
    let frame = ["2026-01-29", "2026-02-08", "2026-02-05"];
    let mut sessions = vec![bundled(), bundled(), bundled()];
    sessions[1].load_data(&fixture("coingecko_market_chart_2025-10-20_2026-03-28.json"), "cg.json").unwrap();
    sessions[2].load_data(&fixture("story_v1.json"), "story_v1.json").unwrap();
    let mut values = 0;
    for s in &mut sessions {
        for reference in ["", "2026-03-02"] {
            s.set_reference_date(reference).unwrap();
            for c in &s.view.claims {
                let reasons = std::iter::once(&c.reason).chain(c.at_reference.as_ref().map(|a| &a.reason));
                for part in reasons.flat_map(|r| r.0.iter()) {
                    match part {
                        Part::Value { p, .. } => {
                            assert!(p.is_some(), "{}: {part:?} has no mark", c.id);
                            values += 1;
                        }
                        Part::Date { date, p, frame: is_frame } => {
                            assert!(p.is_some() || *is_frame, "{}: {part:?} has no mark", c.id);
                            assert!(!is_frame || frame.contains(&date.as_str()), "{}: {part:?} is no date of the frame", c.id);
                        }
                        Part::Figure { f, .. } => assert!(s.view.metric(f).is_some(), "{}: figure {f} not in the view", c.id),
                        Part::Words(_) => {}
                    }
                }
            }
        }
    }
    assert!(values > 100, "{values}");
    // A computed date that falls on a frame's date keeps its mark: with CoinGecko's readings the
    // 6% mark ($69,834) was passed on 8 Feb 2026 (the fixture's 8 Feb reading, 70,203 at 09:37 UTC), the
    // article's moment.
    let s1 = &mut sessions[1];
    s1.set_reference_date("").unwrap();
    let bounce = &s1.view.claims.iter().find(|c| c.id == "bounce_6").unwrap().reason.0;
    assert!(bounce.iter().any(|p| matches!(p, Part::Date { date, p: Some(Provenance::Computed), .. } if date == "2026-02-08")), "{bounce:?}");
    let s = bundled();
    let oi = &s.view.claims.iter().find(|c| c.id == "oi_decline").unwrap().reason.0;
    let marked: Vec<(f64, Option<Provenance>)> = oi.iter().filter_map(|p| if let Part::Value { v, p, .. } = p { Some((*v, *p)) } else { None }).collect();
    assert_eq!(marked[0], (61e9, Some(Provenance::Article)));
    assert_eq!(marked[1], (49e9, Some(Provenance::Article)));
    assert_eq!(marked[2].1, Some(Provenance::Computed), "the fall, 19.7%, is computed");
    let jobs = &s.view.claims.iter().find(|c| c.id == "layoffs").unwrap().reason;
    for (id, v) in [("layoffs_january", 108_435.0), ("layoffs_december_2025", 35_553.0)] {
        assert!(jobs.figure_ids().contains(&id), "{id}");
        let m = s.view.metric(id).unwrap();
        assert_eq!((m.value, m.provenance), (Some(v), Provenance::Reported), "{id}");
    }
}
