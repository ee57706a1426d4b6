package io.phishfence.web.mail;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import java.util.List;
import java.util.Objects;

/** One e-mail to one recipient, rendered: its text and HTML bodies are alternatives of the same content. */
public record OutgoingMail(String to, String subject, String text, String html) {

    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /**
     * Renders a mail template that has a {@code .txt} and an {@code .html} variant (e.g.
     * {@code templates/AccountMails/verify.txt|html}); each is rendered with its own escaping.
     */
    public static OutgoingMail render(String to, String subject, TemplateInstance template) {
        return new OutgoingMail(to, subject, variant(template, Variant.TEXT_PLAIN), variant(template, Variant.TEXT_HTML));
    }

    private static String variant(TemplateInstance template, String contentType) {
        @SuppressWarnings("unchecked")
        var variants = (List<Variant>) template.getAttribute(TemplateInstance.VARIANTS);
        Variant wanted = variants == null ? null
                : variants.stream().filter(v -> contentType.equals(v.getContentType())).findFirst().orElse(null);
        if (wanted == null) {
            throw new IllegalStateException("mail template without a " + contentType + " variant: " + variants);
        }
        return template.setAttribute(TemplateInstance.SELECTED_VARIANT, wanted).render();
    }
}
