package io.phishfence.web.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MuteLinksTest {

    static final MuteLinks.Mute MUTE = new MuteLinks.Mute("t1", "example.com", "failure-spike", "ann@example.org");

    @Test
    void aTokenCarriesItsMuteAndOnlyThatMute() {
        var links = new MuteLinks(TestAlertConfig.withMuteKey("key-one-0123456789abcdef0123456789"));
        String token = links.token(MUTE);
        assertEquals(Optional.of(MUTE), links.verify(token));
        assertTrue(token.matches("[A-Za-z0-9_\\-.]+"), "URL-safe: " + token);
    }

    @Test
    void alteredForeignOrGarbageTokensMuteNothing() {
        var links = new MuteLinks(TestAlertConfig.withMuteKey("key-one-0123456789abcdef0123456789"));
        String token = links.token(MUTE);
        String otherPayload = links.token(new MuteLinks.Mute("t2", "example.com", "failure-spike", "ann@example.org"));
        String forged = otherPayload.substring(0, otherPayload.indexOf('.')) + token.substring(token.indexOf('.'));
        assertEquals(Optional.empty(), links.verify(forged), "another payload under this signature");
        assertEquals(Optional.empty(), new MuteLinks(TestAlertConfig.withMuteKey("key-two-0123456789abcdef0123456789")).verify(token),
                "signed with another key");
        for (String garbage : new String[] {null, "", ".", "abc", "abc.def", "%%%.%%%", "a".repeat(5000)}) {
            assertEquals(Optional.empty(), links.verify(garbage), String.valueOf(garbage));
        }
    }
}
