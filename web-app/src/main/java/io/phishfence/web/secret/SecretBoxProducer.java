package io.phishfence.web.secret;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.jboss.logging.Logger;

/** The application's {@link SecretBox}, from {@code phishfence.web.secrets.*} (ADR 0018). */
@ApplicationScoped
class SecretBoxProducer {

    private static final Logger LOG = Logger.getLogger(SecretBoxProducer.class);

    @Produces
    @ApplicationScoped
    SecretBox secretBox(SecretsConfig config) {
        var box = SecretBox.of(config.key(), config.previousKeys().orElse(List.of()));
        if (box.sealing()) {
            LOG.infof("secrets stored encrypted; keys that open them: %s", box.keyIds());
        } else {
            LOG.warn("phishfence.web.secrets.key is not set: tenants' webhook URLs are stored unencrypted "
                    + "(set it to the output of: head -c 32 /dev/urandom | base64)");
        }
        return box;
    }
}
