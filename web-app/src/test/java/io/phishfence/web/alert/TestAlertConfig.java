package io.phishfence.web.alert;

import java.time.Duration;
import java.util.Optional;

/** The defaults of {@link AlertConfig}, with a chosen mute key, for tests of pure parts. */
final class TestAlertConfig {

    private TestAlertConfig() {
    }

    static AlertConfig withMuteKey(String muteKey) {
        return new AlertConfig() {
            public String baseUrl() {
                return "http://localhost:8080";
            }

            public Duration cooldown() {
                return Duration.ofHours(24);
            }

            public Optional<String> muteKey() {
                return Optional.ofNullable(muteKey);
            }

            public Duration sendEvery() {
                return Duration.ofSeconds(5);
            }

            public Retry retry() {
                return new Retry() {
                    public Duration initial() {
                        return Duration.ofSeconds(30);
                    }

                    public Duration max() {
                        return Duration.ofHours(1);
                    }
                };
            }
        };
    }

}
