#!/usr/bin/env python3
"""Peer baseline: per-field NDVI zonal statistics the way a data scientist would write them.

Debian's python3-rasterio + numpy + python3-shapely; rasterio.mask per feature per date (all_touched=False, crop=True),
reading the same COGs through the same static STAC catalog as the engine. Per feature and date: mean, stDev, min, max,
20-bin histogram on [-1, 1], sampleCount (pixels of the cropped window) and noDataCount (masked pixels).

Semantics mirrored from the request the harness runs (the demo request's evalscript): L1C DN -> reflectance
float32(DN/10000) after the baseline >= 04.00 offset (clamped at 0), NDVI = (B08 - B04) / (B08 + B04), a pixel counts
when it is inside the polygon, B04/B08/CLM have data (not nodata) and CLM != 1 (cloud).

Usage: zonal_stats.py --catalog catalog.json --gpkg fields.gpkg --from 2023-04-01 --to 2023-10-01 --out peer.json
       [--max-cloud 100] [--limit N]
"""
import argparse
import datetime as dt
import json
import os
import resource
import sqlite3
import struct
import sys
import time

import numpy as np
import rasterio
import rasterio.mask
from shapely import wkb

N_BINS, LOW, HIGH = 20, -1.0, 1.0


def read_features(path, limit):
    """GeoPackage rows (fid, identifier, shapely geometry) without fiona/geopandas: sqlite3 + the GPKG blob header."""
    con = sqlite3.connect(path)
    table, geom_col = con.execute("SELECT table_name, column_name FROM gpkg_geometry_columns").fetchone()
    cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
    pk = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")') if r[5] == 1][0]
    ident = next((c for c in ("identifier", "name") if c in cols), None)
    sql = f'SELECT "{pk}", {f"{chr(34)}{ident}{chr(34)}" if ident else "NULL"}, "{geom_col}" FROM "{table}" ORDER BY "{pk}"'
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = []
    for fid, identifier, blob in con.execute(sql):
        if blob is None:
            continue
        flags = blob[3]
        envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
        rows.append((fid, identifier, wkb.loads(bytes(blob[8 + envelope:]))))
    con.close()
    return rows


def read_catalog(catalog_path):
    """Every item of a static STAC catalog (catalog -> child collections -> items), with absolute asset paths."""
    items = []

    def walk(path):
        doc = json.load(open(path))
        base = os.path.dirname(path)
        for link in doc.get("links", []):
            href = os.path.normpath(os.path.join(base, link["href"]))
            if link["rel"] == "child":
                walk(href)
            elif link["rel"] == "item":
                item = json.load(open(href))
                item_base = os.path.dirname(href)
                for asset in item["assets"].values():
                    asset["path"] = os.path.normpath(os.path.join(item_base, asset["href"]))
                items.append(item)

    walk(catalog_path)
    return items


def dn_offset(item):
    """DN to subtract (evalscript-v3 section 6): raster:bands offset first, else processing baseline >= 04.00."""
    bands = item["assets"]["red"].get("raster:bands") or [{}]
    off, scale = bands[0].get("offset"), bands[0].get("scale")
    if off is not None and scale and off < 0:
        return round(-off / scale)
    props = item["properties"]
    try:
        baseline = float(props.get("s2:processing_baseline"))
    except (TypeError, ValueError):
        return 0
    if baseline < 4.0 or props.get("earthsearch:boa_offset_applied") is True:
        return 0
    return 1000


def reflectance(dn, offset):
    r = ((dn.astype(np.float64) - offset) / 10000.0).astype(np.float32)
    return np.maximum(r, np.float32(0))


def stats(ndvi, valid):
    values = ndvi[valid].astype(np.float64)
    n = values.size
    out = {"sampleCount": int(valid.size), "noDataCount": int(valid.size - n)}
    if n == 0:
        return out
    mean = values.mean()
    out.update(mean=float(mean), min=float(values.min()), max=float(values.max()),
               stDev=float(values.std()))  # population, as the engine (S22)
    width = (HIGH - LOW) / N_BINS
    inside = values[(values >= LOW) & (values <= HIGH)]
    bins = np.minimum(np.floor((inside - LOW) / width).astype(np.int64), N_BINS - 1)
    out["histogram"] = np.bincount(bins, minlength=N_BINS).tolist()
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--catalog", required=True)
    p.add_argument("--gpkg", required=True)
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--to", dest="end", required=True)
    p.add_argument("--max-cloud", type=float, default=100)
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    t0 = time.perf_counter()
    features = read_features(a.gpkg, a.limit)
    start = dt.datetime.fromisoformat(a.start.replace("Z", "+00:00"))
    end = dt.datetime.fromisoformat(a.end.replace("Z", "+00:00"))
    if start.tzinfo is None:
        start, end = start.replace(tzinfo=dt.timezone.utc), end.replace(tzinfo=dt.timezone.utc)
    items = [i for i in read_catalog(a.catalog)
             if start <= dt.datetime.fromisoformat(i["properties"]["datetime"].replace("Z", "+00:00")) < end
             and i["properties"].get("eo:cloud_cover", 0) <= a.max_cloud]
    items.sort(key=lambda i: i["properties"]["datetime"])

    results = {fid: {"identifier": ident, "intervals": {}} for fid, ident, _ in features}
    skipped = {}
    pixels = 0
    for item in items:
        date = item["properties"]["datetime"][:10]
        offset = dn_offset(item)
        with rasterio.open(item["assets"]["red"]["path"]) as red, \
                rasterio.open(item["assets"]["nir"]["path"]) as nir, \
                rasterio.open(item["assets"]["clm"]["path"]) as clm:
            for fid, _, geom in features:
                if not geom.is_valid or geom.is_empty:
                    skipped[fid] = "invalid geometry"
                    continue
                try:
                    b04, _ = rasterio.mask.mask(red, [geom], crop=True, all_touched=False, filled=False)
                    b08, _ = rasterio.mask.mask(nir, [geom], crop=True, all_touched=False, filled=False)
                    cl, _ = rasterio.mask.mask(clm, [geom], crop=True, all_touched=False, filled=False)
                except ValueError as e:  # "Input shapes do not overlap raster."
                    skipped[fid] = str(e)
                    continue
                valid = ~(np.ma.getmaskarray(b04[0]) | np.ma.getmaskarray(b08[0]) | np.ma.getmaskarray(cl[0]))
                valid &= cl[0].data != 1
                r4 = reflectance(b04[0].data, offset)
                r8 = reflectance(b08[0].data, offset)
                with np.errstate(divide="ignore", invalid="ignore"):
                    ndvi = ((r8.astype(np.float64) - r4) / (r8.astype(np.float64) + r4)).astype(np.float32)
                pixels += valid.size
                results[fid]["intervals"][date] = stats(ndvi, valid)

    seconds = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    summary = {"features": len(features), "dates": len(items), "pixels": pixels, "wallSeconds": seconds,
               "cpuSeconds": usage.ru_utime + usage.ru_stime, "peakRssMiB": usage.ru_maxrss / 1024.0,
               "skipped": len(skipped)}
    json.dump({"summary": summary, "results": {str(k): v for k, v in results.items()}}, open(a.out, "w"))
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
