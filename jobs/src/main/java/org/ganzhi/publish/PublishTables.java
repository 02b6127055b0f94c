package org.ganzhi.publish;

/**
 * Names of the gold reporting tables. Each describes the window of
 * {@code ganzhi.publish.window-days} operator-local days ending on the run date (both
 * {@code window_start} and {@code window_end} are on every row), with minimum-count redaction.
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
    /** Subscribers reaching each stage of a product's adoption funnel, with conversions. See {@link AdoptionFunnel}. */
    public static final String ADOPTION_FUNNEL = "gold.adoption_funnel";
}
