package io.phishfence.web.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertSenderTest {

    @Test
    void backoffDoublesUpToTheLimit() {
        var sender = new AlertSender(null, null, TestAlertConfig.withMuteKey("k"), null, null);
        assertEquals(Duration.ofSeconds(30), sender.backoff(1));
        assertEquals(Duration.ofSeconds(60), sender.backoff(2));
        assertEquals(Duration.ofMinutes(32), sender.backoff(7));
        assertEquals(Duration.ofHours(1), sender.backoff(8));
        assertEquals(Duration.ofHours(1), sender.backoff(1000));
    }

    @Test
    void aSubjectNeverCarriesALineBreak() {
        assertEquals("[PhishFence] Evil Bcc: x@example.org could not deliver",
                AlertSender.subject("Evil\r\nBcc: x@example.org could not deliver", "raised"));
        assertEquals("[PhishFence] Resolved: Recovered", AlertSender.subject("Recovered", "resolved"));
    }
}
