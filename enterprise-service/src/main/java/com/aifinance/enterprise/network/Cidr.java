package com.aifinance.enterprise.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation, held in canonical form: {@code 10.0.0.0/8}, {@code 2001:db8::/32}. A
 * bare address is a single-host network ({@code /32} or {@code /128}).
 */
public final class Cidr implements Comparable<Cidr> {

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses what an administrator typed. Host bits must be zero ({@code 10.0.0.1/8} is refused, naming the
     * network they probably meant), so a list never says something other than what it allows.
     *
     * @throws IllegalArgumentException with a message fit for the administrator
     */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a CIDR range is required");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = IpAddresses.parseStrict(addressPart);
        int maxLength = address instanceof Inet4Address ? 32 : 128;
        int prefix = maxLength;
        if (slash >= 0) {
            String prefixPart = trimmed.substring(slash + 1);
            if (!prefixPart.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length after '/'");
            }
            prefix = Integer.parseInt(prefixPart);
            if (prefix > maxLength) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0-" + maxLength);
            }
        }
        byte[] bytes = address.getAddress();
        byte[] masked = mask(bytes, prefix);
        if (!Arrays.equals(bytes, masked)) {
            throw new IllegalArgumentException("'" + text + "' has host bits set; did you mean "
                    + new Cidr(masked, prefix) + "?");
        }
        return new Cidr(masked, prefix);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    /** Two ranges overlap when one contains the other (CIDR ranges never partly overlap). */
    public boolean overlaps(Cidr other) {
        if (other.network.length != network.length) {
            return false;
        }
        int shorter = Math.min(prefixLength, other.prefixLength);
        return Arrays.equals(mask(network, shorter), mask(other.network, shorter));
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int bitsKept = Math.max(0, Math.min(8, prefix - 8 * i));
            result[i] = (byte) (result[i] & (0xff << (8 - bitsKept)));
        }
        return result;
    }

    @Override
    public int compareTo(Cidr other) {
        int byFamily = Integer.compare(network.length, other.network.length);
        if (byFamily != 0) {
            return byFamily;
        }
        int byNetwork = Arrays.compareUnsigned(network, other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefixLength == prefixLength && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return IpAddresses.canonical(InetAddress.getByAddress(network)) + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);   // only for a wrong length, which parse never produces
        }
    }
}
