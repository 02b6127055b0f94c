package org.ganzhi.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Serializable;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed pseudonyms: HMAC-SHA256 of a normalised number, as 64 lower-case hex characters.
 * Without the key a pseudonym cannot be reversed or recomputed from a guessed number.
 * Instances are serialisable so Spark can ship them to executors; the Mac is rebuilt there.
 */
public final class Pseudonymizer implements Serializable {
    private final byte[] key;
    private transient Mac mac;

    public Pseudonymizer(PseudonymKey key) {
        this.key = key.bytes();
    }

    public String pseudonym(String normalisedNumber) {
        if (normalisedNumber == null) {
            return null;
        }
        return HexFormat.of().formatHex(mac().doFinal(normalisedNumber.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        if (mac == null) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        }
        return mac;
    }

    /** Never print key material, also not by accident in a log line. */
    @Override
    public String toString() {
        return "Pseudonymizer[HMAC-SHA256]";
    }
}
