package io.flowstate.server.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.process.ProblemType;
import org.junit.jupiter.api.Test;

class InboundTest {

    @Test
    void readsStepPatchAndResumeMessages() throws Exception {
        Inbound step = Inbound.parse("{\"type\":\"step\",\"input\":{\"a\":1},\"step\":\"s\",\"ifVersion\":7,\"requestId\":\"r1\"}");
        assertThat(step).isInstanceOfSatisfying(Inbound.Step.class, s -> {
            assertThat(s.requestId()).isEqualTo("r1");
            assertThat(s.step()).isEqualTo("s");
            assertThat(s.ifVersion()).isEqualTo(7L);
            assertThat(s.input().get("a").asInt()).isEqualTo(1);
        });
        assertThat(Inbound.parse("{\"type\":\"patch\",\"patch\":{\"b\":null}}"))
                .isInstanceOfSatisfying(Inbound.Patch.class, p -> assertThat(p.ifVersion()).isNull());
        assertThat(Inbound.parse("{\"type\":\"resume\",\"afterVersion\":5,\"requestId\":3}"))
                .isEqualTo(new Inbound.Resume("3", 5));
    }

    @Test
    void refusesMessagesItCannotCarryOutWithTheRequestIdWhenItHasOne() {
        assertThatThrownBy(() -> Inbound.parse("[1]")).isInstanceOfSatisfying(Inbound.Invalid.class,
                e -> assertThat(e.problem().type()).isEqualTo(ProblemType.INVALID_MESSAGE));
        assertThatThrownBy(() -> Inbound.parse("{\"type\":")).isInstanceOfSatisfying(Inbound.Invalid.class,
                e -> assertThat(e.problem().type()).isEqualTo(ProblemType.MALFORMED_JSON));
        assertThatThrownBy(() -> Inbound.parse("{\"type\":\"step\",\"ifVersion\":\"7\",\"requestId\":\"r\"}"))
                .isInstanceOfSatisfying(Inbound.Invalid.class, e -> {
                    assertThat(e.problem().type()).isEqualTo(ProblemType.INVALID_MESSAGE);
                    assertThat(e.requestId()).isEqualTo("r");
                });
        assertThatThrownBy(() -> Inbound.parse("{\"type\":\"resume\"}")).isInstanceOf(Inbound.Invalid.class);
        assertThatThrownBy(() -> Inbound.parse("{\"type\":\"patch\"}")).isInstanceOf(Inbound.Invalid.class);
        assertThatThrownBy(() -> Inbound.parse("{\"type\":\"start\"}")).isInstanceOf(Inbound.Invalid.class);
    }
}
