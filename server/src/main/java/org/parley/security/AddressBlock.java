package org.parley.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The network an address belongs to, for limits that a guesser must not escape by taking the next
 * address: an IPv4 /24 or an IPv6 /48 (what one customer of a provider typically gets). Never looks
 * a name up: the text comes from a socket or X-Forwarded-For.
 */
public final class AddressBlock {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private AddressBlock() {
    }

    /** {@code 192.0.2.0/24}, {@code 2001:db8:1::/48}; anything that is not an IP address is its own block. */
    public static String of(String ip) {
        return block(ip, false);
    }

    /**
     * The provider's allocation, for IPv6 where a /48 costs nothing to change: {@code 2001:db8::/32}.
     * IPv4 addresses are scarce enough that {@link #of} (their /24) is the wide block too.
     */
    public static String provider(String ip) {
        return block(ip, true);
    }

    private static String block(String ip, boolean provider) {
        String address = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        var v4 = IPV4.matcher(address);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return ip;
                }
            }
            return v4.group(1) + "." + v4.group(2) + "." + v4.group(3) + ".0/24";
        }
        if (!IPV6.matcher(address).matches()) {
            return ip;
        }
        try {
            // a text with a colon is parsed as an IPv6 literal or refused: no DNS lookup
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length == 4) { // ::ffff:a.b.c.d comes back as IPv4
                return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
            }
            if (provider) {
                return Integer.toHexString(group(bytes, 0)) + ":" + Integer.toHexString(group(bytes, 2)) + "::/32";
            }
            return Integer.toHexString(group(bytes, 0)) + ":" + Integer.toHexString(group(bytes, 2)) + ":"
                    + Integer.toHexString(group(bytes, 4)) + "::/48";
        } catch (UnknownHostException notAnAddress) {
            return ip;
        }
    }

    private static int group(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }
}
