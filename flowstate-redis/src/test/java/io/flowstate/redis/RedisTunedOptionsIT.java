package io.flowstate.redis;

import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import io.flowstate.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract with the options off their defaults: every blob compressed (threshold 0), a short expiry grace
 * and another key prefix. The grace is what Redis adds to a process's expiry before it drops the keys itself.
 */
class RedisTunedOptionsIT extends ProcessStoreContract {

    private static final Duration GRACE = Duration.ofSeconds(90);
    private static final String PREFIX = "tuned";

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        REDIS.server().call("FLUSHALL");
        return reopen(clock, eventLogCapacity).orElseThrow();
    }

    @Override
    protected Optional<ProcessStore> reopen(MutableClock clock, int eventLogCapacity) {
        return Optional.of(RedisProcessStore.connect(RedisStoreOptions.of(REDIS.uri())
                .withEventLogCapacity(eventLogCapacity)
                .withCompressionThreshold(0)
                .withExpiryGrace(GRACE)
                .withKeyPrefix(PREFIX), clock));
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return ((List<?>) REDIS.server().call("KEYS", "*")).isEmpty();
    }

    @Test
    void keysLiveUntilTheExpiryPlusTheGraceAndBlobsAreCompressed() {
        ProcessInstance process = started(clock());
        store().create(process, startedEvent(process));

        String key = PREFIX + ":{" + process.processId() + "}:p";
        long ttl = (Long) REDIS.server().call("PTTL", key);
        long untilExpiry = Duration.between(Instant.now(clock()), process.expiresAt()).toMillis();
        assertThat(ttl).isBetween(untilExpiry + GRACE.toMillis() - 5_000, untilExpiry + GRACE.toMillis());
        assertThat(store().get(process.processId())).contains(process);
        assertThat((String) REDIS.server().call("HGET", key, "d")).as("the record's codec byte")
                .startsWith(String.valueOf((char) StateCodec.DEFLATE));
    }
}
