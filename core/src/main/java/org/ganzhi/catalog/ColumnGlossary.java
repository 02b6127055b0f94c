package org.ganzhi.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * What each column means, with its unit: the one place column comments are written. A column
 * named the same in several tables means the same in each (subscriber_id, date, drop_rate), so
 * most meanings are shared; families of columns built from a list (one per app, driver, persona)
 * are described once by a pattern; a table-specific entry wins where a name needs more.
 */
final class ColumnGlossary {
    private ColumnGlossary() {
    }

    /** A family of columns: the pattern's groups fill $1, $2 of the comment; {@code table} null = any table. */
    private record Rule(String table, Pattern pattern, String comment) {
        Optional<String> apply(String tableName, String column) {
            if (table != null && !table.equals(tableName)) {
                return Optional.empty();
            }
            Matcher m = pattern.matcher(column);
            if (!m.matches()) {
                return Optional.empty();
            }
            String text = comment;
            for (int g = m.groupCount(); g >= 1; g--) {
                text = text.replace("$" + g, m.group(g));
            }
            return Optional.of(text);
        }
    }

    private static Rule rule(String regex, String comment) {
        return new Rule(null, Pattern.compile(regex), comment);
    }

    private static Rule rule(String table, String regex, String comment) {
        return new Rule(table, Pattern.compile(regex), comment);
    }

    /** The comment of {@code column} in {@code table}, if the glossary knows it. */
    static Optional<String> comment(String table, String column) {
        String specific = BY_TABLE.get(table + "." + column);
        if (specific != null) {
            return Optional.of(specific);
        }
        String shared = SHARED.get(column);
        if (shared != null) {
            return Optional.of(shared);
        }
        for (Rule rule : FAMILIES) {
            Optional<String> text = rule.apply(table, column);
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    // @formatter:off
    private static final Map<String, String> BY_TABLE = Map.ofEntries(
        entry("silver.complaint.status", "state of the ticket in this record: OPEN, ESCALATED or RESOLVED"),
        entry("silver.complaint_ticket.status", "latest state of the ticket: OPEN, ESCALATED or RESOLVED"),
        entry("silver.complaint_ticket.updated_at", "when the latest state was recorded (UTC instant)"),
        entry("silver.complaint_ticket.states_seen", "states of the ticket received so far (count)"),
        entry("silver.complaint_ticket.was_escalated", "true when any state of the ticket was ESCALATED"),
        entry("silver.cell.region", "region the cell is in"),
        entry("silver.cell.rat", "radio access technology of the cell (2G, 3G, 4G, 5G)"),
        entry("silver.data_session.rat", "radio access technology of the session (2G, 3G, 4G, 5G)"),
        entry("silver.data_session.duration_s", "duration of the session (seconds)"),
        entry("silver.voice_cdr.duration_s", "duration of the call (seconds)"),
        entry("silver.outcome.outcome_date", "operator-local day the outcome happened"),
        entry("silver.outcome.outcome_type", "what happened: CHURN, PORT_OUT (left for another operator), COMPLAINT or LOW_SURVEY"),
        entry("silver.survey.channel", "channel the survey was answered on: SMS, IVR, APP or WEB"),
        entry("silver.product_event.channel", "channel of the event: SMS, APP, STORE, HOTLINE or ONLINE"),
        entry("gold.feedback_insight.texts", "texts of the group in the window (count)"),
        entry("gold.feedback_insight.subscribers", "distinct known writers of the group's texts (count, exact; anonymous texts count none)"),
        entry("gold.feedback_insight.channel", "where the texts were written: APP_STORE, APP, WEB, SOCIAL, SURVEY or HOTLINE"),
        entry("silver.feedback.channel", "where the text was written: APP_STORE, APP, WEB, SOCIAL, SURVEY or HOTLINE (a transcript)"),
        entry("silver.feedback.msisdn", "subscriber pseudonym of the writer (HMAC-SHA256 of the E.164 number); null for an anonymous review"),
        entry("silver.feedback.language", "language the channel declared: ZH, EN or MIXED (null when it declared none)"),
        entry("silver.feedback.text", "the text as written, numbers, e-mail addresses and self-introduced names masked"),
        entry("silver.feedback.service_item", "service catalogue item the text is about, when the channel knows it"),
        entry("text.feedback.channel", "where the text was written: APP_STORE, APP, WEB, SOCIAL, SURVEY or HOTLINE (a transcript)"),
        entry("text.feedback.msisdn", "subscriber pseudonym of the writer; null for an anonymous review"),
        entry("text.feedback.service_item", "service catalogue item the text is about, when the channel knows it"),
        entry("text.feedback.text", "the text cleaned (HTML removed, full-width forms folded, whitespace collapsed), masked as in silver"),
        entry("text.feedback.language", "language detected from the text's letters: ZH, EN, MIXED or UNKNOWN (no letters)"),
        entry("text.feedback.category", "dimension the text is about (ganzhi.text.categories): the agent's label, else the model's"),
        entry("text.feedback.category_source", "AGENT (an agent categorised the transcript) or MODEL; null when the text has no words"),
        entry("text.feedback.sentiment", "-1 (negative) .. 1 (positive): ganzhi.text.sentiment.lexicon-weight x lexicon + the rest x model"),
        entry("text.feedback.sentiment_label", "NEGATIVE, NEUTRAL or POSITIVE: sentiment against ganzhi.text.sentiment.threshold"),
        entry("text.feedback.model_version", "text model that scored the text (models/text/vNNNN)"),
        entry("silver.subscriber.status", "subscription status: ACTIVE, SUSPENDED or CHURNED"),
        entry("silver.subscriber.region", "the subscriber's region"),
        entry("silver.subscriber.age_band", "the subscriber's age band (18-24 .. 65+)"),
        entry("ops.run_log.run_id", "unique id of the run (UUID; a backfill's nights also name it in their summary)"),
        entry("ops.run_log.command", "the CLI command that ran (ingest, nightly, publish, ...)"),
        entry("ops.run_log.run_date", "the --date the command ran for (null for commands without one)"),
        entry("ops.run_log.status", "SUCCEEDED or FAILED"),
        entry("ops.run_log.started_at", "when the run started (UTC instant)"),
        entry("ops.run_log.finished_at", "when the run ended (UTC instant)"),
        entry("ops.run_log.seconds", "wall-clock duration of the run (seconds)"),
        entry("ops.run_log.error", "first line of the error of a failed run (null when it succeeded)"),
        entry("ops.run_log.summary", "the run's JSON summary, as printed on stdout"),
        entry("calibration.report.run_date", "the --date of the calibrate run (last day an outcome may fall on)"),
        entry("calibration.report.run_id", "id of the calibrate run (ops.run_log.run_id)"),
        entry("calibration.report.created_at", "when the row was written (UTC instant)"),
        entry("calibration.report.outcome", "the predicted outcome: complaint, low survey score or churn"),
        entry("calibration.report.label", "the label column the outcome was fitted on"),
        entry("calibration.report.horizon_days", "days after a scoring date in which the outcome is looked for (days)"),
        entry("calibration.report.calibrate_spec", "hash of the ganzhi.calibrate configuration of the run"),
        entry("calibration.report.model_version", "version of the outcome's risk model saved by the run (models/risk/<outcome>/vNNNN; null when none was saved)"),
        entry("calibration.report.train_from", "first scoring date of the training examples"),
        entry("calibration.report.train_to", "last scoring date of the training examples"),
        entry("calibration.report.test_from", "first scoring date of the test examples"),
        entry("calibration.report.test_to", "last scoring date of the test examples"),
        entry("calibration.report.train_dates", "scoring dates in the training range (count)"),
        entry("calibration.report.test_dates", "scoring dates in the test range (count)"),
        entry("calibration.report.train_examples", "labelled subscriber-dates used for training (count)"),
        entry("calibration.report.train_positives", "of those, with the outcome (count)"),
        entry("calibration.report.test_examples", "labelled subscriber-dates used for testing (count)"),
        entry("calibration.report.test_positives", "of those, with the outcome (count)"),
        entry("calibration.report.auc", "area under the ROC curve of the risk model on the test examples (0..1; 0.5 = chance)"),
        entry("calibration.report.top_decile_lift", "outcome rate of the 10 % highest-risk test examples / the overall rate (ratio)"),
        entry("calibration.report.index_auc", "AUC of the stored perception index alone (lower index = higher risk) (0..1)"),
        entry("calibration.report.current_weights_auc", "AUC of an index recomputed with the current weights (0..1)"),
        entry("calibration.report.proposed_weights_auc", "AUC of an index recomputed with the proposed weights (0..1)"),
        entry("calibration.report.algorithm", "the risk model: logistic (regression) or gbt (gradient-boosted trees)"),
        entry("calibration.report.intercept", "intercept of the risk model's logistic regression (log-odds; null for gbt)"),
        entry("calibration.report.importances", "gbt only: each feature's share of the trees' gain (feature, importance 0..1)"),
        entry("calibration.report.coefficients", "logistic only: coefficient of each risk model feature (feature, log-odds per unit of the feature; <input>_missing: having no value)"),
        entry("calibration.report.proposed_weights", "proposed driver and dimension weights next to the current ones (level, name, dimension, current_weight, proposed_weight)"),
        entry("calibration.report.reliability", "calibration curve of the risk model on the test examples: per decile of predicted risk (bin 1 lowest) its examples, mean predicted probability and observed rate"),
        entry("calibration.report.complaint_point_worth", "index points one point of complaint cost is worth for the outcome, fitted on the training examples (1 = the configured complaint-cost is right; null when it cannot be told)"),
        entry("calibration.report.note", "why a result is missing or weak (too few positives, ...), else null"),
        entry("features.cell_daily.region", "region the cell is in"),
        entry("features.cell_daily.rat", "radio access technology of the cell"),
        entry("features.cell_daily.subscribers", "distinct subscribers who used the cell that day (count, exact)"),
        entry("features.cell_daily.home_subscribers", "subscribers whose home cell it was that day (count, exact)"),
        entry("gold.cell_experience.region", "region the cell is in (UNKNOWN without a snapshot)"),
        entry("gold.cell_experience.rat", "radio access technology of the cell"),
        entry("gold.cell_experience.home_subscribers", "subscribers scored on the run date whose home cell it is (count, exact)"),
        entry("gold.cell_experience.poor_subscribers", "of those, at a poor level (publish.poor-levels) (count)"),
        entry("gold.complaint_insight.subscribers", "distinct subscribers who opened the tickets (count, exact)"),
        entry("gold.service_demand_ranking.interactions", "interactions about the item in the window (count)"),
        entry("gold.service_demand_ranking.subscribers", "distinct subscribers who had them (count, exact)"),
        entry("gold.service_demand_ranking.failed_interactions", "interactions with outcome FAILED (count)"),
        entry("gold.channel_experience.interactions", "interactions on the channel by subscribers of the age band (count; reminders left out)"),
        entry("gold.channel_experience.subscribers", "distinct subscribers of the age band who used the channel (count, exact)"),
        entry("gold.commitment_compliance.subscribers", "distinct subscribers with orders due (count, exact)"),
        entry("gold.region_scorecard.subscribers", "subscribers scored on the run date whose region it is (count, exact)"),
        entry("gold.segment_summary.subscribers", "subscribers scored on the run date in the group (count, exact)"),
        entry("gold.adoption_funnel.subscribers", "distinct subscribers who reached at least this stage with the product in the window (count, exact)"),
        entry("gold.segment_summary.region", "the subscribers' region (UNKNOWN without one)"),
        entry("personas.segment_profile.subscribers", "subscribers in the segment on the date (count)"),
        entry("ops.erasure_log.erasure_id", "identifier of one erase run; the subscribers of one request share it"),
        entry("ops.erasure_log.erased_at", "when the erase run started (UTC instant)"),
        entry("ops.erasure_log.pseudonym", "the erased subscriber's pseudonym (HMAC-SHA256 of the E.164 number), never the number"),
        entry("ops.erasure_log.tables_touched", "tables (layer.table) from which rows of the subscriber were deleted"),
        entry("ops.erasure_log.rows_deleted", "rows of the subscriber deleted, per table (a row naming two erased subscribers counts for both)")
    );

    private static final Map<String, String> SHARED = Map.ofEntries(
        // identity and time
        entry("msisdn", "subscriber pseudonym: HMAC-SHA256 of the E.164 number (64 hex chars), never the number"),
        entry("other_party", "pseudonym of the other party's number (64 hex chars; null when not a phone number)"),
        entry("date", "operator-local day the row describes (for scores and gold tables: the run date)"),
        entry("window_start", "first operator-local day of the window the row describes"),
        entry("window_end", "last operator-local day of the window (the run date D)"),
        entry("event_date", "operator-local calendar day of the record's event time"),
        entry("delivery_date", "landing delivery (dt=) the record came in"),
        entry("snapshot_date", "day of the snapshot (= its delivery date)"),
        entry("source_file", "landing file the record was read from"),
        entry("record_id", "the feed's record identifier"),
        entry("redacted", "true when the row describes fewer than min-subscribers subscribers and its measures are withheld (null)"),
        // voice_cdr, data_session
        entry("direction", "MO (made by the subscriber) or MT (received)"),
        entry("start_time", "start time (UTC instant)"),
        entry("end_time", "end time (UTC instant; null while still open)"),
        entry("duration_s", "duration (seconds)"),
        entry("cell_id", "radio cell identifier"),
        entry("rat", "radio access technology (2G, 3G, 4G, VoLTE, 5G, VoNR)"),
        entry("end_cause", "how the call ended: NORMAL, DROPPED, SETUP_FAILED, BUSY, NO_ANSWER"),
        entry("mos", "mean opinion score of the call's voice quality (1-5)"),
        entry("roaming", "true when the subscriber was roaming"),
        entry("bytes_up", "uplink volume (bytes)"),
        entry("bytes_down", "downlink volume (bytes)"),
        entry("app_category", "application category of the session (VIDEO, SOCIAL, GAMING, BROWSING, MUSIC, MAPS, PAYMENT, OTHER)"),
        entry("throughput_kbps", "mean downlink throughput of the session (kbit/s)"),
        entry("rtt_ms", "round-trip time (ms)"),
        entry("failed", "true when the session failed"),
        // billing
        entry("bill_id", "the bill's identifier"),
        entry("cycle", "billing month (YYYY-MM)"),
        entry("plan_id", "tariff plan identifier (silver.plan)"),
        entry("voice_charge", "voice charges of the bill (CNY)"),
        entry("data_charge", "data charges of the bill (CNY)"),
        entry("vas_charge", "value-added service charges of the bill (CNY)"),
        entry("roaming_charge", "roaming charges of the bill (CNY)"),
        entry("overage_charge", "out-of-bundle charges of the bill (CNY)"),
        entry("discount", "discount granted on the bill (CNY)"),
        entry("total_due", "amount due on the bill (CNY)"),
        entry("issue_date", "day the bill was issued"),
        entry("due_date", "day payment is due"),
        entry("paid_date", "day the bill was paid (null while unpaid)"),
        entry("paid_amount", "amount paid (CNY)"),
        entry("disputed", "true when the subscriber disputed the bill"),
        entry("credit", "true when total_due is negative: a credit note, kept and flagged (contract negative-flag)"),
        // complaint, service_interaction, service_order, survey, product_event
        entry("ticket_id", "complaint ticket identifier"),
        entry("opened_at", "when the ticket was opened (UTC instant)"),
        entry("updated_at", "when this state of the ticket was recorded (UTC instant)"),
        entry("closed_at", "when the ticket was resolved (UTC instant; null while open)"),
        entry("promised_hours", "resolution time promised to the subscriber (hours)"),
        entry("satisfaction", "the subscriber's satisfaction rating (1-5; null without an answer)"),
        entry("interaction_id", "service interaction identifier"),
        entry("ts", "event time (UTC instant)"),
        entry("feedback_id", "id of the feedback text in the source system"),
        entry("evaluation_id", "id of the evaluation in the validation system"),
        entry("phase", "PRE_LAUNCH (the validation before launch) or POST_LAUNCH (a study after it)"),
        entry("method", "how the evaluation was made: QUESTIONNAIRE, USABILITY_TEST, EXPERT_WALKTHROUGH or INTERVIEW"),
        entry("evaluator_kind", "who evaluated: INTERNAL (staff, experts) or CUSTOMER"),
        entry("evaluated_at", "when the evaluation was made (UTC instant)"),
        entry("conciseness", "score of conciseness (简明性): is the product simple to understand (1-5)"),
        entry("accuracy", "score of accuracy (准确性): does it do and charge what it says (1-5)"),
        entry("consistency", "score of consistency (一致性): the same across channels and over time (1-5)"),
        entry("operability", "score of operability (操作性): easy to operate (1-5)"),
        entry("convenience", "score of convenience (方便性): easy to get and to use where needed (1-5)"),
        entry("speed", "score of speed (快捷性): fast to order, activate and use (1-5)"),
        entry("interactivity", "score of interactivity (互动性): responds to and engages the customer (1-5)"),
        entry("attention", "score of attention (关注度): does it draw and hold the customer's attention (1-5)"),
        entry("comment", "the evaluator's comment, numbers, e-mail addresses and names masked"),
        entry("validation_start", "first day of the evaluations read (ganzhi.publish.product-perception.validation-days)"),
        entry("validation_end", "last day of the evaluations read: the run date"),
        entry("dimension", "the validation dimension (conciseness, accuracy, consistency, operability, convenience, speed, interactivity, attention)"),
        entry("evaluations", "evaluations that scored the dimension (count)"),
        entry("customer_evaluations", "of those, by customers (count)"),
        entry("mean_score", "mean score of the dimension (1-5)"),
        entry("low_share", "share of scores at or below product-perception.low-score"),
        entry("target", "the dimension's target mean score (product-perception.target)"),
        entry("gap", "mean_score - target (negative: below target)"),
        entry("below_threshold", "true when the dimension blocks a launch (mean below gate.min-mean or too many low scores); null with too few evaluations"),
        entry("weakest_dimensions", "the product's dimensions below target in this phase, weakest first"),
        entry("feedback_texts", "texts naming the product in the publish window (text.feedback; after launch; null below min-subscribers writers)"),
        entry("negative_feedback_share", "share of those texts that are NEGATIVE"),
        entry("adopters", "subscribers who reached ACCEPTANCE of the product in the window (gold.adoption_funnel)"),
        entry("adoption_conversion", "adopters / subscribers made AWARE of the product in the window"),
        entry("predicted_negative_share", "negative-feedback share predicted for a product in validation from the launched products' line (null without enough of them)"),
        entry("launch_gate", "verdict for a product in validation: PASS, BLOCK or NOT_ENOUGH_EVIDENCE (null after launch)"),
        entry("gate_reasons", "why the gate blocks: the dimensions below their thresholds and a predicted negative share above its bound"),
        entry("week_start", "the Monday the week starts on (operator-local); the window's first and last weeks may be partial"),
        entry("item", "product the texts name, else their service item, else (none)"),
        entry("anonymous_texts", "texts without a subscriber number (anonymous reviews; count)"),
        entry("negative_texts", "texts with sentiment_label NEGATIVE (count)"),
        entry("negative_share", "negative_texts / texts"),
        entry("sentiment_mean", "mean sentiment of the texts (-1..1)"),
        entry("ratings", "texts with a star rating (count)"),
        entry("rating_mean", "mean star rating of the rated texts (1-5)"),
        entry("top_phrases", "the group's terms in most texts, most first (ganzhi.publish.feedback-insight.top-phrases)"),
        entry("emerging_phrases", "terms of the week's category whose count jumped against the weeks before (ganzhi.publish.feedback-insight.emerging)"),
        entry("example_ids", "feedback ids to read (text.feedback), negative texts first, newest first"),
        entry("rating", "star rating given with the text (1-5; null without one)"),
        entry("agent_category", "category an agent gave the transcript (NETWORK, SERVICE, PROCESS, BILLING, PRODUCT); null otherwise"),
        entry("declared_language", "language the channel declared (silver.feedback.language)"),
        entry("terms", "the text's words (Lucene: smartcn for Chinese, English stemming) and pairs of neighbouring words"),
        entry("category_predicted", "category of the text model, whatever an agent said (null for a text without words)"),
        entry("category_probability", "the text model's probability of category_predicted (0-1)"),
        entry("sentiment_lexicon", "sentiment of the lexicon (ganzhi.text.lexicon) with negation and intensity, -1..1; 0 without a sentiment word"),
        entry("sentiment_model", "learned sentiment, P(positive) - P(negative) of the text model, -1..1"),
        entry("text_spec", "version of the ganzhi.text settings that scored the text (hash of the section)"),
        entry("service_item", "service catalogue item the contact was about (ganzhi.catalogue.service-items)"),
        entry("service_class", "HANDLING, REMINDER or QUERY"),
        entry("handle_time_s", "handling time of the contact (seconds)"),
        entry("outcome", "DONE, FAILED or TRANSFERRED"),
        entry("order_id", "service order identifier"),
        entry("order_type", "ACTIVATION, BROADBAND_INSTALL, REPAIR, RECONNECTION or PLAN_CHANGE"),
        entry("created_at", "when the order was created (UTC instant)"),
        entry("promised_at", "completion time promised to the subscriber (UTC instant)"),
        entry("completed_at", "when the order was completed (UTC instant; null while open)"),
        entry("touchpoint", "what the survey followed: RELATIONSHIP, AFTER_CALL, AFTER_STORE_VISIT, AFTER_REPAIR, AFTER_INSTALL, AFTER_BILL"),
        entry("score", "survey score (0-10)"),
        entry("event_id", "product event identifier"),
        entry("product_id", "product (5G_BOOST, VIDEO_PACK, FAMILY_SHARE, CLOUD_STORAGE, INTL_ROAMING)"),
        entry("stage", "adoption funnel stage: AWARENESS, INTEREST, TRIAL, ACCEPTANCE, USE"),
        // subscriber, plan, cell, cell_outage snapshots
        entry("activation_date", "day the subscription was activated"),
        entry("status", "subscription status: ACTIVE, SUSPENDED or CHURNED"),
        entry("plan_type", "PREPAID or POSTPAID"),
        entry("region", "the subscriber's region (UNKNOWN without a snapshot)"),
        entry("city", "the subscriber's city"),
        entry("device_model", "model of the subscriber's device"),
        entry("device_type", "SMARTPHONE_5G, SMARTPHONE_4G, FEATURE_PHONE or MOBILE_HOTSPOT"),
        entry("age_band", "the subscriber's age band (18-24 .. 65+; UNKNOWN without one)"),
        entry("is_enterprise", "true for an enterprise (corporate) line"),
        entry("family_group_id", "family plan group the line belongs to"),
        entry("plan_name", "the plan's commercial name"),
        entry("monthly_fee", "monthly fee of the plan (CNY)"),
        entry("data_allowance_mb", "data included per month (MB)"),
        entry("voice_allowance_min", "voice included per month (minutes)"),
        entry("family_share", "true when the plan is shared by a family group"),
        entry("site_id", "radio site (mast) of the cell"),
        entry("lat", "latitude of the cell (degrees)"),
        entry("lon", "longitude of the cell (degrees)"),
        entry("band", "frequency band of the cell"),
        entry("known_cell", "false when the cell had traffic but no cell snapshot lists it (left out of gold); null without any cell snapshot"),
        entry("cause", "outage cause: POWER, TRANSMISSION, HARDWARE, MAINTENANCE, WEATHER, UNKNOWN"),
        entry("channel", "contact channel: HOTLINE, STORE, ONLINE, APP or SOCIAL"),
        entry("category", "complaint category: NETWORK_VOICE, NETWORK_DATA, COVERAGE, BILLING, STAFF_ATTITUDE, ACTIVATION, REPAIR, PRODUCT, ROAMING or OTHER"),
        entry("states_seen", "states of the ticket received so far (count)"),
        entry("was_escalated", "true when any state of the ticket was ESCALATED"),
        // quarantine
        entry("source", "the landing source (feed) the row came from"),
        entry("input_file", "landing file the row was read from"),
        entry("reason_code", "first rule the row broke: MALFORMED_LINE, MISSING_REQUIRED, BAD_MSISDN, BAD_TIMESTAMP, BAD_NUMBER, UNKNOWN_CODE, OUT_OF_RANGE, OUT_OF_WINDOW, OUT_OF_ORDER, BAD_TEXT or CONFLICTING_DUPLICATE"),
        entry("reason", "what was wrong, naming the column and value"),
        entry("raw_record", "the row as delivered, with phone numbers replaced by pseudonyms"),
        // features: voice (counts and sums over the row's day or window)
        entry("calls_mo", "calls made (count)"),
        entry("calls_mt", "calls received (count)"),
        entry("calls", "calls made and received (count)"),
        entry("minutes_mo", "duration of calls made (minutes)"),
        entry("minutes_mt", "duration of calls received (minutes)"),
        entry("minutes", "duration of all calls (minutes)"),
        entry("call_attempts", "call attempts (count)"),
        entry("calls_connected", "calls that connected (count; the denominator of drop_rate)"),
        entry("call_seconds_connected", "duration of the connected calls (seconds)"),
        entry("calls_dropped", "connected calls that dropped (count)"),
        entry("drop_rate", "calls_dropped / calls_connected (share 0..1; null without connected calls)"),
        entry("calls_setup_failed", "call attempts that failed to set up (count)"),
        entry("setup_failure_rate", "calls_setup_failed / call attempts (share 0..1)"),
        entry("night_calls", "calls between 22:00 and 06:00 operator-local time (count)"),
        entry("night_call_share", "night_calls / calls (share 0..1)"),
        entry("roaming_calls", "calls while roaming (count)"),
        entry("mos_sum", "sum of the MOS of calls that report one (1-5 each)"),
        entry("mos_samples", "calls with a MOS (count)"),
        entry("mos_mean", "mean opinion score of voice quality (1-5)"),
        entry("distinct_contacts", "distinct other parties called or calling (count)"),
        // data
        entry("sessions", "data sessions (count)"),
        entry("sessions_failed", "data sessions that failed (count)"),
        entry("data_failure_rate", "sessions_failed / sessions (share 0..1)"),
        entry("mb_up", "uplink data volume (MiB)"),
        entry("mb_down", "downlink data volume (MiB)"),
        entry("mb_total", "uplink + downlink data volume (MiB)"),
        entry("throughput_kbps_sum", "sum of the throughput of successful sessions (kbit/s each)"),
        entry("throughput_kbps_mean", "mean downlink throughput of successful sessions (kbit/s)"),
        entry("throughput_samples", "successful sessions with a throughput (count)"),
        entry("low_throughput_sessions", "successful sessions below 1000 kbit/s (count)"),
        entry("low_throughput_share", "low_throughput_sessions / throughput_samples (share 0..1)"),
        entry("rtt_ms_sum", "sum of session round-trip times (ms each)"),
        entry("rtt_ms_mean", "mean round-trip time (ms)"),
        entry("rtt_samples", "sessions with a round-trip time (count)"),
        entry("high_latency_sessions", "sessions with a round-trip time above 150 ms (count)"),
        // mobility and service
        entry("distinct_cells", "distinct cells used for calls and sessions (count)"),
        entry("home_cell", "cell with the most calls and sessions (on the row's day, or the latest such day)"),
        entry("interactions", "customer service contacts (count)"),
        entry("interactions_failed", "contacts with outcome FAILED (count)"),
        entry("interactions_transferred", "contacts passed on to another team (TRANSFERRED, count)"),
        entry("handle_time_s_sum", "total handling time of contacts that report one (seconds)"),
        entry("handle_time_samples", "contacts with a handling time (count)"),
        entry("handle_time_s_mean", "mean handling time per contact (seconds)"),
        entry("interaction_satisfaction_sum", "sum of contact satisfaction ratings (1-5 each)"),
        entry("interaction_satisfaction_samples", "rated contacts (count)"),
        entry("distinct_service_items", "distinct service catalogue items contacted about (count)"),
        // complaints, orders
        entry("complaints_opened", "complaint tickets opened (count)"),
        entry("complaints_opened_network", "tickets opened in a network category (count)"),
        entry("complaints_repeat", "tickets opened within complaint-repeat-days after one of the same category was resolved (count)"),
        entry("complaints_open", "tickets still open at the end of the day (count)"),
        entry("complaints_escalated", "tickets escalated (count)"),
        entry("complaints_resolved", "tickets resolved (count)"),
        entry("complaints_resolved_late", "tickets resolved after their promised hours (count)"),
        entry("complaint_resolution_hours_sum", "total time from opening to resolution of the resolved tickets (hours)"),
        entry("complaint_satisfaction_sum", "sum of satisfaction ratings of resolved tickets (1-5 each)"),
        entry("complaint_satisfaction_samples", "resolved tickets with a satisfaction rating (count)"),
        entry("orders_created", "service orders created (count)"),
        entry("orders_completed", "service orders completed (count)"),
        entry("orders_completed_late", "orders completed after their promised time (count)"),
        entry("orders_overdue_open", "orders still open past their promised time (count)"),
        // billing, survey, snapshot
        entry("bill_issue_date", "issue date of the latest bill issued on or before the day"),
        entry("bill_total_due", "amount due on that bill (CNY)"),
        entry("bill_overage_charge", "out-of-bundle charges on that bill (CNY)"),
        entry("bill_vas_charge", "value-added service charges on that bill (CNY)"),
        entry("bill_discount", "discount on that bill (CNY)"),
        entry("bill_disputed", "true when that bill is disputed"),
        entry("bill_payment_delay_days", "days between due date and payment of that bill (days; unpaid: until the day)"),
        entry("surveys", "survey answers (count)"),
        entry("survey_score_sum", "sum of survey scores (0-10 each)"),
        entry("survey_last_score", "latest survey score (0-10)"),
        entry("active", "true when the subscriber made or received a call, used data or contacted service"),
        // features: windows
        entry("as_of_date", "the date the window ends on (operator-local day, included)"),
        entry("window_days", "window length: 7, 30 or 90 days ending on as_of_date"),
        entry("observed_days", "days of the window the subscriber had a daily row (days)"),
        entry("active_days", "days of the window the subscriber was active (days)"),
        entry("calling_days", "days of the window with at least one call (days)"),
        entry("recent_active_days", "days of the window's last 7 the subscriber was active (days)"),
        entry("days_since_active", "days from the last active day to as_of_date (days; the window's observed days when none was active)"),
        entry("recent_usage_events", "calls and data sessions of the window's last 7 days (count)"),
        entry("expected_recent_usage", "calls and data sessions the last 7 days would have had at the rate of the window's "
                + "earlier days (count; null without 7 earlier days with use)"),
        entry("usage_retention", "recent_usage_events / expected_recent_usage (ratio; 1 = steady)"),
        entry("calls_per_day", "calls per observed day (count/day)"),
        entry("minutes_per_day", "call minutes per observed day (minutes/day)"),
        entry("sessions_per_day", "data sessions per observed day (count/day)"),
        entry("mb_per_day", "data volume per observed day (MiB/day)"),
        entry("interactions_per_day", "service contacts per observed day (count/day)"),
        entry("mo_call_share", "calls_mo / calls (share 0..1)"),
        entry("mean_call_duration_s", "mean duration of a connected call (seconds)"),
        entry("contacts_per_calling_day", "distinct contacts per day with calls (count/day)"),
        entry("high_latency_share", "high_latency_sessions / rtt_samples (share 0..1)"),
        entry("voice_minutes_share", "minutes / (minutes + mb_total): how voice-heavy the use is (share 0..1)"),
        entry("interaction_failure_rate", "failed or transferred contacts / contacts other than reminders (share 0..1)"),
        entry("interaction_satisfaction_mean", "mean contact satisfaction rating (1-5)"),
        entry("traditional_channel_share", "contacts by hotline or store / all contacts (share 0..1)"),
        entry("complaint_resolution_hours_mean", "mean time from opening to resolution of resolved tickets (hours)"),
        entry("complaint_satisfaction_mean", "mean satisfaction rating of resolved tickets (1-5)"),
        entry("survey_score_mean", "mean survey score (0-10)"),
        entry("attributes_as_of", "day of the subscriber snapshot the attributes come from"),
        entry("tenure_days", "days since activation, as of the date (days)"),
        entry("known_subscriber", "false when the number had events but no subscriber snapshot of the window lists it (left out of gold)"),
        entry("arpu", "average revenue per user: mean amount due of the bills of the last three months (CNY/month)"),
        entry("arpu_bills", "bills behind arpu (count)"),
        entry("plan_monthly_fee", "monthly fee of the subscriber's plan (CNY)"),
        entry("plan_data_allowance_mb", "data included in the plan per month (MB)"),
        entry("plan_voice_allowance_min", "voice included in the plan per month (minutes)"),
        entry("plan_data_use_ratio", "30 days of data use at the window's rate / the plan's data allowance (ratio; 1 = uses it all)"),
        entry("plan_voice_use_ratio", "30 days of call minutes at the window's rate / the plan's voice allowance (ratio)"),
        // features: cells
        entry("outages", "out-of-service periods (count; one spanning midnight counts on each day)"),
        entry("outage_minutes", "minutes out of service (minutes)"),
        entry("home_subscribers", "subscribers whose home cell it is (count, exact)"),
        entry("complaints_naming_cell", "complaint tickets opened that name the cell (count)"),
        entry("network_complaints_home_subscribers", "network complaint tickets of subscribers whose home cell it was that day (count)"),
        // personas
        entry("persona", "primary behaviour persona: DATA, VOICE, PRODUCT, NETWORK, PRICE or SERVICE"),
        entry("persona_affinity", "the primary persona's affinity (share 0..1)"),
        entry("persona_kept", "true when yesterday's persona was kept because its score stayed within persona-stickiness of the best"),
        entry("why", "features that raised the primary persona's score most (feature, value, standard score, contribution)"),
        entry("segment", "behaviour segment label (named from its centroid)"),
        entry("segment_id", "k-means cluster id of the segment within its model version"),
        entry("segment_kept", "true when yesterday's segment was kept (its centroid within segments.stickiness of the nearest)"),
        entry("lifecycle_stage", "SERVICE_REQUEST, REQUEST_RESOLVED, DORMANT, ONBOARDING or IN_NETWORK (first rule that holds)"),
        entry("lifecycle_reason", "the inputs that decided the lifecycle stage"),
        entry("value_tier", "HIGH, MID or LOW by ARPU"),
        entry("arpu_source", "where arpu comes from: BILLS, or PLAN_FEE without a bill in three months"),
        entry("tier_low_arpu", "ARPU below which a subscriber is LOW on this date (CNY/month)"),
        entry("tier_high_arpu", "ARPU from which a subscriber is HIGH on this date (CNY/month)"),
        entry("model_version", "version of the persona model that scored the row (models/personas/vNNNN)"),
        entry("persona_spec", "hash of the ganzhi.personas configuration that produced the row"),
        entry("subscribers", "subscribers in the row's group (count, exact)"),
        entry("share", "the segment's subscribers / all subscribers profiled on the date (share 0..1)"),
        entry("main_persona", "the persona most of the segment's subscribers have"),
        entry("main_persona_share", "share of the segment's subscribers with main_persona (share 0..1)"),
        entry("arpu_mean", "mean ARPU of the segment (CNY/month)"),
        // perception
        entry("perception_index", "perception index: weighted mean of the dimension scores (0-100)"),
        entry("experience_level", "NEGATIVE (< 40), NONE (< 55), LOW (< 70), MEDIUM (< 85) or HIGH, from the index; HIGH "
                + "needs index_confidence of at least evidence.high-min-confidence"),
        entry("index_confidence", "how much of the index is the subscriber's own evidence: the dimensions' confidences "
                + "weighted as in the index (share 0..1; 0 = everything at its prior)"),
        entry("index_samples", "samples behind the index: the dimensions' samples and complaints counted (count)"),
        entry("complaint_points", "index points the subscriber's complaints of the window cost (perception.complaint-cost)"),
        entry("feedback_points", "index points the subscriber's negative texts of the window cost (perception.feedback-cost)"),
        entry("negative_feedback", "the subscriber's newest negative texts of the window (text.feedback ids) and the dimension each is about"),
        entry("top_detractors", "the drivers (and complaints: driver 'complaints', value = complaints counted) that cost the "
                + "most index points on the subscriber's own evidence, most first (driver, dimension, value, score, points lost)"),
        entry("detractor_dimensions", "dimensions with the index points they lost, the one with most evidence of a loss first "
                + "(dimension, points lost)"),
        entry("drivers_missing", "drivers without data or prior for the subscriber (their weight went to the others of the dimension)"),
        entry("dimensions_missing", "dimensions without any driver score or complaint (left out of the index)"),
        entry("demarcation", "where a poor experience comes from: AREA, DEVICE, NETWORK_WIDE or SUBSCRIBER (null when not poor)"),
        entry("demarcation_dimension", "the dimension that lost most, which the demarcation compares among peers"),
        entry("peer_cell_subscribers", "subscribers with the same home cell (count)"),
        entry("peer_cell_poor_share", "of those, poor in the demarcation dimension (share 0..1)"),
        entry("peer_device_subscribers", "subscribers with the same device model (count)"),
        entry("peer_device_poor_share", "of those, poor in the demarcation dimension (share 0..1)"),
        entry("population_poor_share", "subscribers poor in the demarcation dimension / all scored (share 0..1)"),
        entry("voice_lean", "VOICE share of the subscriber's VOICE + DATA persona affinities, used to weigh voice vs data drivers (share 0..1)"),
        entry("perception_spec", "hash of the ganzhi.perception and ganzhi.features configuration that produced the scores"),
        entry("complaint_risk", "probability of a complaint in the next horizon days from the latest complaint model (0..1; null before the first calibrate)"),
        entry("complaint_model_version", "version of the model behind complaint_risk (models/risk/complaint/vNNNN)"),
        entry("complaint_reasons", "what raises this subscriber's complaint risk most against the average subscriber (input, value, contribution in log-odds), most first"),
        entry("churn_risk", "probability of churning in the next horizon days from the latest churn model (0..1; null before the first calibrate)"),
        entry("churn_model_version", "version of the model behind churn_risk (models/risk/churn/vNNNN)"),
        entry("churn_reasons", "what raises this subscriber's churn risk most against the average subscriber (input, value, contribution in log-odds), most first"),
        // gold aggregates
        entry("scored_subscribers", "of those, subscribers with a perception index (count)"),
        entry("perception_index_mean", "mean perception index (0-100)"),
        entry("perception_index_p10", "10th percentile of the perception index (0-100)"),
        entry("poor_subscribers", "subscribers at a poor level (publish.poor-levels: NEGATIVE, NONE, LOW) (count)"),
        entry("poor_share", "poor_subscribers / subscribers with a level (share 0..1)"),
        entry("high_subscribers", "subscribers at level HIGH (count)"),
        entry("high_share", "high_subscribers / scored_subscribers (share 0..1)"),
        entry("reported_days", "days of the window with a cell_daily row (days)"),
        entry("outage_minutes_per_day", "outage_minutes / reported_days (minutes/day)"),
        entry("hot_spot_eligible", "true when the cell had enough connected calls and drops to be ranked (hot-spot.min-calls, min-drops)"),
        entry("hot_spot_rank", "rank by drop rate among eligible cells (1 = worst; null when ineligible)"),
        entry("hot_spot", "true when the cell is a hot spot (drop rate at least hot-spot.min-drop-rate, or among hot-spot.top)"),
        entry("tickets", "complaint tickets opened in the window (count)"),
        entry("resolved_tickets", "of those, resolved by the end of the run date (count)"),
        entry("resolution_hours_mean", "mean time from opening to resolution of the resolved tickets (hours)"),
        entry("resolved_late_tickets", "resolved after their promised hours (count)"),
        entry("resolved_late_share", "resolved_late_tickets / resolved_tickets (share 0..1)"),
        entry("open_overdue_tickets", "still open at the end of the run date and past their promised time (count)"),
        entry("open_overdue_share", "open_overdue_tickets / tickets (share 0..1)"),
        entry("repeat_tickets", "tickets opened within complaint-repeat-days after one of the same category was resolved (count)"),
        entry("repeat_rate", "repeat_tickets / tickets (share 0..1)"),
        entry("escalated_tickets", "tickets ever escalated (count)"),
        entry("escalated_share", "escalated_tickets / tickets (share 0..1)"),
        entry("satisfaction_mean", "mean satisfaction rating (1-5)"),
        entry("satisfaction_answers", "ratings behind satisfaction_mean (count)"),
        entry("rank_by_attention", "rank within the class by subscribers (1 = most; ties by item code)"),
        entry("rank_by_frequency", "rank within the class by interactions (1 = most; ties by item code)"),
        entry("class_interaction_share", "interactions / all interactions of the class (share 0..1)"),
        entry("failed_share", "failed_interactions / interactions (share 0..1)"),
        entry("channel_kind", "TRADITIONAL or DIGITAL (publish.traditional-channels / digital-channels)"),
        entry("age_band_interaction_share", "interactions / all interactions of the age band (share 0..1)"),
        entry("orders_due", "orders promised for a day of the window (count)"),
        entry("completed_within_promise", "completed at or before the promised time, by the end of the run date (count)"),
        entry("completed_late", "completed after the promised time, by the end of the run date (count)"),
        entry("open_past_promise", "not completed by the end of the run date though promised by then (count)"),
        entry("within_promise_share", "completed_within_promise / orders_due (share 0..1)"),
        entry("late_hours_mean", "mean lateness of the late orders (hours)"),
        entry("rank", "1 = highest perception_index_mean; null for UNKNOWN and regions without a scored subscriber"),
        entry("stage_order", "the stage's place in the funnel: 1 (AWARENESS) .. 5 (USE)"),
        entry("conversion_from_previous", "subscribers / subscribers of the stage before (share 0..1; null at AWARENESS)"),
        entry("conversion_from_awareness", "subscribers / subscribers of AWARENESS (share 0..1)"),
        entry("events", "events of exactly this stage in the window (count)")
    );

    private static final List<Rule> FAMILIES = families();

    private static List<Rule> families() {
        List<Rule> rules = new ArrayList<>();
        for (String driver : DriverGlossary.NAMES) {
            String meaning = DriverGlossary.meaning(driver).orElseThrow();
            rules.add(rule(driver + "_value", "driver " + driver + ": " + meaning
                    + "; a rate or mean from few samples is pulled toward its prior"));
            rules.add(rule(driver + "_score", "score of driver " + driver + " (0-100: 100 at its good threshold, 0 at its bad one)"));
            rules.add(rule(driver + "_confidence", "confidence of driver " + driver + ": n / (n + prior strength) (share 0..1; "
                    + "0 = no samples, the prior alone)"));
            rules.add(rule(driver + "_samples", "samples behind driver " + driver + " (count)"));
        }
        rules.addAll(List.of(
                rule("(network|service|process|billing|product)_score", "$1 dimension score: weighted mean of its driver scores "
                        + "less what complaints cost it (0-100)"),
                rule("(network|service|process|billing|product)_confidence", "confidence of the $1 dimension: weighted mean of its drivers' (share 0..1)"),
                rule("(network|service|process|billing|product)_samples", "the subscriber's own samples behind the $1 dimension's "
                        + "drivers, and its complaints counted (count)"),
                rule("(network|service|process|billing|product)_score_mean", "mean $1 dimension score (0-100; over those who have it)"),
                rule("(network|service|process|billing|product)_score_p10", "10th percentile of the $1 dimension score (0-100)"),
                rule("(negative|none|low|medium|high)_subscribers", "subscribers at experience level $1 (count)"),
                rule("(negative|none|low|medium|high)_share", "subscribers at experience level $1 / scored_subscribers (share 0..1)"),
                rule("(.+)_target", "configured target of $1 (publish.region-targets; null without one)"),
                rule("(.+)_gap", "$1 minus its target (in its unit)"),
                rule("(.+)_met", "true when $1 meets its target (at least, or at most for poor share; null without target or value)"),
                rule("mb_share_(.+)", "data volume of $1 apps / mb_total (share 0..1)"),
                rule("session_share_(.+)", "sessions of $1 apps / sessions (share 0..1)"),
                rule("mb_(video|social|gaming|browsing|music|maps|payment|other)", "data volume of $1 apps (MiB)"),
                rule("sessions_(video|social|gaming|browsing|music|maps|payment|other)", "data sessions of $1 apps (count)"),
                rule("interactions_(handling|reminder|query)", "service contacts of class $1 (count)"),
                rule("interactions_(hotline|store|online|app|social)", "service contacts on channel $1 (count)"),
                rule("interactions_item_(.+)", "service contacts about $1 items of the service catalogue (count)"),
                rule("complaints_about_(.+)", "complaints opened in the $1 category group (count)"),
                rule("(.+)_trend", "($1 of this window - of the previous window of the same length) / the previous (ratio; null when the previous is 0)"),
                rule("affinity_(.+)", "affinity to the $1 persona: softmax share of the persona scores (share 0..1; the six sum to 1)"),
                rule("feature_(.+)", "persona model input $1, from the 30-day window (unit as in features.subscriber_window)"),
                rule("mean_(.+)", "mean of persona feature $1 over the segment's subscribers")));
        return List.copyOf(rules);
    }
    // @formatter:on
}
