package org.ganzhi.generate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the generator writes, checked against the source contracts before it runs: the columns it
 * fills per source and the codes it writes into each code column.
 */
final class ProducedColumns {
    /** Every column the generator can fill, per source (reference sources included). */
    static final Map<String, List<String>> PRODUCED_COLUMNS = Map.ofEntries(
            Map.entry("voice_cdr", List.of(VoiceCalls.COLUMNS)), Map.entry("data_session", List.of(DataSessions.COLUMNS)),
            Map.entry("billing", List.of(Bills.COLUMNS)), Map.entry("complaint", List.of(ComplaintTickets.COLUMNS)),
            Map.entry("service_interaction", List.of(ServiceInteractions.COLUMNS)),
            Map.entry("service_order", List.of(ServiceOrders.COLUMNS)), Map.entry("survey", List.of(Surveys.COLUMNS)),
            Map.entry("subscriber", List.of(SubscriberRecords.SUBSCRIBER)),
            Map.entry("plan", List.of(ReferenceFeeds.PLAN)), Map.entry("cell", List.of(ReferenceFeeds.CELL)),
            Map.entry("cell_outage", List.of(ReferenceFeeds.OUTAGE)),
            Map.entry("product_event", List.of(ProductJourneys.PRODUCT_EVENT)),
            Map.entry("feedback", List.of(Feedback.COLUMNS)),
            Map.entry("product_validation", List.of(ProductValidations.COLUMNS)),
            Map.entry("outcome", List.of(SubscriberRecords.OUTCOME)));

    private ProducedColumns() {
    }

    /** The codes the simulation writes into each code column: they must be in the contract's lists. */
    static Map<String, Map<String, List<String>>> emittedCodes(GeneratorSettings s) {
        Map<String, Map<String, List<String>>> codes = new LinkedHashMap<>();
        codes.put("voice_cdr", Map.of("direction", List.of("MO", "MT"), "rat", List.of("2G", "3G", "VoLTE", "VoNR"),
                "end_cause", List.of("NORMAL", "DROPPED", "SETUP_FAILED", "BUSY", "NO_ANSWER")));
        codes.put("data_session", Map.of("rat", Planted.CELL_RATS, "app_category", Planted.APPS));
        codes.put("complaint", Map.of("channel", Planted.INTERACTION_CHANNELS, "category", Planted.COMPLAINT_CATEGORIES,
                "status", List.of("OPEN", "ESCALATED", "RESOLVED")));
        codes.put("service_interaction", Map.of("channel", Planted.INTERACTION_CHANNELS, "service_item", s.care.serviceItems,
                "service_class", List.copyOf(new HashSet<>(s.care.serviceItemClass.values())), "outcome", Planted.OUTCOMES));
        codes.put("service_order", Map.of("order_type", Planted.ORDER_TYPES));
        codes.put("survey", Map.of("channel", Planted.SURVEY_CHANNELS, "touchpoint", Planted.TOUCHPOINTS));
        codes.put("subscriber", Map.of("status", List.of("ACTIVE", "SUSPENDED", "CHURNED"),
                "plan_type", List.of("PREPAID", "POSTPAID"), "device_type", Planted.DEVICE_TYPES, "age_band", Planted.AGE_BANDS));
        codes.put("plan", Map.of("plan_type", List.of("PREPAID", "POSTPAID")));
        codes.put("outcome", Map.of("outcome_type", List.of("CHURN", "PORT_OUT")));
        codes.put("cell", Map.of("rat", Planted.CELL_RATS));
        Set<String> causes = new HashSet<>(ReferenceData.NORMAL_OUTAGE_CAUSES);
        causes.addAll(ReferenceData.BAD_OUTAGE_CAUSES);
        codes.put("cell_outage", Map.of("cause", List.copyOf(causes)));
        codes.put("product_event", Map.of("product_id", s.productFunnel.products, "stage", Planted.FUNNEL_STAGES,
                "channel", Planted.PRODUCT_CHANNELS));
        codes.put("feedback", Map.of("channel", Planted.FEEDBACK_CHANNELS, "product_id", s.productFunnel.products,
                "service_item", s.care.serviceItems,
                "language", Feedback.DECLARED_SPELLINGS.stream().flatMap(List::stream).toList(),
                "agent_category", Planted.DIMENSIONS.stream().map(Enum::name).toList()));
        codes.put("product_validation", Map.of("product_id", s.productValidation.products,
                "phase", Planted.VALIDATION_PHASES, "method", Planted.VALIDATION_METHODS,
                "evaluator_kind", Planted.EVALUATOR_KINDS));
        return codes;
    }
}
