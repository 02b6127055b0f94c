package org.ganzhi.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version of a configuration section that output rows carry (persona_spec, perception_spec):
 * the first 12 hex digits of SHA-256 over the section rendered as JSON with sorted keys and no
 * comments, so the same settings give the same version wherever they were written.
 */
public final class SpecVersion {
    private SpecVersion() {
    }

    public static String of(Config section) {
        String rendered = section.root().render(ConfigRenderOptions.concise().setJson(true));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rendered.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
