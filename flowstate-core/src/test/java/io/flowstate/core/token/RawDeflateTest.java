package io.flowstate.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class RawDeflateTest {

    @Test
    void compressedBytesAreRawDeflateThatAnyInflaterReadsBack() throws Exception {
        byte[] json = "{\"name\":\"Ada\",\"items\":[1,2,3,4,5,6,7,8,9]}".repeat(100).getBytes(StandardCharsets.UTF_8);

        byte[] compressed = RawDeflate.compress(json);

        Inflater jdk = new Inflater(true);
        jdk.setInput(compressed);
        byte[] inflated = new byte[json.length];
        assertThat(jdk.inflate(inflated)).isEqualTo(json.length);
        assertThat(inflated).isEqualTo(json);
        assertThat(RawDeflate.decompress(compressed)).isEqualTo(json);
        assertThat(compressed.length).isLessThan(json.length / 10);
    }

    @Test
    void incompressibleInputRoundTrips() throws Exception {
        byte[] noise = new byte[20_000];
        new Random(7).nextBytes(noise);

        assertThat(RawDeflate.decompress(RawDeflate.compress(noise))).isEqualTo(noise);
    }

    @Test
    void refusesWhatInflatesPastTheLimitAndWhatIsNotDeflate() {
        byte[] zeros = new byte[RawDeflate.MAX_INFLATED_BYTES + 1];
        byte[] bomb = RawDeflate.compress(zeros);

        assertThatThrownBy(() -> RawDeflate.decompress(bomb)).isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> RawDeflate.decompress(new byte[] {(byte) 0xff, 1, 2, 3}))
                .isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> RawDeflate.decompress(Arrays.copyOf(bomb, bomb.length / 2)))
                .isInstanceOf(TokenRejectedException.class);
    }
}
