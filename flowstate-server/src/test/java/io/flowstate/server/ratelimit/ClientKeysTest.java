package io.flowstate.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientKeysTest {

    private final ClientKeys keys = new ClientKeys(List.of("10.0.0.0/8", "::1"));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItsHeaderSays() {
        assertThat(keys.of(Optional.empty(), peer("192.0.2.7"), List.of("203.0.113.9")))
                .isEqualTo("ip:192.0.2.7");
    }

    @Test
    void behindTrustedProxiesTheNearestUntrustedForwardedAddressIsTheClient() {
        assertThat(keys.of(Optional.empty(), peer("10.1.2.3"), List.of("198.51.100.1, 203.0.113.9", "10.9.9.9")))
                .isEqualTo("ip:203.0.113.9");
        assertThat(keys.of(Optional.empty(), peer("::1"), List.of("2001:db8::5"))).isEqualTo("ip:2001:db8:0:0:0:0:0:5");
    }

    @Test
    void aForwardedValueThatIsNoAddressStopsTheWalk() {
        assertThat(keys.of(Optional.empty(), peer("10.1.2.3"), List.of("unknown"))).isEqualTo("ip:10.1.2.3");
    }

    @Test
    void anAuthenticatedSubjectIsItsOwnClient() {
        assertThat(keys.of(Optional.of("alice"), peer("10.1.2.3"), List.of())).isEqualTo("sub:alice");
    }

    private static InetSocketAddress peer(String address) {
        return new InetSocketAddress(address, 40_000);
    }
}
