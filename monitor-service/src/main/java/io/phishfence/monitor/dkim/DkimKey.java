package io.phishfence.monitor.dkim;

/**
 * A DKIM public key record (RFC 6376 3.6.1) at {@code <selector>._domainkey.<domain>}, as far as the check
 * needs it.
 *
 * @param keyType {@code rsa} or {@code ed25519} (RFC 8463)
 * @param bits the key size: the RSA modulus length, 256 for Ed25519, 0 for a revoked key
 * @param revoked the record has an empty {@code p=}: the selector was withdrawn
 * @param testing {@code t=y}: receivers must not treat failures differently from unsigned mail
 */
public record DkimKey(String keyType, int bits, boolean revoked, boolean testing) {
}
