package org.ganzhi.publish;

/**
 * Names of the gold reporting tables. The event tables describe the window of
 * {@code ganzhi.publish.window-days} operator-local days ending on the run date (both
 * {@code window_start} and {@code window_end} are on every row); the perception tables describe
 * the subscribers scored on the run date ({@code date}). Every aggregate has minimum-count
 * redaction; gold.subscriber_perception is per (pseudonymised) subscriber and has none.
 */
public final class PublishTables {
    private PublishTables() {
    }

    /** Complaints by category × channel × region: volume, resolution, broken promises, repeats. See {@link ComplaintInsight}. */
    public static final String COMPLAINT_INSIGHT = "gold.complaint_insight";
    /** Service items ranked by attention and frequency within their class. See {@link ServiceDemandRanking}. */
    public static final String SERVICE_DEMAND_RANKING = "gold.service_demand_ranking";
    /** Use and satisfaction of each channel by age band, traditional vs digital. See {@link ChannelExperience}. */
    public static final String CHANNEL_EXPERIENCE = "gold.channel_experience";
    /** Promised-time compliance of service orders, per order type. See {@link CommitmentCompliance}. */
    public static final String COMMITMENT_COMPLIANCE = "gold.commitment_compliance";
    /** One row per subscriber scored on the date: profile, dimension scores, level, detractors, risk. See {@link SubscriberPerception}. */
    public static final String SUBSCRIBER_PERCEPTION = "gold.subscriber_perception";
    /** Perception distribution by persona × value tier × lifecycle stage × region. See {@link SegmentSummary}. */
    public static final String SEGMENT_SUMMARY = "gold.segment_summary";
    /** Network KPIs, complaints and poor-experience subscribers per cell, with ranked hot spots. See {@link CellExperience}. */
    public static final String CELL_EXPERIENCE = "gold.cell_experience";
    /** Perception KPIs per region against their targets, ranked. See {@link RegionScorecard}. */
    public static final String REGION_SCORECARD = "gold.region_scorecard";
    /** Subscribers reaching each stage of a product's adoption funnel, with conversions. See {@link AdoptionFunnel}. */
    public static final String ADOPTION_FUNNEL = "gold.adoption_funnel";
}
