package io.phishfence.web.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String OTHER = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
    static final String URL = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX";
    static final String CONTEXT = "alert_webhook.url/tenant-a";

    @Test
    void aSealedValueHidesThePlaintextAndOpensInItsContext() {
        var box = SecretBox.of(Optional.of(KEY), List.of());
        String sealed = box.seal(URL, CONTEXT);
        assertTrue(sealed.startsWith("pf1:"), sealed);
        assertFalse(sealed.contains("hooks.slack.com") || sealed.contains("XXXX"), sealed);
        assertNotEquals(sealed, box.seal(URL, CONTEXT), "a fresh nonce each time");
        assertEquals(URL, box.open(sealed, CONTEXT));
        assertTrue(box.sealedWithCurrentKey(sealed));
    }

    @Test
    void aValueMovedToAnotherTenantsRowOrAlteredDoesNotOpen() {
        var box = SecretBox.of(Optional.of(KEY), List.of());
        String sealed = box.seal(URL, CONTEXT);
        assertThrows(SecretBox.UnreadableSecret.class, () -> box.open(sealed, "alert_webhook.url/tenant-b"));
        char last = sealed.charAt(sealed.length() - 1);
        String altered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThrows(SecretBox.UnreadableSecret.class, () -> box.open(altered, CONTEXT));
        assertThrows(SecretBox.UnreadableSecret.class, () -> box.open("pf1:" + sealed.substring(4, 12) + ":AAAA",
                CONTEXT), "too short to hold a nonce and a tag");
        assertThrows(SecretBox.UnreadableSecret.class, () -> box.open("pf1:nokeyid", CONTEXT));
    }

    @Test
    void afterARotationThePreviousKeyStillOpensAndTheMessageNamesAMissingKey() {
        String sealedWithOld = SecretBox.of(Optional.of(OTHER), List.of()).seal(URL, CONTEXT);
        var rotated = SecretBox.of(Optional.of(KEY), List.of(OTHER));
        assertEquals(URL, rotated.open(sealedWithOld, CONTEXT));
        assertFalse(rotated.sealedWithCurrentKey(sealedWithOld), "to be sealed again with the new key");

        var withoutOld = SecretBox.of(Optional.of(KEY), List.of());
        var unreadable = assertThrows(SecretBox.UnreadableSecret.class, () -> withoutOld.open(sealedWithOld, CONTEXT));
        String oldId = sealedWithOld.substring(4, sealedWithOld.indexOf(':', 4));
        assertTrue(unreadable.getMessage().contains(oldId) && unreadable.getMessage().contains("previous-keys"),
                unreadable.getMessage());
        assertFalse(unreadable.getMessage().contains(OTHER), "a message names the key's id, never the key");
    }

    @Test
    void withoutAKeyValuesAreStoredAsTypedAndOldPlainValuesStillRead() {
        var none = SecretBox.of(Optional.empty(), List.of());
        assertFalse(none.sealing());
        assertEquals(URL, none.seal(URL, CONTEXT));
        assertEquals(URL, SecretBox.of(Optional.of(KEY), List.of()).open(URL, CONTEXT), "stored before encryption");
        assertThrows(SecretBox.UnreadableSecret.class,
                () -> none.open(SecretBox.of(Optional.of(KEY), List.of()).seal(URL, CONTEXT), CONTEXT));
    }

    @Test
    void keysThatAreNot32BytesOfBase64AreRefusedAtStartUp() {
        for (String bad : List.of("not base64!", Base64.getEncoder().encodeToString(new byte[16]))) {
            var refused = assertThrows(IllegalArgumentException.class, () -> SecretBox.of(Optional.of(bad), List.of()));
            assertTrue(refused.getMessage().contains("head -c 32 /dev/urandom | base64"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SecretBox.of(Optional.empty(), List.of(KEY)),
                "an old key without a new one is a mistake");
    }
}
