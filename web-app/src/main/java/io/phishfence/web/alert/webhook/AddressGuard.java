package io.phishfence.web.alert.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The SSRF guard of webhook POSTs: a tenant types the URL, so its host may name any address, ours included.
 * Loopback, private, unique-local, link-local, multicast, unspecified, shared (CGNAT) and 0/8 addresses are
 * refused unless an allowed network lists them (tests on loopback, an operator's lab).
 */
final class AddressGuard {

    private final List<Network> allowed;

    AddressGuard(List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream().map(Network::parse).toList();
    }

    boolean permits(InetAddress address) {
        return !isInternal(address) || allowed.stream().anyMatch(network -> network.contains(address));
    }

    static boolean isInternal(InetAddress address) {
        byte[] b = address.getAddress();
        boolean uniqueLocalV6 = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean zeroOrCgnat = b.length == 4 && ((b[0] & 0xff) == 0 || ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64));
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress() || uniqueLocalV6 || zeroOrCgnat;
    }

    /** An address block in CIDR notation; a bare address is a block of one. */
    record Network(byte[] prefixBytes, int bits) {

        static Network parse(String cidr) {
            String[] parts = cidr.strip().split("/", 2);
            try {
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range: " + cidr);
                }
                return new Network(address, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a network in CIDR notation: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefixBytes.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != prefixBytes[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (candidate[whole] & mask) == (prefixBytes[whole] & mask);
        }
    }
}
