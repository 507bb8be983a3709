package io.flowstate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowstate.core.store.ProcessStore;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** setting, putSetting and putSettingIfAbsent: small shared texts that outlive processes. */
interface SettingsContract extends StoreUnderTest {

    @Test
    default void unknownSettingIsEmpty() {
        assertThat(store().setting("migration")).isEmpty();
    }

    @Test
    default void lastWriteWinsAndNullRemoves() {
        store().putSetting("migration", "{\"rollout\":10}");
        store().putSetting("migration", "{\"rollout\":30, \"note\":\"é😀\"}");

        assertThat(store().setting("migration")).contains("{\"rollout\":30, \"note\":\"é😀\"}");

        store().putSetting("migration", null);
        assertThat(store().setting("migration")).isEmpty();
    }

    @Test
    default void putIfAbsentKeepsTheFirstValue() {
        assertThat(store().putSettingIfAbsent("session.key", "first")).isEqualTo("first");
        assertThat(store().putSettingIfAbsent("session.key", "second")).isEqualTo("first");
        assertThat(store().setting("session.key")).contains("first");
        store().putSetting("session.key", null);
    }

    @Test
    default void concurrentPutIfAbsentAgreesOnOneValue() throws Exception {
        var winners = Concurrently.run(8, i -> store().putSettingIfAbsent("race", "value-" + i));

        assertThat(winners).hasSize(8).containsOnly(winners.getFirst());
        assertThat(store().setting("race")).contains(winners.getFirst());
        store().putSetting("race", null);
    }

    @Test
    default void settingsAreNotSweptWithProcesses() {
        store().putSetting("migration", "kept");
        clock().advance(Duration.ofDays(400));
        store().sweepExpired(100);

        assertThat(store().setting("migration")).contains("kept");
        store().putSetting("migration", null);
    }

    @Test
    default void settingsSurviveARestartOfADurableStore() {
        store().putSetting("migration", "durable");

        Optional<ProcessStore> reopened = restartStore();

        assumeTrue(reopened.isPresent(), "this store keeps nothing across a restart");
        assertThat(reopened.get().setting("migration")).contains("durable");
        reopened.get().putSetting("migration", null);
    }
}
