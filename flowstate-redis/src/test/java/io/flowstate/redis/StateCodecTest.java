package io.flowstate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private final StateCodec codec = new StateCodec(1024);

    @Test
    void storesSmallJsonPlainBehindItsMarker() {
        byte[] json = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        byte[] blob = codec.encode(json);

        assertThat(blob[0]).isEqualTo(StateCodec.PLAIN);
        assertThat(codec.decode(blob)).isEqualTo(json);
    }

    @Test
    void compressesLargeJsonAndRestoresItExactly() {
        byte[] json = ("{\"items\":[" + "{\"name\":\"a fairly repetitive entry\",\"n\":1},".repeat(100) + "{}]}")
                .getBytes(StandardCharsets.UTF_8);

        byte[] blob = codec.encode(json);

        assertThat(blob[0]).isEqualTo(StateCodec.DEFLATE);
        assertThat(blob.length).isLessThan(json.length / 4);
        assertThat(codec.decode(blob)).isEqualTo(json);
    }

    @Test
    void keepsIncompressibleDataPlain() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);

        assertThat(codec.encode(noise)[0]).isEqualTo(StateCodec.PLAIN);
    }

    @Test
    void readsBlobsWrittenWithAnotherThreshold() {
        byte[] json = "{\"k\":\"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\"}".getBytes(StandardCharsets.UTF_8);

        byte[] compressedByOldWriter = new StateCodec(0).encode(json);

        assertThat(compressedByOldWriter[0]).isEqualTo(StateCodec.DEFLATE);
        assertThat(new StateCodec(Integer.MAX_VALUE).decode(compressedByOldWriter)).isEqualTo(json);
    }

    @Test
    void rejectsUnknownMarkersAndCorruptedBlobs() {
        byte[] blob = new StateCodec(0).encode("{\"k\":\"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\"}".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(blob, blob.length - 3);

        assertThatThrownBy(() -> codec.decode(new byte[] {'q', 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(IllegalArgumentException.class);
    }
}
