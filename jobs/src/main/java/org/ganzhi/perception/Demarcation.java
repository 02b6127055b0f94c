package org.ganzhi.perception;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * Where a poor experience comes from (问题定界). For a subscriber whose index is below
 * {@code poor-index-below}, the dimension of their top detractor is compared with their peers:
 * the other subscribers of the same home cell and of the same device model. If at least
 * {@code area-share} of at least {@code min-peers} cell peers are also poor in that dimension
 * (dimension score below {@code poor-dimension-below}) it is AREA; else, the same with device
 * peers and {@code device-share}, DEVICE; else, if that share of all subscribers reaches
 * {@code network-wide-share}, NETWORK_WIDE; else SUBSCRIBER. The peer shares are published with
 * the verdict so it can be checked.
 */
public final class Demarcation {
    private Demarcation() {
    }

    /** Adds demarcation, demarcation_dimension, peer_cell_poor_share, peer_device_poor_share to scored rows. */
    public static Dataset<Row> apply(Dataset<Row> scored, PerceptionSettings s) {
        PerceptionSettings.Demarcation rule = s.demarcation();
        List<Column> poorFlags = new ArrayList<>();
        List<Column> aggs = new ArrayList<>();
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            poorFlags.add(when(col(p + "_score").isNotNull(), when(col(p + "_score").lt(rule.poorDimensionBelow()), 1L)
                    .otherwise(0L)).as(p + "_poor"));
            aggs.add(sum(col(p + "_poor")).as(p + "_poor_n"));
            aggs.add(count(col(p + "_poor")).as(p + "_known_n"));
        }
        List<Column> withFlags = new ArrayList<>(List.of(col("*")));
        withFlags.addAll(poorFlags);
        Dataset<Row> rows = scored.select(withFlags.toArray(Column[]::new))
                .withColumn("demarcation_dimension", when(col("perception_index").lt(rule.poorIndexBelow()),
                        get(col("detractor_dimensions"), lit(0)).getField("dimension")));
        Row everyone = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        Dataset<Row> cells = rows.where(col("home_cell").isNotNull()).groupBy("home_cell")
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        Dataset<Row> devices = rows.where(col("device_model").isNotNull()).groupBy("device_model")
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
        rows = rows.join(prefixed(cells, "cell_"), col("home_cell").equalTo(col("cell_home_cell")), "left")
                .join(prefixed(devices, "device_"), col("device_model").equalTo(col("device_device_model")), "left");

        Column cellShare = null;
        Column cellPeers = null;
        Column deviceShare = null;
        Column devicePeers = null;
        Column overallShare = null;
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            Column is = col("demarcation_dimension").equalTo(dim);
            // Peers exclude the subscriber themself.
            Column cPeers = col("cell_" + p + "_known_n").minus(1);
            Column cPoor = col("cell_" + p + "_poor_n").minus(col(p + "_poor"));
            Column dPeers = col("device_" + p + "_known_n").minus(1);
            Column dPoor = col("device_" + p + "_poor_n").minus(col(p + "_poor"));
            long known = everyone.getLong(everyone.fieldIndex(p + "_known_n"));
            double share = known == 0 ? 0.0 : (everyone.isNullAt(everyone.fieldIndex(p + "_poor_n")) ? 0L
                    : everyone.getLong(everyone.fieldIndex(p + "_poor_n"))) / (double) known;
            cellPeers = chain(cellPeers, is, cPeers);
            cellShare = chain(cellShare, is, when(cPeers.gt(0), cPoor.divide(cPeers)));
            devicePeers = chain(devicePeers, is, dPeers);
            deviceShare = chain(deviceShare, is, when(dPeers.gt(0), dPoor.divide(dPeers)));
            overallShare = chain(overallShare, is, lit(share));
        }
        rows = rows.withColumn("peer_cell_subscribers", cellPeers)
                .withColumn("peer_cell_poor_share", round(cellShare, 4))
                .withColumn("peer_device_subscribers", devicePeers)
                .withColumn("peer_device_poor_share", round(deviceShare, 4))
                .withColumn("population_poor_share", round(overallShare, 4));
        Column verdict = when(col("peer_cell_subscribers").geq(rule.minPeers())
                        .and(col("peer_cell_poor_share").geq(rule.areaShare())), "AREA")
                .when(col("peer_device_subscribers").geq(rule.minPeers())
                        .and(col("peer_device_poor_share").geq(rule.deviceShare())), "DEVICE")
                .when(col("population_poor_share").geq(rule.networkWideShare()), "NETWORK_WIDE")
                .otherwise("SUBSCRIBER");
        List<String> drop = new ArrayList<>(List.of("cell_home_cell", "device_device_model"));
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            drop.addAll(List.of(p + "_poor", "cell_" + p + "_poor_n", "cell_" + p + "_known_n",
                    "device_" + p + "_poor_n", "device_" + p + "_known_n"));
        }
        return rows.withColumn("demarcation", when(col("demarcation_dimension").isNotNull(), verdict))
                .drop(drop.toArray(String[]::new));
    }

    private static Column chain(Column chain, Column condition, Column value) {
        return chain == null ? when(condition, value) : chain.when(condition, value);
    }

    private static Dataset<Row> prefixed(Dataset<Row> rows, String prefix) {
        return rows.select(java.util.Arrays.stream(rows.columns()).map(c -> col(c).as(prefix + c)).toArray(Column[]::new));
    }
}
