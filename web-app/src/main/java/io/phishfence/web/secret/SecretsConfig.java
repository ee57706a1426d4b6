package io.phishfence.web.secret;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** {@code phishfence.web.secrets.*}: the keys that seal the secrets web-app stores (ADR 0018). */
@ConfigMapping(prefix = "phishfence.web.secrets")
public interface SecretsConfig {

    /** Base64 of 32 random bytes; without it secrets are stored as typed. */
    Optional<String> key();

    /** Keys of before a rotation, which still open what they sealed. */
    Optional<List<String>> previousKeys();
}
