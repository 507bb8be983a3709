package io.flowstate.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a setup turns into: the configuration a server under test starts with, and the setups it refuses. */
class ServerSetupTest {

    private static final Path DATA = Path.of("target", "data");
    private static final String REDIS_URL = "redis://127.0.0.1:7777";

    @Test
    void aPlainSetupIsOneServerOnTheMemoryStoreOnLoopbackPortZeroWithAFastSweeper() {
        ServerSetup setup = ServerSetup.of("src/test/resources/flows");

        FlowstateConfig config = setup.config(DATA, REDIS_URL);

        assertThat(setup.instances()).isEqualTo(1);
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isZero();
        assertThat(config.store().kind()).isEqualTo(StoreConfig.Kind.MEMORY);
        assertThat(config.store().sweepInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.flowsDir()).isEqualTo(Path.of("src/test/resources/flows").toAbsolutePath());
        assertThat(config.defaultMode()).isEqualTo(Mode.PROCESS);
    }

    @Test
    void theStoreKindDataDirectoryAndRedisUrlComeFromTheSetupAndItsResources() {
        FlowstateConfig config = ServerSetup.of("flows").withStore(StoreKind.REDIS).config(DATA, REDIS_URL);

        assertThat(config.store().kind()).isEqualTo(StoreConfig.Kind.REDIS);
        assertThat(config.store().dataDir()).isEqualTo(DATA);
        assertThat(config.store().redisUrl()).isEqualTo(REDIS_URL);
    }

    @Test
    void changesApplyInTheOrderTheyWereAddedSoALaterOneWins() {
        ServerSetup setup = ServerSetup.of("flows").withMode(Mode.TOKEN).withTokenKeys("k1")
                .withConfig(config -> config.withDefaultMode(Mode.HYBRID)).withSweepInterval(Duration.ofHours(1));

        FlowstateConfig config = setup.config(DATA, REDIS_URL);

        assertThat(config.defaultMode()).isEqualTo(Mode.HYBRID);
        assertThat(config.token().keys()).isNotNull();
        assertThat(config.store().sweepInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aCopyWithAChangeLeavesTheOriginalAsItWas() {
        ServerSetup base = ServerSetup.of("flows");

        ServerSetup changed = base.withStore(StoreKind.SQLITE).withMode(Mode.TOKEN).withTokenKeys("k1");

        assertThat(base.store()).isEqualTo(StoreKind.MEMORY);
        assertThat(base.changes()).isEmpty();
        assertThat(changed.changes()).hasSize(2);
    }

    @Test
    void tokenKeysAreTheGivenSecretsOrFreshOnesAndTheFirstSeals() {
        String secret = TokenKeys.newSecret();

        TokenKeys keys = ServerSetup.tokenKeys("k2=" + secret, "k1");

        assertThat(keys.signingKid()).isEqualTo("k2");
        assertThat(keys.kids()).containsExactly("k2", "k1");
        assertThat(ServerSetup.tokenKeys("k2=" + secret)).isEqualTo(TokenKeys.fromBase64("k2", secret));
        assertThat(ServerSetup.tokenKeys("k1")).isNotEqualTo(ServerSetup.tokenKeys("k1"));
    }

    @Test
    void theKeysOfASetupStayTheSameOnEveryStartSoARestartKeepsThem() {
        ServerSetup setup = ServerSetup.of("flows").withTokenKeys("k1");

        assertThat(setup.config(DATA, REDIS_URL).token().keys())
                .isEqualTo(setup.config(DATA, REDIS_URL).token().keys());
    }

    @Test
    void aMutableClockStandsAtTheFixedStart() {
        ServerSetup setup = ServerSetup.of("flows").withMutableClock();

        assertThat(setup.clock()).isInstanceOf(MutableClock.class);
        assertThat(setup.clock().instant()).isEqualTo(ServerSetup.CLOCK_START);
    }

    @Test
    void severalInstancesNeedRedisAndTheRefusalSaysWhy() {
        assertThatThrownBy(() -> ServerSetup.of("flows").withStore(StoreKind.SQLITE).withInstances(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instances: 2 servers share a store only on REDIS; with SQLITE each would have its own");
        assertThatThrownBy(() -> ServerSetup.of("flows").withInstances(0))
                .hasMessage("instances must be at least 1, was 0");
        assertThat(ServerSetup.of("flows").withStore(StoreKind.REDIS).withInstances(3).instances()).isEqualTo(3);
    }

    @Test
    void anEmptyListOfTokenKeysIsRefused() {
        assertThatThrownBy(() -> ServerSetup.tokenKeys()).hasMessage("token keys: name at least one kid");
    }
}
