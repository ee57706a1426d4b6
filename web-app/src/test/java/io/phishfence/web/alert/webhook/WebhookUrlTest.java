package io.phishfence.web.alert.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    private static final String SLACK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXabcd";

    @Test
    void aSlackUrlIsTakenAndShownOnlyByItsHostAndLastFourCharacters() throws Exception {
        var url = WebhookUrl.parse("  " + SLACK + " ");
        assertEquals("hooks.slack.com/…abcd", url.masked());
        assertEquals(url.masked(), url.toString(), "an accidental log line shows the mask");
        assertEquals("hooks.slack.com", url.host());
        assertEquals(443, url.port());
        assertEquals("/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXabcd", url.pathAndQuery());
        assertEquals(SLACK, url.secret());
    }

    @Test
    void oddPortsAndQueriesAreKept() throws Exception {
        var url = WebhookUrl.parse("https://chat.example.com:8443/hooks/abc?token=s3cret");
        assertEquals(8443, url.port());
        assertEquals("/hooks/abc?token=s3cret", url.pathAndQuery());
        assertEquals("/", WebhookUrl.parse("https://chat.example.com").pathAndQuery());
    }

    @Test
    void scrubbingRemovesTheUrlAndItsPathFromAMessage() throws Exception {
        var url = WebhookUrl.parse(SLACK);
        String scrubbed = url.scrub("failed to POST " + SLACK + " and " + url.pathAndQuery());
        assertFalse(scrubbed.contains("XXXXXXXXXXXXXXXXXXXXabcd/"), scrubbed);
        assertFalse(scrubbed.contains("B00000000"), scrubbed);
        assertTrue(scrubbed.contains("hooks.slack.com/…abcd"), scrubbed);
    }

    @Test
    void unsafeOrBrokenUrlsAreRefusedWithAReason() {
        assertRefused("http://hooks.slack.com/services/x", "https://");
        assertRefused("ftp://hooks.slack.com/x", "https://");
        assertRefused("hooks.slack.com/services/x", "https://");
        assertRefused("https://user:password@hooks.slack.com/x", "user name or password");
        assertRefused("https://@hooks.slack.com/x", "user name or password");
        assertRefused("https:///path-only", "no host");
        assertRefused("https://hooks.slack.com/x#fragment", "fragment");
        assertRefused("https://hooks.slack.com/a b", "not a URL");
        assertRefused("", "Enter");
        assertRefused("https://hooks.slack.com/" + "a".repeat(WebhookUrl.MAX_LENGTH), "at most");
    }

    private static void assertRefused(String input, String reason) {
        var refused = assertThrows(WebhookUrl.InvalidWebhookUrl.class, () -> WebhookUrl.parse(input), input);
        assertTrue(refused.getMessage().contains(reason), input + ": " + refused.getMessage());
        assertFalse(input.length() > 20 && refused.getMessage().contains(input), "the reason never repeats the URL");
    }
}
