#!/usr/bin/env python3
"""Independent check of the event-study figures, straight from ../shared/data.

It reads the source files themselves (not www/data/event_windows.csv and not the Rust code) and
prints every figure of tests/events.rs. Definitions (issue 12):
  worst day       largest close-to-close fall within +-3 days of the given day; size = C/C_prev - 1
  prior high      highest daily high of the 30 days before the worst day (first day reached)
  cycle high      highest daily high before the worst day in the whole history
  event low       lowest low of the worst day and the day after (first day reached)
  falls           low / high - 1
  days            event low date - prior high date
  rebound k       close k days after the low / low - 1, k = 7, 30, 90
  undercut        first day within 90 days after the low whose low is below it
  volume multiple worst day's volume / median volume of the 30 days before
  RSI(14)         Wilder, seeded on the first bar of the bundled window (100 days before the worst
                  day, or 2025-08-01 where the Bitstamp file starts); also printed seeded on the
                  first bar of the whole file, to show the seed does not matter
  index series    close / close of the day before the worst day * 100, days -30..+90
  oct10 leverage  CoinGlass OI close (day, day-1, day-7), in coins = OI / Bitstamp close that day

Run: python3 tools/check_events.py [path/to/shared/data]
"""
import csv
import datetime as dt
import os
import statistics
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")
LONG = "btcusd_daily_ohlcv_bitstamp_coinbase_2011_2025_mathaszip.csv"
BITSTAMP = "bitstamp_btcusd_daily_ohlcv_2025-08_2026-07_polv89.csv"
EVENTS = [
    ("covid_2020", "2020-03-12", LONG),
    ("may_2021", "2021-05-19", LONG),
    ("june_2022", "2022-06-13", LONG),
    ("ftx_2022", "2022-11-09", LONG),
    ("oct10_2025", "2025-10-10", BITSTAMP),
    ("feb2026", "2026-02-05", BITSTAMP),
]


def load(name):
    with open(os.path.join(DATA, name)) as f:
        return [
            {"date": r["date"], "o": float(r["open"]), "h": float(r["high"]), "l": float(r["low"]), "c": float(r["close"]), "v": float(r["volume"])}
            for r in csv.DictReader(f)
        ]


def rsi14(closes):
    n = 14
    gains = [max(closes[i] - closes[i - 1], 0.0) for i in range(1, len(closes))]
    losses = [max(closes[i - 1] - closes[i], 0.0) for i in range(1, len(closes))]
    g, l = sum(gains[:n]) / n, sum(losses[:n]) / n
    out = [None] * n + [100 - 100 / (1 + g / l)]
    for k in range(n, len(gains)):
        g = (g * (n - 1) + gains[k]) / n
        l = (l * (n - 1) + losses[k]) / n
        out.append(100 - 100 / (1 + g / l))
    return out


def main():
    files = {LONG: load(LONG), BITSTAMP: load(BITSTAMP)}
    all_index = []
    long_hist = files[LONG]
    for eid, worst_s, fname in EVENTS:
        bars = files[fname]
        idx = {b["date"]: i for i, b in enumerate(bars)}
        w = idx[worst_s]
        falls = {i: bars[i]["c"] / bars[i - 1]["c"] - 1 for i in range(w - 3, w + 4)}
        assert min(falls, key=falls.get) == w, eid
        worst_pct = falls[w]
        prior = max(bars[w - 30:w], key=lambda b: (b["h"], -idx[b["date"]]))
        if fname == LONG:
            hist = [b for b in long_hist if b["date"] < worst_s]
        else:
            hist = [b for b in long_hist if b["date"] < "2025-08-01"] + [b for b in bars if b["date"] < worst_s]
        cyc = hist[0]
        for b in hist:
            if b["h"] > cyc["h"]:
                cyc = b
        low = bars[w] if bars[w]["l"] <= bars[w + 1]["l"] else bars[w + 1]
        li = idx[low["date"]]
        days = (dt.date.fromisoformat(low["date"]) - dt.date.fromisoformat(prior["date"])).days
        reb = {k: (bars[li + k]["c"] / low["l"] - 1) if li + k < len(bars) else None for k in (7, 30, 90)}
        under = next((b["date"] for b in bars[li + 1:li + 91] if b["l"] < low["l"]), None)
        vol = bars[w]["v"] / statistics.median(b["v"] for b in bars[w - 30:w])
        start = max(0, w - 100)
        rsi_window = rsi14([b["c"] for b in bars[start:w + 1]])[-1]
        rsi_full = rsi14([b["c"] for b in bars[:w + 1]])[-1]
        base = bars[w - 1]["c"]
        series = {d: bars[w + d]["c"] / base * 100 for d in range(-30, 91) if w + d < len(bars)}
        all_index += [(v, eid, d) for d, v in series.items()]
        print(f"{eid}: worst {worst_s} {worst_pct * 100:.4f}% | prior high {prior['h']} on {prior['date']} | cycle high {cyc['h']} on {cyc['date']}")
        print(f"  low {low['l']} on {low['date']} | from prior {(low['l'] / prior['h'] - 1) * 100:.4f}% | from cycle {(low['l'] / cyc['h'] - 1) * 100:.4f}% | days {days}")
        print("  rebound 7/30/90: " + ", ".join("n/a" if reb[k] is None else f"{reb[k] * 100:.4f}%" for k in (7, 30, 90)) + f" | undercut {under}")
        print(f"  volume multiple {vol:.4f} | RSI14 (window from {bars[start]['date']}) {rsi_window:.4f} | (whole file from {bars[0]['date']}) {rsi_full:.4f}")
        lo_e, hi_e = min((v, d) for d, v in series.items()), max((v, d) for d, v in series.items())
        print(f"  index min {lo_e[0]:.4f} (day {lo_e[1]}), max {hi_e[0]:.4f} (day {hi_e[1]})")
        print(f"  index: d-30 {series[-30]:.4f}, d0 {series[0]:.4f}, d+1 {series[1]:.4f}, d+30 {series[30]:.4f}, d+90 {series.get(90, float('nan')):.4f}; points {len(series)}")
    lo, hi = min(all_index), max(all_index)
    print(f"index over all events: min {lo[0]:.4f} ({lo[1]} day {lo[2]}), max {hi[0]:.4f} ({hi[1]} day {hi[2]})")
    # 10 Oct 2025: CoinGlass open interest (all exchanges, USD) and Binance liquidations.
    with open(os.path.join(DATA, "coinglass_btc_open_interest_aggregated_daily_2025-05_2025-11.csv")) as f:
        oi = {r["date"]: float(r["oi_close_usd"]) for r in csv.DictReader(f)}
    with open(os.path.join(DATA, "coinglass_btc_liquidations_daily_2025-05_2025-11.csv")) as f:
        liq = {r["date"]: r for r in csv.DictReader(f)}
    close = {b["date"]: b["c"] for b in files[BITSTAMP]}
    d, d1, d7 = "2025-10-10", "2025-10-09", "2025-10-03"
    coins = {x: oi[x] / close[x] for x in (d, d1, d7)}
    print(f"oct10_2025 OI usd: {d7} {oi[d7]:.0f}, {d1} {oi[d1]:.0f}, {d} {oi[d]:.0f}")
    print(f"  day change {oi[d] - oi[d1]:.0f} usd ({(oi[d] / oi[d1] - 1) * 100:.4f}%); week change {oi[d] - oi[d7]:.0f} usd ({(oi[d] / oi[d7] - 1) * 100:.4f}%)")
    print(f"  coins: {d7} {coins[d7]:.2f}, {d1} {coins[d1]:.2f}, {d} {coins[d]:.2f}; day {coins[d] - coins[d1]:.2f} ({(coins[d] / coins[d1] - 1) * 100:.4f}%); week {coins[d] - coins[d7]:.2f} ({(coins[d] / coins[d7] - 1) * 100:.4f}%)")
    print(f"  Binance liquidations {d}: long {liq[d]['long_liq_usd']}, short {liq[d]['short_liq_usd']}")


if __name__ == "__main__":
    main()
