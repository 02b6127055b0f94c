package org.ganzhi.generate;

import java.util.List;

/**
 * The planted ground truth's vocabularies: behaviour personas, experience causes and the code
 * lists the simulation draws from. Codes here must be in the data contract's code lists; the
 * job checks that before it starts.
 */
final class Planted {
    private Planted() {
    }

    /** Behaviour persona (article 001), one primary per subscriber. */
    enum Persona { DATA, VOICE, PRODUCT, NETWORK, PRICE, SERVICE }

    /** Main cause of a subscriber's experience; NONE = good experience. */
    enum Cause { NONE, NETWORK, SERVICE, PROCESS, BILLING, PRODUCT }

    static final List<String> AGE_BANDS = List.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
    static final List<String> DEVICE_TYPES = List.of("SMARTPHONE_5G", "SMARTPHONE_4G", "FEATURE_PHONE", "MOBILE_HOTSPOT");
    static final List<String> APPS = List.of("VIDEO", "SOCIAL", "GAMING", "BROWSING", "MUSIC", "MAPS", "PAYMENT", "OTHER");
    static final List<String> INTERACTION_CHANNELS = List.of("HOTLINE", "STORE", "ONLINE", "APP", "SOCIAL");
    static final List<String> SURVEY_CHANNELS = List.of("SMS", "IVR", "APP", "WEB");
    static final List<String> CELL_RATS = List.of("5G", "4G", "3G", "2G");
    static final List<String> ORDER_TYPES = List.of("ACTIVATION", "BROADBAND_INSTALL", "REPAIR", "RECONNECTION", "PLAN_CHANGE");
    static final List<String> COMPLAINT_CATEGORIES = List.of("NETWORK_VOICE", "NETWORK_DATA", "COVERAGE", "BILLING",
            "STAFF_ATTITUDE", "ACTIVATION", "REPAIR", "PRODUCT", "ROAMING", "OTHER");
    static final List<String> OUTCOMES = List.of("DONE", "FAILED", "TRANSFERRED");
    /** Stages of the product adoption funnel (article 000), in funnel order. */
    static final List<String> FUNNEL_STAGES = List.of("AWARENESS", "INTEREST", "TRIAL", "ACCEPTANCE", "USE");
    static final List<String> PRODUCT_CHANNELS = List.of("SMS", "APP", "STORE", "HOTLINE", "ONLINE");
    static final List<String> PLAN_SEGMENTS = List.of("BUDGET", "STANDARD", "PREMIUM", "DATA", "VOICE", "FAMILY", "ENTERPRISE");

    static final int AFTER_CALL = 0;
    static final int AFTER_STORE_VISIT = 1;
    static final int AFTER_REPAIR = 2;
    static final int AFTER_INSTALL = 3;
    static final int AFTER_BILL = 4;
    static final int RELATIONSHIP = 5;
    static final List<String> TOUCHPOINTS = List.of("AFTER_CALL", "AFTER_STORE_VISIT", "AFTER_REPAIR", "AFTER_INSTALL",
            "AFTER_BILL", "RELATIONSHIP");

    /** The tone of a feedback text, as a reader would judge it. */
    enum Sentiment { NEGATIVE, NEUTRAL, POSITIVE }

    /** The experience dimensions a feedback text is about: the causes other than NONE, in Cause order. */
    static final List<Cause> DIMENSIONS = List.of(Cause.NETWORK, Cause.SERVICE, Cause.PROCESS, Cause.BILLING, Cause.PRODUCT);
    /** Where feedback comes from, in the order of the feedback settings' channel weights. */
    static final List<String> FEEDBACK_CHANNELS = List.of("APP_STORE", "APP", "WEB", "SOCIAL", "SURVEY", "HOTLINE");
    static final int APP_STORE = 0;
    static final int WEB = 2;
    static final int SOCIAL = 3;
    static final int SURVEY = 4;
    static final int HOTLINE = 5;
    /** The language a feedback text is written in; MIXED is Chinese with English words in it. */
    static final List<String> FEEDBACK_LANGUAGES = List.of("ZH", "EN", "MIXED");
    static final int ZH = 0;
    static final int EN = 1;
    static final int MIXED = 2;

    /**
     * The eight product perception validation dimensions (article 000), in the order of the
     * product_validation score columns: conciseness 简明性, accuracy 准确性, consistency 一致性,
     * operability 操作性, convenience 方便性, speed 快捷性, interactivity 互动性, attention 关注度.
     */
    static final List<String> VALIDATION_DIMENSIONS = List.of("conciseness", "accuracy", "consistency", "operability",
            "convenience", "speed", "interactivity", "attention");
    /** Where a product stands: still in validation before launch, or launched. */
    static final List<String> VALIDATION_PHASES = List.of("PRE_LAUNCH", "POST_LAUNCH");
    static final int PRE_LAUNCH = 0;
    static final int POST_LAUNCH = 1;
    static final List<String> VALIDATION_METHODS = List.of("QUESTIONNAIRE", "USABILITY_TEST", "EXPERT_WALKTHROUGH", "INTERVIEW");
    /** Who evaluated: the operator's own staff, or customers (testers before launch, users after it). */
    static final List<String> EVALUATOR_KINDS = List.of("INTERNAL", "CUSTOMER");
    static final int INTERNAL = 0;
    static final int CUSTOMER = 1;
}
