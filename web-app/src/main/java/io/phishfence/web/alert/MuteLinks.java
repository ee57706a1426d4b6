package io.phishfence.web.alert;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Signed mute links: whoever holds one may mute one rule for one domain for one recipient, and nothing else.
 * The token is the mute's fields and their HMAC-SHA256, so the server keeps no table of issued links.
 */
@ApplicationScoped
public class MuteLinks {

    private static final Logger LOG = Logger.getLogger(MuteLinks.class);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Separates the fields; none of them (tenant id, A-label, rule name, e-mail address) can contain it. */
    private static final String SEPARATOR = "\n";

    /** What a valid token allows to mute. */
    public record Mute(String tenantId, String domain, String rule, String recipient) {
    }

    private final byte[] key;

    MuteLinks(AlertConfig config) {
        if (config.muteKey().isPresent()) {
            key = config.muteKey().get().getBytes(StandardCharsets.UTF_8);
        } else {
            LOG.warn("phishfence.web.alerts.mute-key is not set: mute links of this process die when it stops");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    public String token(Mute mute) {
        byte[] payload = String.join(SEPARATOR, mute.tenantId(), mute.domain(), mute.rule(), mute.recipient())
                .getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The mute a token allows, or empty for anything not signed by us (altered, truncated, garbage). */
    public Optional<Mute> verify(String token) {
        if (token == null || token.length() > 2048) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return Optional.empty();
            }
            String[] fields = new String(payload, StandardCharsets.UTF_8).split(SEPARATOR, -1);
            return fields.length == 4 ? Optional.of(new Mute(fields[0], fields[1], fields[2], fields[3]))
                    : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
