package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.StoredResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** claimIdempotency, renewIdempotency, completeIdempotency and releaseIdempotency. */
interface IdempotencyContract extends StoreUnderTest {

    String SCOPE = "flow:" + ProcessFixtures.FLOW;

    @Test
    default void firstClaimHoldsTheKeyAndASecondFindsItInFlight() {
        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.Claimed());
        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.InFlight());
        assertThat(store().claimIdempotency(SCOPE, "k", "other", inOneHour()))
                .isEqualTo(new IdempotencyClaim.InFlight());
    }

    @Test
    default void completedKeyReplaysItsResponseToTheSameRequest() {
        StoredResponse stored = response(201, "{\"processId\":\"é😀\"}");
        store().claimIdempotency(SCOPE, "k", "fp", inOneHour());
        store().completeIdempotency(SCOPE, "k", stored, inOneHour());

        IdempotencyClaim claim = store().claimIdempotency(SCOPE, "k", "fp", inOneHour());

        assertThat(claim).isInstanceOfSatisfying(IdempotencyClaim.Completed.class, completed -> {
            assertThat(completed.sameRequest()).isTrue();
            assertSameResponse(completed.response(), stored);
        });
    }

    @Test
    default void completedKeyReusedForAnotherRequestIsReportedAsDifferent() {
        StoredResponse stored = response(200, "{}");
        store().claimIdempotency(SCOPE, "k", "fp", inOneHour());
        store().completeIdempotency(SCOPE, "k", stored, inOneHour());

        IdempotencyClaim claim = store().claimIdempotency(SCOPE, "k", "another body", inOneHour());

        assertThat(claim).isInstanceOfSatisfying(IdempotencyClaim.Completed.class, completed -> {
            assertThat(completed.sameRequest()).isFalse();
            assertSameResponse(completed.response(), stored);
        });
    }

    @Test
    default void releasedKeyCanBeClaimedAgain() {
        store().claimIdempotency(SCOPE, "k", "fp", inOneHour());

        store().releaseIdempotency(SCOPE, "k");

        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.Claimed());
    }

    @Test
    default void abandonedClaimLapsesAtItsExpiry() {
        store().claimIdempotency(SCOPE, "k", "fp", clock().instant().plusSeconds(30));

        clock().advance(Duration.ofSeconds(29));
        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.InFlight());
        clock().advance(Duration.ofSeconds(1));
        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.Claimed());
    }

    @Test
    default void renewedClaimIsHeldUntilItsNewExpiry() {
        store().claimIdempotency(SCOPE, "k", "fp", clock().instant().plusSeconds(3));
        clock().advance(Duration.ofSeconds(2));

        assertThat(store().renewIdempotency(SCOPE, "k", "fp", clock().instant().plusSeconds(3))).isTrue();

        clock().advance(Duration.ofMillis(2_999));
        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.InFlight());
        clock().advance(Duration.ofMillis(1));
        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.Claimed());
    }

    @Test
    default void onlyAnUnansweredUnlapsedClaimOfTheSameRequestIsRenewed() {
        store().claimIdempotency(SCOPE, "lapsed", "fp", clock().instant().plusSeconds(3));
        store().claimIdempotency(SCOPE, "answered", "fp", clock().instant().plusSeconds(3));
        store().completeIdempotency(SCOPE, "answered", response(200, "{}"), inOneHour());
        store().claimIdempotency(SCOPE, "released", "fp", clock().instant().plusSeconds(3));
        store().releaseIdempotency(SCOPE, "released");
        store().claimIdempotency(SCOPE, "other", "fp", clock().instant().plusSeconds(30));
        clock().advance(Duration.ofSeconds(3));

        assertThat(store().renewIdempotency(SCOPE, "lapsed", "fp", inOneHour())).isFalse();
        assertThat(store().renewIdempotency(SCOPE, "answered", "fp", inOneHour())).isFalse();
        assertThat(store().renewIdempotency(SCOPE, "released", "fp", inOneHour())).isFalse();
        assertThat(store().renewIdempotency(SCOPE, "never-claimed", "fp", inOneHour())).isFalse();
        assertThat(store().renewIdempotency(SCOPE, "other", "another body", inOneHour())).isFalse();
        assertThat(store().claimIdempotency(SCOPE, "lapsed", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.Claimed());
        assertThat(store().claimIdempotency(SCOPE, "answered", "fp", inOneHour()))
                .isInstanceOf(IdempotencyClaim.Completed.class);
        clock().advance(Duration.ofSeconds(27));
        assertThat(store().claimIdempotency(SCOPE, "other", "fp", inOneHour()))
                .as("a renewal with another fingerprint left the expiry alone")
                .isEqualTo(new IdempotencyClaim.Claimed());
    }

    @Test
    default void completedRecordIsKeptUntilTheExpiryGivenOnCompletion() {
        store().claimIdempotency(SCOPE, "k", "fp", clock().instant().plusSeconds(30));
        store().completeIdempotency(SCOPE, "k", response(200, "{}"), clock().instant().plusSeconds(300));

        clock().advance(Duration.ofSeconds(299));
        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isInstanceOf(IdempotencyClaim.Completed.class);
        clock().advance(Duration.ofSeconds(1));
        assertThat(store().claimIdempotency(SCOPE, "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.Claimed());
    }

    @Test
    default void keysOfDifferentScopesAreIndependent() {
        store().claimIdempotency(SCOPE, "k", "fp", inOneHour());

        assertThat(store().claimIdempotency("flow:other", "k", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.Claimed());
    }

    @Test
    default void completingAnUnclaimedKeyKeepsNothing() {
        store().completeIdempotency(SCOPE, "never-claimed", response(200, "{}"), inOneHour());

        assertThat(store().claimIdempotency(SCOPE, "never-claimed", "fp", inOneHour()))
                .isEqualTo(new IdempotencyClaim.Claimed());
    }

    private Instant inOneHour() {
        return clock().instant().plus(Duration.ofHours(1));
    }

    private static void assertSameResponse(StoredResponse actual, StoredResponse expected) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.headers()).isEqualTo(expected.headers());
        assertThat(actual.body()).isEqualTo(expected.body());
    }
}
