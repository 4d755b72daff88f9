package io.github.kctwilio.otp.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The group of client addresses one per-address cap counts together. An IPv4 address is its own group. An IPv6
 * address counts by its /64 network: a single subscriber is handed a whole /64 (often a /56 or more) and can pick a
 * fresh address in it for every request, so counting full IPv6 addresses would let one machine pass any cap.
 */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?]?");

    private ClientAddress() {
    }

    /**
     * @param address a client address as Keycloak reports it (a literal, never a host name); null when unknown
     * @return {@code 203.0.113.7} for IPv4 (also when written as IPv4-mapped IPv6), {@code 2001:db8:1:2::/64} for
     *         IPv6; anything else unchanged; null for null
     */
    public static String group(String address) {
        if (address == null || !(IPV4.matcher(address).matches() || IPV6.matcher(address).matches())) {
            return address;
        }
        InetAddress parsed;
        try {
            // Only literals reach this point, so no name lookup happens.
            parsed = InetAddress.getByName(stripZone(address));
        } catch (UnknownHostException e) {
            return address;
        }
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress();
        }
        if (parsed instanceof Inet6Address) {
            byte[] bytes = parsed.getAddress();
            StringBuilder network = new StringBuilder();
            for (int group = 0; group < 4; group++) {
                network.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        }
        return address;
    }

    private static String stripZone(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        int zone = bare.indexOf('%');
        return zone < 0 ? bare : bare.substring(0, zone);
    }
}
