package io.flowstate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionCloseTest {

    @Test
    void closeIsOneOptionAmongOthersInAnyCase() {
        assertThat(ConnectionClose.asksToClose("close")).isTrue();
        assertThat(ConnectionClose.asksToClose("TE, Close")).isTrue();
        assertThat(ConnectionClose.asksToClose(" keep-alive ,CLOSE ")).isTrue();
        assertThat(ConnectionClose.asksToClose("keep-alive")).isFalse();
        assertThat(ConnectionClose.asksToClose("closed")).isFalse();
        assertThat(ConnectionClose.asksToClose("")).isFalse();
    }
}
