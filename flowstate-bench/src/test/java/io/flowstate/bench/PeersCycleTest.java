package io.flowstate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.bench.peers.CamundaPeer;
import io.flowstate.bench.peers.FlowablePeer;
import io.flowstate.bench.peers.PeerEngine;
import io.flowstate.bench.peers.PeerSetup;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One cycle of {@link PeersLoadDriver}'s flow on every engine it compares, so a harness that measures error
 * paths or a flow that ends early fails the build instead of flattering a figure.
 */
class PeersCycleTest {

    @TempDir
    Path dir;

    @Test
    void flowstateCompletesTheSignupInProcessOnSqlite() {
        try (InProcessFlowstate flowstate = new InProcessFlowstate(BenchConfigs.config("sqlite", dir))) {
            SignupCycle.Position end = SignupCycle.run(new EngineSignupClient(flowstate.engine()));

            assertThat(end.status()).isEqualTo("completed");
            assertThat(end.version()).isEqualTo(3);
        }
    }

    @Test
    void flowableCompletesTheSignupWithTheSameInputsAndTheLongNameBranch() {
        try (PeerEngine flowable = FlowablePeer.start(setup(PeerSetup.Database.MEMORY), PeerTargets.variables())) {
            assertCompletedWithTheFormInputs(flowable);
        }
    }

    @Test
    void camundaCompletesTheSignupWithTheSameInputsAndTheLongNameBranch() {
        try (PeerEngine camunda = CamundaPeer.start(setup(PeerSetup.Database.FILE), PeerTargets.variables())) {
            assertCompletedWithTheFormInputs(camunda);
        }
    }

    @Test
    void theFormInputsAreTheOnesFlowstatesCycleSubmits() {
        assertThat(PeerTargets.variables().profile()).isEqualTo(Map.of("name", "Ada Lovelace",
                "email", "ada@example.org"));
        assertThat(PeerTargets.variables().address()).isEqualTo(Map.of("city", "London"));
    }

    private PeerSetup setup(PeerSetup.Database database) {
        return new PeerSetup(database, PeerSetup.History.AUDIT, dir);
    }

    private static void assertCompletedWithTheFormInputs(PeerEngine peer) {
        String id = peer.runCycle();

        assertThat(peer.ended(id)).isTrue();
        // score = the name's length, written by the gateway's listener as the script step writes it
        assertThat(peer.historicVariables(id)).containsEntry("name", "Ada Lovelace")
                .containsEntry("email", "ada@example.org").containsEntry("city", "London").containsEntry("score", 12);
    }
}
