package io.phishfence.monitor.mtasts;

import io.phishfence.monitor.check.Finding;

/** The outcome of fetching an MTA-STS policy file: its text, or the finding that says why there is none. */
public sealed interface PolicyFetch {

    record Fetched(String body) implements PolicyFetch {
    }

    record Failed(Finding finding) implements PolicyFetch {
    }
}
