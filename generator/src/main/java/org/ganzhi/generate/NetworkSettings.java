package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.positiveInt;
import static org.ganzhi.generate.SettingsReading.share;

/** {@code network}: the cells and sites, their radio technologies and bands, and the quality of normal and bad cells. */
final class NetworkSettings implements Serializable {
    int subscribersPerCell;
    int minCells;
    int cellsPerSite;
    double siteSpreadDegrees;
    double homeCellShare;
    double badCellShare;
    int minBadCells;
    double[] cellRatCumulative;
    List<List<String>> bands;
    CellQuality normalCells;
    CellQuality badCells;
    double outageSetupFailureRate;
    double outageDropRate;
    double outageDataFailureRate;
    double openOutageShare;

    static NetworkSettings read(Config n) {
        NetworkSettings s = new NetworkSettings();
        s.subscribersPerCell = positiveInt(n, "subscribers-per-cell");
        s.minCells = positiveInt(n, "min-cells");
        s.cellsPerSite = positiveInt(n, "cells-per-site");
        s.siteSpreadDegrees = n.getDouble("site-spread-degrees");
        s.homeCellShare = share(n, "home-cell-share");
        s.badCellShare = share(n, "bad-cell-share");
        s.minBadCells = n.getInt("min-bad-cells");
        s.cellRatCumulative = cumulative(n, "cell-rats", Planted.CELL_RATS);
        s.bands = new ArrayList<>();
        for (String rat : Planted.CELL_RATS) {
            List<String> b = List.copyOf(n.getStringList("bands.\"" + rat + "\""));
            if (b.isEmpty()) {
                throw new ConfigError(ROOT + ".network.bands." + rat + " must not be empty");
            }
            s.bands.add(b);
        }
        s.normalCells = CellQuality.read(n.getConfig("normal"), false);
        s.badCells = CellQuality.read(n.getConfig("bad"), true);
        s.outageSetupFailureRate = share(n, "in-outage.setup-failure-rate");
        s.outageDropRate = share(n, "in-outage.drop-rate");
        s.outageDataFailureRate = share(n, "in-outage.data-failure-rate");
        s.openOutageShare = share(n, "open-outage-share");
        return s;
    }
}
