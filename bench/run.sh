#!/usr/bin/env bash
# End-to-end benchmark: the engine (bench e2e scenario) against the Python peer baseline (bench/peer/zonal_stats.py)
# on the same machine, same fields, same dates, same COGs; prints a markdown table of ratios.
#
#   bench/run.sh [--workers 2] [--scale DIR] [--dates 6] [--fields-peer 1000] [--fields "1000 5000 10000"]
#                [--fields-dates 2] [--date-steps "2 4 6"] [--skip-peer-scale] [--only slovenia|scale]
#                [--full-scale]
#
# Cases: slovenia (67 real fields × 5 dates, engine + peer); scale <fields-peer> × <dates> (engine + peer);
# growth with fields: each of --fields × --fields-dates dates (engine); growth with dates: the first of --fields
# × each of --date-steps (engine); --full-scale adds the whole archive (10 000 fields × every date, engine only).
#
# Needs: the .NET SDK; Debian's python3-rasterio python3-shapely python3-numpy (installed when missing, as root).
# The scale archive (DemoOptions.Benchmark: one 10 980² tile, --dates dates, 10 000 fields; ~220 MB per band per
# date) is generated into --scale (default /tmp/batchstats-scale) once and reused. Work files go to $OUT
# (default /tmp/batchstats-bench-<time>); the table is also written to $OUT/table.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
workers=2
scale=/tmp/batchstats-scale
dates=6
fields_peer=1000
fields_steps="1000 5000 10000"
date_steps="2 4 6"
fields_dates=""
skip_peer_scale=0
full_scale=0
only=all
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --dates) dates="$2"; shift 2 ;;
    --fields-peer) fields_peer="$2"; shift 2 ;;
    --fields) fields_steps="$2"; shift 2 ;;
    --date-steps) date_steps="$2"; shift 2 ;;
    --fields-dates) fields_dates="$2"; shift 2 ;;
    --skip-peer-scale) skip_peer_scale=1; shift ;;
    --full-scale) full_scale=1; shift ;;
    --only) only="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

out="${OUT:-/tmp/batchstats-bench-$(date -u +%Y%m%dT%H%M%S)}"
mkdir -p "$out"
py=/usr/bin/python3
if ! "$py" -c "import rasterio, shapely, numpy" 2>/dev/null; then
  echo "installing python3-rasterio python3-shapely python3-numpy" >&2
  apt-get install -y -qq python3-rasterio python3-shapely python3-numpy >/dev/null
fi
harness() { "$py" "$here/peer/harness.py" "$@"; }

# Build once and run from a copy, so concurrent builds of other projects cannot swap the binaries mid-run.
dotnet build -c Release "$here/BatchStats.Bench" -v q -nologo >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
bin="$out/bin"
rm -rf "$bin" && cp -r "$here/BatchStats.Bench/bin/Release/net10.0" "$bin"
bench=(dotnet "$bin/BatchStats.Bench.dll")

# time_to FILE CMD...: runs CMD, appends "wall user sys" (seconds, whole process incl. start-up) to FILE.
time_to() {
  local file="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$file" "$@"
}

rows=()
# run_case NAME CATALOG GPKG FROM TO PEER(0/1)
run_case() {
  local name="$1" catalog="$2" gpkg="$3" from="$4" to="$5" peer="$6"
  local dir="$out/$name"
  mkdir -p "$dir"
  harness request --base "$here/peer/ndvi-request.json" --gpkg "$gpkg" --from "$from" --to "$to" --out "$dir/request.json" >/dev/null
  echo "== $name: engine ($workers workers)" >&2
  time_to "$dir/ours.time" "${bench[@]}" e2e --request "$dir/request.json" --stac "$catalog" --workers "$workers" \
    --state "$dir/state" --json "$dir/ours.json" >"$dir/ours.log"
  local peer_json="" compare_json=""
  if [[ "$peer" == 1 ]]; then
    echo "== $name: python peer" >&2
    time_to "$dir/peer.time" "$py" "$here/peer/zonal_stats.py" --catalog "$catalog" --gpkg "$gpkg" \
      --from "$from" --to "$to" --out "$dir/peer.json" >"$dir/peer.log"
    local results
    results="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["OutputFolder"])' "$dir/ours.json")"
    harness compare --ours "$results" --peer "$dir/peer.json" >"$dir/compare.json" || true
    peer_json="$dir/peer.json"; compare_json="$dir/compare.json"
  fi
  rows+=("$name|$dir")
}

if [[ "$only" != scale ]]; then
  slo="$(cd "$repo/../shared/data/s2-slovenia" 2>/dev/null && pwd || echo /work/shared/data/s2-slovenia)"
  read -r from to < <(harness range --catalog "$slo/catalog.json" --dates 5)
  run_case "slovenia-67f-5d" "$slo/catalog.json" "$slo/fields.gpkg" "$from" "$to" 1
fi

if [[ "$only" != slovenia ]]; then
  if [[ ! -f "$scale/gen.json" ]]; then
    echo "== generating the scale archive ($dates dates, 10000 fields) into $scale" >&2
    "${bench[@]}" gen --dates "$dates" --fields 10000 --out "$scale" >"$out/gen.log"
  fi
  for n in $(echo "$fields_peer $fields_steps" | tr ' ' '\n' | sort -un); do
    [[ -f "$scale/fields-$n.gpkg" ]] || harness subset --gpkg "$scale/fields.gpkg" --limit "$n" --out "$scale/fields-$n.gpkg" >/dev/null
  done
  read -r from to < <(harness range --catalog "$scale/catalog.json" --dates "$dates")
  if [[ "$skip_peer_scale" == 0 ]]; then
    run_case "scale-${fields_peer}f-${dates}d" "$scale/catalog.json" "$scale/fields-$fields_peer.gpkg" "$from" "$to" 1
  fi
  fd="${fields_dates:-$dates}"
  read -r ffrom fto < <(harness range --catalog "$scale/catalog.json" --dates "$fd")
  for n in $fields_steps; do
    [[ "$n" == "$fields_peer" && "$fd" == "$dates" && "$skip_peer_scale" == 0 ]] && continue
    run_case "scale-${n}f-${fd}d" "$scale/catalog.json" "$scale/fields-$n.gpkg" "$ffrom" "$fto" 0
  done
  first_n="${fields_steps%% *}"
  for d in $date_steps; do
    [[ "$d" == "$dates" && "$first_n" == "$fields_peer" && "$skip_peer_scale" == 0 ]] && continue
    [[ "$d" == "$fd" ]] && continue
    read -r dfrom dto < <(harness range --catalog "$scale/catalog.json" --dates "$d")
    run_case "scale-${first_n}f-${d}d" "$scale/catalog.json" "$scale/fields-$first_n.gpkg" "$dfrom" "$dto" 0
  done
  if [[ "$full_scale" == 1 ]]; then
    all_dates="$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["dates"])' "$scale/gen.json")"
    read -r afrom ato < <(harness range --catalog "$scale/catalog.json" --dates "$all_dates")
    run_case "scale-10000f-${all_dates}d" "$scale/catalog.json" "$scale/fields.gpkg" "$afrom" "$ato" 0
  fi
fi

{
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;" \
       "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); workers: $workers; $(date -u +%FT%TZ)"
  echo
  "$py" - "${rows[@]}" <<'PY'
import json, os, sys

def tm(path):
    wall, user, sys_, rss_kb = open(path).read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss_kb) / 1024

print("| workload | features × dates | ours wall s | ours CPU s | peer wall s | peer CPU s | **peer/ours wall** | peer/ours CPU "
      "| ours features/s | ours Mpx/s/core | ours peak RSS MiB | peer peak RSS MiB | agreement |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for row in sys.argv[1:]:
    name, d = row.split("|")
    ours = json.load(open(os.path.join(d, "ours.json")))
    ow, oc, orss = tm(os.path.join(d, "ours.time"))
    intervals_dates = name.split("-")[-1]
    cells = [name, f'{ours["Features"]} × {intervals_dates[:-1]}', f"{ow:.1f}", f"{oc:.1f}"]
    if os.path.exists(os.path.join(d, "peer.time")):
        pw, pc, prss = tm(os.path.join(d, "peer.time"))
        cmp_ = json.load(open(os.path.join(d, "compare.json"))) if os.path.getsize(os.path.join(d, "compare.json")) else {}
        if cmp_.get("exactChecked"):
            agree = (f'{cmp_["exactChecked"] - cmp_["exactMismatches"]}/{cmp_["exactChecked"]} same-pixel pairs exact; '
                     f'hist {cmp_["histogramsEqual"]}/{cmp_["histograms"]}')
        elif cmp_:
            agree = (f'grids differ: mean rel. diff p50 {cmp_["relDiffMean"]["p50"]}, p95 {cmp_["relDiffMean"]["p95"]} '
                     f'({cmp_["pairs"]} pairs)')
        else:
            agree = "compare failed"
        cells += [f"{pw:.1f}", f"{pc:.1f}", f"**{pw / ow:.1f}×**", f"{pc / oc:.1f}×"]
    else:
        prss, agree = None, "—"
        cells += ["—", "—", "—", "—"]
    cells += [f'{ours["FeaturesPerSecond"]:.0f}', f'{ours["PixelsPerSecondPerCore"] / 1e6:.2f}', f"{orss:.0f}",
              f"{prss:.0f}" if prss else "—", agree]
    print("| " + " | ".join(cells) + " |")
PY
} | tee "$out/table.md"
echo "work files: $out" >&2
