package org.ganzhi;

import com.typesafe.config.ConfigFactory;
import org.apache.hadoop.conf.Configuration;
import org.ganzhi.privacy.PseudonymKey;
import org.ganzhi.privacy.Pseudonymizer;

import java.util.Map;

/** A fixed, test-only pseudonymisation key, passed the way production passes one (environment). */
public final class TestKeys {
    public static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private TestKeys() {
    }

    public static PseudonymKey key() {
        return PseudonymKey.resolve(ConfigFactory.parseMap(Map.of("key-env", "TEST_KEY", "allow-development-key", false)),
                "/nonexistent", Map.of("TEST_KEY", HEX), new Configuration());
    }

    public static Pseudonymizer pseudonymizer() {
        return new Pseudonymizer(key());
    }
}
