package org.ganzhi.publish;

import org.ganzhi.common.Tables;

/**
 * The gold reporting tables, each with the class that computes it. The names themselves are
 * {@link Tables}' (which says what the windows and the redaction are), so that the catalog, below
 * the stages, documents them without depending on publish; these constants are the same strings.
 */
public final class PublishTables {
    private PublishTables() {
    }

    /** {@link Tables#COMPLAINT_INSIGHT}. See {@link ComplaintInsight}. */
    public static final String COMPLAINT_INSIGHT = Tables.COMPLAINT_INSIGHT;
    /** {@link Tables#SERVICE_DEMAND_RANKING}. See {@link ServiceDemandRanking}. */
    public static final String SERVICE_DEMAND_RANKING = Tables.SERVICE_DEMAND_RANKING;
    /** {@link Tables#CHANNEL_EXPERIENCE}. See {@link ChannelExperience}. */
    public static final String CHANNEL_EXPERIENCE = Tables.CHANNEL_EXPERIENCE;
    /** {@link Tables#COMMITMENT_COMPLIANCE}. See {@link CommitmentCompliance}. */
    public static final String COMMITMENT_COMPLIANCE = Tables.COMMITMENT_COMPLIANCE;
    /** {@link Tables#SUBSCRIBER_PERCEPTION}. See {@link SubscriberPerception}. */
    public static final String SUBSCRIBER_PERCEPTION = Tables.SUBSCRIBER_PERCEPTION;
    /** {@link Tables#SEGMENT_SUMMARY}. See {@link SegmentSummary}. */
    public static final String SEGMENT_SUMMARY = Tables.SEGMENT_SUMMARY;
    /** {@link Tables#CELL_EXPERIENCE}. See {@link CellExperience}. */
    public static final String CELL_EXPERIENCE = Tables.CELL_EXPERIENCE;
    /** {@link Tables#REGION_SCORECARD}. See {@link RegionScorecard}. */
    public static final String REGION_SCORECARD = Tables.REGION_SCORECARD;
    /** {@link Tables#ADOPTION_FUNNEL}. See {@link AdoptionFunnel}. */
    public static final String ADOPTION_FUNNEL = Tables.ADOPTION_FUNNEL;
}
