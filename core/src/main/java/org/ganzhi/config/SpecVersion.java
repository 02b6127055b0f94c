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

    /** The version of several sections together: a change in any of them is a new version. */
    public static String of(Config section, Config... more) {
        StringBuilder rendered = new StringBuilder(section.root().render(ConfigRenderOptions.concise().setJson(true)));
        for (Config next : more) {
            rendered.append('\n').append(next.root().render(ConfigRenderOptions.concise().setJson(true)));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rendered.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
