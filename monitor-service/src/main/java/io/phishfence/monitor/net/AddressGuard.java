package io.phishfence.monitor.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The SSRF guard for every connection a customer's DNS can steer (MTA-STS policy hosts, MX probes): loopback,
 * private, link-local, multicast and unspecified addresses are refused unless an allowed network lists them
 * (tests, or an operator's own lab).
 */
public final class AddressGuard {

    private final List<Cidr> allowed;

    public AddressGuard(List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream().map(Cidr::parse).toList();
    }

    /** Whether PhishFence may connect to {@code address}. */
    public boolean permits(InetAddress address) {
        boolean internal = address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isMulticastAddress() || address.isAnyLocalAddress() || isUniqueLocalV6(address)
                || isSharedOrReserved(address);
        return !internal || allowed.stream().anyMatch(cidr -> cidr.contains(address));
    }

    /** fc00::/7, which Java does not count as site-local. */
    private static boolean isUniqueLocalV6(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8. */
    private static boolean isSharedOrReserved(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 && ((b[0] & 0xff) == 0 || ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64));
    }

    record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/");
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR network: " + text, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
