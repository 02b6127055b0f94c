#!/usr/bin/env bash
# Profile one Ganzhi command with Java Flight Recorder and print where its CPU went:
#   scripts/profile.sh nightly --lake /tmp/ganzhi-bench --date 2026-11-01
# Prints wall and CPU seconds of the process, the JIT compiler's time and method count, the child
# processes Hadoop started (chmod, readlink: local file systems without native IO), the share of
# CPU per thread kind, and what the sampled Java threads were doing (by kind of work). The
# recording stays in $GANZHI_PROFILE_DIR (default /tmp) for JDK Mission Control.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${GANZHI_PROFILE_DIR:-/tmp}/ganzhi-$1-$(date +%Y%m%dT%H%M%S).jfr"
command -v jfr > /dev/null || { echo "profile: needs the JDK's jfr tool on PATH" >&2; exit 2; }
command -v /usr/bin/time > /dev/null || { echo "profile: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
"$ROOT/scripts/ganzhi" --help > /dev/null   # builds the jar first, outside the recording

start=$(date +%s.%N)
# Deep stacks: Spark's plans recurse far below the 64 frames JFR keeps by default.
GANZHI_JAVA_OPTS="${GANZHI_JAVA_OPTS:-} -XX:FlightRecorderOptions=stackdepth=512 -XX:StartFlightRecording=filename=$OUT,settings=profile" \
  /usr/bin/time -f "%U %S" -o "$OUT.cpu" "$ROOT/scripts/ganzhi" "$@" > "$OUT.out" 2> "$OUT.err" \
  || { echo "profile: the command failed, see $OUT.err" >&2; tail -n 3 "$OUT.err" >&2; exit 1; }
end=$(date +%s.%N)

for event in jdk.CompilerStatistics jdk.ProcessStart jdk.ThreadCPULoad jdk.ExecutionSample; do
  jfr print --json --stack-depth 256 --events "$event" "$OUT" > "$OUT.$event.json"
done
python3 - "$OUT" "$start" "$end" <<'PY'
import collections, json, re, sys
out, wall = sys.argv[1], float(sys.argv[3]) - float(sys.argv[2])
def events(name):
    return json.load(open(f"{out}.{name}.json"))["recording"]["events"]
user, system = map(float, open(f"{out}.cpu").read().split()[-2:])
print(f"recording {out}")
print(f"process      : {wall:7.1f} s wall, {user + system:7.1f} CPU s (user {user:.1f}, system {system:.1f})")
jit = events("jdk.CompilerStatistics")[-1]["values"]
seconds = sum(float(n) * {"H": 3600, "M": 60, "S": 1}[u] for n, u in re.findall(r"([\d.]+)([HMS])", jit["totalTimeSpent"]))
print(f"JIT compiler : {seconds:7.1f} CPU s, {jit['compileCount']:,} methods compiled")
spawned = collections.Counter(e["values"]["command"].split()[0] for e in events("jdk.ProcessStart"))
print(f"processes    : {sum(spawned.values()):,} started ({', '.join(f'{c} {n}' for n, c in spawned.most_common(4))})")

# Thread CPU load samples: shares of the sampled load, threads grouped by name without numbers.
load = collections.Counter()
for e in events("jdk.ThreadCPULoad"):
    v = e["values"]
    thread = v["eventThread"]["javaName"] or v["eventThread"]["osName"] or "?"
    load[re.sub(r"\d+", "N", thread)] += v["user"] + v["system"]
total = sum(load.values()) or 1
print("CPU by thread: " + ", ".join(f"{name} {100 * share / total:.0f} %" for name, share in load.most_common(6)))

# Java samples by the kind of work anywhere on their stack (first match wins, in this order).
kinds = [("generated code: Spark writing the source, Janino compiling it",
          ("org.codehaus.janino", "codegen.CodeGenerator", "UnsafeProjection$.create", "MutableProjection$.create",
           "Predicate$.create")),
         ("task (de)serialisation", ("java.io.ObjectOutputStream", "java.io.ObjectInputStream")),
         ("class loading", ("ClassLoader",)), ("Delta log and commits", ("org.apache.spark.sql.delta",)),
         ("Catalyst: analysis, optimisation, expressions", ("org.apache.spark.sql.catalyst",)),
         ("Parquet", ("org.apache.parquet",)), ("Hadoop file system", ("org.apache.hadoop.fs",)),
         ("other Spark", ("org.apache.spark",))]
work = collections.Counter()
samples = events("jdk.ExecutionSample")
for e in samples:
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
              for f in (e["values"]["stackTrace"] or {}).get("frames", [])]
    work[next((kind for kind, marks in kinds if any(m in f for f in frames for m in marks)), "other")] += 1
print(f"Java samples : {len(samples):,}: " + ", ".join(f"{kind} {100 * n / max(len(samples), 1):.0f} %"
                                                   for kind, n in work.most_common()))
PY
