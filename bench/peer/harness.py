#!/usr/bin/env python3
"""Helpers of bench/run.sh (standard library only).

  request  --base request.json --gpkg fields.gpkg --from D --to D --out request.json [--max-cloud 100]
           a copy of the demo request with other features, time range and a file:// output next to --out
  subset   --gpkg fields.gpkg --limit N --out subset.gpkg      the first N features (by fid) of a GeoPackage
  range    --catalog catalog.json --dates K                   "from to" covering the first K acquisition days
  compare  --ours <result folder> --peer peer.json             agreement of the engine's and the peer's statistics
"""
import argparse
import json
import math
import os
import shutil
import sqlite3
import sys


def cmd_request(a):
    request = json.load(open(a.base))
    request["input"]["features"]["s3"]["url"] = "file://" + os.path.abspath(a.gpkg)
    request["input"]["data"][0].setdefault("dataFilter", {})["maxCloudCoverage"] = a.max_cloud
    request["aggregation"]["timeRange"] = {"from": a.start, "to": a.end}
    out_dir = os.path.splitext(os.path.abspath(a.out))[0] + "-results/"
    request["output"] = {"s3": {"url": "file://" + out_dir}}
    json.dump(request, open(a.out, "w"), indent=2)
    print(out_dir)


def cmd_subset(a):
    shutil.copyfile(a.gpkg, a.out)
    con = sqlite3.connect(a.out)
    table = con.execute("SELECT table_name FROM gpkg_geometry_columns").fetchone()[0]
    pk = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[5] == 1][0]
    # Drop the R-tree triggers first: they call GeoPackage SQL functions plain sqlite3 does not have.
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute(f'DELETE FROM "{table}" WHERE "{pk}" NOT IN (SELECT "{pk}" FROM "{table}" ORDER BY "{pk}" LIMIT ?)', (a.limit,))
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rtree_%' AND sql LIKE '%VIRTUAL%'").fetchall():
        con.execute(f'DELETE FROM "{name}" WHERE id NOT IN (SELECT "{pk}" FROM "{table}")')
    con.commit()
    con.execute("VACUUM")
    con.close()
    print(a.out)


def cmd_range(a):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from zonal_stats import read_catalog  # needs rasterio only at import of zonal_stats' top level
    days = sorted({i["properties"]["datetime"][:10] for i in read_catalog(a.catalog)})
    if a.dates > len(days):
        raise SystemExit(f"--dates {a.dates}: the catalog has only {len(days)} acquisition days")
    import datetime as dt
    end = dt.date.fromisoformat(days[a.dates - 1]) + dt.timedelta(days=1)
    print(f"{days[0]}T00:00:00Z {end.isoformat()}T00:00:00Z")


def ours_stats(folder):
    """{fid: {date: stats}} from the engine's per-feature JSON documents (first band of output 'ndvi')."""
    out = {}
    for name in os.listdir(folder):
        if not name.endswith(".json"):
            continue
        doc = json.load(open(os.path.join(folder, name)))
        fid = str(doc["id"])
        out[fid] = {}
        for interval in (doc.get("response") or {}).get("data") or []:
            outputs = interval.get("outputs")
            if not outputs or "ndvi" not in outputs:
                continue
            band = next(iter(outputs["ndvi"]["bands"].values()))
            s = dict(band["stats"])
            if "histogram" in band:
                s["histogram"] = [b["count"] for b in band["histogram"]["bins"]]
            out[fid][interval["interval"]["from"][:10]] = s
    return out


def as_float(v):
    return float(v) if v is not None and not isinstance(v, str) else float("nan")


def quantiles(values):
    """Median / 95th percentile / max of relative differences, rounded for the table."""
    if not values:
        return None
    v = sorted(values)
    pick = lambda q: v[min(len(v) - 1, int(q * (len(v) - 1) + 0.5))]
    return {"p50": float(f"{pick(0.5):.3g}"), "p95": float(f"{pick(0.95):.3g}"), "max": float(f"{v[-1]:.3g}")}


def cmd_compare(a):
    ours = ours_stats(a.ours)
    peer = json.load(open(a.peer))["results"]
    pairs = exact_pairs = 0
    exact_fail = []
    rel = {"stDev": [], "mean": []}
    hist_equal = hist_total = count_equal = 0
    for fid, dates in peer.items():
        for date, p in dates["intervals"].items():
            o = ours.get(fid, {}).get(date)
            if o is None or "mean" not in p or p["sampleCount"] == p["noDataCount"]:
                continue
            if isinstance(o.get("mean"), str):
                continue
            pairs += 1
            same_counts = o["sampleCount"] == p["sampleCount"] and o["noDataCount"] == p["noDataCount"]
            count_equal += same_counts
            if same_counts:
                # Same pixels: min/max must be bit-identical, the mean equal up to summation order.
                exact_pairs += 1
                rel_mean = abs(as_float(o["mean"]) - p["mean"]) / max(abs(p["mean"]), 1e-12)
                if as_float(o["min"]) != p["min"] or as_float(o["max"]) != p["max"] or rel_mean > 1e-9:
                    exact_fail.append((fid, date, o["min"], p["min"], o["max"], p["max"], o["mean"], p["mean"]))
            for key in rel:
                ov, pv = as_float(o.get(key)), p.get(key, float("nan"))
                if not (math.isnan(ov) or math.isnan(pv)):
                    rel[key].append(abs(ov - pv) / max(abs(pv), 1e-6))
            if "histogram" in o and "histogram" in p:
                hist_total += 1
                hist_equal += o["histogram"] == p["histogram"]
    result = {
        "pairs": pairs,
        "sameCounts": count_equal,
        "exactChecked": exact_pairs,
        "exactMismatches": len(exact_fail),
        "histogramsEqual": hist_equal,
        "histograms": hist_total,
        "relDiffMean": quantiles(rel["mean"]),
        "relDiffStDev": quantiles(rel["stDev"]),
        "firstMismatches": exact_fail[:3],
    }
    print(json.dumps(result))
    return 0 if pairs > 0 and not exact_fail else 1


def main():
    p = argparse.ArgumentParser(description=__doc__)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("request")
    r.add_argument("--base", required=True)
    r.add_argument("--gpkg", required=True)
    r.add_argument("--from", dest="start", required=True)
    r.add_argument("--to", dest="end", required=True)
    r.add_argument("--max-cloud", type=float, default=100)
    r.add_argument("--out", required=True)
    s = sub.add_parser("subset")
    s.add_argument("--gpkg", required=True)
    s.add_argument("--limit", type=int, required=True)
    s.add_argument("--out", required=True)
    g = sub.add_parser("range")
    g.add_argument("--catalog", required=True)
    g.add_argument("--dates", type=int, required=True)
    c = sub.add_parser("compare")
    c.add_argument("--ours", required=True)
    c.add_argument("--peer", required=True)
    a = p.parse_args()
    return {"request": cmd_request, "subset": cmd_subset, "range": cmd_range, "compare": cmd_compare}[a.cmd](a) or 0


if __name__ == "__main__":
    sys.exit(main())
