#!/usr/bin/env bash
# DuckDB peer of Ganzhi's ingest + subscriber daily features (see DuckDbPeer.java's header for what it
# does and does not do), timed for the benchmark:
#   GANZHI_PSEUDONYM_KEY=<hex> scripts/bench/peer.sh LAKE DATE OUT_DIR
# Reads LAKE/landing/{voice_cdr,data_session}/dt=DATE, writes OUT_DIR/{silver,quarantine,features},
# prints the peer's summary (last line: JSON) and writes "wall user sys peak_rss_kib" to OUT_DIR/peer.time.
# The DuckDB JDBC jar is fetched into the local Maven repository when missing; it is never a
# dependency of the project. DUCKDB_JDBC_VERSION picks another version (1.5.x, 2.0.0.1 exist).
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 LAKE DATE OUT_DIR" >&2
  exit 2
fi
LAKE=$1 DATE=$2 OUT=$3
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION="${DUCKDB_JDBC_VERSION:-1.4.4.0}"
REPO="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
JAR="$REPO/org/duckdb/duckdb_jdbc/$VERSION/duckdb_jdbc-$VERSION.jar"

: "${GANZHI_PSEUDONYM_KEY:?set GANZHI_PSEUDONYM_KEY to the key Ganzhi uses, so the pseudonyms compare}"
[ -d "$LAKE/landing" ] || { echo "peer: no landing folder in $LAKE" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "peer: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ ! -f "$JAR" ]; then
  # Outside the timing: a download is not the peer's cost.
  mvn -q -B -Dmaven.repo.local="$REPO" dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$VERSION" >&2
  [ -f "$JAR" ] || { echo "peer: $JAR is still missing after mvn dependency:get" >&2; exit 1; }
fi

mkdir -p "$OUT"
# %e wall s, %U user s, %S sys s, %M peak RSS KiB; the JDK compiles the single source file in memory first.
/usr/bin/time -f '%e %U %S %M' -o "$OUT/peer.time" \
  java ${PEER_JAVA_OPTS:-} -cp "$JAR" "$HERE/DuckDbPeer.java" "$LAKE/landing" "$DATE" "$OUT"
