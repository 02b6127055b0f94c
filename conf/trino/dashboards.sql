-- The queries a perception dashboard runs on the gold tables, in Trino SQL (they also run
-- unchanged in Spark SQL). TrinoReadsGoldTest runs each one in Trino and in Spark and compares
-- the answers; ${date} is the night shown. One query per statement, each after a "-- name:" line.

-- name: segment mix
SELECT persona, sum(subscribers) AS subscribers,
       sum(CASE WHEN NOT redacted THEN perception_index_mean * scored_subscribers END)
         / sum(CASE WHEN NOT redacted THEN scored_subscribers END) AS perception_index_mean
FROM delta.gold.segment_summary
WHERE date = DATE '${date}'
GROUP BY persona
ORDER BY subscribers DESC, persona;

-- name: worst cells
SELECT cell_id, region, calls_connected, calls_dropped, drop_rate, hot_spot_eligible, hot_spot_rank,
       home_subscribers, poor_share
FROM delta.gold.cell_experience
WHERE date = DATE '${date}' AND calls_connected > 0
ORDER BY drop_rate DESC, cell_id
LIMIT 10;

-- name: complaint trend
SELECT date, category, sum(tickets) AS tickets, count(*) AS groups,
       sum(CASE WHEN redacted THEN 1 ELSE 0 END) AS redacted_groups, max(repeat_rate) AS worst_repeat_rate
FROM delta.gold.complaint_insight
WHERE date <= DATE '${date}'
GROUP BY date, category
ORDER BY date, category;

-- name: region ranking
SELECT rank, region, subscribers, perception_index_mean, poor_share, poor_share_target, poor_share_met, redacted
FROM delta.gold.region_scorecard
WHERE date = DATE '${date}'
ORDER BY rank;

-- name: care list
SELECT experience_level, demarcation, count(*) AS subscribers, avg(complaint_risk) AS complaint_risk_mean
FROM delta.gold.subscriber_perception
WHERE date = DATE '${date}'
GROUP BY experience_level, demarcation
ORDER BY experience_level, demarcation;

-- name: top service demand
SELECT service_class, service_item, subscribers, rank_by_attention
FROM delta.gold.service_demand_ranking
WHERE date = DATE '${date}' AND rank_by_attention <= 5
ORDER BY service_class, rank_by_attention;

-- name: channel mix
SELECT channel_kind, channel, sum(interactions) AS interactions, avg(satisfaction_mean) AS satisfaction_mean
FROM delta.gold.channel_experience
WHERE date = DATE '${date}'
GROUP BY channel_kind, channel
ORDER BY channel_kind, channel;

-- name: promises kept
SELECT order_type, orders_due, within_promise_share, late_hours_mean, redacted
FROM delta.gold.commitment_compliance
WHERE date = DATE '${date}'
ORDER BY order_type;

-- name: adoption funnel
SELECT product_id, stage, subscribers, conversion_from_previous, conversion_from_awareness
FROM delta.gold.adoption_funnel
WHERE date = DATE '${date}'
ORDER BY product_id, stage_order;

-- name: what customers write
-- Withheld groups (redacted) count as groups but add no texts: sums cover the published groups.
SELECT category, count(*) AS groups, sum(CASE WHEN redacted THEN 1 ELSE 0 END) AS withheld_groups,
       sum(texts) AS texts, sum(negative_texts) AS negative_texts
FROM delta.gold.feedback_insight
WHERE date = DATE '${date}'
GROUP BY category
ORDER BY category;

-- name: launch gate
SELECT product_id, dimension, evaluations, mean_score, low_share, below_threshold, launch_gate
FROM delta.gold.product_perception
WHERE date = DATE '${date}' AND phase = 'PRE_LAUNCH'
ORDER BY product_id, dimension;
