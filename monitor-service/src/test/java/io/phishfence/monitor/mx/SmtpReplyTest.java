package io.phishfence.monitor.mx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void aMultiLineEhloReplyListsItsExtensions() {
        var reply = SmtpReply.parse(List.of("250-mx.example.com at your service", "250-SIZE 35882577",
                "250-starttls", "250 SMTPUTF8")).orElseThrow();
        assertEquals(250, reply.code());
        assertTrue(reply.offers("STARTTLS"));
        assertTrue(reply.offers("SIZE"));
        assertFalse(reply.offers("AUTH"));
    }

    @Test
    void theGreetingLineIsNoExtension() {
        var reply = SmtpReply.parse(List.of("250 STARTTLS.example.com")).orElseThrow();
        assertFalse(reply.offers("STARTTLS"));
    }

    @Test
    void aBareCodeEndsAReply() {
        assertTrue(SmtpReply.isLast("220"));
        assertTrue(SmtpReply.isLast("220 ready"));
        assertFalse(SmtpReply.isLast("220-ready"));
        assertEquals(220, SmtpReply.parse(List.of("220")).orElseThrow().code());
    }

    @Test
    void linesThatAreNoSmtpReplyAreRefused() {
        assertTrue(SmtpReply.parse(List.of("HTTP/1.1 400 Bad Request")).isEmpty());
        assertTrue(SmtpReply.parse(List.of("22 short")).isEmpty());
        assertTrue(SmtpReply.parse(List.of("220xready")).isEmpty());
        assertTrue(SmtpReply.parse(List.of("250-one", "251 other code")).isEmpty());
        assertTrue(SmtpReply.parse(List.of("250 early end", "250 late end")).isEmpty());
        assertTrue(SmtpReply.parse(List.of("250-never ends")).isEmpty());
        assertTrue(SmtpReply.parse(List.of()).isEmpty());
    }

    @Test
    void aReplyReadsAsTheServerWroteIt() {
        assertEquals("554 no / go away", SmtpReply.parse(List.of("554-no", "554 go away")).orElseThrow().toString());
    }
}
