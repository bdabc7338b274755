//! The article's claims, checked against the data.
//!
//! Each claim is judged at the article's moment (the data up to [`ARTICLE_HORIZON`], and the
//! article's own framing of the price: the crash low plus its 6% bounce). When the reader picks
//! a reference date, the claims that depend on the date get a second reading at that date.

use serde::Serialize;

use super::explainer::{Explainer, Reference, ARTICLE_HORIZON, CRASH_DAY, CRASH_WINDOW};
use super::levels::{entered_from_above, Role};
use super::metric::Metric;
use super::price::{bounce, drawdown};
use super::provenance::Provenance;
use super::range::Range;
use super::regime::{RegimeReading, Verdict};
use super::text::{Text, Unit};

/// How a claim fares against the data. Each kind means what its label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimVerdict {
    /// The data confirm it.
    Holds,
    /// The data contradict it as worded.
    DoesNotHoldAsStated,
    /// The data show what the claim needs has not happened (yet): "not supported by the data"
    /// (the zone that broke but has held no test from below).
    NotSupported,
    /// These data cannot decide it either way: what it needs is not in them (hourly figures,
    /// a day's low with one price a day, a peak before they begin): "cannot be checked with
    /// these data".
    CannotCheck,
    /// It holds for part of the ranges the article gives and not for the rest.
    DependsOnRange,
}

/// A reading of a claim at the reader's reference date.
#[derive(Debug, Clone, Serialize)]
pub struct AtReference {
    pub verdict: Option<ClaimVerdict>,
    pub reason: Text,
}

/// One numeric claim of the article, recomputed.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub id: &'static str,
    /// What the article says, in our words, with its figures as values.
    pub claim: Text,
    /// The verdict at the article's moment.
    pub verdict: ClaimVerdict,
    /// The recomputed value (percent for `pct`).
    pub computed: Metric,
    /// Why, in words chosen by the values.
    pub reason: Text,
    /// The reading at the reader's reference date, for claims that depend on the date;
    /// `None` with the article's framing or for claims about fixed figures.
    pub at_reference: Option<AtReference>,
}

fn usd(v: f64) -> Text {
    Text::new().v(v, Unit::Usd)
}

/// The claims, in the order the page shows them.
pub fn claims(e: &Explainer, reference: Reference, reference_usd: f64, regime: &[RegimeReading]) -> Vec<Claim> {
    use ClaimVerdict::*;
    let (ath, low, lev) = (e.ath, e.crash_low, &e.leverage);
    let claimed = |id: &str| e.story.range(id).low;
    let provider = e.provider();
    // The provenance of one of the story's figures (the article's, unless the file says more).
    let prov = |id: &str| e.story.find(id).map(|f| f.provenance).unwrap_or(Provenance::Article);
    // One of the story's dollar figures in a reason, with its mark ("$61BA").
    let story_usd = |v: f64, id: &str| usd(v).marked(prov(id));
    // A claim's own percentage, quoted in a reason with its mark ("6%A").
    let claimed_pct = |id: &str| Text::new().vd(claimed(id), Unit::Pct, 0).marked(prov(id));
    let ref_date = match reference {
        Reference::Close(d) => Some(d),
        Reference::ArticleFraming => None,
    };
    let mut out = Vec::new();

    // 1. Open interest: about the article's own two figures, whatever series is loaded.
    let oi0 = e.story.range("open_interest_week_before_usd");
    let oi1 = e.story.range("open_interest_after_usd");
    let oi_change = oi1.divided_by(oi0).map(|r| (r - 1.0) * 100.0);
    let decline_claim = claimed("claim_open_interest_decline_pct");
    let holds = -oi_change.high > decline_claim;
    out.push(Claim {
        id: "oi_decline",
        claim: Text::new()
            .w("Open interest fell by more than ")
            .vd(decline_claim, Unit::Pct, 0)
            .w(" in seven days, from about ")
            .t(usd(oi0.low))
            .w(" to about ")
            .t(usd(oi1.low))
            .w("."),
        verdict: if holds { Holds } else { DoesNotHoldAsStated },
        computed: Metric::computed_range("claim_oi_decline_pct", Unit::Pct, oi_change, "(after − before) / before, the article's figures"),
        reason: {
            let t = Text::new()
                .t(story_usd(oi0.low, "open_interest_week_before_usd"))
                .w(" to ")
                .t(story_usd(oi1.low, "open_interest_after_usd"))
                .w(" is a fall of ")
                .vabs(oi_change.high, Unit::Pct);
            if holds {
                t.w(": more than ").t(claimed_pct("claim_open_interest_decline_pct")).w(".")
            } else {
                let start_needed = oi1.low / (1.0 - decline_claim / 100.0);
                let end_needed = oi0.low * (1.0 - decline_claim / 100.0);
                t.w(", not more than ")
                    .t(claimed_pct("claim_open_interest_decline_pct"))
                    .w(". More than that needs a start above ")
                    .v(start_needed, Unit::Usd)
                    .w(" or an end below ")
                    .v(end_needed, Unit::Usd)
                    .w(".")
            }
        },
        at_reference: None,
    });

    // 2. "Nearly 50% below its highs": read as 45% up to 50% ("nearly" is just under).
    let dd_claim = claimed("claim_drawdown_pct");
    let nearly = |v: f64| v <= dd_claim && v >= dd_claim - 5.0;
    let framing_usd = e.reference_price(Reference::ArticleFraming).unwrap_or(reference_usd);
    let dd_low = drawdown(ath.usd, low.usd) * 100.0;
    let dd_framing = drawdown(ath.usd, framing_usd) * 100.0;
    let half = Text::new().w(" Exactly ").t(claimed_pct("claim_drawdown_pct")).w(" below the high is ").t(usd(ath.usd * (1.0 - dd_claim / 100.0))).w(".");
    // The high of these data may not be the peak: an earlier, higher one would deepen the fall,
    // so a fall short of the claim cannot refute it (one beyond it still does). It may be earlier
    // when it falls on the data's first day (unless the long history has no higher close), and
    // it is when the long history has a higher close before these data begin.
    let first = e.series.first_date();
    let earlier_peak = e.history.as_ref().and_then(|h| h.closes.iter().filter(|c| c.0 < first && c.1 > ath.usd).max_by(|a, b| a.1.total_cmp(&b.1)).map(|c| (*c, h)));
    let high_may_be_earlier = e.high_may_be_earlier();
    let short_of = |v: f64| !nearly(v) && v < dd_claim;
    out.push(Claim {
        id: "drawdown_nearly_50",
        claim: Text::new().w("Bitcoin trades nearly ").vd(dd_claim, Unit::Pct, 0).w(" below its high."),
        verdict: if nearly(dd_framing) {
            Holds
        } else if high_may_be_earlier && short_of(dd_framing) {
            CannotCheck
        } else {
            DoesNotHoldAsStated
        },
        computed: Metric::computed_range(
            "claim_drawdown_pct",
            Unit::Pct,
            Range::new(dd_low, dd_framing),
            "(high − price) / high, at the crash low and at the article's +6% bounce",
        ),
        reason: Text::new()
            .w("At the article's framing (the crash low plus its ")
            .t(claimed_pct("claim_bounce_pct"))
            .w(" bounce, ")
            .t(usd(framing_usd))
            .w(") the price is ")
            .v(dd_framing, Unit::Pct)
            .w(" below the high of ")
            .t(usd(ath.usd))
            .w(if nearly(dd_framing) { ": nearly half, as stated." } else { ": not \"nearly\" half." })
            .w(" At the low itself it was ")
            .v(dd_low, Unit::Pct)
            .w(if dd_low > 50.0 { ", more than half." } else { "." })
            .t(half.clone())
            .t(match earlier_peak {
                _ if !(high_may_be_earlier && short_of(dd_framing)) => Text::new(),
                Some(((date, close_usd), h)) => {
                    let t = Text::new()
                        .w(" But the high before the crash is not in these data: the earlier closes (")
                        .w(h.source_line.split(" (").next().unwrap_or_default())
                        .w(") reach ")
                        .v(close_usd, Unit::Usd)
                        .w(" on ")
                        .d(date)
                        .w(", above it");
                    // The days neither file has, where a still higher peak may lie.
                    let t = match h.closes.last().map(|c| c.0).filter(|last| *last < first) {
                        Some(last) => t.w(", and they end on ").d(last).w(" while these data begin on ").d(first),
                        None => t.w(", and these data begin on ").d(first),
                    };
                    t.w(". From the real peak the fall is deeper than here, so these data cannot refute the claim.")
                }
                None => Text::new()
                    .w(" But that high is the first day of these data (")
                    .d(ath.date)
                    .w("): an earlier, higher peak would put the price further below its high, so these data cannot refute the claim."),
            }),
        at_reference: ref_date.map(|d| {
            let dd = drawdown(ath.usd, reference_usd) * 100.0;
            let t = if d < low.date { Text::new().w("Your date is before the crash low. ") } else { Text::new() };
            AtReference {
                verdict: Some(if nearly(dd) {
                    Holds
                } else if high_may_be_earlier && short_of(dd) {
                    CannotCheck
                } else {
                    DoesNotHoldAsStated
                }),
                // The high of these data, when a higher peak may lie before them (said so).
                reason: {
                    let high = if high_may_be_earlier { " the high in these data" } else { " the high" };
                    let t = t.w("On ").d(d).w(if e.one_reading_a_day { " the daily reading was " } else { " the close was " });
                    let t = if dd >= 0.0 { t.v(dd, Unit::Pct).w(" below") } else { t.vabs(dd, Unit::Pct).w(" above") };
                    // Why the verdict: "nearly" is read as up to 5 points short of the claim.
                    t.w(high).w(if nearly(dd) {
                        ": nearly half, as stated."
                    } else if high_may_be_earlier && short_of(dd) {
                        ", so these data cannot refute the claim."
                    } else if dd > dd_claim {
                        ": more than half, not \"nearly\" half."
                    } else {
                        ": not \"nearly\" half."
                    })
                },
            }
        }),
    });

    // 3. "Up 6% from the crash low": a snapshot; it holds if the price traded there in the
    // article's days.
    let one_reading = e.one_reading_a_day;
    let bounce_claim = claimed("claim_bounce_pct");
    let target = low.usd * (1.0 + bounce_claim / 100.0);
    let article_days: Vec<_> = e.series.bars.iter().filter(|b| b.date >= low.date && b.date <= ARTICLE_HORIZON).collect();
    let traded = article_days.iter().find(|b| b.high_usd >= target);
    let low_close = e.series.index_of(low.date).map(|i| e.series.bars[i].close_usd).unwrap_or(low.usd);
    let close_bounce = bounce(low.usd, low_close) * 100.0;
    out.push(Claim {
        id: "bounce_6",
        claim: Text::new().w("The price is up ").vd(bounce_claim, Unit::Pct, 0).w(" from the crash low."),
        verdict: match traded {
            Some(_) => Holds,
            None if one_reading => CannotCheck,
            None => DoesNotHoldAsStated,
        },
        // With one price a day the close on the day of the low is the low itself (0%): the
        // figure is then the highest reading of the article's days against the lowest.
        computed: if one_reading {
            let best = article_days.iter().map(|b| b.high_usd).fold(low.usd, f64::max);
            Metric::computed(
                "claim_bounce_pct",
                Unit::Pct,
                bounce(low.usd, best) * 100.0,
                "(highest daily reading from the low to the article's date − lowest reading) / lowest reading",
            )
        } else {
            Metric::computed("claim_bounce_pct", Unit::Pct, close_bounce, "(close on the day of the low − low) / low")
        },
        reason: match traded {
            Some(b) => Text::new()
                .w("A snapshot: ")
                .t(claimed_pct("claim_bounce_pct"))
                .w(" above the low of ")
                .t(usd(low.usd))
                .w(" is ")
                .t(usd(target))
                .w(", which the price passed on ")
                .d(b.date)
                .w(if b.date == low.date { ", the day of the low itself, " } else { ", " })
                .t(if one_reading {
                    Text::new()
                        .w("in the daily readings from ")
                        .w(provider.clone())
                        .w(". These data hold one price a day, so the crash's true low is not in them; a lower low puts the 6% mark lower, so it was passed as well.")
                } else if close_bounce >= 0.05 {
                    Text::new().w("and ").w(provider.clone()).w(" closed the day of the low ").v(close_bounce, Unit::Pct).w(" above it.")
                } else {
                    Text::new().w("and ").w(provider.clone()).w("'s close on the day of the low was the low itself.")
                })
                .w(" The figure changes every day after."),
            None => {
                let (lead, low, tail) = if one_reading {
                    ("No daily reading reached ", " above the lowest one (", "; with one price a day the moves between readings are not in these data.")
                } else {
                    ("The price did not trade ", " above the low (", ".")
                };
                Text::new().w(lead).t(claimed_pct("claim_bounce_pct")).w(low).t(usd(target)).w(") by ").d_frame(ARTICLE_HORIZON).w(tail)
            }
        },
        at_reference: ref_date.map(|d| {
            let b = bounce(low.usd, reference_usd) * 100.0;
            AtReference {
                verdict: None,
                reason: if d < low.date {
                    Text::new().w("Your date is before the crash low of ").d(low.date).w(".")
                } else if b >= 0.0 {
                    Text::new().w("On ").d(d).w(if e.one_reading_a_day { " the daily reading was " } else { " the close was " }).v(b, Unit::Pct).w(" above the crash low.")
                } else {
                    Text::new().w("On ").d(d).w(if e.one_reading_a_day { " the daily reading was " } else { " the close was " }).vabs(b, Unit::Pct).w(" below the crash low.")
                },
            }
        }),
    });

    // 4. "Crashed to $60,000".
    let crash_claim = claimed("claim_crash_price_usd");
    let off = (low.usd / crash_claim - 1.0) * 100.0;
    // With one price a day the day's low is not in the data: a lowest reading above the claim
    // cannot refute it (the price may have gone lower between readings); one at or below it can.
    let unseen_low = one_reading && off > 1.0;
    out.push(Claim {
        id: "crash_to_60000",
        claim: Text::new().w("Bitcoin crashed to ").t(usd(crash_claim)).w("."),
        verdict: if off.abs() <= 1.0 {
            Holds
        } else if unseen_low {
            CannotCheck
        } else {
            DoesNotHoldAsStated
        },
        computed: Metric::computed(
            "claim_crash_low_usd",
            Unit::Usd,
            low.usd,
            if one_reading { format!("lowest {provider} daily reading, 29 Jan–8 Feb 2026") } else { format!("lowest {provider} daily low, 29 Jan–8 Feb 2026") },
        ),
        reason: Text::new()
            .w(if one_reading { format!("The lowest daily reading from {provider} was ") } else { format!("The {provider} low was ") })
            .t(usd(low.usd))
            .w(" on ")
            .d(low.date)
            .w(", ")
            .vd(off.abs(), Unit::Pct, 2)
            .w(if off < 0.0 {
                " below "
            } else if off > 0.0 {
                " above "
            } else {
                " at "
            })
            .t(story_usd(crash_claim, "claim_crash_price_usd"))
            .w(if off.abs() <= 1.0 {
                ": within 1%."
            } else if unseen_low {
                ". These data hold one price a day, not the day's low, so they cannot tell how far the price fell between readings."
            } else {
                ": more than 1% away."
            }),
        at_reference: None,
    });

    // 5. "Leverage and price fell together: an orderly unwinding rather than a cascade."
    let coin = lev.coin_open_interest_change.scale(100.0);
    let day = e.day_change(CRASH_DAY).map(|c| c * 100.0);
    let verdict = match regime[0].verdict {
        Verdict::Orderly => Holds,
        Verdict::CascadeLike => DoesNotHoldAsStated,
        Verdict::NotEnoughData => CannotCheck,
    };
    let coin_words = if coin.low > 0.0 {
        "rose over both crash weeks"
    } else if coin.high < 0.0 {
        "fell over both crash weeks"
    } else {
        "rose over one crash week and fell over the other"
    };
    let mut reason = Text::new().w("Counted in coins, open interest ").w(coin_words).w(" (").v(coin.low, Unit::Pct).w(" to ").v(coin.high, Unit::Pct).w(")");
    // The weeks ending 5 to 9 February (the article names no dates for its week).
    let sens = &lev.sensitivity;
    let falling = sens.iter().filter(|w| w.coin_open_interest_change.high < 0.0).count();
    let rising = sens.iter().filter(|w| w.coin_open_interest_change.low > 0.0).count();
    // Only when the weeks say more than the two crash weeks already do.
    let mixed_weeks = sens.len() > 2 && falling > 0 && falling < sens.len();
    if mixed_weeks {
        let lo = sens.iter().map(|w| w.coin_open_interest_change.low).fold(f64::INFINITY, f64::min) * 100.0;
        let hi = sens.iter().map(|w| w.coin_open_interest_change.high).fold(f64::NEG_INFINITY, f64::max) * 100.0;
        reason = reason
            .w(format!(
                "; over the {} it fell in {} and rose in {} (",
                if sens.len() == 5 {
                    "five weeks ending 5 to 9 February".to_string()
                } else {
                    format!("{} ending between 5 and 9 February that the data cover", super::narrative::count_words(sens.len(), "week"))
                },
                super::narrative::count_words(falling, "week"),
                super::narrative::count_words(rising, "week")
            ))
            .v(lo, Unit::Pct)
            .w(" to ")
            .v(hi, Unit::Pct)
            .w("), so whether leverage came out depends on the week the article means.");
    } else {
        reason = reason.w(": ");
    }
    reason = if mixed_weeks {
        reason
    } else if coin.low > 0.0 {
        reason.w("the dollar fall is mostly the price marking the same positions down, so the figures do not show leverage being unwound.")
    } else if coin.high < 0.0 {
        reason.w("positions were closed, not only marked down.")
    } else {
        // Rose in one week, fell in the other, and no more weeks to read.
        reason.w("whether leverage came out depends on the week the article means.")
    };
    reason = match verdict {
        Holds => reason.w(" This project's rule reads the week as orderly."),
        DoesNotHoldAsStated => reason.w(" This project's rule reads the week as cascade-like."),
        _ => reason.w(" Whether it was orderly needs hourly open interest and liquidations, which daily data do not have."),
    };
    if let Some(day) = day {
        reason = if day < 0.0 {
            reason.w(" And 5 February alone fell ").vabs(day, Unit::Pct).w(".")
        } else {
            reason.w(if e.one_reading_a_day { " 5 February's daily reading was " } else { " 5 February closed " }).v(day, Unit::Pct).w(" up.")
        };
    }
    out.push(Claim {
        id: "orderly_unwind",
        claim: Text::new().w("Leverage and price fell together: an orderly unwinding rather than a cascade."),
        verdict,
        computed: Metric::computed_range("claim_coin_oi_change_pct", Unit::Pct, coin, "(OI₁/OI₀)/(P₁/P₀) − 1 per week"),
        reason,
        at_reference: None,
    });

    // 6. "The bulk of the liquidations was in Bitcoin": the article's two ranges.
    let share = e.story.range("liquidations_btc_usd").divided_by(e.story.range("liquidations_total_usd")).scale(100.0);
    let total = e.story.range("liquidations_total_usd");
    let btc = e.story.range("liquidations_btc_usd");
    out.push(Claim {
        id: "btc_bulk_of_liquidations",
        claim: Text::new()
            .w("The bulk of the ")
            .t(usd(total.low))
            .w("–")
            .t(usd(total.high))
            .w(" of liquidations was in Bitcoin futures (")
            .t(usd(btc.low))
            .w("–")
            .t(usd(btc.high))
            .w(")."),
        verdict: if share.low > 50.0 {
            Holds
        } else if share.high <= 50.0 {
            DoesNotHoldAsStated
        } else {
            DependsOnRange
        },
        computed: Metric::computed_range("claim_btc_share_pct", Unit::Pct, share, "Bitcoin liquidations / all liquidations, the article's ranges"),
        reason: if share.low > 50.0 {
            Text::new().w("Bitcoin's share is ").vd(share.low, Unit::Pct, 0).w(" to ").vd(share.high, Unit::Pct, 0).w(": a majority across both ranges.")
        } else if share.high <= 50.0 {
            Text::new().w("Bitcoin's share is at most ").vd(share.high, Unit::Pct, 0).w(": not a majority.")
        } else {
            Text::new()
                .w("Bitcoin's share is ")
                .vd(share.low, Unit::Pct, 0)
                .w(" to ")
                .vd(share.high, Unit::Pct, 0)
                .w(": a majority except where both ranges sit at their unfavourable ends (")
                .t(story_usd(btc.low, "liquidations_btc_usd"))
                .w(" of ")
                .t(story_usd(total.high, "liquidations_total_usd"))
                .w(" is ")
                .vd(share.low, Unit::Pct, 0)
                .w(").")
        },
        at_reference: None,
    });

    // 7. The $75–80k zone "flipped from support to resistance during the collapse": a break
    // and a failed test from below, read from the level's history.
    if let Some(zone) = e.levels.iter().find(|l| l.id == "level_resistance_zone") {
        // The level's history, read once when the data was loaded.
        let flips: Vec<_> = e.level_history.iter().find(|h| h.id == zone.id).map(|h| h.flips.clone()).unwrap_or_default();
        let flip = flips.iter().copied().find(|f| f.became == Role::Resistance && f.date >= CRASH_WINDOW.0 && f.date <= CRASH_WINDOW.1);
        let entry = entered_from_above(zone.span, &e.series.bars, CRASH_WINDOW.1);
        let confirmed_by = |d: time::Date| flip.and_then(|f| f.confirmed_on).filter(|c| *c <= d);
        let verdict_at = |d: time::Date| match (flip, confirmed_by(d)) {
            (Some(_), Some(_)) => Holds,
            (Some(_), None) => NotSupported,
            (None, _) => DoesNotHoldAsStated,
        };
        // One price a day is a reading, not a close; its day's high is the same price.
        let one_reading = e.one_reading_a_day;
        let (closes, close) = if one_reading { ("Daily readings", "reading") } else { ("Closes", "close") };
        let tested = |t: Text, hi: f64, cl: f64| if one_reading { t.w(" (a reading of ").t(usd(cl)).w(")") } else { t.w(" (high ").t(usd(hi)).w(", close ").t(usd(cl)).w(")") };
        let mut reason = Text::new();
        if let Some((d, c)) = entry {
            reason = reason.w(closes).w(" fell into the zone on ").d(d).w(" (").t(usd(c)).w("). ");
        }
        reason = match flip {
            Some(f) => {
                let r = reason.w(format!("The first {close} below it came on ")).d(f.date).w(" (").t(usd(f.close_usd)).w("): the zone broke during the collapse. ");
                match (f.confirmed_on, f.confirming_test_usd, f.confirming_close_usd) {
                    (Some(c), Some(hi), Some(cl)) if c <= ARTICLE_HORIZON => tested(r.w("It was tested from below and held as resistance on ").d(c), hi, cl).w("."),
                    (Some(c), Some(hi), Some(cl)) => {
                        tested(r.w("Acting as resistance needs a failed test from below; by ").d_frame(ARTICLE_HORIZON).w(" there had been none. The first came on ").d(c), hi, cl)
                            .w(", after the article.")
                    }
                    _ => r.w("Acting as resistance needs a failed test from below; there has been none in the data."),
                }
            }
            None => reason.w(format!("No daily {close} went below the zone between ")).d_frame(CRASH_WINDOW.0).w(" and ").d_frame(CRASH_WINDOW.1).w("."),
        };
        out.push(Claim {
            id: "zone_flipped",
            claim: Text::new().w("The ").t(usd(zone.span.low)).w("–").t(usd(zone.span.high)).w(" zone flipped from support to resistance during the collapse."),
            verdict: verdict_at(ARTICLE_HORIZON),
            computed: match flip {
                Some(f) => Metric::date("claim_zone_break_date", f.date, format!("first daily {close} below the zone in the crash window, {provider} bars")),
                None => Metric::words("claim_zone_break_date", "none", format!("no daily {close} below the zone in the crash window")),
            },
            reason,
            at_reference: ref_date.filter(|_| flip.is_some()).map(|d| AtReference {
                verdict: Some(verdict_at(d)),
                reason: match confirmed_by(d) {
                    Some(c) => {
                        let mut t = Text::new().w("The flip was confirmed on ").d(c).w(" by a failed test from below.");
                        // Later changes of role up to the reader's date, from the level's history.
                        let later: Vec<_> = flips.iter().filter(|f| f.date > c && f.date <= d).collect();
                        for f in later {
                            t = match f.became {
                                Role::Support => t.w(if one_reading { " Daily readings rose above the zone from " } else { " Closes rose above the zone from " }).d(f.date).w("."),
                                _ => t.w(" They fell below it again from ").d(f.date).w("."),
                            };
                        }
                        t
                    }
                    None => Text::new().w("By ").d(d).w(" the zone had not yet held a test from below."),
                },
            }),
        });
    }

    // 8. "Extreme oversold conditions".
    if let Some(rsi) = e.rsi_on(CRASH_DAY) {
        out.push(Claim {
            id: "extreme_oversold",
            claim: Text::new().w("The bounce came after extreme oversold conditions."),
            verdict: if rsi < 30.0 { Holds } else { DoesNotHoldAsStated },
            computed: Metric::computed(
                "claim_rsi_crash_day",
                Unit::Index,
                rsi,
                format!("RSI(14), Wilder, {provider} daily {}, 5 Feb 2026", if e.one_reading_a_day { "readings" } else { "closes" }),
            ),
            reason: Text::new()
                .w(if e.one_reading_a_day { "RSI(14) of the daily readings stood on 5 February at " } else { "Daily RSI(14) closed 5 February at " })
                .v(rsi, Unit::Index)
                .w(if rsi < 20.0 {
                    ": under 30 (oversold) and under 20 (often called extreme)."
                } else if rsi < 30.0 {
                    ": under 30 (oversold), but not under 20."
                } else {
                    ": not under 30, so not oversold by the usual reading."
                }),
            at_reference: None,
        });
    }

    // 9. Job cuts: checkable against the Challenger report.
    let fig = |id: &str| e.story.find(id).and_then(|f| f.value).map(|r| r.low);
    if let (Some(jan), Some(jump), Some(dec), Some(_)) = (fig("layoffs_january"), fig("layoffs_jump_pct"), fig("layoffs_december_2025"), fig("layoffs_january_2025")) {
        let vs_dec = (jan / dec - 1.0) * 100.0;
        let matches = (vs_dec.round() - jump).abs() < 0.5;
        out.push(Claim {
            id: "layoffs",
            claim: Text::new().w("Announced US job cuts were ").vd(jan, Unit::Count, 0).w(" in January, a ").vd(jump, Unit::Pct, 0).w(" surge."),
            verdict: if matches { Holds } else { DoesNotHoldAsStated },
            computed: Metric::computed(
                "claim_layoffs_vs_december_pct",
                Unit::Pct,
                vs_dec,
                format!("January 2026 / December 2025 − 1, {}", e.story.source_name("layoffs_january", "the job-cuts report")),
            )
            .digits(0),
            reason: Text::new()
                .w(format!("{}'s January 2026 report gives ", e.story.source_name("layoffs_january", "The job-cuts report")))
                .f("layoffs_january")
                .w(" announced cuts: ")
                .f("layoffs_vs_december_pct")
                .w(" more than December 2025 (")
                .f("layoffs_december_2025")
                .w(") and ")
                .f("layoffs_vs_january_2025_pct")
                .w(" more than January 2025 (")
                .f("layoffs_january_2025")
                .w(if matches { "). The article's figure is the change on December; it does not say so." } else { "). The article's figure matches neither comparison." }),
            at_reference: None,
        });
    }
    // Every number and date of a reason carries its mark: the story's figures are marked where
    // they are written (or named as figures of the view), the rest is computed here from the data
    // in use. The frame's dates (the crash window, the crash day, the article's moment), stated
    // in the section's introduction, are no figures and carry none.
    for c in &mut out {
        c.reason = std::mem::take(&mut c.reason).unmarked_as(Provenance::Computed);
        if let Some(a) = &mut c.at_reference {
            a.reason = std::mem::take(&mut a.reason).unmarked_as(Provenance::Computed);
        }
    }
    out
}
