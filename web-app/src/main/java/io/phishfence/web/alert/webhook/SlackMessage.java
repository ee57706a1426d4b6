package io.phishfence.web.alert.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phishfence.events.AlertRaised;
import java.net.IDN;
import java.util.List;

/**
 * The JSON body Slack's incoming webhooks take (and Mattermost, Rocket.Chat, Teams workflows and most chat tools
 * copy): {@code text}, the plain fallback that notifications show, and {@code blocks} with the title, the summary,
 * the evidence, what to do and a link to the domain. Everything from the alert is escaped for Slack's mrkdwn
 * ({@code &}, {@code <}, {@code >}), so a sender's organization name cannot become a link or an {@code @channel}.
 * Pure: the alert in, the body out.
 */
public final class SlackMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Slack's limits: a header's text, and a section's text. */
    private static final int HEADER_MAX = 150;
    private static final int SECTION_MAX = 3000;

    /** What the message shows. {@code kind} is {@code raised} or {@code resolved}. */
    public record Alert(String kind, String domain, String severity, String title, String summary,
            List<AlertRaised.Evidence> evidence, String advice) {

        boolean resolved() {
            return "resolved".equals(kind);
        }
    }

    private SlackMessage() {
    }

    /** The body for one alert; {@code baseUrl} is the web app's address, for the link to the domain's page. */
    public static String of(Alert alert, String baseUrl) {
        String domain = IDN.toUnicode(alert.domain(), IDN.ALLOW_UNASSIGNED);
        String heading = (alert.resolved() ? "Resolved: " : "") + oneLine(alert.title());
        String label = alert.resolved() ? "resolved" : alert.severity();
        ObjectNode body = JSON.createObjectNode();
        body.put("text", "[PhishFence] " + escape(heading) + " (" + escape(label) + ")");
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").set("text", plain(truncate(heading, HEADER_MAX)));
        section(blocks, "*" + escape(label.toUpperCase(java.util.Locale.ROOT)) + "* · " + escape(alert.summary()));
        if (!alert.evidence().isEmpty()) {
            var lines = new StringBuilder("*Evidence*");
            for (var item : alert.evidence()) {
                lines.append("\n• ").append(escape(item.label())).append(": ").append(escape(item.value()));
            }
            section(blocks, lines.toString());
        }
        if (alert.advice() != null && !alert.advice().isBlank()) {
            section(blocks, "*What to do*\n" + escape(alert.advice()));
        }
        String link = baseUrl.replaceAll("/+$", "") + "/domains/" + alert.domain();
        section(blocks, "<" + link + "|Open " + escape(domain) + " in PhishFence>");
        return write(body);
    }

    /** The body the settings page's "Send a test message" posts. */
    public static String test(String by) {
        ObjectNode body = JSON.createObjectNode();
        String text = "PhishFence test message: alerts will be posted here. Sent by " + escape(by) + ".";
        body.put("text", text);
        section(body.putArray("blocks"), text);
        return write(body);
    }

    /** Escapes the three characters Slack's mrkdwn gives a meaning to (links, mentions, entities). */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode text = JSON.createObjectNode().put("type", "mrkdwn").put("text", truncate(mrkdwn, SECTION_MAX));
        blocks.addObject().put("type", "section").set("text", text);
    }

    private static ObjectNode plain(String text) {
        return JSON.createObjectNode().put("type", "plain_text").put("text", text);
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook body cannot be written", e);
        }
    }
}
