package io.phishfence.monitor.dmarc;

/**
 * The DMARC policy that receivers apply to a domain, from its own record or inherited from its organizational
 * domain (RFC 7489 6.6.3). Other checks (BIMI) need to know whether it is enforced.
 *
 * @param policy the policy that applies to the checked domain: {@code p=}, or for an inherited record
 *        {@code sp=} when present
 * @param percent {@code pct=}, 100 when absent or unreadable
 * @param recordDomain where the record was found: the domain itself or its organizational domain
 */
public record DmarcPolicy(String policy, int percent, String recordDomain) {

    /** Quarantine or reject for all failing mail: what BIMI, among others, requires. */
    public boolean enforced() {
        return (policy.equals("quarantine") || policy.equals("reject")) && percent == 100;
    }
}
