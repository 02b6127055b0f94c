#!/usr/bin/env bash
# Benchmark: generate a lake and run the nightly pipeline on its last day, in local mode.
# Prints seconds per stage, rows per second per source and the peak memory (RSS) of each JVM.
#   scripts/bench.sh [SUBSCRIBERS] [DAYS] [LAKE_DIR]     (defaults: 1000000 1 /tmp/ganzhi-bench)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUBSCRIBERS="${1:-1000000}"
DAYS="${2:-1}"
LAKE="${3:-/tmp/ganzhi-bench}"
START=2026-11-01
LAST=$(date -d "$START + $((DAYS - 1)) days" +%F)
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
"$ROOT/scripts/ganzhi" --help > /dev/null   # builds the jar first, outside the timings

measure() {  # measure NAME COMMAND...: runs it, keeps its JSON summary and peak RSS
  local name=$1; shift
  /usr/bin/time -v -o "$LAKE.$name.time" "$@" > "$LAKE.$name.out" 2> "$LAKE.$name.err" \
    || { echo "bench: $name failed, see $LAKE.$name.err" >&2; tail -n 5 "$LAKE.$name.err" >&2; exit 1; }
}

mkdir -p "$(dirname "$LAKE")"
measure generate "$ROOT/scripts/ganzhi" generate --lake "$LAKE" --subscribers "$SUBSCRIBERS" --days "$DAYS" --start "$START" --seed 1 --overwrite
measure nightly "$ROOT/scripts/ganzhi" nightly --lake "$LAKE" --date "$LAST"

python3 - "$LAKE" "$SUBSCRIBERS" "$DAYS" <<'PY'
import json, re, sys
lake, subscribers, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def peak_mib(name):
    text = open(f"{lake}.{name}.time").read()
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) // 1024
def wall(name):
    text = open(f"{lake}.{name}.time").read()
    h, m, s = ([0, 0] + re.search(r"Elapsed \(wall clock\) time.*: ([\d:.]+)", text).group(1).split(":"))[-3:]
    return int(h) * 3600 + int(m) * 60 + float(s)
print(f"Ganzhi benchmark: {subscribers:,} subscribers x {days} day(s), lake {lake}")
gen = json.loads(open(f"{lake}.generate.out").read().strip().splitlines()[-1])
rows = sum(s.get("rows_written", 0) for s in gen["sources"].values())
print(f"generate : {wall('generate'):8.1f} s wall, {gen['stages']['generate']:8.1f} s stage, {rows:,} landing rows "
      f"({rows / gen['stages']['generate']:,.0f} rows/s), peak RSS {peak_mib('generate'):,} MiB")
night = json.loads(open(f"{lake}.nightly.out").read().strip().splitlines()[-1])
read = sum(s.get("rows_read", 0) for s in night["sources"].values())
written = night.get("rows", {})
# What each stage's rows/s is measured on: landing rows read, daily subscriber rows, profiles.
measured = {"ingest": ("landing rows read", read),
            "features": ("subscriber-day rows", written.get("features.subscriber_daily", 0)),
            "personas": ("profiles", written.get("personas.subscriber_profile", 0))}
for stage, seconds in night["stages"].items():
    what, rows = measured.get(stage, ("rows", 0))
    print(f"{stage:9}: {seconds:8.1f} s stage, {rows:,} {what} ({rows / seconds:,.0f} rows/s)")
for table, rows in written.items():
    print(f"           {table}: {rows:,} rows written")
print(f"nightly  : {wall('nightly'):8.1f} s wall, peak RSS {peak_mib('nightly'):,} MiB")
print(f"{'source':22}{'rows read':>12}{'accepted':>12}{'quarantined':>12}{'duplicates':>11}{'seconds':>9}{'rows/s':>10}")
for name, s in night["sources"].items():
    if s.get("delivered"):
        print(f"{name:22}{s['rows_read']:>12,}{s['accepted']:>12,}{s['quarantined']:>12,}{s['duplicates_dropped']:>11,}"
              f"{s['seconds']:>9.1f}{s['rows_per_second']:>10,}")
PY
