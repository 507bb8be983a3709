package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.nflow.app.NflowFlow;
import java.util.HashMap;
import java.util.Map;

/**
 * One request's run of a flow: what it serves, and what its nodes share (the answer, the request scratch of
 * {@code c.Get}/{@code c.Set}, named session values).
 *
 * @param flow      the flow
 * @param request   the request
 * @param wid       the run id ({@code wid}; the process id in process mode)
 * @param processId the process id forms carry ({@code ""} where there is none, as in session mode)
 * @param services  login and profile
 * @param answer    the answer the nodes write
 * @param scratch   {@code c.Get}/{@code c.Set} values of this request, as JSON text
 * @param sessions  named session values ({@code get_session}/{@code set_session}) other than the login's
 * @param forks     when the forks of {@code gorutine} nodes start
 */
public record RunContext(NflowFlow flow, NflowRequest request, String wid, String processId, RunServices services,
                         NflowAnswer answer, Map<String, String> scratch, Map<String, ObjectNode> sessions,
                         Forks forks) {

    /** A run whose forks start at once. */
    public RunContext(NflowFlow flow, NflowRequest request, String wid, String processId, RunServices services,
                      NflowAnswer answer) {
        this(flow, request, wid, processId, services, answer, Forks.immediate());
    }

    public RunContext(NflowFlow flow, NflowRequest request, String wid, String processId, RunServices services,
                      NflowAnswer answer, Forks forks) {
        this(flow, request, wid, processId, services, answer, new HashMap<>(), new HashMap<>(), forks);
    }
}
