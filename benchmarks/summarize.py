#!/usr/bin/env python3
"""Summarize a JMH JSON result file (-rf json): per benchmark, the median of every measured
iteration across forks, the spread (lowest and highest fork median, and JMH's 99.9% error),
the allocation per operation (-prof gc), and the extra time and allocation against the
baseline of the same class and parameters (the method named plain or noFilter); then the issue's
targets, computed from the same results. A target's spread takes the fork medians at their
least and most favourable ends (lowest of one side against highest of the other)."""
import json
import statistics
import sys

BASELINES = ("plain", "noFilter")


def key(result):
    cls, method = result["benchmark"].rsplit(".", 1)
    params = ",".join(f"{k}={v}" for k, v in sorted((result.get("params") or {}).items()))
    return cls.rsplit(".", 1)[1], method, params


def main(path):
    """Print the table of one result file and return its rows."""
    rows = {}
    for result in json.load(open(path)):
        metric = result["primaryMetric"]
        forks = [statistics.median(f) for f in metric["rawData"]]
        alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        rows[key(result)] = {
            "median": statistics.median([v for f in metric["rawData"] for v in f]),
            "low": min(forks), "high": max(forks), "error": metric["scoreError"],
            "unit": metric["scoreUnit"], "alloc": alloc,
        }
    print("| benchmark | params | median | fork medians (low–high) | JMH error (99.9%) | alloc B/op | extra vs baseline | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for (cls, method, params), row in rows.items():
        base = next((rows[(cls, b, params)] for b in BASELINES if (cls, b, params) in rows), None)
        more = ratio = ""
        if base is not None and method not in BASELINES:
            more = f"{row['median'] - base['median']:+.0f} {row['unit']}"
            if row["alloc"] is not None and base["alloc"] is not None:
                more += f", {row['alloc'] - base['alloc']:+.0f} B"
            ratio = f"{row['median'] / base['median']:.2f}x"
        alloc = f"{row['alloc']:.0f}" if row["alloc"] is not None else ""
        print(f"| {cls}.{method} | {params} | {row['median']:.1f} {row['unit']} | "
              f"{row['low']:.1f}–{row['high']:.1f} | ±{row['error']:.1f} | {alloc} | {more} | {ratio} |")
    return rows


def extra(rows, cls, method, base, params=""):
    """Extra time of a variant over a baseline: (median, least, most) from fork medians."""
    row, ref = rows.get((cls, method, params)), rows.get((cls, base, params))
    if row is None or ref is None:
        return None
    return (row["median"] - ref["median"], row["low"] - ref["high"], row["high"] - ref["low"],
            (row["alloc"] or 0) - (ref["alloc"] or 0))


def targets(rows):
    print()
    print("| target | measured (median) | spread (fork medians) | met at the median? |")
    print("|---|---|---|---|")
    for params in ("connection=held", "connection=pool"):
        ours = extra(rows, "JdbcQueryBenchmark", "distrace", "plain", params)
        peer = extra(rows, "JdbcQueryBenchmark", "opentelemetry", "plain", params)
        if ours and peer:
            ratio = ours[0] / peer[0]
            print(f"| JDBC {params}: extra time ≤ 0.6 × peer's | {ours[0]:+.0f} ns vs {peer[0]:+.0f} ns = "
                  f"{ratio:.2f}× | {ours[1]:+.0f}…{ours[2]:+.0f} ns vs {peer[1]:+.0f}…{peer[2]:+.0f} ns | "
                  f"{'yes' if ratio <= 0.6 else 'no'} |")
            print(f"| JDBC {params}: extra time < 600 ns | {ours[0]:+.0f} ns | {ours[1]:+.0f}…{ours[2]:+.0f} ns | "
                  f"{'yes' if ours[0] < 600 else 'no'} |")
            alloc = ours[3] / peer[3]
            print(f"| JDBC {params}: extra allocation ≤ 0.55 × peer's | {ours[3]:+.0f} B vs {peer[3]:+.0f} B = "
                  f"{alloc:.2f}× | (allocation does not vary) | {'yes' if alloc <= 0.55 else 'no'} |")
    sampled_out = extra(rows, "JdbcSampledOutBenchmark", "distrace", "plain")
    if sampled_out:
        print(f"| JDBC sampled out: extra < 100 ns | {sampled_out[0]:+.0f} ns, {sampled_out[3]:+.0f} B | "
              f"{sampled_out[1]:+.0f}…{sampled_out[2]:+.0f} ns | {'yes' if sampled_out[0] < 100 else 'no'} |")
    traced = extra(rows, "AnnotationBenchmark", "traced", "plain")
    with_span = extra(rows, "AnnotationBenchmark", "withSpan", "plain")
    if traced and with_span:
        ratio = traced[0] / with_span[0]
        print(f"| @Traced ≤ 0.8 × @WithSpan's cost | {traced[0]:+.0f} ns vs {with_span[0]:+.0f} ns = {ratio:.2f}× | "
              f"{traced[1]:+.0f}…{traced[2]:+.0f} ns vs {with_span[1]:+.0f}…{with_span[2]:+.0f} ns | "
              f"{'yes' if ratio <= 0.8 else 'no'} |")
    gap = extra(rows, "AnnotationBenchmark", "traced", "handWrittenSpan")
    if gap:
        print(f"| @Traced within 40 ns of a hand-written span | {gap[0]:+.0f} ns, {gap[3]:+.0f} B | "
              f"{gap[1]:+.0f}…{gap[2]:+.0f} ns | {'yes' if gap[0] <= 40 else 'no'} |")


if __name__ == "__main__":
    results = {}
    for path in sys.argv[1:]:
        results.update(main(path))
    targets(results)
