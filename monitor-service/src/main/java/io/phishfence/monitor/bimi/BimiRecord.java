package io.phishfence.monitor.bimi;

import java.net.URI;
import java.util.Optional;

/**
 * A BIMI assertion record at {@code default._bimi.<domain>} ({@code v=BIMI1; l=<logo>; a=<authority>}).
 *
 * @param logo the https: URL of the SVG logo; empty when the domain declines to show one ({@code l=})
 * @param authority the https: URL of the PEM Verified Mark Certificate; empty when there is none
 */
public record BimiRecord(Optional<URI> logo, Optional<URI> authority) {
}
