-- Registers every gold table of a Ganzhi lake in Trino's "delta" catalog (run once, with
-- the Trino CLI: trino --file register-gold.sql). Replace file:///data/ganzhi/lake by the lake's
-- location (the directory given to --lake), e.g. hdfs://nameservice/ganzhi/lake.
CREATE SCHEMA IF NOT EXISTS delta.gold;
CALL delta.system.register_table(schema_name => 'gold', table_name => 'subscriber_perception', table_location => 'file:///data/ganzhi/lake/gold/subscriber_perception');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'segment_summary', table_location => 'file:///data/ganzhi/lake/gold/segment_summary');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'region_scorecard', table_location => 'file:///data/ganzhi/lake/gold/region_scorecard');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'cell_experience', table_location => 'file:///data/ganzhi/lake/gold/cell_experience');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'complaint_insight', table_location => 'file:///data/ganzhi/lake/gold/complaint_insight');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'service_demand_ranking', table_location => 'file:///data/ganzhi/lake/gold/service_demand_ranking');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'channel_experience', table_location => 'file:///data/ganzhi/lake/gold/channel_experience');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'commitment_compliance', table_location => 'file:///data/ganzhi/lake/gold/commitment_compliance');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'adoption_funnel', table_location => 'file:///data/ganzhi/lake/gold/adoption_funnel');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'feedback_insight', table_location => 'file:///data/ganzhi/lake/gold/feedback_insight');
CALL delta.system.register_table(schema_name => 'gold', table_name => 'product_perception', table_location => 'file:///data/ganzhi/lake/gold/product_perception');
