package com.aifinance.enterprise.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever touching DNS ({@link InetAddress#getByName} would resolve host names) and
 * writes them in their canonical text form (dotted decimal; RFC 5952 for IPv6).
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /**
     * An address an administrator typed: strict dotted-quad IPv4 (no octal, no short forms) or IPv6 without a zone;
     * IPv4-mapped IPv6 is refused so one range cannot be written two ways.
     *
     * @throws IllegalArgumentException with a message fit for the administrator
     */
    public static InetAddress parseStrict(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an address is required");
        }
        if (IPV4.matcher(text).matches()) {
            return Inet4Address.ofLiteral(text);
        }
        if (text.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(text).matches()) {
            InetAddress address;
            try {
                address = Inet6Address.ofLiteral(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid IPv6 address");
            }
            if (address instanceof Inet4Address) {
                throw new IllegalArgumentException("'" + text + "' is an IPv4-mapped IPv6 address; write it as IPv4");
            }
            return address;
        }
        throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
    }

    /**
     * An address the network gave us (the servlet's remote address, a proxy's {@code X-Forwarded-For} entry):
     * IPv4-mapped IPv6 becomes IPv4, IPv6 may be in brackets; anything else is empty.
     */
    public static Optional<InetAddress> parseFromNetwork(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        int zone = candidate.indexOf('%');
        if (zone > 0) {
            candidate = candidate.substring(0, zone);
        }
        if (IPV4.matcher(candidate).matches()) {
            return Optional.of(Inet4Address.ofLiteral(candidate));
        }
        if (candidate.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(candidate).matches()) {
            try {
                return Optional.of(InetAddress.ofLiteral(candidate));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Dotted decimal for IPv4; lower-case, zero-compressed RFC 5952 form for IPv6. */
    public static String canonical(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] == 0) {
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLength && j - i >= 2) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
