package io.phishfence.web.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DkimSelectorsParseTest {

    @Test
    void selectorsAreLowerCasedDeduplicatedAndKeptInOrder() {
        assertEquals(Optional.of(List.of("google", "s1", "k2.mail")), DkimSelectors.parse(" Google,s1 s1\tk2.mail "));
        assertEquals(Optional.of(List.of()), DkimSelectors.parse("  "));
        assertEquals(Optional.of(List.of()), DkimSelectors.parse(null));
    }

    @Test
    void anythingButDnsNamesIsRefused() {
        for (String bad : List.of("under_score", "-leading", "trailing-", "dot..dot", "s1._domainkey.x;", "ü", "a/b",
                "x".repeat(64), "<script>")) {
            assertEquals(Optional.empty(), DkimSelectors.parse("good " + bad), bad);
        }
        assertEquals(Optional.empty(), DkimSelectors.parse(String.join(" ",
                java.util.stream.IntStream.range(0, 21).mapToObj(i -> "s" + i).toList())));
    }
}
