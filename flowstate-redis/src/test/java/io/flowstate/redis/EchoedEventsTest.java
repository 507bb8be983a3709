package io.flowstate.redis;

import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.Event;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class EchoedEventsTest {

    private final EchoedEvents echoes = new EchoedEvents();
    private final Event event = startedEvent(started(Clock.systemUTC()));

    @Test
    void anEchoOfSentBytesIsTheSentEventOnce() {
        echoes.sending(bytes("event 1"), event);

        assertThat(echoes.received(bytes("event 1"))).isSameAs(event);
        assertThat(echoes.received(bytes("event 1"))).isNull();
    }

    @Test
    void otherBytesAreNotAnEcho() {
        echoes.sending(bytes("event 1"), event);

        assertThat(echoes.received(bytes("event 2"))).isNull();
        assertThat(echoes.received(bytes("event 1"))).isSameAs(event);
    }

    @Test
    void keepsOnlyTheNewestSends() {
        for (int i = 0; i <= EchoedEvents.CAPACITY; i++) {
            echoes.sending(bytes("event " + i), event);
        }

        assertThat(echoes.received(bytes("event 0"))).isNull();
        assertThat(echoes.received(bytes("event 1"))).isSameAs(event);
        assertThat(echoes.received(bytes("event " + EchoedEvents.CAPACITY))).isSameAs(event);
    }

    @Test
    void keepsNoLargeBlob() {
        byte[] large = new byte[EchoedEvents.MAX_BLOB_BYTES + 1];
        echoes.sending(large, event);

        assertThat(echoes.received(large.clone())).isNull();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
