package io.flowstate.bench;

import java.util.UUID;

/**
 * Wraps a {@link SignupCycle.Client} and records how long each of its requests took, by position in the
 * cycle (start, first submission, second submission). One instance per client thread.
 */
final class TimedClient implements SignupCycle.Client {

    private final SignupCycle.Client delegate;
    private final StepLatencies latencies;
    private int submissionsInCycle;

    TimedClient(SignupCycle.Client delegate, StepLatencies latencies) {
        this.delegate = delegate;
        this.latencies = latencies;
    }

    @Override
    public SignupCycle.Position start(byte[] body) {
        long begin = System.nanoTime();
        SignupCycle.Position position = delegate.start(body);
        latencies.record(0, System.nanoTime() - begin);
        submissionsInCycle = 0;
        return position;
    }

    @Override
    public SignupCycle.Position submit(UUID processId, long version, byte[] body) {
        long begin = System.nanoTime();
        SignupCycle.Position position = delegate.submit(processId, version, body);
        latencies.record(1 + Math.min(submissionsInCycle++, 1), System.nanoTime() - begin);
        return position;
    }
}
