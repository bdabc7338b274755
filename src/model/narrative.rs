//! The narrative: every paragraph, caption and source line of the page, made from the data in
//! use. Words that depend on a value (direction, count, duration, provider, date, verdict) are
//! chosen here; figures are named by id and formatted by the page.

use serde::Serialize;

use super::catalogue::WEEK_IDS;
use super::explainer::Explainer;
use super::metric::Metric;
use super::regime::RegimeReading;
use super::regime::Verdict;
use super::scenarios::{ScenarioId, ScenarioOrigin, ScenarioOutcome};
use super::story::Provenance;
use super::text::{duration_words, Text, Unit};

/// One paragraph (or caption, or line) of the page, by the id of the element that shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    pub id: &'static str,
    pub text: Text,
}

/// What the sentences read from a view: its figures, the rule's readings, the scenarios and
/// the reference date (the view assembles it; this module does not know the view).
pub struct Facts<'a> {
    pub metrics: &'a [Metric],
    pub regime: &'a [RegimeReading],
    pub scenarios: &'a [ScenarioOutcome],
    pub reference_date: Option<time::Date>,
    /// The data hold one price a day ([`crate::model::bars::DailySeries::one_reading_a_day`]):
    /// a day's price is a "daily reading", not a close.
    pub one_reading_a_day: bool,
    /// A higher peak may lie before these data ([`Explainer::high_may_be_earlier`]).
    pub high_may_be_earlier: bool,
}

impl Facts<'_> {
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }
}

fn has(v: &Facts, id: &str) -> bool {
    v.metric(id).is_some_and(|m| m.value.is_some() || m.low.is_some() || m.unit == super::text::Unit::Date)
}

fn value(v: &Facts, id: &str) -> Option<f64> {
    v.metric(id).and_then(|m| m.value.or(m.low))
}

/// "; Aug 1, 2025 to Jan 19, 2026 are missing from them" (or "…; Aug 1, 2025 is missing…"),
/// for the longest run of days the comparison of falls has no close for; nothing without one.
fn missing_closes(t: Text, gap: Option<(time::Date, time::Date)>) -> Text {
    match gap {
        Some((a, b)) if a == b => t.w("; ").d(a).marked(Provenance::Computed).w(" is missing from them"),
        Some((a, b)) => t.w("; ").d(a).marked(Provenance::Computed).w(" to ").d(b).marked(Provenance::Computed).w(" are missing from them"),
        None => t,
    }
}

/// Where a loaded liquidations series' sum was taken, from the days of a crash week it has
/// (`days` of 7): a week's total only when it has every day.
fn liquidation_days(days: usize) -> String {
    match days {
        7.. => "over the crash week".into(),
        1 => "on the only day of the crash week it has".into(),
        n => format!("on the {n} days of the crash week it has"),
    }
}

/// All paragraphs for the view.
pub fn paragraphs(e: &Explainer, v: &Facts, selected: &ScenarioOutcome) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut p = |id: &'static str, text: Text| out.push(Paragraph { id, text });
    let provider = e.provider();
    let article = e.story.find("source_article");
    let lev = &e.leverage;
    // The compact page (the default module) shows the answer only: the finding, the scenario and
    // the price chart's caption; the full analysis's paragraphs are the full module's.
    let analysis = cfg!(feature = "full");

    if analysis {
        // The dek: the crash day in one sentence, and the article named up front.
        let mut dek = Text::new();
        match value(v, "crash_day_change_pct") {
            Some(c) if c < 0.0 => {
                // One price a day is a reading, not a close (CoinGecko's are taken mid-morning UTC).
                dek = dek
                    .w(if e.one_reading_a_day { "On 5 February 2026 Bitcoin's daily reading fell " } else { "On 5 February 2026 Bitcoin's daily close fell " })
                    .fabs("crash_day_change_pct");
                dek = match (&e.larger_fall, has(v, "previous_larger_fall_date")) {
                    (Some(f), true) => {
                        let d = dek
                            .w(", its largest one-day fall since ")
                            .f("previous_larger_fall_date")
                            .w(match (f.longest_gap.is_some(), e.one_reading_a_day) {
                                (true, true) => " in the readings here (",
                                (true, false) => " in the closes here (",
                                (false, _) => " (",
                            })
                            .fabs("previous_larger_fall_pct");
                        // The one past event the dek names, by its date (FTX halted withdrawals on 8 Nov 2022 and filed for bankruptcy on 11 Nov).
                        let ftx = f.previous.is_some_and(|(d, _)| d >= time::macros::date!(2022 - 11 - 08) && d <= time::macros::date!(2022 - 11 - 11));
                        let d = d.w(if ftx { ", as the FTX exchange collapsed" } else { "" });
                        missing_closes(d, f.longest_gap).w("). ")
                    }
                    (Some(f), false) => {
                        let d = dek.w(", its largest one-day fall since at least ").f("history_start_date");
                        match f.longest_gap {
                            Some(_) => missing_closes(d.w(if e.one_reading_a_day { " in the readings here (" } else { " in the closes here (" }), f.longest_gap).w("). "),
                            None => d.w(". "),
                        }
                    }
                    (None, _) if value(v, "largest_drop_pct").is_some_and(|l| (l - c).abs() < 1e-9) => {
                        dek.w(", the largest one-day fall in these data, which begin on ").f("data_first_date").w(". ")
                    }
                    (None, _) => dek.w(". "),
                };
                // One price a day (the CoinGecko fixture's are taken mid-morning UTC) splits the crash
                // of 5 February between two readings.
                if value(v, "crash_next_day_change_pct").is_some_and(|n| n < 0.0) {
                    dek = dek.w("With one price a day the crash shows across two readings: the next one, on 6 February, fell ").fabs("crash_next_day_change_pct").w(". ");
                }
            }
            Some(_) => {
                dek = dek.w(if e.one_reading_a_day {
                    "In these data Bitcoin's daily reading did not fall on 5 February 2026. "
                } else {
                    "In these data Bitcoin's close did not fall on 5 February 2026. "
                })
            }
            None => {}
        }
        if let Some(a) = article {
            let byline = if a.note.contains("AI agent") { "; its byline presents its author as an AI agent" } else { "" };
            dek = dek.w(format!(
                "An article on {}, \u{201c}{}\u{201d} ({}), called the crash an orderly \u{201c}leverage reset\u{201d}{byline}. ",
                e.story.source_name("source_article", "the web"),
                article_title(&a.citation),
                article_date(&a.citation)
            ));
        }
        // The figures traced to a named source (marked R) are not the article's own.
        let traced = if e.story.figures.iter().any(|f| f.provenance == Provenance::Reported) {
            ", the article's own figures and the sources some were traced to"
        } else {
            " and the article's own figures"
        };
        dek = dek.w(format!(
            "Every number here is recomputed in your browser from daily {provider} prices{traced} (the comparison with earlier crashes from its own daily bars, named in its section), and the article's claims are checked one by one."
        ));
        p("dek", dek);

        // The reset in numbers.
        let days = (e.crash_low.date - e.ath.date).whole_days();
        let data_start = e.series.first_date();
        let one_reading = e.one_reading_a_day;
        let mut n1 = Text::new()
            .w("In these data, which begin on ")
            .f("data_first_date")
            .w(if one_reading { " and hold one price a day, Bitcoin's highest reading before the crash was " } else { ", Bitcoin's highest price before the crash was " })
            .f("ath_usd")
            .w(" on ")
            .f("ath_date");
        n1 = match &e.history {
            Some(h) if h.closes.iter().all(|c| c.1 < e.ath.usd) => n1.w(", above every daily close since ").f("history_start_date").w(". "),
            _ if e.ath.date == data_start => n1.w(", the first day of these data: an earlier peak would not show. "),
            _ => n1.w(". "),
        };
        n1 = n1
            .w(capitalize(&duration_words(days)))
            .w(" later, on ")
            .f("crash_low_date")
            .w(if one_reading { ", the crash's lowest reading from " } else { ", it touched " })
            .t(if one_reading { Text::new().w(format!("{provider} was ")).f("crash_low_usd") } else { Text::new().f("crash_low_usd").w(format!(" on {provider}")) })
            .w(": ")
            .fabs("drawdown_at_low_pct")
            .w(if value(v, "drawdown_at_low_pct").is_some_and(|d| d > 50.0) { " below that high, more than half. " } else { " below that high. " });
        if let Some(rsi) = value(v, "rsi_crash_day") {
            n1 = n1
                .w(if one_reading { "The 14-day RSI of these daily readings stood at " } else { "The 14-day RSI closed 5 February at " })
                .f("rsi_crash_day")
                .w(if one_reading { " on 5 February" } else { "" })
                .w(if rsi < 20.0 {
                    ", under 30 (oversold) and under 20. "
                } else if rsi < 30.0 {
                    ", under 30 (oversold). "
                } else {
                    ", not in oversold territory (under 30). "
                });
        }
        if let (Some(a), Some(b)) = (e.volume_crash_day, e.volume_low_day) {
            if a.date != b.date {
                n1 = n1
                    .w("Volume on 5 February and on the day of the low was ")
                    .f("volume_multiple_crash_day")
                    .w(" and ")
                    .f("volume_multiple_low_day")
                    .w(" times the median of the 30 days before");
                n1 = if a.rank_in_data.max(b.rank_in_data) == 2 { n1.w("; in raw volume they were the two busiest days in these data.") } else { n1.w(".") };
            } else {
                n1 = n1.w("Volume that day was ").f("volume_multiple_crash_day").w(" times the median of the 30 days before").w(if a.rank_in_data == 1 {
                    ": the busiest day in these data."
                } else {
                    "."
                });
            }
        } else if e.series.bars.iter().all(|b| b.volume_btc.is_none()) {
            n1 = n1.w("These data carry no volume.");
        } else {
            n1 = n1.w("These data hold too few days before the crash to compare its volume with the 30 days before.");
        }
        let _ = data_start;
        p("numbers_1", n1);

        let mut n2 = Text::new();
        let oi_loaded = e.open_interest_source.is_some();
        n2 = n2.w("The article puts futures liquidations at ").f("liquidations_total_usd").w(" across all coins");
        n2 = if e.liquidations_source.is_some() {
            n2.w("; the loaded series counts ").f("liquidations_btc_usd").w(" of Bitcoin liquidations ").w(liquidation_days(e.liquidations_days_in_week))
        } else {
            n2.w(", ").f("liquidations_btc_usd").w(" of it in Bitcoin contracts")
        };
        let change = e.leverage.open_interest_change;
        let dir = if change.high < 0.0 {
            "a fall of "
        } else if change.low > 0.0 {
            "a rise of "
        } else {
            "a change of "
        };
        let abs = change.high < 0.0 || change.low > 0.0;
        n2 = if oi_loaded {
            n2.w(". In the loaded open-interest series, Bitcoin futures open interest went from ")
                .f("open_interest_before_usd")
                .w(" at the start of the crash weeks to ")
                .f("open_interest_after_usd")
                .w(" at their end: ")
                .w(dir)
        } else {
            n2.w(", and has Bitcoin futures open interest falling from ").f("open_interest_before_usd").w(" a week earlier to ").f("open_interest_after_usd").w(": ").w(dir)
        };
        n2 = if abs { n2.fabs("oi_change_pct").w(", or ").fabs("oi_change_usd").w(".") } else { n2.f("oi_change_pct").w(", or ").f("oi_change_usd").w(".") };
        p("numbers_2", n2);

        // Was it orderly?
        let mut o1 = Text::new()
            .w("Open interest in dollars falls for two reasons: traders close positions, or the price marks the same positions down. Dividing by the price separates the two. ");
        if lev.weeks.len() == 2 {
            let [a, b] = [WEEK_IDS[0], WEEK_IDS[1]];
            let price = lev.price_change;
            o1 = o1.w("Over the weeks ending on the crash days (").f(a[0]).w(" to ").f(a[1]).w(", and ").f(b[0]).w(" to ").f(b[1]).w(") the price ").w(if price.high < 0.0 {
                "fell "
            } else if price.low > 0.0 {
                "rose "
            } else {
                "changed by "
            });
            o1 = if price.high < 0.0 || price.low > 0.0 { o1.fabs("price_change_week_pct") } else { o1.f("price_change_week_pct") };
            o1 = o1
                .w(". Counted in coins, open interest went from ")
                .f(a[2])
                .w(" to ")
                .f(a[3])
                .w(" in the first week (")
                .f(a[4])
                .w(") and from ")
                .f(b[2])
                .w(" to ")
                .f(b[3])
                .w(" in the second (")
                .f(b[4])
                .w(")");
            let c = lev.coin_open_interest_change;
            o1 = o1.w(if c.low > 0.0 {
                ": it rose in both, so the dollar drop was the price, not positions closed. "
            } else if c.high < 0.0 {
                ": it fell in both, so positions were closed as well as marked down. "
            } else {
                ": it rose in one week and fell in the other, so which week the article means decides the reading. "
            });
            o1 = o1.w("In log terms the price markdown explains ").f("price_markdown_share_pct").w(" of the dollar drop.");
        }
        p("orderly_1", o1);

        let mut o2 = Text::new().w("Were liquidations a large part of the positions that closed? ");
        let mut any = false;
        for (k, w) in lev.weeks.iter().enumerate() {
            let ids = WEEK_IDS[k.min(1)];
            match w.liquidations_share_of_closed {
                Some(s) => {
                    any = true;
                    o2 = o2
                        .w("In the week to ")
                        .f(ids[1])
                        .w(" coin open interest fell by ")
                        .fabs(ids[6])
                        .w(", worth ")
                        .f(ids[7])
                        .w(" at that week's prices; Bitcoin liquidations were ")
                        .f(ids[8])
                        .w(" of that");
                    o2 = if s.low > 1.0 {
                        o2.w(", more than all of it: more positions were forced out than closed on net, so new ones opened meanwhile. ")
                    } else if s.high > 1.0 {
                        o2.w(", up to more than all of it: at the high end more positions were forced out than closed on net, which means new ones opened meanwhile. ")
                    } else {
                        o2.w(". ")
                    };
                }
                None => {
                    o2 = o2.w("In the week to ").f(ids[1]).w(" coin open interest rose (by ").fabs(ids[6]).w("), so no positions closed on net and the share is undefined. ");
                }
            }
        }
        o2 = o2.w("Liquidations also include short positions, which are forced to buy, and a liquidation need not reduce open interest one for one");
        o2 = if any { o2.w(": daily figures cannot say forced selling was a minority of the unwind.") } else { o2.w(".") };
        o2 = if e.liquidations_source.is_some() {
            o2.w(" The Bitcoin liquidations here come from the loaded series").w(if e.liquidations_days_in_week < 7 {
                format!(", which has {} of a crash week's 7 days: the shares count only those.", e.liquidations_days_in_week)
            } else {
                ".".to_string()
            })
        } else {
            o2.w(" Bitcoin made up ").f("btc_share_of_liquidations_pct").w(" of all liquidations in the article's figures.")
        };
        p("orderly_2", o2);

        let reading = |v: Verdict, what: &str| match v {
            Verdict::Orderly => format!("reads {what} as orderly"),
            Verdict::CascadeLike => format!("reads {what} as cascade-like"),
            Verdict::NotEnoughData => format!("reaches no verdict on {what}"),
        };
        let readings = if v.regime[0].verdict == Verdict::NotEnoughData && v.regime[1].verdict == Verdict::NotEnoughData {
            "reaches no verdict on either the crash weeks or 5 February alone: the tests that could decide need hourly figures".to_string()
        } else {
            format!("{} and {}", reading(v.regime[0].verdict, "the crash weeks"), reading(v.regime[1].verdict, "5 February alone"))
        };
        let mut o3 = Text::new()
        .w("Telling an orderly unwind from a cascade needs open interest and liquidations by the hour, which daily data do not have. We found no published rule that separates the two; this project applies its own, with the thresholds in the table below. It ")
        .w(readings)
        .w(". ");
        if let Some(c) = value(v, "crash_day_change_pct").filter(|c| *c < 0.0) {
            let _ = c;
            let signature = v.regime[1].checks.iter().any(|c| c.side == "signal" && c.status == super::regime::CheckStatus::Met);
            o3 = o3
                .w(if e.one_reading_a_day { "That day the daily reading fell " } else { "That day the close fell " })
                .fabs("crash_day_change_pct")
                .w(format!(", and news sites quoting {} counted ", e.story.source_name("liquidations_24h_total_usd", "a liquidation tracker")))
                .f("liquidations_24h_total_usd")
                .w(" of liquidations in the 24 hours to 6 February (another count put Bitcoin's at ")
                .f("liquidations_24h_btc_usd")
                .w(")");
            o3 = if signature {
                o3.w(": the price signature of a cascade")
            } else {
                o3.w(". In these prices the day's fall stays under the rule's ").v(e.thresholds.day_drop_signature * 100.0, Unit::Pct).w(" signature of a cascade")
            };
            let c = lev.coin_open_interest_change;
            o3 = if c.low > -0.05 && c.high < 0.05 {
                o3.w(", in a week when open interest counted in coins changed little.")
            } else if c.low < 0.0 && c.high > 0.0 {
                o3.w(", while open interest counted in coins rose over one crash week and fell over the other.")
            } else {
                o3.w(".")
            };
        }
        p("orderly_3", o3);

        let o4 = match &e.funding_week {
            Some((r, _)) => {
                let t = Text::new().w("Funding rates, which turn negative when shorts crowd in, ranged from ").f("funding_week_pct").w(" over the crash week in the loaded series");
                if r.high < 0.0 {
                    t.w(": negative throughout.")
                } else if r.low < 0.0 {
                    t.w(": negative on some days.")
                } else {
                    t.w(": positive throughout.")
                }
            }
            None => Text::new().w("Funding rates over the crash week, which turn negative when shorts crowd in, are not in the data in use."),
        };
        p("orderly_4", o4);

        let sens = &lev.sensitivity;
        if !sens.is_empty() {
            let rising = sens.iter().filter(|w| w.coin_open_interest_change.low > 0.0).count();
            let falling = sens.iter().filter(|w| w.coin_open_interest_change.high < 0.0).count();
            let both = sens.len() - rising - falling;
            let mut t = Text::new().w("The article names no dates for its week. ");
            t = if sens.len() == 5 {
                t.w("Over the five weeks ending on each day from 5 to 9 February, ")
            } else {
                t.w(format!("Over the {} ending between 5 and 9 February that the data cover, ", count_words(sens.len(), "week")))
            };
            t = t.w("open interest in coins changed by ").f("coin_oi_change_sensitivity_pct").w(": ");
            let mut parts = Vec::new();
            if rising > 0 {
                parts.push(format!("it rose in {}", count_words(rising, "week")));
            }
            if falling > 0 {
                parts.push(format!("fell in {}", count_words(falling, "week")));
            }
            if both > 0 {
                parts.push(format!("could go either way in {}", count_words(both, "week")));
            }
            t = t.w(parts.join(" and ")).w(". Only a week in which it fell supports the article's reading that leverage came out.");
            p("sensitivity", t);
        }
    }

    p("finding", finding(e, v));

    if analysis {
        // Miners and macro: the article's, attributed.
        p(
        "miners",
        Text::new().w("The article adds a second source of supply: miners that had turned to AI and high-performance computing sold coins to pay for operations as financing tightened. It attributes the mix of pressures (leverage, miner selling, other headwinds) to Matthew Sigel of VanEck, and gives no amount, so there is nothing here to compute."),
    );
        let mut mac = Text::new()
            .w("On the macro side it cites ")
            .f("layoffs_january")
            .w(" announced US job cuts in January, \u{201c}a ")
            .f("layoffs_jump_pct")
            .w(" surge\u{201d}, as a reason markets hoped for rate cuts. ");
        if has(v, "layoffs_vs_december_pct") {
            mac = mac
                .w(format!("{}'s January report gives the same total: ", e.story.source_name("layoffs_january", "The job-cuts report")))
                .f("layoffs_vs_december_pct")
                .w(" more than December's ")
                .f("layoffs_december_2025")
                .w(" and ")
                .f("layoffs_vs_january_2025_pct")
                .w(" more than January 2025's ")
                .f("layoffs_january_2025")
                .w(". The 205% is the change on December, which the article does not say.");
        }
        p("macro", mac);
    }

    // Levels and scenarios.
    p("scenario_summary", scenario_sentence(v, selected));
    p("scenario_detail", scenario_detail(v, selected));
    if analysis {
        p("reference_position", reference_sentence(e, v));
    }
    p("scenario_meaning", selected.summary.clone());
    // The reference date's label: a day's close, or with one price a day its reading.
    p("label_reference_date", Text::new().w(if e.one_reading_a_day { "Daily reading of" } else { "Close of" }));

    if analysis {
        // What happened next.
        if let Some(a) = &e.aftermath {
            let last_partial = e.series.bars.last().is_some_and(|b| b.partial);
            let mut t = Text::new()
                .w("The price data run to ")
                .f("data_last_date")
                .w(if last_partial { " (a partial day), " } else { ", " })
                .w(duration_words(a.days as i64))
                .w(if e.one_reading_a_day {
                    " after the crash low. Since the low, its highest daily reading was "
                } else {
                    " after the crash low. Since the low, Bitcoin rose as high as "
                })
                .f("after_high_usd")
                .w(" (")
                .f("after_high_date")
                .w("). ");
            if let Some(zone) = e.levels.iter().find(|l| l.id == "level_resistance_zone") {
                let run = a.longest_run_above_gate_days;
                t = if run == 0 {
                    t.w(if e.one_reading_a_day { "No daily reading was above " } else { "It never closed above " })
                        .v(zone.span.high, Unit::Usd)
                        .marked(zone.provenance)
                        .w(", the top of the zone the article's recovery must break. ")
                } else {
                    t.w(if e.one_reading_a_day { "Its longest run of daily readings above " } else { "Its longest run of closes above " })
                        .v(zone.span.high, Unit::Usd)
                        .marked(zone.provenance)
                        .w(" lasted ")
                        .f("after_run_above_gate_days")
                        .w(if run == 1 { " day" } else { " days" })
                        .w(" (from ")
                        .f("after_run_above_gate_start")
                        .w("); the article asks for a \u{201c}sustained\u{201d} break without saying how long. ")
                };
            }
            if let Some(r) = a.scenarios.iter().find(|s| s.id == ScenarioId::Recovery) {
                t = match r.first_reached {
                    Some(d) => t.w("The recovery target was reached on ").d(d).w("."),
                    None => t.w("The recovery target, ").f_target(selected, v, ScenarioId::Recovery).w(", was never reached."),
                };
            }
            p("next_1", t);

            let t = match (a.first_undercut, a.first_close_under) {
                // With one price a day the low is the lowest reading, and a reading under it is
                // the first close under it too.
                (Some(_), Some(_)) if e.one_reading_a_day => {
                    let mut t = Text::new()
                        .w("The crash's lowest daily reading did not hold: a reading under it came on ")
                        .f("first_close_under_date")
                        .w(" (")
                        .f("first_close_under_usd")
                        .w(")");
                    if a.first_close_under.map(|c| c.date) != Some(a.lowest.date) {
                        t = t.w("; the lowest since was ").f("after_low_usd").w(" on ").f("after_low_date");
                    }
                    t.w(". ")
                }
                (Some(u), close) => {
                    let mut t = Text::new().w("The February low did not hold: ");
                    t = match close {
                        Some(c) if c.date == u.date => t.w("the price closed under it on ").f("first_close_under_date").w(" (").f("first_close_under_usd").w(")"),
                        Some(_) => t
                            .w("the price went under it on ")
                            .f("first_undercut_date")
                            .w(" (low ")
                            .f("first_undercut_usd")
                            .w(") and first closed under it on ")
                            .f("first_close_under_date")
                            .w(" (")
                            .f("first_close_under_usd")
                            .w(")"),
                        None => t.w("the price went under it on ").f("first_undercut_date").w(" (low ").f("first_undercut_usd").w(") but never closed under it"),
                    };
                    if a.lowest.date != u.date {
                        t = t.w("; the lowest since was ").f("after_low_usd").w(" on ").f("after_low_date");
                    }
                    t.w(". ")
                }
                (None, _) if e.one_reading_a_day => Text::new()
                    .w("The crash's lowest daily reading held through ")
                    .f("data_last_date")
                    .w("; the lowest reading since was ")
                    .f("after_low_usd")
                    .w(" (")
                    .f("after_low_date")
                    .w("). "),
                (None, _) => {
                    Text::new().w("The February low held through ").f("data_last_date").w("; the lowest price since was ").f("after_low_usd").w(" (").f("after_low_date").w("). ")
                }
            };
            let t = match (e.lowest_rsi_after_crash_day, value(v, "rsi_crash_day")) {
                (Some((_, r)), Some(feb)) if r < feb => t.w("RSI(14) went lower on ").f("after_lowest_rsi_date").w(" (").f("after_lowest_rsi").w(") than on 5 February."),
                (Some(_), Some(_)) => t.w("RSI(14) never went as low again (its lowest after 5 February was ").f("after_lowest_rsi").w(")."),
                _ => t,
            };
            p("next_2", t);

            let mut t = Text::new().w("Against the scenarios: ");
            let mut parts: Vec<Text> = Vec::new();
            for s in &a.scenarios {
                let label = v.scenarios.iter().find(|o| o.id == s.id).map(|o| o.label).unwrap_or("");
                match s.id {
                    ScenarioId::Range => {
                        let mut r = Text::new().w(format!("the {} (", label.to_ascii_lowercase())).w("this project's) ");
                        let (every, above, below) = if e.one_reading_a_day {
                            (
                                "held: every daily reading stayed inside the band",
                                "did not hold: the daily reading was above the band on ",
                                "did not hold: the daily reading was below the band on ",
                            )
                        } else {
                            ("held: every close stayed inside the band", "did not hold: the price closed above the band on ", "did not hold: the price closed below the band on ")
                        };
                        r = match (s.closes_above, s.closes_below) {
                            (0, 0) => r.w(every),
                            (up, 0) => r
                                .w(above)
                                .v(up as f64, Unit::Count)
                                .w(if up == 1 { " day" } else { " days" })
                                .w(" (first ")
                                .d(s.first_close_above.unwrap_or(e.crash_low.date))
                                .w(")"),
                            (0, down) => r
                                .w(below)
                                .v(down as f64, Unit::Count)
                                .w(if down == 1 { " day" } else { " days" })
                                .w(" (first ")
                                .d(s.first_close_below.unwrap_or(e.crash_low.date))
                                .w(")"),
                            (up, down) => r
                                .w(above)
                                .v(up as f64, Unit::Count)
                                .w(if up == 1 { " day and below it on " } else { " days and below it on " })
                                .v(down as f64, Unit::Count)
                                .w(if down == 1 { " day" } else { " days" }),
                        };
                        parts.push(r);
                    }
                    _ => parts.push(match s.first_reached {
                        Some(d) => Text::new().w(format!("the {} target was reached on ", label.to_ascii_lowercase())).d(d),
                        None => Text::new().w(format!("the {} target was not reached", label.to_ascii_lowercase())),
                    }),
                }
            }
            for (k, part) in parts.into_iter().enumerate() {
                if k > 0 {
                    t = t.w("; ");
                }
                t = t.t(part);
            }
            // Its counts of days and its dates are read from the data here.
            p("next_3", t.w(". No scenario is a forecast; this only says which levels the path touched.").unmarked_as(Provenance::Computed));
        }
    }

    // Captions and the sources line.
    let last = e.series.bars.last();
    // Volume is drawn under the candles only when the data carry it (see `numbers_1`).
    let volume = if e.series.bars.iter().any(|b| b.volume_btc.is_some()) { ", with volume below" } else { "" };
    let kind = if e.one_reading_a_day { "Daily prices, one reading a day (UTC days; drawn as flat candles)" } else { "Daily candles (UTC days)" };
    let mut cap = Text::new().w(format!("{kind}, {provider} BTC/USD{volume}. Resistance levels dashed, support solid, floors in purple; the dotted line is the reference price and the heavy line or band the selected target. The shaded span is the two crash weeks the open-interest figures are read over ("));
    if let (Some(a), Some(b)) = (lev.windows.first(), lev.windows.last()) {
        cap = cap.d(a.start).w(" to ").d(b.end);
    }
    cap = cap.w(").");
    if let Some(b) = last.filter(|b| b.partial) {
        cap = cap.w(" The last day (").d(b.date).marked(Provenance::Computed).w(") is partial.");
    }
    p("caption_price", cap);
    if analysis {
        let price = if e.one_reading_a_day { "daily reading" } else { "close" };
        let oi_src = if e.open_interest_source.is_some() { "the loaded open-interest series" } else { "the article" };
        p(
        "caption_open_interest",
        Text::new().w(format!("Open interest before and after each crash week, in dollars ({oi_src}) and in coins (dollars divided by the {provider} {price} at each end of the week). Ranges are drawn solid to their low end and outlined to their high end.")),
    );
        let untraced: Vec<&str> = e.levels.iter().filter(|l| l.provenance == Provenance::NotFound).map(|l| l.label.as_str()).collect();
        let mut lc = Text::new().w("Each scenario as a move from the reference price (dotted); the selected one is drawn heaviest.");
        if !untraced.is_empty() {
            lc = lc.w(format!(" No origin could be found for {}.", join_and(&untraced)));
        }
        p("caption_ladder", lc);
        let mut src = Text::new().w(format!("Prices: {}. Daily bars are UTC days", e.series.source_line));
        if let Some(b) = last.filter(|b| b.partial) {
            src = src.w("; the last one (").d(b.date).w(") is partial");
        }
        src = src.w(if e.one_reading_a_day { ". These data hold one price a day, so a day's high and low, and the crash's lowest price, are not in them." } else { "." });
        if let Some(h) = &e.history {
            src = src.w(format!(" Earlier closes, for the comparison with past falls: {}.", h.source_line));
        }
        p("sources_prices", src);
        let oi_line = match (&e.open_interest_source, &e.liquidations_source, &e.funding_week) {
            (None, None, None) => Text::new().w("Open interest and liquidations: the article's figures (no market series loaded)."),
            (oi, liq, fund) => {
                let mut t = Text::new();
                t = match oi {
                    Some(s) => t.w(format!("Open interest: {s}. ")),
                    None => t.w("Open interest: the article's figures. "),
                };
                t = match liq {
                    Some(s) => t.w(format!("Bitcoin liquidations: {s}. ")),
                    None => t.w("Bitcoin liquidations: the article's figures. "),
                };
                if let Some((_, s)) = fund {
                    t = t.w(format!("Funding: {s}."));
                }
                t
            }
        };
        p("sources_market", oi_line);
        // The tables' headers and the formulas name the daily price the data hold.
        let (close, closes) = if e.one_reading_a_day { ("daily reading", "daily readings") } else { ("close", "closes") };
        let (daily, dailies) = if e.one_reading_a_day { ("daily reading", "daily readings") } else { ("daily close", "daily closes") };
        p("label_role_reversals", Text::new().w(format!("Role reversals ({dailies}; confirmed by a failed retest)")));
        p("label_first_through", Text::new().w(if e.one_reading_a_day { "First reading through" } else { "First close through" }));
        p(
            "formulas",
            Text::new().w(format!(
                "Formulas: drawdown = (high − price) / high; bounce = (price − low) / low; gain to regain the high = high / price − 1; RSI(14) with Wilder smoothing; open interest in coins = open interest in dollars / {close}; its change over a week = (OI₁/OI₀)/(P₁/P₀) − 1; positions closed = the fall in coin open interest valued at the week's {closes}. The article names no dates for its open-interest week, so the figures use both weeks ending on the crash days and keep the result as a range; ranges are never collapsed to midpoints. A level's role reverses on a {daily} through it and is confirmed by the first failed test from the other side."
            )),
        );
    }
    out
}

trait TargetText {
    fn f_target(self, selected: &ScenarioOutcome, v: &Facts, id: ScenarioId) -> Text;
}

impl TargetText for Text {
    fn f_target(self, _selected: &ScenarioOutcome, v: &Facts, id: ScenarioId) -> Text {
        match v.scenarios.iter().find(|s| s.id == id) {
            Some(s) if s.target_usd.is_point() => self.v(s.target_usd.low, Unit::Usd).marked(s.provenance),
            Some(s) => self.v(s.target_usd.low, Unit::Usd).w("–").v(s.target_usd.high, Unit::Usd).marked(s.provenance),
            None => self,
        }
    }
}

/// The selected scenario from the reference, words chosen by where the target lies.
pub fn scenario_sentence(v: &Facts, s: &ScenarioOutcome) -> Text {
    let mut t =
        Text::new().w(s.label).w(if s.origin == ScenarioOrigin::Project { " (this project's scenario)" } else { " (the article's scenario)" }).w(": from ").f("reference_usd");
    // Where the reference comes from, said where the move is read (the compact page shows no more).
    t = match v.reference_date {
        None => t.w(" (the crash low + 6%, the article's framing)"),
        Some(_) => t.w(if v.one_reading_a_day { " (the daily reading of " } else { " (the close of " }).f("reference_date").w(")"),
    };
    if s.contains_reference {
        t = t.w(", the price is already inside the band ").f("target_usd").w(": no move is needed, and the scenario is that it stays there.");
    } else {
        let m = s.move_from_reference;
        let word = if m.low > 0.0 { "a rise of " } else { "a fall of " };
        t = t.w(if s.target_usd.is_point() { ", the target is " } else { ", the target is the band " }).f("target_usd").w(", ").w(word).fabs("move_pct").w(".");
    }
    t
}

/// What the selected scenario's target would mean: the distance to the earlier high, the levels
/// on the way, the support and resistance around the target.
pub fn scenario_detail(v: &Facts, s: &ScenarioOutcome) -> Text {
    let dd = s.drawdown_at_target;
    let mut t = if dd.high <= 0.0 {
        Text::new().w("There Bitcoin would be at or above its earlier high.")
    } else {
        Text::new()
            .w("There Bitcoin would sit ")
            .f("drawdown_at_target_pct")
            .w(if v.high_may_be_earlier {
                " below the highest price in these data before the crash and would need "
            } else {
                " below the highest price before the crash and would need "
            })
            .f("gain_to_ath_at_target_pct")
            .w(" to regain it.")
    };
    let crossed: Vec<&str> = s.levels_crossed.iter().map(String::as_str).collect();
    t = if crossed.is_empty() { t.w(" No level lies on the way.") } else { t.w(format!(" On the way: {}.", join_and(&crossed))) };
    t = match (value(v, "target_support_usd"), value(v, "target_resistance_usd")) {
        (Some(_), Some(_)) => t.w(" At the target the nearest support would be ").f("target_support_usd").w(" and the nearest resistance ").f("target_resistance_usd").w("."),
        (Some(_), None) => t.w(" At the target the nearest support would be ").f("target_support_usd").w(", with no level above."),
        (None, Some(_)) => t.w(" At the target the nearest resistance would be ").f("target_resistance_usd").w(", with no level below."),
        (None, None) => t,
    };
    t
}

/// Where the reference price sits: words chosen by the sign of each distance and by whether
/// the reference date comes before the crash.
pub fn reference_sentence(e: &Explainer, v: &Facts) -> Text {
    let mut t = match v.reference_date {
        None => Text::new().w("The reference price is the article's framing: the crash low plus its 6% bounce, ").f("reference_usd").w(". "),
        Some(_) => Text::new()
            .w(if v.one_reading_a_day { "The reference price is the daily reading of " } else { "The reference price is the close of " })
            .f("reference_date")
            .w(", ")
            .f("reference_usd")
            .w(". "),
    };
    t = match (value(v, "nearest_support_usd"), value(v, "nearest_resistance_usd")) {
        (Some(_), Some(_)) => t.w("There the nearest support is ").f("nearest_support_usd").w(" and the nearest resistance ").f("nearest_resistance_usd").w(". "),
        (Some(_), None) => t.w("There the nearest support is ").f("nearest_support_usd").w(", with no level above. "),
        (None, Some(_)) => t.w("There the nearest resistance is ").f("nearest_resistance_usd").w(", with no level below. "),
        (None, None) => t,
    };
    let dd = value(v, "drawdown_at_reference_pct").unwrap_or(0.0);
    let high = if v.high_may_be_earlier { " the high in these data" } else { " the high" };
    t = if dd > 0.0 { t.w("It is ").f("drawdown_at_reference_pct").w(" below").w(high) } else { t.w("It is ").fabs("drawdown_at_reference_pct").w(" above").w(high) };
    let before_crash = v.reference_date.is_some_and(|d| d < e.crash_low.date);
    if before_crash {
        return t.w("; this date comes before the crash low of ").f("crash_low_date").w(", so the fall had not yet happened.");
    }
    let b = value(v, "bounce_pct").unwrap_or(0.0);
    if b >= 0.0 {
        t = t.w(" and ").f("bounce_pct").w(" above the crash low");
        t = match value(v, "retracement_pct") {
            Some(r) if r > 0.0 => t.w(", having won back ").f("retracement_pct").w(" of the fall."),
            _ => t.w("."),
        };
    } else {
        t = t.w(" and ").fabs("bounce_pct").w(" below the crash low.");
    }
    t
}

/// The answer first: the page's finding in two sentences, from the dollar change in open
/// interest, the share of it that is the price (log terms), and the coin change over the weeks
/// ending 5 to 9 February (`sensitivity`; the two crash weeks when it is empty).
fn finding(e: &Explainer, v: &Facts) -> Text {
    let lev = &e.leverage;
    let change = lev.open_interest_change;
    let whose = if e.open_interest_source.is_some() { " in the loaded series)" } else { ", the article's figures)" };
    let mut t = Text::new().w("Bitcoin futures open interest ");
    let fell = change.high < 0.0;
    t = if fell {
        t.w("fell ").fabs("oi_change_pct")
    } else if change.low > 0.0 {
        t.w("rose ").fabs("oi_change_pct")
    } else {
        t.w("changed by ").f("oi_change_pct")
    };
    t = t.w(" in dollars in a week (").f("open_interest_before_usd").w(" to ").f("open_interest_after_usd").w(whose);
    let share = v.metric("price_markdown_share_pct").and_then(|m| m.value.map(|x| (x, x)).or(m.low.zip(m.high)));
    t = match share {
        Some((low, high)) if fell => {
            let how_much = if low >= 100.0 {
                "all of that drop, and more,"
            } else if low >= 50.0 && high >= 100.0 {
                "most or all of that drop"
            } else if low >= 50.0 {
                "most of that drop"
            } else if high < 50.0 {
                "less than half of that drop"
            } else {
                "part of that drop"
            };
            t.w(format!(", but over the weeks ending on the two crash days {how_much} is the price marking the same positions down ("))
                .f("price_markdown_share_pct")
                .w(", in log terms). ")
        }
        _ => t.w(". "),
    };
    let sens = &lev.sensitivity;
    let (rising, falling, total) = if sens.is_empty() {
        let c = lev.coin_open_interest_change;
        (usize::from(c.low > 0.0), usize::from(c.high < 0.0), 1)
    } else {
        (sens.iter().filter(|w| w.coin_open_interest_change.low > 0.0).count(), sens.iter().filter(|w| w.coin_open_interest_change.high < 0.0).count(), sens.len())
    };
    let weeks = if sens.is_empty() {
        "over the crash weeks".to_string()
    } else if total == 5 {
        "over the five weeks ending 5 to 9 February".to_string()
    } else {
        format!("over the {} ending between 5 and 9 February that the data cover", count_words(total, "week"))
    };
    t = t.w(format!("Counted in coins, {weeks}, it "));
    t = if falling == total {
        t.w("fell every time, so positions were closed, not only marked down.")
    } else if rising == total {
        t.w("rose every time, so no leverage came out on net: the dollar drop was the price.")
    } else {
        let mut parts = Vec::new();
        if rising > 0 {
            parts.push(format!("rose in {}", count_words(rising, "week")));
        }
        if falling > 0 {
            parts.push(format!("fell in {}", count_words(falling, "week")));
        }
        let either = total - rising - falling;
        if either > 0 {
            parts.push(format!("could go either way in {}", count_words(either, "week")));
        }
        t.w(join_and(&parts.iter().map(String::as_str).collect::<Vec<_>>())).w(": whether leverage really came out depends on the week the article means.")
    };
    t
}

/// `s` with its first letter in upper case. ASCII only (the words it gets are the core's own, a
/// test checks they are ASCII): Unicode case tables would add about 24 KB to the wasm.
fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

pub(crate) fn count_words(n: usize, what: &str) -> String {
    const WORDS: [&str; 10] = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    let num = WORDS.get(n).map(|w| w.to_string()).unwrap_or_else(|| n.to_string());
    if n == 1 {
        format!("{num} {what}")
    } else {
        format!("{num} {what}s")
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [a] => a.to_string(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// What follows the quoted title in a citation (`…", February 2026` → `February 2026`).
fn article_date(citation: &str) -> String {
    citation.rsplit('"').next().unwrap_or("").trim_start_matches([',', ' ']).to_string()
}

/// The quoted title inside a citation (`AInvest, "Title", February 2026`).
fn article_title(citation: &str) -> String {
    let mut parts = citation.splitn(3, '"');
    parts.next();
    parts.next().unwrap_or(citation).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_counts_and_lists() {
        assert_eq!(count_words(1, "week"), "one week");
        assert_eq!(count_words(4, "week"), "four weeks");
        assert_eq!(join_and(&["a", "b", "c"]), "a, b, and c");
        assert_eq!(article_title("AInvest, \"Bitcoin's $60k Crash\", February 2026"), "Bitcoin's $60k Crash");
        assert_eq!(article_date("AInvest, \"Bitcoin's $60k Crash\", February 2026"), "February 2026");
    }

    #[test]
    fn words_changed_in_case_are_ascii() {
        // The scenario labels (lower-cased in sentences) and the duration words (capitalized) are
        // changed in case by ASCII rules only: they must be ASCII for that to be right.
        let e = crate::model::Explainer::new(crate::bundled::PRICES_CSV, crate::bundled::PRICES_NAME, crate::bundled::FIGURES_CSV, crate::bundled::FIGURES_NAME).unwrap();
        let v = e.view(crate::model::Reference::ArticleFraming, "recovery").unwrap();
        assert!(!v.scenarios.is_empty() && v.scenarios.iter().all(|s| s.label.is_ascii()));
        assert!((-4000..4000).all(|d| duration_words(d).is_ascii()));
        assert_eq!(capitalize("3 weeks"), "3 weeks");
        assert_eq!(capitalize("the same day"), "The same day");
    }
}
