package io.flowstate.server.ratelimit;

import io.flowstate.server.config.AddressRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from, for its rate limit: {@code ip:<address>} of the peer, or, when the peer is a trusted
 * proxy, of the nearest address in {@code X-Forwarded-For} that is not one (walking from the right, as each proxy
 * appends what it saw). From any other peer the header is ignored: a client cannot pick its own bucket.
 *
 * <p>Authentication is the seam: once a request carries a verified subject, its key is {@code sub:<subject>}
 * ({@link #of(Optional, SocketAddress, List)}), so one user behind a shared address keeps their own budget.
 */
public final class ClientKeys {

    private final List<AddressRange> trustedProxies;

    public ClientKeys(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(AddressRange::parse).toList();
    }

    /**
     * The key of a request's client.
     *
     * @param subject       the authenticated subject, if any
     * @param peer          the connection's remote address
     * @param forwardedFors every {@code X-Forwarded-For} header value, in order
     */
    public String of(Optional<String> subject, SocketAddress peer, List<String> forwardedFors) {
        if (subject.isPresent()) {
            return "sub:" + subject.get();
        }
        Optional<InetAddress> direct = peer instanceof InetSocketAddress inet && inet.getAddress() != null
                ? Optional.of(inet.getAddress()) : Optional.empty();
        if (direct.isEmpty()) {
            return "ip:" + peer;
        }
        InetAddress client = direct.get();
        if (trusted(client)) {
            List<String> hops = forwardedFors.stream().flatMap(value -> List.of(value.split(",")).stream())
                    .map(String::trim).filter(hop -> !hop.isEmpty()).toList();
            for (int i = hops.size() - 1; i >= 0; i--) {
                Optional<InetAddress> hop = literal(hops.get(i));
                if (hop.isEmpty()) {
                    break; // not an address: stop at what the trusted proxies vouched for
                }
                client = hop.get();
                if (!trusted(client)) {
                    break;
                }
            }
        }
        return "ip:" + client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static Optional<InetAddress> literal(String hop) {
        String bare = hop.startsWith("[") && hop.contains("]") ? hop.substring(1, hop.indexOf(']')) : hop;
        try {
            AddressRange range = AddressRange.parse(bare);
            return Optional.of(InetAddress.getByAddress(range.network()));
        } catch (RuntimeException | UnknownHostException e) {
            return Optional.empty();
        }
    }
}
