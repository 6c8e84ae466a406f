#!/usr/bin/env bash
# Publishes src/BatchStats.Functions for the managed dotnet10 runtime (linux-x64, framework-dependent) into
# .artifacts/functions/publish/ (the template's CodeUri) and zips it as .artifacts/functions/batchstats-functions.zip.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
out=".artifacts/functions"
publish="$out/publish"
rm -rf "$publish"
mkdir -p "$out"

dotnet publish src/BatchStats.Functions/BatchStats.Functions.csproj \
  -c Release -r linux-x64 --self-contained false \
  -p:GenerateRuntimeConfigurationFiles=true \
  -o "$publish" --nologo

test -f "$publish/BatchStats.Functions.dll" || { echo "package: BatchStats.Functions.dll missing from $publish" >&2; exit 1; }

zip_path="$root/$out/batchstats-functions.zip"
rm -f "$zip_path"
if command -v zip >/dev/null 2>&1; then
  (cd "$publish" && zip -q -r -X "$zip_path" .)
else
  # No zip binary (minimal images): Python's zipfile does the same job.
  python3 -c 'import sys, zipfile, os
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in os.walk(src):
        for f in sorted(files):
            p = os.path.join(d, f); z.write(p, os.path.relpath(p, src))' "$publish" "$zip_path"
fi
echo "package: $(du -h "$zip_path" | cut -f1) $out/batchstats-functions.zip"
