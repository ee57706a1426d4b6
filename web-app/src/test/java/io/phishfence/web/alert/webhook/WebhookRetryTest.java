package io.phishfence.web.alert.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.phishfence.web.alert.AlertConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookRetryTest {

    private static final AlertConfig.Retry RETRY = new AlertConfig.Retry() {
        public Duration initial() {
            return Duration.ofSeconds(30);
        }

        public Duration max() {
            return Duration.ofHours(1);
        }
    };

    @Test
    void theWaitDoublesUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(30), WebhookSender.nextWait(RETRY, 1, Optional.empty()));
        assertEquals(Duration.ofSeconds(60), WebhookSender.nextWait(RETRY, 2, Optional.empty()));
        assertEquals(Duration.ofMinutes(32), WebhookSender.nextWait(RETRY, 7, Optional.empty()));
        assertEquals(Duration.ofHours(1), WebhookSender.nextWait(RETRY, 8, Optional.empty()));
        assertEquals(Duration.ofHours(1), WebhookSender.nextWait(RETRY, 500, Optional.empty()));
    }

    @Test
    void retryAfterIsHonouredButCannotParkAnAlertBeyondTheMaximum() {
        assertEquals(Duration.ofMinutes(5), WebhookSender.nextWait(RETRY, 1, Optional.of(Duration.ofMinutes(5))));
        assertEquals(Duration.ofSeconds(60), WebhookSender.nextWait(RETRY, 2, Optional.of(Duration.ofSeconds(1))),
                "a shorter Retry-After does not hurry the backoff");
        assertEquals(Duration.ofHours(1), WebhookSender.nextWait(RETRY, 1, Optional.of(Duration.ofDays(365))));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), WebhookClient.retryAfter(" 120 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                WebhookClient.retryAfter("Sun, 29 Nov 2026 12:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), WebhookClient.retryAfter("Sun, 29 Nov 2026 11:00:00 GMT", now));
        assertEquals(Optional.empty(), WebhookClient.retryAfter("soon", now));
        assertEquals(Optional.empty(), WebhookClient.retryAfter(null, now));
        assertEquals(Optional.empty(), WebhookClient.retryAfter("99999999999999999999999", now));
    }
}
