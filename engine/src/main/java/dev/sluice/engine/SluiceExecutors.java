package dev.sluice.engine;

import dev.sluice.engine.window.HopWindows;
import org.apache.flink.client.deployment.ClusterClientFactory;
import org.apache.flink.client.deployment.ClusterDescriptor;
import org.apache.flink.client.deployment.ClusterSpecification;
import org.apache.flink.client.deployment.StandaloneClientFactory;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.deployment.executors.RemoteExecutorFactory;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Flink's remote executor, with Sluice's changes to the job graph ({@link HopWindows}) made before
 * a job is submitted, and its cluster client. Selected by {@code execution.target} = {@value
 * #REMOTE}, which the gateway sets; sessions cannot choose the target, the guard refuses it.
 * ({@code sluice test} runs on Flink's local environment, which always uses Flink's own local
 * executor.)
 */
public final class SluiceExecutors {

    /** Flink's {@code remote} executor with Sluice's job graph. */
    public static final String REMOTE = "sluice-remote";

    private SluiceExecutors() {}

    static PipelineExecutor rewriting(PipelineExecutor flink) {
        return (pipeline, configuration, classLoader) -> {
            if (pipeline instanceof StreamGraph graph) {
                Configuration effective = new Configuration(configuration);
                effective.addAll(graph.getJobConfiguration());
                HopWindows.rewrite(graph, effective);
            }
            return flink.execute(pipeline, configuration, classLoader);
        };
    }

    private abstract static class Rewriting implements PipelineExecutorFactory {
        private final String name;
        private final PipelineExecutorFactory flink;

        Rewriting(String name, PipelineExecutorFactory flink) {
            this.name = name;
            this.flink = flink;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isCompatibleWith(Configuration configuration) {
            return name.equalsIgnoreCase(configuration.get(DeploymentOptions.TARGET));
        }

        @Override
        public PipelineExecutor getExecutor(Configuration configuration) {
            return rewriting(flink.getExecutor(configuration));
        }
    }

    /** {@value #REMOTE}: found by Flink through {@code META-INF/services}. */
    public static final class Remote extends Rewriting {
        public Remote() {
            super(REMOTE, new RemoteExecutorFactory());
        }
    }

    /**
     * The client of a {@value #REMOTE} cluster, a standalone session cluster as for {@code remote}:
     * what the gateway's {@code SHOW JOBS}, {@code STOP JOB} and {@code DESCRIBE JOB} look up by
     * the same {@code execution.target}.
     */
    public static final class RemoteClients implements ClusterClientFactory<StandaloneClusterId> {
        private final StandaloneClientFactory flink = new StandaloneClientFactory();

        @Override
        public boolean isCompatibleWith(Configuration configuration) {
            return REMOTE.equalsIgnoreCase(configuration.get(DeploymentOptions.TARGET));
        }

        @Override
        public ClusterDescriptor<StandaloneClusterId> createClusterDescriptor(
                Configuration configuration) {
            return flink.createClusterDescriptor(configuration);
        }

        @Override
        public StandaloneClusterId getClusterId(Configuration configuration) {
            return flink.getClusterId(configuration);
        }

        @Override
        public ClusterSpecification getClusterSpecification(Configuration configuration) {
            return flink.getClusterSpecification(configuration);
        }
    }
}
