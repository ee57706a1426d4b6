package io.phishfence.monitor.mtasts;

/**
 * An MTA-STS TXT record (RFC 8461 3.1) at {@code _mta-sts.<domain>}: {@code v=STSv1; id=<policy id>}.
 *
 * @param id changes whenever the policy changes; senders refetch the policy when it does
 */
public record StsRecord(String id) {
}
