package io.flowstate.bench.peers;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flowable.common.engine.impl.history.HistoryLevel;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.task.api.Task;
import org.flowable.variable.api.history.HistoricVariableInstance;

/** Flowable embedded on H2, its asynchronous executor off, as {@link PeerSetup} says. */
public final class FlowablePeer implements PeerEngine {

    private final ProcessEngine engine;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SignupVariables variables;
    private final String jdbcUrl;

    private FlowablePeer(ProcessEngine engine, SignupVariables variables, String jdbcUrl) {
        this.engine = engine;
        this.runtime = engine.getRuntimeService();
        this.tasks = engine.getTaskService();
        this.variables = variables;
        this.jdbcUrl = jdbcUrl;
    }

    /** Builds the engine (creating its tables) and deploys the sign-up flow. */
    public static FlowablePeer start(PeerSetup setup, SignupVariables variables) {
        String name = "flowable-" + UUID.randomUUID();
        String jdbcUrl = setup.jdbcUrl(name);
        ProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration()
                .setJdbcUrl(jdbcUrl).setJdbcDriver("org.h2.Driver").setJdbcUsername("sa").setJdbcPassword("")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setAsyncExecutorActivate(false)
                .setHistoryLevel(setup.history() == PeerSetup.History.AUDIT ? HistoryLevel.AUDIT : HistoryLevel.NONE)
                .setEngineName(name);
        ProcessEngine engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addClasspathResource("peers/signup.bpmn").deploy();
        return new FlowablePeer(engine, variables, jdbcUrl);
    }

    @Override
    public String name() {
        return "flowable";
    }

    @Override
    public String runCycle() {
        String id = runtime.startProcessInstanceByKey("signup").getId();
        tasks.complete(openTask(id, "profile"), variables.profile());
        tasks.complete(openTask(id, "address"), variables.address());
        return id;
    }

    private String openTask(String processInstanceId, String expected) {
        Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        if (task == null) {
            throw new IllegalStateException(processInstanceId + ": no open task, expected " + expected);
        }
        return PeerEngine.expectTask(processInstanceId, expected, task.getTaskDefinitionKey(), task.getId());
    }

    @Override
    public boolean ended(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0;
    }

    @Override
    public Map<String, Object> historicVariables(String processInstanceId) {
        Map<String, Object> found = new HashMap<>();
        for (HistoricVariableInstance variable : engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).list()) {
            found.put(variable.getVariableName(), variable.getValue());
        }
        return found;
    }

    @Override
    public void close() {
        engine.close();
        PeerSetup.shutdown(jdbcUrl);
    }
}
