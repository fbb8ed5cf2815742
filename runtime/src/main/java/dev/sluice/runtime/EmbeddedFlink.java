package dev.sluice.runtime;

import static java.util.Objects.requireNonNull;

import dev.sluice.server.BrowserGuard;
import dev.sluice.server.FlinkRestCredentials;
import dev.sluice.server.FlinkRestGuard;
import dev.sluice.server.StartupException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A Flink MiniCluster (JobManager and one TaskManager in this JVM) with its REST API and web UI on
 * loopback. The gateway submits jobs to it over REST, exactly as it would to a session cluster.
 */
public final class EmbeddedFlink implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MiniCluster cluster;
    private final URI restAddress;

    private EmbeddedFlink(MiniCluster cluster, URI restAddress) {
        this.cluster = cluster;
        this.restAddress = restAddress;
    }

    /**
     * Starts the cluster.
     *
     * @param slots task slots of its TaskManager: each running pipeline takes as many as its
     *     parallelism
     * @param stateDir where checkpoints and savepoints go
     */
    public static EmbeddedFlink start(int slots, Path stateDir) {
        requireNonNull(stateDir, "stateDir is null");
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, HOST);
        conf.set(RestOptions.BIND_ADDRESS, HOST);
        conf.set(RestOptions.BIND_PORT, "0");
        // Every listener on loopback: the blob server would otherwise bind all interfaces.
        conf.set(JobManagerOptions.ADDRESS, HOST);
        conf.set(JobManagerOptions.BIND_HOST, HOST);
        conf.set(TaskManagerOptions.HOST, HOST);
        conf.set(TaskManagerOptions.BIND_HOST, HOST);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        // Jobs reach this cluster through the gateway only: no jar uploads, and everything that
        // changes a job needs the token the gateway holds.
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        conf.set(WebOptions.CANCEL_ENABLE, false);
        conf.set(WebOptions.ACCESS_CONTROL_ALLOW_ORIGIN, BrowserGuard.NO_ORIGIN);
        String token = newToken();
        conf.set(FlinkRestGuard.SECRET, token);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                stateDir.resolve("checkpoints").toUri().toString());
        conf.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                stateDir.resolve("savepoints").toUri().toString());
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        try {
            cluster.start();
            URI rest = cluster.getRestAddress().get(30, TimeUnit.SECONDS);
            FlinkRestCredentials.register(rest.getHost(), rest.getPort(), token);
            return new EmbeddedFlink(cluster, rest);
        } catch (Exception e) {
            closeQuietly(cluster, e);
            throw new StartupException("cannot start the embedded Flink cluster: " + e, e);
        }
    }

    public String restHost() {
        return restAddress.getHost();
    }

    public int restPort() {
        return restAddress.getPort();
    }

    public URI webUi() {
        return restAddress;
    }

    /** Jobs that are not finished, failed or cancelled. */
    public List<JobID> runningJobs() {
        try {
            Collection<JobStatusMessage> jobs = cluster.listJobs().get(30, TimeUnit.SECONDS);
            return jobs.stream()
                    .filter(job -> !job.getJobState().isGloballyTerminalState())
                    .map(JobStatusMessage::getJobId)
                    .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing jobs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the jobs of the embedded cluster", e);
        }
    }

    public JobStatus jobStatus(JobID job) {
        try {
            return cluster.getJobStatus(job).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for job " + job, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot get the status of job " + job, e);
        }
    }

    /** Cancels every job that still runs. */
    public void cancelAll() {
        for (JobID job : runningJobs()) {
            try {
                cluster.cancelJob(job).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while cancelling " + job, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot cancel job " + job, e);
            }
        }
    }

    @Override
    public void close() {
        FlinkRestCredentials.unregister(restAddress.getHost(), restAddress.getPort());
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the Flink cluster", e);
        } catch (Exception e) {
            throw new IllegalStateException("the Flink cluster did not stop cleanly", e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void closeQuietly(MiniCluster cluster, Exception failure) {
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
