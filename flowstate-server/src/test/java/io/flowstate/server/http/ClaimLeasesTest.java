package io.flowstate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A held claim is renewed on the timer, so it outlives its first lease; once the lease is closed it lapses. */
class ClaimLeasesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final ProcessEngine engine = new ProcessEngine(id -> Optional.empty(), new MemoryProcessStore(clock, 10),
            new FlowRunner(call -> { throw new AssertionError("no scripts here"); }, new InputValidator(),
                    EngineLimits.DEFAULTS), clock, UUID::randomUUID, EngineLimits.DEFAULTS);
    private final ClaimLeases leases = new ClaimLeases(engine, clock);

    @AfterEach
    void stop() {
        leases.close();
    }

    @Test
    void aHeldClaimIsRenewedAndLapsesOneLeaseAfterItsLastRenewal() throws InterruptedException {
        assertThat(engine.claimIdempotency("flow:f", "k", "fp", leases.expiry()))
                .isInstanceOf(IdempotencyClaim.Claimed.class);
        try (ClaimLeases.Lease ignored = leases.hold("flow:f", "k", "fp")) {
            clock.advance(Duration.ofMillis(2_500));
            // two ticks, so at least one renewal after the clock moved: the expiry is then 5.5 s past the claim
            Thread.sleep(ClaimLeases.RENEW_EVERY.multipliedBy(2).toMillis() + 200);
            clock.advance(Duration.ofMillis(1_500));

            assertThat(engine.claimIdempotency("flow:f", "k", "fp", leases.expiry()))
                    .as("past the first lease, still held").isInstanceOf(IdempotencyClaim.InFlight.class);
        }
        clock.advance(ClaimLeases.LEASE);

        assertThat(engine.claimIdempotency("flow:f", "k", "fp", leases.expiry()))
                .as("no renewal after the lease was closed").isInstanceOf(IdempotencyClaim.Claimed.class);
    }
}
