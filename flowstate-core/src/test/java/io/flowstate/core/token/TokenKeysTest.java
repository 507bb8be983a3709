package io.flowstate.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenKeysTest {

    private static final String SECRET = TokenKeys.newSecret();

    @Test
    void sealsWithTheFirstKeyAndAcceptsAllListed() {
        // when
        TokenKeys keys = TokenKeys.fromBase64(List.of(Map.entry("k2", TokenKeys.newSecret()), Map.entry("k1", SECRET)));

        // then
        assertThat(keys.signingKid()).isEqualTo("k2");
        assertThat(keys.kids()).containsExactly("k2", "k1");
        assertThat(keys.contains("k1")).isTrue();
        assertThat(keys.contains("k3")).isFalse();
        assertThat(keys.contains(null)).isFalse();
    }

    @Test
    void refusesASecretShorterThan256BitsNamingTheKey() {
        String short128 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> TokenKeys.fromBase64(List.of(Map.entry("k2", SECRET), Map.entry("k1", short128))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token.keys[1] (kid 'k1'): secret must be at least 256 bits (32 bytes) once decoded, was 128 bits");
    }

    @Test
    void refusesMalformedEntriesNamingTheKey() {
        assertThatThrownBy(() -> TokenKeys.fromBase64(List.of()))
                .hasMessage("token.keys must list at least one key");
        assertThatThrownBy(() -> TokenKeys.fromBase64("k1", "not base64!"))
                .hasMessage("token.keys[0] (kid 'k1'): secret is not valid base64");
        assertThatThrownBy(() -> TokenKeys.fromBase64("k1", " "))
                .hasMessage("token.keys[0] (kid 'k1'): secret is missing");
        assertThatThrownBy(() -> TokenKeys.fromBase64("key one", SECRET))
                .hasMessageStartingWith("token.keys[0]: kid must be 1 to 64 characters");
        assertThatThrownBy(() -> TokenKeys.fromBase64(List.of(Map.entry("k1", SECRET), Map.entry("k1", SECRET))))
                .hasMessage("token.keys[1] (kid 'k1'): kid is listed twice");
    }

    @Test
    void neverShowsASecretInAMessageOrToString() {
        String almost = Base64.getEncoder().encodeToString("thirty-one bytes of secret text".getBytes());
        assertThatThrownBy(() -> TokenKeys.fromBase64("k1", almost)).message().doesNotContain(almost);
        assertThat(TokenKeys.fromBase64("k1", SECRET).toString()).isEqualTo("TokenKeys[k1] (signing: k1)")
                .doesNotContain(SECRET);
    }

    @Test
    void acceptsStandardAndUrlSafeBase64WithOrWithoutPadding() {
        byte[] secret = new byte[33]; // 44 characters with padding in either alphabet
        java.util.Arrays.fill(secret, (byte) 0xfb); // encodes to '+' and '/' or '-' and '_'
        String standard = Base64.getEncoder().encodeToString(secret);
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);

        assertThat(TokenKeys.fromBase64("k1", standard)).isEqualTo(TokenKeys.fromBase64("k1", urlSafe));
    }

    @Test
    void newSecretsAre256RandomBits() {
        assertThat(Base64.getDecoder().decode(TokenKeys.newSecret())).hasSize(32);
        assertThat(TokenKeys.newSecret()).isNotEqualTo(TokenKeys.newSecret());
    }
}
