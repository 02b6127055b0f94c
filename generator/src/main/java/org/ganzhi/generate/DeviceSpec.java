package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.ROOT;

/** A handset model of the catalogue. */
record DeviceSpec(String model, String type, boolean highEnd, boolean fiveG) implements Serializable {

    /** {@code devices}: at least one of every device type; a 5G smartphone is 5G-capable whatever it says. */
    static List<DeviceSpec> readAll(Config c) {
        List<DeviceSpec> devices = new ArrayList<>();
        for (Config d : c.getConfigList("devices")) {
            String type = d.getString("type");
            if (!Planted.DEVICE_TYPES.contains(type)) {
                throw new ConfigError(ROOT + ".devices: " + d.getString("model") + " has unknown type " + type);
            }
            devices.add(new DeviceSpec(d.getString("model"), type, d.hasPath("high-end") && d.getBoolean("high-end"),
                    type.equals("SMARTPHONE_5G") || (d.hasPath("five-g") && d.getBoolean("five-g"))));
        }
        for (String type : Planted.DEVICE_TYPES) {
            if (devices.stream().noneMatch(d -> d.type().equals(type))) {
                throw new ConfigError(ROOT + ".devices needs at least one device of type " + type);
            }
        }
        return devices;
    }
}
