package com.aifinance.gateway.allowlist;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 range, {@code address/prefix}; a bare address is one host. enterprise-service stores ranges
 * canonically and without host bits, but they are masked here anyway, so a range never matches more than it says.
 *
 * @param text the range as enterprise-service published it
 */
record Cidr(String text, byte[] network, int prefix) {

    /** The range, or empty when {@code text} is not one (zone ids and IPv4-mapped IPv6 ranges are not ranges). */
    static Optional<Cidr> parse(String text) {
        if (text == null || text.contains("%") || text.contains("[") || text.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> parsed = IpAddresses.parse(address);
        if (parsed.isEmpty() || (address.contains(":") && parsed.get().getAddress().length == 4)) {
            return Optional.empty();
        }
        byte[] bytes = parsed.get().getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(length) > bits) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(length);
        }
        return Optional.of(new Cidr(text, mask(bytes, prefix), prefix));
    }

    /** Whether {@code address} is in the range; an IPv4 address is never in an IPv6 range, nor the reverse. */
    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.length && Arrays.equals(mask(candidate, prefix), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.clamp(prefix - i * 8L, 0, 8);
            masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }
}
