package com.aifinance.gateway.allowlist;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an IP address literal without any name lookup. IPv4 must be four decimal parts without leading zeros (no
 * {@code 10.1}, {@code 010.0.0.1} or hex forms a proxy might read differently); IPv6 may carry a zone id, which is
 * dropped (it names a local interface, not a network). An IPv4-mapped IPv6 address ({@code ::ffff:203.0.113.5}, what a
 * dual-stack socket reports for an IPv4 client) is the IPv4 address, so it matches IPv4 ranges.
 */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /** The address, or empty when {@code text} is not an IP address literal. */
    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1); // the URI form of an IPv6 address
        }
        if (literal.indexOf(':') < 0) {
            return IPV4.matcher(literal).matches() ? Optional.of(Inet4Address.ofLiteral(literal)) : Optional.empty();
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (!IPV6_CHARACTERS.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            // returns an Inet4Address for an IPv4-mapped literal
            return Optional.of(Inet6Address.ofLiteral(literal));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }
}
