package io.flowstate.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {

    @Test
    void matchesRfc5869TestCase3() {
        // RFC 5869 A.3: SHA-256, IKM = 22 × 0x0b, empty salt, empty info; first 32 bytes of the OKM
        byte[] ikm = HexFormat.of().parseHex("0b".repeat(22));

        byte[] okm = Hkdf.sha256(ikm, new byte[0], 32);

        assertThat(HexFormat.of().formatHex(okm))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
    }
}
