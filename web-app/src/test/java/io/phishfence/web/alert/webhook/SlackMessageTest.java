package io.phishfence.web.alert.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.phishfence.events.AlertRaised.Evidence;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRaisedAlertHasAFallbackTextAndBlocksWithEverythingEscaped() throws Exception {
        var alert = new SlackMessage.Alert("raised", "xn--bcher-kva.example", "critical",
                "Sender <!channel> & co\ncannot deliver", "All sessions from <https://evil.example|Bank> failed.",
                List.of(new Evidence("Sender", "<b>Evil & Co</b>"), new Evidence("Failed", "42")),
                "Ask <@U123> to fix > it.");
        JsonNode body = JSON.readTree(SlackMessage.of(alert, "https://app.phishfence.example/"));

        assertEquals("[PhishFence] Sender &lt;!channel&gt; &amp; co cannot deliver (critical)", body.get("text").asText());
        var blocks = body.get("blocks");
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("plain_text", blocks.get(0).get("text").get("type").asText(), "plain text is never parsed");
        assertEquals("*CRITICAL* · All sessions from &lt;https://evil.example|Bank&gt; failed.",
                blocks.get(1).get("text").get("text").asText());
        assertEquals("*Evidence*\n• Sender: &lt;b&gt;Evil &amp; Co&lt;/b&gt;\n• Failed: 42",
                blocks.get(2).get("text").get("text").asText());
        assertEquals("*What to do*\nAsk &lt;@U123&gt; to fix &gt; it.", blocks.get(3).get("text").get("text").asText());
        assertEquals("<https://app.phishfence.example/domains/xn--bcher-kva.example|Open bücher.example in PhishFence>",
                blocks.get(4).get("text").get("text").asText());
        assertEquals("Sender <!channel> & co cannot deliver", blocks.get(0).get("text").get("text").asText(),
                "a header is plain_text, which Slack shows as typed and never turns into a mention");
    }

    @Test
    void aResolvedNoticeSaysSoAndSkipsWhatItDoesNotHave() throws Exception {
        var alert = new SlackMessage.Alert("resolved", "example.com", "resolved", "Recovered on example.com",
                "The check no longer finds it.", List.of(), null);
        JsonNode body = JSON.readTree(SlackMessage.of(alert, "http://localhost:8080"));
        assertEquals("[PhishFence] Resolved: Recovered on example.com (resolved)", body.get("text").asText());
        assertEquals(3, body.get("blocks").size(), "header, summary, link: " + body);
        assertTrue(body.get("blocks").get(2).toString().contains("http://localhost:8080/domains/example.com"));
    }

    @Test
    void aLongTitleIsCutToSlacksHeaderLimit() throws Exception {
        var alert = new SlackMessage.Alert("raised", "example.com", "warning", "x".repeat(400), "s", List.of(), null);
        JsonNode body = JSON.readTree(SlackMessage.of(alert, "http://localhost:8080"));
        assertEquals(150, body.get("blocks").get(0).get("text").get("text").asText().length());
    }
}
