package io.flowstate.server.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFramesTest {

    @Test
    void aMessageIsItsIdEventAndDataLinesEndedByABlankLine() {
        assertThat(new String(SseFrames.message(7, "state.updated", "{\"a\":\"ä\"}"), StandardCharsets.UTF_8))
                .isEqualTo("id:7\nevent:state.updated\ndata:{\"a\":\"ä\"}\n\n");
    }

    @Test
    void eachLineOfMultiLineDataIsItsOwnDataLine() {
        assertThat(new String(SseFrames.message(1, "x", "a\nb\r\nc"), StandardCharsets.UTF_8))
                .isEqualTo("id:1\nevent:x\ndata:a\ndata:b\ndata:c\n\n");
    }
}
