//! Native timing of the core, for `tools/bench` (printed, never asserted):
//! a scenario recompute (`Explainer::view`) on the bundled 349 daily bars and on 1,000,000
//! synthetic daily bars. Run: `cargo run --release --example bench_core [-- --quick]`.
//!
//! The synthetic series is the bundled file (2025-08-01..2026-07-15, so the crash window
//! 2026-01-29..2026-02-08 and the open-interest weeks are real) extended both ways by a
//! seeded random walk (mean-reverting in log price), one bar per UTC day from 0001-01-01 on:
//! dates stay `YYYY-MM-DD`, sorted and unique, prices finite and positive, low <= open/close <=
//! high, as `model::bars` validates. `Explainer::new` refuses bodies over
//! `ingest::MAX_BYTES` (5 MB, the page's fetch limit), so the 1,000,000 bars go through
//! `DailySeries::parse_csv` + `Explainer::from_series`, the same validation without the
//! format detection.
use std::time::{Duration, Instant};

use leverage_reset::bundled;
use leverage_reset::model::bars::{format_date, DailySeries};
use leverage_reset::model::{Explainer, Reference};
use time::{Date, Month};

/// xorshift64*: seeded, no dependency.
struct Rng(u64);
impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A standard normal draw (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u = self.next_f64().max(1e-300);
        let v = self.next_f64();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

#[derive(Clone, Copy)]
struct Bar {
    date: Date,
    o: f64,
    h: f64,
    l: f64,
    c: f64,
}

fn real_bars() -> Vec<Bar> {
    let s = DailySeries::parse_csv(bundled::PRICES_CSV, bundled::PRICES_NAME).expect("bundled prices");
    s.bars.iter().map(|b| Bar { date: b.date, o: b.open_usd, h: b.high_usd, l: b.low_usd, c: b.close_usd }).collect()
}

/// One synthetic day that closes at `close` from `open`, with wicks.
fn candle(rng: &mut Rng, date: Date, open: f64, close: f64) -> Bar {
    let h = open.max(close) * (1.0 + 0.01 * rng.next_f64());
    let l = open.min(close) * (1.0 - 0.01 * rng.next_f64());
    Bar { date, o: open, h, l, c: close }
}

/// Log-price step of an Ornstein-Uhlenbeck walk around ln(60,000): about 2.5% a day.
fn step(rng: &mut Rng, price: f64) -> f64 {
    let x = price.ln();
    let mean = 60_000f64.ln();
    (x + 0.002 * (mean - x) + 0.025 * rng.normal()).exp()
}

fn synthetic_csv(total: usize) -> String {
    let real = real_bars();
    let first_real = real[0].date;
    let start = Date::from_calendar_date(1, Month::January, 1).unwrap();
    let before = (first_real - start).whole_days() as usize;
    assert!(total >= before + real.len(), "{total} bars do not reach past the bundled data");
    let after = total - before - real.len();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bars = Vec::with_capacity(total);
    // Backwards from the first real open, so the walk joins the real data without a gap.
    let mut back = Vec::with_capacity(before);
    let mut close = real[0].o;
    let mut d = first_real;
    for _ in 0..before {
        d = d.previous_day().unwrap();
        let open = step(&mut rng, close);
        back.push(candle(&mut rng, d, open, close));
        close = open;
    }
    bars.extend(back.into_iter().rev());
    bars.extend(real.iter().copied());
    let mut open = real[real.len() - 1].c;
    let mut d = real[real.len() - 1].date;
    for _ in 0..after {
        d = d.next_day().unwrap();
        let close = step(&mut rng, open);
        bars.push(candle(&mut rng, d, open, close));
        open = close;
    }
    let mut csv = String::with_capacity(total * 48);
    csv.push_str("# source: synthetic random walk around the bundled Bitstamp bars (tools/bench)\ndate,open,high,low,close\n");
    for b in &bars {
        use std::fmt::Write;
        writeln!(csv, "{},{:.2},{:.2},{:.2},{:.2}", format_date(b.date), b.o, b.h, b.l, b.c).unwrap();
    }
    csv
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median and p95 of `n` scenario recomputes, cycling through the five scenarios, in µs.
fn time_views(e: &Explainer, n: usize) -> (f64, f64) {
    let ids = ["recovery", "range", "retest", "breakdown", "catastrophic"];
    let mut t = Vec::with_capacity(n);
    for i in 0..n {
        let t0 = Instant::now();
        let v = e.view(Reference::ArticleFraming, ids[i % ids.len()]).expect("view");
        t.push(t0.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(v);
    }
    t.sort_by(f64::total_cmp);
    (t[n / 2], t[(n * 95 / 100).min(n - 1)])
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    // Bundled data, through the page's path (format detection + validation).
    let mut build = Vec::new();
    let mut e = None;
    for _ in 0..if quick { 5 } else { 21 } {
        let t0 = Instant::now();
        let x = Explainer::new(bundled::PRICES_CSV, bundled::PRICES_NAME, bundled::FIGURES_CSV, bundled::FIGURES_NAME).expect("bundled data");
        build.push(ms(t0.elapsed()));
        e = Some(x);
    }
    let e = e.unwrap();
    let (p50, p95) = time_views(&e, if quick { 500 } else { 5000 });
    println!("core {} bars: Explainer::new {:.3} ms; view(ArticleFraming, scenario) median {:.1} us, p95 {:.1} us", e.series.bars.len(), median(build), p50, p95);

    let n = 1_000_000;
    let t0 = Instant::now();
    let csv = synthetic_csv(n);
    let gen = ms(t0.elapsed());
    match Explainer::new(&csv, "synthetic.csv", bundled::FIGURES_CSV, bundled::FIGURES_NAME) {
        Ok(_) => println!("core {n} bars: Explainer::new accepted {} MB", csv.len() / 1_000_000),
        Err(err) => println!("core {n} bars: Explainer::new refuses it ({err}); using parse_csv + from_series"),
    }
    let t0 = Instant::now();
    let series = DailySeries::parse_csv(&csv, "synthetic.csv").expect("synthetic bars validate");
    let parse = ms(t0.elapsed());
    let t0 = Instant::now();
    let big = Explainer::from_series(series, bundled::FIGURES_CSV, bundled::FIGURES_NAME).expect("synthetic explainer");
    let from = ms(t0.elapsed());
    let (b50, b95) = time_views(&big, if quick { 5 } else { 25 });
    println!(
        "core {} bars ({} to {}, {:.1} MB CSV, generated in {gen:.0} ms): parse_csv {parse:.0} ms, from_series {from:.0} ms; view median {:.1} us, p95 {:.1} us",
        big.series.bars.len(),
        format_date(big.series.first_date()),
        format_date(big.series.last_date()),
        csv.len() as f64 / 1e6,
        b50,
        b95
    );
    println!("BENCH_CORE_JSON {{\"bars_small\":{},\"view_small_us\":{p50:.2},\"view_small_p95_us\":{p95:.2},\"bars_big\":{},\"view_big_us\":{b50:.2},\"view_big_p95_us\":{b95:.2},\"parse_big_ms\":{parse:.1},\"from_series_big_ms\":{from:.1}}}",
        e.series.bars.len(), big.series.bars.len());
}
