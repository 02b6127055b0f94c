#!/usr/bin/env bash
# One command on a fresh machine (Java 17 + Maven): build, generate a sample lake, run the
# nightly pipeline for its last day in local mode, and show where the tables are.
#   scripts/run-local.sh [LAKE_DIR]      (default: ./local-lake)
#   GANZHI_SUBSCRIBERS (default 20000), GANZHI_DAYS (default 30), GANZHI_START (default 2026-11-01)
# The last day is computed with its full 30-day feature window: one 'nightly' catches up every
# delivery of the month in a single ingest pass (--from), then runs the other stages for that day.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAKE="${1:-$ROOT/local-lake}"
SUBSCRIBERS="${GANZHI_SUBSCRIBERS:-20000}"
DAYS="${GANZHI_DAYS:-30}"
START="${GANZHI_START:-2026-11-01}"
LAST=$(date -d "$START + $((DAYS - 1)) days" +%F)
ganzhi() { "$ROOT/scripts/ganzhi" "$@"; }
aligned() { if command -v column > /dev/null; then column -s, -t; else cat; fi; }

echo "== generating $SUBSCRIBERS subscribers x $DAYS days from $START into $LAKE"
ganzhi generate --lake "$LAKE" --subscribers "$SUBSCRIBERS" --days "$DAYS" --start "$START" --seed 42 --overwrite | tail -n 1 > /dev/null
echo "== nightly run for $LAST, ingesting every delivery from $START"
# Its progress and closing summary table (stages, per source read = accepted + quarantined +
# duplicates, tables written) go to stderr; the last stdout line is the JSON run summary.
ganzhi nightly --lake "$LAKE" --date "$LAST" --from "$START" > /dev/null
# One JVM for the whole report: 'sql' runs several statements, each result a paragraph of CSV.
layers=(silver features personas perception gold)
report=$(ganzhi sql --lake "$LAKE" "SELECT persona, count(*) AS subscribers,
    count(CASE WHEN value_tier = 'HIGH' THEN 1 END) AS high, count(CASE WHEN value_tier = 'MID' THEN 1 END) AS mid,
    count(CASE WHEN value_tier = 'LOW' THEN 1 END) AS low, round(avg(persona_affinity), 2) AS mean_affinity
  FROM personas.subscriber_profile WHERE date = DATE'$LAST' GROUP BY persona ORDER BY subscribers DESC;
  SELECT experience_level, count(*) AS subscribers, round(avg(perception_index), 1) AS idx,
    round(avg(network_score), 1) AS network, round(avg(service_score), 1) AS service, round(avg(process_score), 1) AS process,
    round(avg(billing_score), 1) AS billing, round(avg(product_score), 1) AS product
  FROM perception.subscriber_score WHERE date = DATE'$LAST' GROUP BY 1 ORDER BY idx;
  SELECT round(100 * avg(CASE WHEN p.persona = t.persona THEN 1 ELSE 0 END), 1) AS planted_persona_is_primary_pct,
    round(100 * avg(CASE WHEN t.experience_cause <> 'NONE' THEN
      CASE WHEN get(s.detractor_dimensions, 0).dimension = t.experience_cause THEN 1 ELSE 0 END END), 1) AS planted_cause_is_top_detractor_pct
  FROM personas.subscriber_profile p JOIN perception.subscriber_score s ON s.msisdn = p.msisdn AND s.date = p.date
  JOIN truth.subscriber t ON t.msisdn_pseudonym = p.msisdn WHERE p.date = DATE'$LAST';
  $(printf 'SHOW TABLES IN %s; ' "${layers[@]}")" | sed '$d')
result() { awk -v n="$1" 'BEGIN { RS = "" } NR == n' <<< "$report"; }
echo
echo "== personas as of $LAST: persona x value tier (subscribers)"
result 1 | aligned
echo
echo "== perception as of $LAST: experience level (subscribers, mean index and dimension scores)"
result 2 | aligned
echo
echo "== the generator's planted truth recovered (subscribers whose planted persona is their primary one;"
echo "   subscribers with a planted bad experience whose cause is their top detractor dimension)"
result 3 | aligned
echo
echo "== tables in $LAKE"
for i in "${!layers[@]}"; do
  result $((i + 4)) | tail -n +2 | cut -d, -f2 | sed "s|^|  ${layers[$i]}.|"
done
echo "  quarantine.rejected_rows, ops.run_log; persona models under $LAKE/models/; planted truth under $LAKE/truth/"
echo
echo "Look at any table: scripts/ganzhi sql --lake $LAKE \"SELECT reason_code, count(*) FROM quarantine.rejected_rows GROUP BY 1\""
