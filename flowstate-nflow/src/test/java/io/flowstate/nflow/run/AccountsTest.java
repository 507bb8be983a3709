package io.flowstate.nflow.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {

    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(2_000_000_000L), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Accounts accounts() throws IOException {
        String hash = HexFormat.of().formatHex(Accounts.sha512_256("s3cret"));
        return Accounts.load(Files.writeString(dir.resolve("accounts.json"), """
                {"users": [
                  {"username": "ana", "password": "%s", "role": "ROL_DEV", "active": true},
                  {"username": "old", "password": "%s", "role": "ROL_DEV", "active": false}],
                 "tokens": [
                  {"name": "api1", "token": "gone", "type": "Bearer", "header": "Authorization", "expires": 1999999999, "active": true},
                  {"name": "api1", "token": "abc", "type": "Basic", "header": "Authorization", "expires": null, "active": true},
                  {"name": "api2", "token": "k", "type": "Key", "header": "X-Api-Key", "expires": 2000000001, "active": true}]}
                """.formatted(hash, hash)), NOW);
    }

    @Test
    void aUserIsValidWithTheRightPasswordOnlyAndWhileActive() throws IOException {
        Accounts accounts = accounts();

        assertThat(accounts.validateUser("ana", "s3cret")).isTrue();
        assertThat(accounts.validateUser("ana", "ana")).isFalse();
        assertThat(accounts.validateUser("old", "s3cret")).isFalse();
        assertThat(accounts.validateUser("nobody", "s3cret")).isFalse();
    }

    @Test
    void aTokenIsValidInItsHeaderWithItsTypeUntilItExpires() throws IOException {
        Accounts accounts = accounts();

        assertThat(accounts.validateToken("api1", Map.of("authorization", List.of("Basic abc")))).isTrue();
        assertThat(accounts.validateToken("api1", Map.of("Authorization", List.of("Bearer gone")))).isFalse();
        assertThat(accounts.validateToken("api1", Map.of("Authorization", List.of("Bearer abc")))).isFalse();
        assertThat(accounts.validateToken("api2", Map.of("X-Api-Key", List.of("Key k")))).isTrue();
        assertThat(accounts.validateToken("api2", Map.of())).isFalse();
    }

    @Test
    void aFileThatIsNotAnObjectIsRefusedNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), "[]");

        assertThatThrownBy(() -> Accounts.load(file, NOW)).hasMessageContaining("bad.json");
    }
}
