package io.flowstate.core.store;

import io.flowstate.core.process.ProcessInstance;

/** The answer of a conditional write: committed, lost to a concurrent writer, or no such process. */
public sealed interface CasResult {

    /** The write was applied; {@code process} is what is now stored. */
    record Committed(ProcessInstance process) implements CasResult {
    }

    /** The stored version differs from the expected one; nothing was written. */
    record Conflict(ProcessInstance current) implements CasResult {
    }

    /** No live process has that id (never existed, deleted, or expired). Nothing was written. */
    record NotFound() implements CasResult {
    }
}
