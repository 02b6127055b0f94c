package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * gold.channel_experience: one row per service channel × age band for the service interactions
 * in the window (event_date on one of its days). Article 003 found young subscribers rating
 * social and app channels above every traditional one; this table shows, per age band, how
 * contacts spread over the channels and how each channel is rated. Age band is the subscriber's,
 * from the latest snapshot on or before the run date D (UNKNOWN without one).
 *
 * <p>REMINDER interactions are left out: the operator sends them on a channel it chooses, so
 * they would count as the subscriber's use of a channel they did not pick (and they carry no
 * satisfaction).
 *
 * <p>Columns (measures are redacted to null below {@code min-subscribers}, see {@link Redaction}):
 * <ul>
 *   <li>window_start, window_end (DATE), channel, age_band</li>
 *   <li>channel_kind: TRADITIONAL or DIGITAL (ganzhi.publish.traditional-channels / digital-channels)</li>
 *   <li>interactions: interactions on the channel by subscribers of the band (count)</li>
 *   <li>subscribers: distinct subscribers of the band who used the channel (count, exact)</li>
 *   <li>age_band_interaction_share: interactions / all interactions of the age band (share, 0–1)</li>
 *   <li>satisfaction_mean, satisfaction_answers: mean satisfaction (1–5) of the interactions rated,
 *       and how many were rated</li>
 *   <li>redacted</li>
 * </ul>
 */
public final class ChannelExperience {
    private ChannelExperience() {
    }

    /**
     * @param interactions silver.service_interaction rows (msisdn, event_date, channel, service_class,
     *                     satisfaction); rows outside the window are ignored
     * @param subscribers  silver.subscriber snapshot rows (msisdn, snapshot_date, region, age_band) up to D
     * @param date         the run date D, the window's last day
     */
    public static Dataset<Row> compute(Dataset<Row> interactions, Dataset<Row> subscribers, LocalDate date, PublishSettings s) {
        ReportWindow window = ReportWindow.of(date, s);
        Dataset<Row> chosen = interactions.where(window.containsDate(col("event_date"))
                .and(col("service_class").notEqual("REMINDER")));
        // Per subscriber first, so that the subscriber count of a group is an exact count of rows.
        Dataset<Row> groups = chosen.join(window.subscriberAttributes(subscribers), new String[]{"msisdn"}, "left")
                .groupBy(col("channel"), ReportWindow.known("age_band").as("age_band"), col("msisdn"))
                .agg(count(lit(1)).as("interactions"),
                        sum(col("satisfaction").cast("long")).as("satisfaction_sum"),
                        count(col("satisfaction")).as("satisfaction_answers"))
                .groupBy("channel", "age_band")
                .agg(sum("interactions").as("interactions"),
                        count(lit(1)).as("subscribers"),
                        sum("satisfaction_sum").as("satisfaction_sum"),
                        sum("satisfaction_answers").as("satisfaction_answers"));

        Dataset<Row> table = groups.select(col("channel"), col("age_band"), channelKind(s).as("channel_kind"),
                col("interactions"), col("subscribers"),
                ReportWindow.ratio(col("interactions"), sum("interactions").over(Window.partitionBy("age_band")))
                        .as("age_band_interaction_share"),
                ReportWindow.ratio(col("satisfaction_sum"), col("satisfaction_answers")).as("satisfaction_mean"),
                col("satisfaction_answers"));
        return Redaction.redact(window.stamp(table), "subscribers", MEASURES, s.minSubscribers());
    }

    /** Every figure of a row, withheld together when the row has too few subscribers. */
    static final List<String> MEASURES = List.of("interactions", "age_band_interaction_share", "satisfaction_mean",
            "satisfaction_answers");

    /** TRADITIONAL / DIGITAL from configuration; PublishSettings checks every contract channel has a kind. */
    private static Column channelKind(PublishSettings s) {
        return when(col("channel").isin(s.traditionalChannels().toArray()), "TRADITIONAL")
                .when(col("channel").isin(s.digitalChannels().toArray()), "DIGITAL");
    }
}
