package org.ganzhi.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

/**
 * Records a later delivery sends again. An accepted row whose record key an earlier delivery
 * already brought (one in silver, or an earlier delivery of the same run) is a duplicate: it gets
 * copy number 2 and {@value #RESENT} true, so it is dropped and counted, and silver keeps the
 * first delivery's copy. Only a late row (event date before its delivery, within the window) can
 * have been sent before, so the earlier copies are looked up for the late rows' keys alone, with
 * broadcast joins; the delivery itself is joined with the marks only when something was re-sent.
 */
final class ResentRecords {
    static final String RESENT = "_resent";
    private static final String EARLIER = "_earlier_delivery";

    private ResentRecords() {
    }

    /**
     * @param copies     this run's rows, numbered by {@link Deduplicator}, with delivery and event dates
     * @param silver     the key and delivery date of silver rows of earlier deliveries, if silver exists
     * @param key        the record key
     * @param windowDays how many days before its delivery a re-sent row's event date may lie
     */
    static Dataset<Row> mark(Dataset<Row> copies, Optional<Dataset<Row>> silver, List<String> key, int windowDays) {
        Column kept = col(ContractParser.REASON).isNull().and(col(Deduplicator.COPY).equalTo(1));
        Column eventDate = col(ContractParser.EVENT_DATE);
        Column delivery = col(IngestJob.DELIVERY_DATE);
        Column late = eventDate.lt(delivery).and(eventDate.geq(date_sub(delivery, windowDays)));
        Column[] keyColumns = key.stream().map(c -> col(c)).toArray(Column[]::new);
        Column[] keyAndDelivery = Stream.concat(Stream.of(keyColumns), Stream.of(delivery)).toArray(Column[]::new);
        Column[] keyAndEarlier = Stream.concat(Stream.of(keyColumns), Stream.of(delivery.as(EARLIER))).toArray(Column[]::new);
        String[] keyNames = key.toArray(String[]::new);

        Dataset<Row> lateRows = copies.where(kept.and(late)).select(keyAndDelivery);
        Dataset<Row> earlier = copies.where(kept).select(keyAndEarlier);
        if (silver.isPresent()) {
            earlier = earlier.unionByName(silver.get().select(keyAndEarlier));
        }
        Dataset<Row> firstDelivery = earlier.join(broadcast(lateRows.select(keyColumns).distinct()), keyNames)
                .groupBy(keyColumns).agg(min(EARLIER).as(EARLIER));
        Dataset<Row> marks = lateRows.join(broadcast(firstDelivery), keyNames)
                .where(col(EARLIER).lt(delivery)).select(keyAndDelivery).withColumn(RESENT, lit(true));
        // Nearly every night re-sends nothing: one cheap probe spares the join. When a day is sent
        // again whole, the marks stay distributed (never collected to the driver) and Spark joins
        // them as their size allows.
        if (marks.isEmpty()) {
            return copies.withColumn(RESENT, lit(false));
        }
        return copies.join(marks, Stream.concat(key.stream(), Stream.of(IngestJob.DELIVERY_DATE)).toArray(String[]::new),
                        "left")
                .withColumn(RESENT, coalesce(col(RESENT), lit(false)).and(kept))
                .withColumn(Deduplicator.COPY, when(col(RESENT), lit(2)).otherwise(col(Deduplicator.COPY)));
    }
}
