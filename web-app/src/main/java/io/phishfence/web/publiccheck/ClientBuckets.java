package io.phishfence.web.publiccheck;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The unit a per-client limit counts: an IPv4 address, or the /64 an IPv6 address is in (one subscriber usually
 * holds a whole /64, so counting single IPv6 addresses would be no limit at all).
 */
final class ClientBuckets {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientBuckets() {
    }

    /** @param address the client's address as text (a literal, never a name) */
    static String of(String address) {
        // Only a literal reaches getByName, which then parses it without asking DNS.
        if (address == null || !LITERAL.matcher(address).matches()) {
            return "unknown";
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                var prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(String.format("%x:", ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
