#!/usr/bin/env bash
# Benchmark: generate a lake and run the nightly pipeline on its last day, in local mode; then, on
# the same landing files, the DuckDB peer (scripts/bench/DuckDbPeer.java) doing the same ingest +
# subscriber daily features of voice_cdr and data_session, and the start-up of 'sql' and 'status'.
# Prints seconds (wall and CPU) per stage, rows per second per source, the peak memory (RSS) of each
# JVM, the side-by-side table, and as its last line one JSON object of the figures.
#   scripts/bench.sh [SUBSCRIBERS] [DAYS] [LAKE_DIR]     (defaults: 1000000 1 /tmp/ganzhi-bench)
# Runs with a throwaway pseudonym key unless GANZHI_PSEUDONYM_KEY is set (the peer needs the same key).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUBSCRIBERS="${1:-1000000}"
DAYS="${2:-1}"
LAKE="${3:-/tmp/ganzhi-bench}"
START=2026-11-01
LAST=$(date -d "$START + $((DAYS - 1)) days" +%F)
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
export GANZHI_PSEUDONYM_KEY="${GANZHI_PSEUDONYM_KEY:-$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')}"
"$ROOT/scripts/ganzhi" --help > /dev/null   # builds the jar first, outside the timings

measure() {  # measure NAME COMMAND...: runs it, keeps its JSON summary and peak RSS
  local name=$1; shift
  /usr/bin/time -v -o "$LAKE.$name.time" "$@" > "$LAKE.$name.out" 2> "$LAKE.$name.err" \
    || { echo "bench: $name failed, see $LAKE.$name.err" >&2; tail -n 5 "$LAKE.$name.err" >&2; exit 1; }
}

mkdir -p "$(dirname "$LAKE")"
measure generate "$ROOT/scripts/ganzhi" generate --lake "$LAKE" --subscribers "$SUBSCRIBERS" --days "$DAYS" --start "$START" --seed 1 --overwrite
measure nightly "$ROOT/scripts/ganzhi" nightly --lake "$LAKE" --date "$LAST"
measure startup "$ROOT/scripts/ganzhi" sql --lake "$LAKE" "SELECT 1"
measure status "$ROOT/scripts/ganzhi" status --lake "$LAKE"
rm -rf "$LAKE.peer"
measure peer "$ROOT/scripts/bench/peer.sh" "$LAKE" "$LAST" "$LAKE.peer"

python3 - "$LAKE" "$SUBSCRIBERS" "$DAYS" <<'PY'
import json, re, sys
lake, subscribers, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def peak_mib(name):
    text = open(f"{lake}.{name}.time").read()
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) // 1024
def field(name, label):
    return re.search(label + r".*: ([\d:.]+)", open(f"{lake}.{name}.time").read()).group(1)
def wall(name):
    h, m, s = ([0, 0] + field(name, r"Elapsed \(wall clock\) time").split(":"))[-3:]
    return int(h) * 3600 + int(m) * 60 + float(s)
def cpu(name):  # user + system seconds of the whole process tree
    return float(field(name, "User time")) + float(field(name, "System time"))
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
    print(f"{stage:9}: {seconds:8.1f} s stage, {night['stage_cpu_s'][stage]:8.1f} CPU s, {rows:,} {what} "
          f"({rows / seconds:,.0f} rows/s)")
for table, rows in written.items():
    print(f"           {table}: {rows:,} rows written")
print(f"nightly  : {wall('nightly'):8.1f} s wall, {cpu('nightly'):8.1f} CPU s, peak RSS {peak_mib('nightly'):,} MiB")
print(f"start-up : sql \"SELECT 1\" {wall('startup'):.1f} s wall, status {wall('status'):.1f} s wall")
print(f"{'source':22}{'rows read':>12}{'accepted':>12}{'quarantined':>12}{'duplicates':>11}{'seconds':>9}{'CPU s':>8}{'rows/s':>10}")
for name, s in night["sources"].items():
    if s.get("delivered"):
        print(f"{name:22}{s['rows_read']:>12,}{s['accepted']:>12,}{s['quarantined']:>12,}{s['duplicates_dropped']:>11,}"
              f"{s['seconds']:>9.1f}{s['cpu_seconds']:>8.1f}{s['rows_per_second']:>10,}")

# Side by side: the same work in Ganzhi (its voice_cdr and data_session ingest and its
# features.subscriber_daily, timed inside the nightly) and in the DuckDB peer (whole process).
peer = json.loads(open(f"{lake}.peer.out").read().strip().splitlines()[-1])
big = ("voice_cdr", "data_session")
for source in big:
    mine, theirs = night["sources"][source], peer["sources"][source]
    for count in ("rows_read", "accepted", "quarantined", "duplicates_dropped"):
        if mine[count] != theirs[count]:
            print(f"WARNING: {source} {count}: Ganzhi {mine[count]:,}, peer {theirs[count]:,}: the peer does not do the same work")
wall_s, user_s, sys_s, _ = open(f"{lake}.peer/peer.time").read().split()
peer_wall, peer_cpu = float(wall_s), float(user_s) + float(sys_s)
g_ingest = sum(night["sources"][s]["seconds"] for s in big)
g_ingest_cpu = sum(night["sources"][s]["cpu_seconds"] for s in big)
g_daily = night["table_s"]["features.subscriber_daily"]
g_daily_cpu = night["table_cpu_s"]["features.subscriber_daily"]
p_ingest, p_daily = peer["seconds"]["ingest"], peer["seconds"]["features"]
rows_in = sum(night["sources"][s]["rows_read"] for s in big)
print()
print("Ganzhi beside a DuckDB peer (2 threads) on the same landing files: voice_cdr + data_session")
print(f"{'work':34}{'Ganzhi s':>10}{'Ganzhi CPU':>12}{'DuckDB s':>10}{'DuckDB CPU':>12}{'ratio wall':>12}{'ratio CPU':>11}{'rows':>12}")
def line(work, gw, gc, pw, pc, rows):  # a CPU figure of None: not measured for that part alone
    text = lambda x: "-" if x is None else f"{x:.1f}"
    ratio = lambda a, b: "-" if a is None or b is None else f"{a / b:.1f}x"
    print(f"{work:34}{gw:>10.1f}{text(gc):>12}{pw:>10.1f}{text(pc):>12}{ratio(gw, pw):>12}{ratio(gc, pc):>11}{rows:>12,}")
line("ingest (parse, check, dedup, hash)", g_ingest, g_ingest_cpu, p_ingest, None, rows_in)
line("subscriber daily features", g_daily, g_daily_cpu, p_daily, None, night["rows"]["features.subscriber_daily"])
line("ingest + features (peer: process)", g_ingest + g_daily, g_ingest_cpu + g_daily_cpu, peer_wall, peer_cpu, rows_in)
print("The peer's process time includes its JVM start and DuckDB's load; Ganzhi's excludes its start-up. The peer does")
print("not commit to Delta (no transaction log, atomicity or history), register tables or comments in a catalog,")
print("write a run log, or ingest the small sources; its subscriber_daily has the voice, data and cell columns only.")
result = {
    "subscribers": subscribers, "days": days,
    "nightly_s": wall("nightly"), "nightly_cpu_s": round(cpu("nightly"), 1),
    "stage_s": night["stages"], "stage_cpu_s": night["stage_cpu_s"],
    "peer_s": peer_wall, "peer_cpu_s": round(peer_cpu, 1),
    "ganzhi_ingest_features_s": round(g_ingest + g_daily, 2), "ganzhi_ingest_features_cpu_s": round(g_ingest_cpu + g_daily_cpu, 2),
    "ratio_ingest_features_vs_peer": round((g_ingest_cpu + g_daily_cpu) / peer_cpu, 2),
    "ratio_ingest_features_vs_peer_wall": round((g_ingest + g_daily) / peer_wall, 2),
    "peak_rss_mib": peak_mib("nightly"), "startup_s": wall("startup"), "status_s": wall("status"),
    "landing_rows_read": read,
}
print(json.dumps(result))
PY
