#!/usr/bin/env bash
# Benchmark of the text stage (issue: "the text stage on 1 M subscribers' daily feedback adds at
# most 30 s to the night"). Generates SUBSCRIBERS x 1 day with only the subscriber snapshot and the
# feedback feed switched on (about 0.05 texts per subscriber a day: 1 M subscribers write some
# 45 000 texts), ingests it, then runs 'text' twice for the day: the first run trains the lake's
# text model and scores, the second (a rerun of the date, the model now in place) only scores, as
# every later night does. Prints wall and CPU seconds of each, of the stage alone (without the JVM
# start) and of the whole command, and as its last line one JSON object of the figures.
#   scripts/bench-text.sh [SUBSCRIBERS] [LAKE_DIR]     (defaults: 1000000 /tmp/ganzhi-bench-text)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUBSCRIBERS="${1:-1000000}"
LAKE="${2:-/tmp/ganzhi-bench-text}"
DAY=2026-11-01
command -v /usr/bin/time >/dev/null || { echo "bench-text: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
export GANZHI_PSEUDONYM_KEY="${GANZHI_PSEUDONYM_KEY:-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')}"
"$ROOT/scripts/ganzhi" --help > /dev/null   # builds the jar first, outside the timings

mkdir -p "$(dirname "$LAKE")"
CONF="$LAKE.conf"
{
  echo "include file(\"$ROOT/conf/local.conf\")"
  for source in voice_cdr data_session billing complaint service_interaction service_order survey product_event \
                outcome product_validation plan cell cell_outage; do
    echo "ganzhi.sources.$source.enabled = false"
  done
} > "$CONF"
export GANZHI_CONF="$CONF"

measure() {  # measure NAME COMMAND...: runs it, keeps its JSON summary and its time
  local name=$1; shift
  /usr/bin/time -v -o "$LAKE.$name.time" "$@" > "$LAKE.$name.out" 2> "$LAKE.$name.err" \
    || { echo "bench-text: $name failed, see $LAKE.$name.err" >&2; tail -n 5 "$LAKE.$name.err" >&2; exit 1; }
}

measure generate "$ROOT/scripts/ganzhi" generate --lake "$LAKE" --subscribers "$SUBSCRIBERS" --days 1 --start "$DAY" --seed 1 --overwrite
measure ingest "$ROOT/scripts/ganzhi" ingest --lake "$LAKE" --date "$DAY"
measure train "$ROOT/scripts/ganzhi" text --lake "$LAKE" --date "$DAY"
measure score "$ROOT/scripts/ganzhi" text --lake "$LAKE" --date "$DAY"

python3 - "$LAKE" "$SUBSCRIBERS" <<'PY'
import json, re, sys
lake, subscribers = sys.argv[1], int(sys.argv[2])
def process(name):
    text = open(f"{lake}.{name}.time").read()
    wall = text.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split("\n")[0].split(":")
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([0-9.]+)", text).group(1)) for kind in ("User", "System"))
    return round(seconds, 1), round(cpu, 1)
def summary(name):
    return json.loads(open(f"{lake}.{name}.out").read().strip().splitlines()[-1])
figures = {"subscribers": subscribers}
texts = summary("score")["rows"]["text.feedback"]
figures["texts"] = texts
print(f"{'run':<10}{'stage s':>10}{'stage CPU s':>13}{'command s':>11}{'command CPU s':>15}")
for name in ("train", "score"):
    s = summary(name)
    wall, cpu = process(name)
    stage, stage_cpu = round(s["stages"]["text"], 1), round(s["stage_cpu_s"]["text"], 1)
    figures[name] = {"stage_s": stage, "stage_cpu_s": stage_cpu, "command_s": wall, "command_cpu_s": cpu}
    print(f"{name:<10}{stage:>10}{stage_cpu:>13}{wall:>11}{cpu:>15}")
print(f"{texts:,} texts; the scoring stage reads {texts / figures['score']['stage_s']:,.0f} texts/s")
print(json.dumps(figures))
PY
