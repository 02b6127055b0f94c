package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.ROOT;

/** A region of the operator's country: its cities, its centre, and its weight among subscribers and sites. */
record Region(String name, List<String> cities, double lat, double lon, double weight) implements Serializable {

    /** {@code regions}: at least one, each with at least one city. */
    static List<Region> readAll(Config c) {
        List<Region> regions = new ArrayList<>();
        for (Config r : c.getConfigList("regions")) {
            List<String> cities = List.copyOf(r.getStringList("cities"));
            if (cities.isEmpty()) {
                throw new ConfigError(ROOT + ".regions: region " + r.getString("name") + " has no cities");
            }
            regions.add(new Region(r.getString("name"), cities, r.getDouble("lat"), r.getDouble("lon"), r.getDouble("weight")));
        }
        if (regions.isEmpty()) {
            throw new ConfigError(ROOT + ".regions must name at least one region");
        }
        return regions;
    }
}
