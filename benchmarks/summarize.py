#!/usr/bin/env python3
"""Summarize a JMH JSON result file (-rf json): per benchmark, the median of every measured
iteration across forks, the spread (lowest and highest fork median, and JMH's 99.9% error),
the allocation per operation (-prof gc), and the extra time and allocation against the
baseline of the same class and parameters (the method named plain, noFilter or repeated)."""
import json
import statistics
import sys

BASELINES = ("plain", "noFilter")


def key(result):
    cls, method = result["benchmark"].rsplit(".", 1)
    params = ",".join(f"{k}={v}" for k, v in sorted((result.get("params") or {}).items()))
    return cls.rsplit(".", 1)[1], method, params


def main(path):
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
        extra = ratio = ""
        if base is not None and method not in BASELINES:
            extra = f"{row['median'] - base['median']:+.0f} {row['unit']}"
            if row["alloc"] is not None and base["alloc"] is not None:
                extra += f", {row['alloc'] - base['alloc']:+.0f} B"
            ratio = f"{row['median'] / base['median']:.2f}x"
        alloc = f"{row['alloc']:.0f}" if row["alloc"] is not None else ""
        print(f"| {cls}.{method} | {params} | {row['median']:.1f} {row['unit']} | "
              f"{row['low']:.1f}–{row['high']:.1f} | ±{row['error']:.1f} | {alloc} | {extra} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
