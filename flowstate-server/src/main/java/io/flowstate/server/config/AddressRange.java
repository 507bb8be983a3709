package io.flowstate.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}), as {@code ratelimit.trustedProxies}
 * lists them. Only literal addresses: a host name would make every request wait for DNS.
 */
public final class AddressRange {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    private final byte[] network;
    private final int bits;

    private AddressRange(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    /** The range's first address (4 bytes for IPv4, 16 for IPv6), a copy. */
    public byte[] network() {
        return network.clone();
    }

    /**
     * Parses {@code text}.
     *
     * @throws ConfigException naming {@code ratelimit.trustedProxies} when it is not an address or a range
     */
    public static AddressRange parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address, text);
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw invalid(text);
            }
        }
        return new AddressRange(bytes, bits);
    }

    /** True when {@code address} lies in this range (an IPv4 address never matches an IPv6 range). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String address, String text) {
        if (address.isEmpty() || !LITERAL.matcher(address).matches()) {
            throw invalid(text);
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(text);
        }
    }

    private static ConfigException invalid(String text) {
        return new ConfigException("ratelimit.trustedProxies: expected IP addresses or CIDR ranges such as"
                + " 10.0.0.0/8, was " + (text == null ? "null" : ValueParser.quote(text)));
    }
}
