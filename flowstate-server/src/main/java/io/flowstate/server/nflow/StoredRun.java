package io.flowstate.server.nflow;

import io.flowstate.core.process.ProcessInstance;

/**
 * A paused run as a continuation finds it: the stored process, the node that paused it and the node it resumes at.
 */
record StoredRun(ProcessInstance process, String pausedAt, String resumeNode) {

    /** The waiting step as stored: the paused node, plus {@code @resume} when it resumes elsewhere than output_1. */
    static String step(String pausedAt, String resumeNode, String firstOutputTarget) {
        return resumeNode.equals(firstOutputTarget) ? pausedAt : pausedAt + "@" + resumeNode;
    }
}
