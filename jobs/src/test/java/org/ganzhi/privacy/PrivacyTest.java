package org.ganzhi.privacy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.hadoop.conf.Configuration;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.OperatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Number normalisation, keyed pseudonyms and where the key may come from. */
class PrivacyTest {
    private final OperatorSettings plan = GanzhiConfig.defaults().operator();
    private static final String KEY = "00112233445566778899aabbccddeeff";

    @Test
    void everySpellingOfANumberNormalisesToOneE164Number() {
        for (String spelling : new String[]{"13812345678", "+8613812345678", "8613812345678", "008613812345678",
                "+86 138 1234 5678", "86-138-1234-5678", " (138) 1234-5678 "}) {
            assertEquals("8613812345678", PhoneNumbers.normaliseMsisdn(spelling, plan), spelling);
        }
        for (String bad : new String[]{"1381234567", "138123456789", "12012345678", "138ABC45678", "", "+1 415 555 0100"}) {
            assertNull(PhoneNumbers.normaliseMsisdn(bad, plan), bad);
        }
        assertEquals("10086", PhoneNumbers.normaliseOtherParty("10086", plan), "short codes keep their digits");
        assertEquals("14155550100", PhoneNumbers.normaliseOtherParty("+1 415 555 0100", plan));
    }

    @Test
    void nationalNumbersWithATrunkPrefixNormaliseByTheConfiguredPlan() {
        OperatorSettings taiwan = GanzhiConfig.defaults().with(Map.of("ganzhi.operator.country-code", "886",
                "ganzhi.operator.national-number-length", 9, "ganzhi.operator.mobile-prefixes", List.of("9"),
                "ganzhi.operator.trunk-prefix", "0")).operator();
        for (String spelling : new String[]{"0912345678", "0912-345-678", "912345678", "+886 912 345 678", "00886912345678"}) {
            assertEquals("886912345678", PhoneNumbers.normaliseMsisdn(spelling, taiwan), spelling);
        }
        assertNull(PhoneNumbers.normaliseMsisdn("+886 0912 345 678", taiwan), "an international number has no trunk prefix");
        assertNull(PhoneNumbers.normaliseMsisdn("0212345678", taiwan), "a fixed line is not a mobile number");
        assertNull(PhoneNumbers.normaliseMsisdn("013812345678", plan), "no trunk prefix in the default plan");
    }

    @Test
    void pseudonymsAreHmacSha256UnderTheKey() {
        Pseudonymizer pseudonymizer = new Pseudonymizer(key(Map.of("K", KEY), ConfigFactory.empty()));
        // printf 8613812345678 | openssl dgst -sha256 -mac HMAC -macopt hexkey:00112233445566778899aabbccddeeff
        assertEquals("4188fba9e8b620561139fa55705f065fe277143a0d34a7a988e47078140e3847", pseudonymizer.pseudonym("8613812345678"));
        assertNotEquals(pseudonymizer.pseudonym("8613812345678"),
                new Pseudonymizer(key(Map.of("K", KEY.replace('0', '1')), ConfigFactory.empty())).pseudonym("8613812345678"),
                "another key gives another pseudonym");
        assertFalse(pseudonymizer.toString().contains(KEY));
    }

    @Test
    void theEnvironmentWinsThenTheKeyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "# production key\n" + KEY.replace('0', '2') + "\n");
        Config withFile = ConfigFactory.parseMap(Map.of("key-file", file.toString()));
        assertTrue(key(Map.of("K", KEY), withFile).origin().startsWith("environment variable K"));
        PseudonymKey fromFile = key(Map.of(), withFile);
        assertTrue(fromFile.origin().startsWith("key file"));
        assertFalse(fromFile.isDevelopmentKey());
    }

    @Test
    void withoutAKeyOnlyADevelopmentConfigurationRuns(@TempDir Path lake) {
        GanzhiException refused = assertThrows(GanzhiException.class, () -> key(Map.of(), ConfigFactory.empty()));
        assertTrue(refused.getMessage().startsWith("no pseudonymisation key"), refused.getMessage());
        Config development = ConfigFactory.parseMap(Map.of("allow-development-key", true));
        PseudonymKey first = PseudonymKey.resolve(settings(development), lake.toString(), Map.of(), new Configuration());
        assertTrue(first.isDevelopmentKey());
        assertTrue(Files.exists(lake.resolve(PseudonymKey.DEVELOPMENT_KEY_PATH)));
        PseudonymKey again = PseudonymKey.resolve(settings(development), lake.toString(), Map.of(), new Configuration());
        assertEquals(new Pseudonymizer(first).pseudonym("x"), new Pseudonymizer(again).pseudonym("x"), "the lake keeps its key");
        assertThrows(GanzhiException.class, () -> key(Map.of("K", "short"), ConfigFactory.empty()), "too short");
    }

    @Test
    void freeTextMasksNumbersButKeepsDates() {
        Pseudonymizer pseudonymizer = new Pseudonymizer(key(Map.of("K", KEY), ConfigFactory.empty()));
        String masked = PseudonymFunctions.mask("vc9,+86 138 1234 5678,MO,2026-11-03 08:30:00,13900000002", pseudonymizer, plan);
        assertFalse(masked.contains("1234"), masked);
        assertFalse(masked.contains("13900000002"), masked);
        assertTrue(masked.startsWith("vc9,[phone:") && masked.contains(",MO,2026-11-03 08:30:00,[phone:"), masked);
    }

    private static PseudonymKey key(Map<String, String> env, Config overrides) {
        return PseudonymKey.resolve(settings(overrides), "/nonexistent", env, new Configuration());
    }

    private static Config settings(Config overrides) {
        return overrides.withFallback(ConfigFactory.parseMap(Map.of("key-env", "K", "allow-development-key", false)));
    }
}
