package org.ganzhi.catalog;

import org.ganzhi.common.Tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every table Ganzhi writes: meaning, grain, partitioning and columns (Spark SQL types as written;
 * meanings from {@link ColumnGlossary}). The source of the catalog's comments and of
 * docs/tables.md; CatalogLakeTest checks it against the tables a nightly run really writes.
 */
public final class TableDocs {
    private TableDocs() {
    }

    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("silver", "Accepted landing records, typed and pseudonymised: one table per source, plus the current state of each complaint ticket.");
        LAYERS.put("quarantine", "Landing rows that broke their source's contract, with the reason.");
        LAYERS.put("ops", "How the pipeline ran.");
        LAYERS.put("text", "What customers write (feedback feed): each text's language, words, category and sentiment.");
        LAYERS.put("features", "Behaviour and network measures per subscriber and cell, daily and over windows.");
        LAYERS.put("personas", "Who each subscriber is: behaviour persona, segment, lifecycle stage and value tier.");
        LAYERS.put("perception", "How each subscriber perceives the service: driver, dimension and index scores.");
        LAYERS.put("calibration", "Risk models: how well perception and behaviour predict what subscribers do next.");
        LAYERS.put("gold", "The reporting tables BI reads; aggregates withhold groups of fewer than ganzhi.publish.min-subscribers subscribers.");
    }

    public static List<String> layers() {
        return List.copyOf(LAYERS.keySet());
    }

    public static String layerDescription(String layer) {
        return LAYERS.getOrDefault(layer, "Tables of the " + layer + " layer.");
    }

    public static List<TableDoc> all() {
        return ALL;
    }

    public static Optional<TableDoc> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * A table from its columns in the form {@code "name type, name type"} (types as Spark's
     * simpleString); each column's comment comes from the glossary, empty when it has none.
     */
    private static TableDoc table(String name, String description, String grain, List<String> partitionedBy, String columns) {
        List<TableDoc.ColumnDoc> docs = new ArrayList<>();
        for (String column : topLevel(columns)) {
            int space = column.indexOf(' ');
            String columnName = column.substring(0, space);
            docs.add(new TableDoc.ColumnDoc(columnName, column.substring(space + 1).strip(),
                    ColumnGlossary.comment(name, columnName).orElse("")));
        }
        return new TableDoc(name, description, grain, partitionedBy, docs);
    }

    /** Splits at the commas outside angle brackets (struct and array types have their own). */
    static List<String> topLevel(String columns) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : columns.toCharArray()) {
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (!part.toString().isBlank()) {
            parts.add(part.toString().strip());
        }
        return parts;
    }

    // @formatter:off
    private static final List<TableDoc> ALL = List.of(
            table(Tables.silver("billing"),
                    "Monthly bills as accepted from the billing feed (amounts in CNY).",
                    "accepted bill", List.of("event_date"),
                    "bill_id string, msisdn string, cycle string, plan_id string, voice_charge double, data_charge double, "
                    + "vas_charge double, roaming_charge double, overage_charge double, discount double, total_due double, "
                    + "issue_date date, due_date date, paid_date date, paid_amount double, disputed boolean, credit boolean, "
                    + "event_date date, delivery_date date, source_file string"),
            table(Tables.silver("cell"),
                    "Daily snapshot of the radio cells: site, region, position, technology, band.",
                    "cell per snapshot day", List.of("snapshot_date"),
                    "cell_id string, site_id string, region string, lat double, lon double, rat string, band string, "
                    + "snapshot_date date, delivery_date date, source_file string"),
            table(Tables.silver("cell_outage"),
                    "Cell out-of-service alarms from the network management feed.",
                    "accepted outage alarm", List.of("event_date"),
                    "cell_id string, start_time timestamp, end_time timestamp, cause string, event_date date, "
                    + "delivery_date date, source_file string"),
            table(Tables.silver("complaint"),
                    "Complaint ticket states as they arrived (OPEN, ESCALATED, RESOLVED): the full state history.",
                    "state of a ticket as delivered", List.of("event_date"),
                    "ticket_id string, msisdn string, opened_at timestamp, channel string, category string, "
                    + "cell_id string, status string, updated_at timestamp, closed_at timestamp, promised_hours int, "
                    + "satisfaction int, event_date date, delivery_date date, source_file string"),
            table(Tables.COMPLAINT_TICKET,
                    "Latest state of each complaint ticket, merged from silver.complaint's state history.",
                    "complaint ticket", List.of(),
                    "ticket_id string, msisdn string, opened_at timestamp, channel string, category string, "
                    + "cell_id string, status string, updated_at timestamp, closed_at timestamp, promised_hours int, "
                    + "satisfaction int, states_seen bigint, was_escalated boolean"),
            table(Tables.silver("data_session"),
                    "Mobile data sessions as accepted from the data_session feed.",
                    "accepted data session", List.of("event_date"),
                    "record_id string, msisdn string, start_time timestamp, duration_s int, bytes_up bigint, "
                    + "bytes_down bigint, cell_id string, rat string, app_category string, throughput_kbps double, "
                    + "rtt_ms double, failed boolean, event_date date, delivery_date date, source_file string"),
            table(Tables.silver("feedback"),
                    "Customer feedback in the customer's words (reviews, comments, survey verbatims, hotline transcripts); numbers, e-mail addresses and self-introduced names in the text masked.",
                    "accepted feedback text", List.of("event_date"),
                    "feedback_id string, msisdn string, ts timestamp, channel string, product_id string, "
                    + "service_item string, rating int, language string, text string, agent_category string, "
                    + "event_date date, delivery_date date, source_file string"),
            table(Tables.FEEDBACK_TEXT,
                    "Each customer text read: detected language, terms, category (an agent's, else the text model's) and sentiment (lexicon and model).",
                    "feedback text", List.of("event_date"),
                    "feedback_id string, msisdn string, ts timestamp, channel string, product_id string, "
                    + "service_item string, rating int, declared_language string, language string, text string, "
                    + "terms array<string>, category string, category_source string, category_predicted string, "
                    + "category_probability double, sentiment_lexicon double, sentiment_model double, sentiment double, "
                    + "sentiment_label string, model_version string, text_spec string, event_date date, delivery_date date"),
            table(Tables.silver("outcome"),
                    "What the operator knows happened to a subscriber (CRM export): churn, port-out, complaint or low survey, by date.",
                    "accepted outcome", List.of("event_date"),
                    "msisdn string, outcome_date date, outcome_type string, event_date date, delivery_date date, "
                    + "source_file string"),
            table(Tables.silver("plan"),
                    "Daily snapshot of the tariff plans and their allowances.",
                    "plan per snapshot day", List.of("snapshot_date"),
                    "plan_id string, plan_name string, plan_type string, monthly_fee double, data_allowance_mb bigint, "
                    + "voice_allowance_min int, family_share boolean, snapshot_date date, delivery_date date, "
                    + "source_file string"),
            table(Tables.silver("product_event"),
                    "Product adoption events (campaign contact, inquiry, trial, subscription, use).",
                    "accepted product event", List.of("event_date"),
                    "event_id string, msisdn string, ts timestamp, product_id string, stage string, channel string, "
                    + "event_date date, delivery_date date, source_file string"),
            table(Tables.silver("service_interaction"),
                    "Contacts with customer service (hotline, store, online, app, social) as accepted from the service_interaction feed.",
                    "accepted service interaction", List.of("event_date"),
                    "interaction_id string, msisdn string, ts timestamp, channel string, service_item string, "
                    + "service_class string, handle_time_s int, outcome string, satisfaction int, event_date date, "
                    + "delivery_date date, source_file string"),
            table(Tables.silver("service_order"),
                    "Service orders (activation, install, repair, ...) with their promised and actual completion times.",
                    "accepted service order", List.of("event_date"),
                    "order_id string, msisdn string, order_type string, created_at timestamp, promised_at timestamp, "
                    + "completed_at timestamp, event_date date, delivery_date date, source_file string"),
            table(Tables.silver("subscriber"),
                    "Daily snapshot of the subscriber base: status, plan, region, device, age band.",
                    "subscriber per snapshot day", List.of("snapshot_date"),
                    "msisdn string, activation_date date, status string, plan_id string, plan_type string, region string, "
                    + "city string, device_model string, device_type string, age_band string, is_enterprise boolean, "
                    + "family_group_id string, snapshot_date date, delivery_date date, source_file string"),
            table(Tables.silver("survey"),
                    "Survey answers (0-10 scores) as accepted from the survey feed.",
                    "accepted survey answer", List.of("event_date"),
                    "msisdn string, ts timestamp, channel string, touchpoint string, score int, event_date date, "
                    + "delivery_date date, source_file string"),
            table(Tables.silver("voice_cdr"),
                    "Voice call records as accepted from the voice_cdr feed: typed, numbers pseudonymised, duplicates removed.",
                    "accepted call record", List.of("event_date"),
                    "record_id string, msisdn string, other_party string, direction string, start_time timestamp, "
                    + "duration_s int, cell_id string, rat string, end_cause string, mos double, roaming boolean, "
                    + "event_date date, delivery_date date, source_file string"),
            table(Tables.QUARANTINE,
                    "Every rejected landing row, with its reason and the (number-masked) raw record.",
                    "rejected landing row", List.of("delivery_date"),
                    "source string, delivery_date date, input_file string, reason_code string, reason string, "
                    + "raw_record string"),
            table(Tables.RUN_LOG,
                    "One row per command run (every command but the readers sql and status): what it did, for which date, how long it took, how it ended, with its JSON summary.",
                    "command run", List.of(),
                    "run_id string, command string, run_date date, status string, started_at timestamp, "
                    + "finished_at timestamp, seconds double, error string, summary string"),
            table(Tables.ERASURE_LOG,
                    "One row per subscriber erased on request ('ganzhi erase'): when, which tables held their rows and how many were deleted. "
                    + "Holds the pseudonym only, never the number.",
                    "erased subscriber per erasure", List.of(),
                    "erasure_id string, erased_at timestamp, pseudonym string, tables_touched array<string>, "
                    + "rows_deleted map<string,bigint>"),
            table(Tables.CELL_DAILY,
                    "Network KPIs, outages and complaints of one cell on one operator-local day.",
                    "cell and operator-local day", List.of("date"),
                    "cell_id string, date date, site_id string, region string, lat double, lon double, rat string, "
                    + "band string, known_cell boolean, subscribers bigint, call_attempts bigint, calls_connected bigint, calls_dropped bigint, "
                    + "calls_setup_failed bigint, mos_samples bigint, sessions bigint, sessions_failed bigint, "
                    + "throughput_samples bigint, low_throughput_sessions bigint, rtt_samples bigint, mos_sum double, "
                    + "throughput_kbps_sum double, rtt_ms_sum double, outages bigint, outage_minutes double, "
                    + "complaints_naming_cell bigint, network_complaints_home_subscribers bigint, home_subscribers bigint, "
                    + "drop_rate double, setup_failure_rate double, mos_mean double, data_failure_rate double, "
                    + "throughput_kbps_mean double, low_throughput_share double, rtt_ms_mean double"),
            table(Tables.SUBSCRIBER_DAILY,
                    "Behaviour of one subscriber on one operator-local day: counts and sums of calls, sessions, contacts, complaints, orders, bills and surveys, each rate next to its count.",
                    "subscriber and operator-local day", List.of("date"),
                    "msisdn string, date date, status string, plan_id string, calls_mo bigint, calls_mt bigint, "
                    + "minutes_mo double, minutes_mt double, calls_connected bigint, call_seconds_connected bigint, "
                    + "calls_dropped bigint, calls_setup_failed bigint, night_calls bigint, roaming_calls bigint, "
                    + "mos_sum double, mos_samples bigint, distinct_contacts bigint, sessions bigint, "
                    + "sessions_failed bigint, mb_up double, mb_down double, throughput_kbps_sum double, "
                    + "throughput_samples bigint, low_throughput_sessions bigint, rtt_ms_sum double, rtt_samples bigint, "
                    + "high_latency_sessions bigint, sessions_video bigint, mb_video double, sessions_social bigint, "
                    + "mb_social double, sessions_gaming bigint, mb_gaming double, sessions_browsing bigint, "
                    + "mb_browsing double, sessions_music bigint, mb_music double, sessions_maps bigint, mb_maps double, "
                    + "sessions_payment bigint, mb_payment double, sessions_other bigint, mb_other double, "
                    + "distinct_cells bigint, home_cell string, interactions bigint, "
                    + "interactions_item_bill_questions bigint, interactions_item_billing bigint, "
                    + "interactions_item_network bigint, interactions_item_product bigint, interactions_handling bigint, "
                    + "interactions_reminder bigint, interactions_query bigint, interactions_hotline bigint, "
                    + "interactions_store bigint, interactions_online bigint, interactions_app bigint, "
                    + "interactions_social bigint, interactions_failed bigint, interactions_transferred bigint, "
                    + "handle_time_s_sum double, handle_time_samples bigint, interaction_satisfaction_sum double, "
                    + "interaction_satisfaction_samples bigint, distinct_service_items bigint, surveys bigint, "
                    + "survey_score_sum double, survey_last_score int, complaints_opened bigint, "
                    + "complaints_opened_network bigint, complaints_open bigint, complaints_escalated bigint, "
                    + "complaints_resolved bigint, complaints_resolved_late bigint, complaint_resolution_hours_sum double, "
                    + "complaint_satisfaction_sum double, complaint_satisfaction_samples bigint, "
                    + "complaints_about_billing bigint, complaints_about_network bigint, complaints_about_process bigint, "
                    + "complaints_about_product bigint, "
                    + "complaints_about_service bigint, complaints_repeat bigint, orders_created bigint, "
                    + "orders_completed bigint, orders_completed_late bigint, orders_overdue_open bigint, "
                    + "bill_issue_date date, bill_total_due double, bill_overage_charge double, bill_vas_charge double, "
                    + "bill_discount double, bill_disputed boolean, bill_payment_delay_days int, calls bigint, "
                    + "minutes double, mb_total double, active boolean, drop_rate double, setup_failure_rate double, "
                    + "night_call_share double, mos_mean double, data_failure_rate double, throughput_kbps_mean double, "
                    + "rtt_ms_mean double"),
            table(Tables.SUBSCRIBER_WINDOW,
                    "7 / 30 / 90-day windows of features.subscriber_daily as of a date, with per-day figures, shares, trends against the previous window and attributes from the latest snapshot.",
                    "subscriber, as-of date and window length", List.of("as_of_date"),
                    "msisdn string, window_days int, observed_days bigint, active_days bigint, "
                    + "recent_active_days bigint, recent_usage_events bigint, calls_mo bigint, calls_mt bigint, calls_connected bigint, "
                    + "call_seconds_connected bigint, calls_dropped bigint, calls_setup_failed bigint, night_calls bigint, "
                    + "roaming_calls bigint, mos_samples bigint, distinct_contacts bigint, sessions bigint, "
                    + "sessions_failed bigint, throughput_samples bigint, low_throughput_sessions bigint, "
                    + "rtt_samples bigint, high_latency_sessions bigint, distinct_cells bigint, interactions bigint, "
                    + "interactions_handling bigint, interactions_reminder bigint, interactions_query bigint, "
                    + "interactions_hotline bigint, interactions_store bigint, interactions_online bigint, "
                    + "interactions_app bigint, interactions_social bigint, sessions_video bigint, sessions_social bigint, "
                    + "sessions_gaming bigint, sessions_browsing bigint, sessions_music bigint, sessions_maps bigint, "
                    + "sessions_payment bigint, sessions_other bigint, interactions_failed bigint, "
                    + "interactions_transferred bigint, handle_time_samples bigint, "
                    + "interaction_satisfaction_samples bigint, distinct_service_items bigint, complaints_opened bigint, "
                    + "complaints_opened_network bigint, complaints_repeat bigint, complaints_escalated bigint, "
                    + "complaints_resolved bigint, complaints_resolved_late bigint, complaint_satisfaction_samples bigint, "
                    + "orders_created bigint, orders_completed bigint, orders_completed_late bigint, surveys bigint, "
                    + "minutes_mo double, minutes_mt double, mb_up double, mb_down double, mb_video double, "
                    + "mb_social double, mb_gaming double, mb_browsing double, mb_music double, mb_maps double, "
                    + "mb_payment double, mb_other double, interactions_item_bill_questions bigint, "
                    + "interactions_item_billing bigint, interactions_item_network bigint, "
                    + "interactions_item_product bigint, complaints_about_billing bigint, complaints_about_network bigint, "
                    + "complaints_about_process bigint, complaints_about_product bigint, complaints_about_service bigint, "
                    + "mos_sum double, throughput_kbps_sum double, rtt_ms_sum double, handle_time_s_sum double, "
                    + "interaction_satisfaction_sum double, complaint_resolution_hours_sum double, "
                    + "complaint_satisfaction_sum double, survey_score_sum double, calling_days bigint, home_cell string, "
                    + "survey_last_score int, bill_issue_date date, bill_overage_charge double, calls bigint, "
                    + "minutes double, orders_overdue_open bigint, bill_total_due double, complaints_open bigint, "
                    + "bill_disputed boolean, bill_vas_charge double, mb_total double, bill_payment_delay_days int, "
                    + "bill_discount double, session_share_payment double, session_share_other double, "
                    + "mb_share_social double, mean_call_duration_s double, session_share_gaming double, "
                    + "mb_share_other double, mb_share_payment double, voice_minutes_share double, "
                    + "data_failure_rate double, complaint_satisfaction_mean double, minutes_per_day double, "
                    + "interaction_satisfaction_mean double, low_throughput_share double, session_share_maps double, "
                    + "survey_score_mean double, interactions_per_day double, mo_call_share double, mb_share_music double, "
                    + "calls_per_day double, traditional_channel_share double, drop_rate double, mb_share_browsing double, "
                    + "night_call_share double, contacts_per_calling_day double, sessions_per_day double, "
                    + "mb_share_gaming double, setup_failure_rate double, high_latency_share double, "
                    + "session_share_social double, complaint_resolution_hours_mean double, mb_share_video double, "
                    + "mb_share_maps double, throughput_kbps_mean double, session_share_video double, "
                    + "interaction_failure_rate double, session_share_browsing double, mos_mean double, "
                    + "rtt_ms_mean double, mb_per_day double, handle_time_s_mean double, session_share_music double, "
                    + "calls_trend double, active_days_trend double, minutes_trend double, mb_total_trend double, "
                    + "sessions_trend double, interactions_trend double, days_since_active bigint, expected_recent_usage double, usage_retention double, "
                    + "as_of_date date, plan_id string, attributes_as_of date, status string, activation_date date, "
                    + "plan_type string, region string, city string, device_model string, device_type string, "
                    + "age_band string, is_enterprise boolean, family_group_id string, plan_monthly_fee double, "
                    + "plan_data_allowance_mb bigint, plan_voice_allowance_min int, arpu double, arpu_bills bigint, "
                    + "tenure_days int, known_subscriber boolean, plan_data_use_ratio double, plan_voice_use_ratio double"),
            table(Tables.SEGMENT_PROFILE,
                    "Each behaviour segment's size, main persona and mean profile, per model version and date.",
                    "segment and date", List.of("date"),
                    "segment_id int, date date, segment string, subscribers bigint, arpu_mean double, "
                    + "mean_age_years double, mean_bill_discount double, mean_bill_vas_charge double, "
                    + "mean_contacts_per_calling_day double, mean_device_5g double, mean_distinct_service_items double, "
                    + "mean_feature_phone double, mean_interactions_handling double, mean_interactions_item_billing double, "
                    + "mean_interactions_item_product double, mean_interactions_per_day double, "
                    + "mean_interactions_reminder double, mean_mb_per_day double, mean_mean_call_duration_s double, "
                    + "mean_minutes_per_day double, mean_plan_monthly_fee double, mean_prepaid double, "
                    + "mean_session_share_gaming double, mean_session_share_music double, mean_session_share_payment double, "
                    + "mean_session_share_social double, mean_session_share_video double, mean_surveys double, "
                    + "mean_traditional_channel_share double, share double, main_persona string, main_persona_share double, "
                    + "model_version string"),
            table(Tables.SUBSCRIBER_PROFILE,
                    "Persona, persona affinities, behaviour segment, lifecycle stage and value tier of each subscriber, as of a date.",
                    "subscriber and date", List.of("date"),
                    "msisdn string, date date, persona string, persona_affinity double, affinity_data double, "
                    + "affinity_voice double, affinity_product double, affinity_network double, affinity_price double, "
                    + "affinity_service double, why array<struct<feature:string,value:double,z:double,contribution:double>>, "
                    + "persona_kept boolean, segment_id int, segment string, segment_kept boolean, lifecycle_stage string, "
                    + "lifecycle_reason string, value_tier string, arpu double, arpu_source string, tier_low_arpu double, "
                    + "tier_high_arpu double, tenure_days int, status string, region string, plan_id string, "
                    + "device_type string, age_band string, home_cell string, model_version string, persona_spec string, "
                    + "feature_age_years double, feature_bill_discount double, feature_bill_vas_charge double, "
                    + "feature_contacts_per_calling_day double, feature_device_5g double, "
                    + "feature_distinct_service_items double, feature_feature_phone double, "
                    + "feature_interactions_handling double, feature_interactions_item_billing double, "
                    + "feature_interactions_item_product double, feature_interactions_per_day double, "
                    + "feature_interactions_reminder double, feature_mb_per_day double, feature_mean_call_duration_s double, "
                    + "feature_minutes_per_day double, feature_plan_monthly_fee double, feature_prepaid double, "
                    + "feature_session_share_gaming double, feature_session_share_music double, "
                    + "feature_session_share_payment double, feature_session_share_social double, "
                    + "feature_session_share_video double, feature_surveys double, feature_traditional_channel_share double"),
            table(Tables.SUBSCRIBER_SCORE,
                    "Perception of each subscriber as of a date: driver measures and scores, dimension scores, perception index and level, top detractors and the demarcation of a poor experience.",
                    "subscriber and date", List.of("date"),
                    "msisdn string, date date, persona string, segment string, lifecycle_stage string, "
                    + "value_tier string, region string, home_cell string, device_model string, perception_index double, "
                    + "experience_level string, index_confidence double, index_samples bigint, complaint_points double, "
                    + "feedback_points double, "
                    + "network_score double, network_confidence double, network_samples bigint, service_score double, "
                    + "service_confidence double, service_samples bigint, process_score double, process_confidence double, "
                    + "process_samples bigint, billing_score double, billing_confidence double, billing_samples bigint, "
                    + "product_score double, product_confidence double, product_samples bigint, "
                    + "top_detractors array<struct<driver:string,dimension:string,value:double,score:double,points_lost:double>>, "
                    + "detractor_dimensions array<struct<dimension:string,points_lost:double>>, "
                    + "negative_feedback array<struct<feedback_id:string,dimension:string>>, "
                    + "drivers_missing array<string>, dimensions_missing array<string>, demarcation string, "
                    + "demarcation_dimension string, peer_cell_subscribers bigint, peer_cell_poor_share double, "
                    + "peer_device_subscribers bigint, peer_device_poor_share double, population_poor_share double, "
                    + "voice_lean double, bill_disputed_value double, bill_disputed_score double, "
                    + "bill_disputed_confidence double, bill_disputed_samples bigint, bill_questions_value double, "
                    + "bill_questions_score double, bill_questions_confidence double, bill_questions_samples bigint, "
                    + "bill_shock_ratio_value double, bill_shock_ratio_score double, bill_shock_ratio_confidence double, "
                    + "bill_shock_ratio_samples bigint, call_drop_rate_value double, call_drop_rate_score double, "
                    + "call_drop_rate_confidence double, call_drop_rate_samples bigint, "
                    + "call_setup_failure_rate_value double, call_setup_failure_rate_score double, "
                    + "call_setup_failure_rate_confidence double, call_setup_failure_rate_samples bigint, "
                    + "data_failure_rate_value double, data_failure_rate_score double, "
                    + "data_failure_rate_confidence double, data_failure_rate_samples bigint, "
                    + "device_plan_mismatch_value double, device_plan_mismatch_score double, "
                    + "device_plan_mismatch_confidence double, device_plan_mismatch_samples bigint, "
                    + "handle_time_s_value double, handle_time_s_score double, handle_time_s_confidence double, "
                    + "handle_time_s_samples bigint, interaction_failure_rate_value double, "
                    + "interaction_failure_rate_score double, interaction_failure_rate_confidence double, "
                    + "interaction_failure_rate_samples bigint, interaction_satisfaction_value double, "
                    + "interaction_satisfaction_score double, interaction_satisfaction_confidence double, "
                    + "interaction_satisfaction_samples bigint, late_order_share_value double, "
                    + "late_order_share_score double, late_order_share_confidence double, late_order_share_samples bigint, "
                    + "latency_ms_value double, latency_ms_score double, latency_ms_confidence double, "
                    + "latency_ms_samples bigint, outage_minutes_per_day_value double, "
                    + "outage_minutes_per_day_score double, outage_minutes_per_day_confidence double, "
                    + "outage_minutes_per_day_samples bigint, overage_share_value double, overage_share_score double, "
                    + "overage_share_confidence double, overage_share_samples bigint, plan_data_use_ratio_value double, "
                    + "plan_data_use_ratio_score double, plan_data_use_ratio_confidence double, "
                    + "plan_data_use_ratio_samples bigint, "
                    + "plan_voice_use_ratio_value double, "
                    + "plan_voice_use_ratio_score double, plan_voice_use_ratio_confidence double, "
                    + "plan_voice_use_ratio_samples bigint, product_contacts_value double, product_contacts_score double, "
                    + "product_contacts_confidence double, product_contacts_samples bigint, throughput_kbps_value double, "
                    + "throughput_kbps_score double, throughput_kbps_confidence double, throughput_kbps_samples bigint, "
                    + "usage_retention_value double, usage_retention_score double, usage_retention_confidence double, "
                    + "usage_retention_samples bigint, voice_mos_value double, voice_mos_score double, "
                    + "voice_mos_confidence double, voice_mos_samples bigint, perception_spec string"),
            table(Tables.CALIBRATION_REPORT,
                    "Per calibrate run and outcome: how well the risk model predicts it (AUC, lift, reliability), its coefficients or importances, the index's AUC, the proposed weights and what a complaint point is worth.",
                    "calibrate run and outcome", List.of("run_date"),
                    "run_date date, run_id string, created_at timestamp, outcome string, label string, horizon_days int, "
                    + "perception_spec string, calibrate_spec string, model_version string, algorithm string, train_from date, "
                    + "train_to date, test_from date, test_to date, train_dates int, test_dates int, train_examples bigint, "
                    + "train_positives bigint, test_examples bigint, test_positives bigint, auc double, "
                    + "top_decile_lift double, index_auc double, current_weights_auc double, proposed_weights_auc double, "
                    + "intercept double, coefficients array<struct<feature:string,coefficient:double>>, "
                    + "importances array<struct<feature:string,importance:double>>, "
                    + "proposed_weights array<struct<level:string,name:string,dimension:string,current_weight:double,proposed_weight:double>>, "
                    + "reliability array<struct<bin:int,examples:bigint,mean_predicted:double,observed_rate:double>>, "
                    + "complaint_point_worth double, note string"),
            table(Tables.FEEDBACK_INSIGHT,
                    "What customers wrote in the window (text.feedback), per week, category, product or service item and channel: volume, negative share, ratings, top and emerging phrases, texts to read.",
                    "week × category × item × channel", List.of("date"),
                    "window_start date, window_end date, week_start date, category string, item string, channel string, "
                    + "texts bigint, subscribers bigint, anonymous_texts bigint, negative_texts bigint, negative_share double, "
                    + "sentiment_mean double, ratings bigint, rating_mean double, top_phrases array<string>, "
                    + "emerging_phrases array<string>, example_ids array<string>, redacted boolean, date date"),
            table(Tables.PRODUCT_PERCEPTION,
                    "How each product is perceived on the eight validation dimensions (article 000) before and after launch, with the customers' texts and adoption after launch and a launch gate for products in validation.",
                    "product × phase × dimension", List.of("date"),
                    "validation_start date, validation_end date, product_id string, phase string, dimension string, "
                    + "evaluations bigint, customer_evaluations bigint, mean_score double, low_share double, target double, "
                    + "gap double, below_threshold boolean, weakest_dimensions array<string>, feedback_texts bigint, "
                    + "negative_feedback_share double, adopters bigint, adoption_conversion double, "
                    + "predicted_negative_share double, launch_gate string, gate_reasons array<string>, date date"),
            table(Tables.silver("product_validation"),
                    "Product perception validations: one evaluation of a product on the eight dimensions, before or after launch.",
                    "accepted evaluation", List.of("event_date"),
                    "evaluation_id string, product_id string, phase string, method string, evaluator_kind string, "
                    + "evaluated_at timestamp, conciseness int, accuracy int, consistency int, operability int, "
                    + "convenience int, speed int, interactivity int, attention int, comment string, event_date date, "
                    + "delivery_date date, source_file string"),
            table(Tables.ADOPTION_FUNNEL,
                    "Subscribers reaching each stage of a product's adoption funnel over the window, with conversions.",
                    "product and funnel stage", List.of("date"),
                    "window_start date, window_end date, product_id string, stage string, stage_order int, "
                    + "subscribers bigint, conversion_from_previous double, conversion_from_awareness double, events bigint, "
                    + "redacted boolean, date date"),
            table(Tables.CELL_EXPERIENCE,
                    "Network KPIs of each cell over the window next to complaints and poor-experience subscribers, with ranked hot spots.",
                    "cell and window", List.of("date"),
                    "window_start date, window_end date, cell_id string, site_id string, region string, lat double, "
                    + "lon double, rat string, band string, reported_days bigint, call_attempts bigint, "
                    + "calls_connected bigint, calls_dropped bigint, drop_rate double, calls_setup_failed bigint, "
                    + "setup_failure_rate double, mos_mean double, mos_samples bigint, sessions bigint, "
                    + "sessions_failed bigint, data_failure_rate double, throughput_kbps_mean double, "
                    + "throughput_samples bigint, low_throughput_sessions bigint, low_throughput_share double, "
                    + "rtt_ms_mean double, rtt_samples bigint, outages bigint, outage_minutes double, "
                    + "outage_minutes_per_day double, complaints_naming_cell bigint, "
                    + "network_complaints_home_subscribers bigint, home_subscribers bigint, poor_subscribers bigint, "
                    + "poor_share double, hot_spot_eligible boolean, hot_spot_rank int, hot_spot boolean, redacted boolean, "
                    + "date date"),
            table(Tables.CHANNEL_EXPERIENCE,
                    "Use and satisfaction of each service channel by age band over the window, traditional vs digital.",
                    "channel and age band", List.of("date"),
                    "window_start date, window_end date, channel string, age_band string, channel_kind string, "
                    + "interactions bigint, subscribers bigint, age_band_interaction_share double, satisfaction_mean double, "
                    + "satisfaction_answers bigint, redacted boolean, date date"),
            table(Tables.COMMITMENT_COMPLIANCE,
                    "Whether promised completion times of service orders due in the window were kept, per order type.",
                    "service order type", List.of("date"),
                    "window_start date, window_end date, order_type string, orders_due bigint, subscribers bigint, "
                    + "completed_within_promise bigint, completed_late bigint, open_past_promise bigint, "
                    + "within_promise_share double, late_hours_mean double, redacted boolean, date date"),
            table(Tables.COMPLAINT_INSIGHT,
                    "Complaint tickets opened in the window: volume, resolution, broken promises, repeats, escalations and satisfaction.",
                    "complaint category, channel and region", List.of("date"),
                    "window_start date, window_end date, category string, channel string, region string, tickets bigint, "
                    + "subscribers bigint, resolved_tickets bigint, resolution_hours_mean double, "
                    + "resolved_late_tickets bigint, resolved_late_share double, open_overdue_tickets bigint, "
                    + "open_overdue_share double, repeat_tickets bigint, repeat_rate double, escalated_tickets bigint, "
                    + "escalated_share double, satisfaction_mean double, satisfaction_answers bigint, redacted boolean, "
                    + "date date"),
            table(Tables.REGION_SCORECARD,
                    "Perception KPIs per region of the subscribers scored on the date, each against its target, with the regions ranked.",
                    "date and region", List.of("date"),
                    "date date, region string, subscribers bigint, scored_subscribers bigint, "
                    + "perception_index_mean double, poor_subscribers bigint, poor_share double, high_subscribers bigint, "
                    + "high_share double, network_score_mean double, service_score_mean double, process_score_mean double, "
                    + "billing_score_mean double, product_score_mean double, perception_index_mean_target double, "
                    + "perception_index_mean_gap double, perception_index_mean_met boolean, poor_share_target double, "
                    + "poor_share_gap double, poor_share_met boolean, high_share_target double, high_share_gap double, "
                    + "high_share_met boolean, network_score_mean_target double, network_score_mean_gap double, "
                    + "network_score_mean_met boolean, service_score_mean_target double, service_score_mean_gap double, "
                    + "service_score_mean_met boolean, process_score_mean_target double, process_score_mean_gap double, "
                    + "process_score_mean_met boolean, billing_score_mean_target double, billing_score_mean_gap double, "
                    + "billing_score_mean_met boolean, product_score_mean_target double, product_score_mean_gap double, "
                    + "product_score_mean_met boolean, rank int, redacted boolean"),
            table(Tables.SEGMENT_SUMMARY,
                    "Perception distribution by persona, value tier, lifecycle stage and region of the subscribers scored on the date.",
                    "date, persona, value tier, lifecycle stage and region", List.of("date"),
                    "date date, persona string, value_tier string, lifecycle_stage string, region string, "
                    + "subscribers bigint, scored_subscribers bigint, perception_index_mean double, "
                    + "perception_index_p10 double, network_score_mean double, network_score_p10 double, "
                    + "service_score_mean double, service_score_p10 double, process_score_mean double, "
                    + "process_score_p10 double, billing_score_mean double, billing_score_p10 double, "
                    + "product_score_mean double, product_score_p10 double, negative_subscribers bigint, "
                    + "negative_share double, none_subscribers bigint, none_share double, low_subscribers bigint, "
                    + "low_share double, medium_subscribers bigint, medium_share double, high_subscribers bigint, "
                    + "high_share double, redacted boolean"),
            table(Tables.SERVICE_DEMAND_RANKING,
                    "Service items ranked within their class by attention (subscribers) and frequency (interactions) over the window.",
                    "service class and service item", List.of("date"),
                    "window_start date, window_end date, service_class string, service_item string, interactions bigint, "
                    + "subscribers bigint, rank_by_attention int, rank_by_frequency int, class_interaction_share double, "
                    + "failed_interactions bigint, failed_share double, handle_time_s_mean double, "
                    + "handle_time_samples bigint, redacted boolean, date date"),
            table(Tables.SUBSCRIBER_PERCEPTION,
                    "One row per pseudonymised subscriber scored on the date: profile, dimension scores, perception index and level, detractors, demarcation, complaint and churn risk with their reasons; for targeted care (not redacted).",
                    "subscriber scored on the date", List.of("date"),
                    "msisdn string, date date, persona string, segment string, lifecycle_stage string, "
                    + "value_tier string, region string, home_cell string, device_model string, network_score double, "
                    + "network_confidence double, network_samples bigint, service_score double, service_confidence double, "
                    + "service_samples bigint, process_score double, process_confidence double, process_samples bigint, "
                    + "billing_score double, billing_confidence double, billing_samples bigint, product_score double, "
                    + "product_confidence double, product_samples bigint, perception_index double, "
                    + "experience_level string, index_confidence double, index_samples bigint, complaint_points double, "
                    + "top_detractors array<struct<driver:string,dimension:string,value:double,score:double,points_lost:double>>, "
                    + "detractor_dimensions array<struct<dimension:string,points_lost:double>>, demarcation string, "
                    + "demarcation_dimension string, drivers_missing array<string>, dimensions_missing array<string>, "
                    + "complaint_risk double, complaint_model_version string, "
                    + "complaint_reasons array<struct<input:string,value:double,contribution:double>>, churn_risk double, "
                    + "churn_model_version string, churn_reasons array<struct<input:string,value:double,contribution:double>>, "
                    + "perception_spec string")

    );
    // @formatter:on
}
