package io.phishfence.web.alert.webhook;

import java.time.Duration;
import java.util.Optional;

/** What became of one POST to a webhook. Reasons never contain the URL's path (it is the secret). */
public sealed interface WebhookOutcome {

    /** The HTTP status of the answer, if one came. */
    Optional<Integer> status();

    /** A sentence for the history and the test button. */
    String describe();

    /** The endpoint answered 2xx. */
    record Delivered(int code) implements WebhookOutcome {
        public Optional<Integer> status() {
            return Optional.of(code);
        }

        public String describe() {
            return "delivered (HTTP " + code + ")";
        }
    }

    /**
     * Worth another try: no connection, no answer in time, 5xx or 429.
     *
     * @param retryAfter how long the endpoint asked us to wait (Retry-After), if it did
     */
    record Retry(Optional<Integer> status, String reason, Optional<Duration> retryAfter) implements WebhookOutcome {
        public String describe() {
            return reason;
        }
    }

    /** Refused for good: a 3xx or a 4xx other than 429, or an address PhishFence may not connect to. */
    record Refused(Optional<Integer> status, String reason) implements WebhookOutcome {
        public String describe() {
            return reason;
        }
    }
}
