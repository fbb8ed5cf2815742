package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.DeployedPipeline;
import dev.sluice.catalog.store.DeploymentRegistry;
import dev.sluice.policy.eo.KafkaTableDefaults;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.server.service.SluiceSqlGatewayService;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy engine: {@code sluice deploy} (plan, apply), {@code stop}, {@code resume} and {@code
 * replay}. {@link DeployPlanner} decides what to do, {@link DeployExecutor} does it, {@link
 * Pipelines} starts and stops jobs. Every one of them runs on this engine's single worker, and one
 * at a time per gateway from planning to the last step (two deploys planned side by side would both
 * start the same pipeline): a second one that arrives meanwhile is refused with the reason.
 */
public final class Deployer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

    private static final int KEPT_DEPLOYMENTS = 20;

    static final String BUSY =
            "another deployment, stop, resume or replay is running on this gateway; wait for it, then try again";

    static final String BUSY_ELSEWHERE =
            "another gateway that shares this catalog database is running a deployment, stop, resume or replay; wait for it, then try again";

    private final CatalogStore store;
    private final DeploymentRegistry registry;
    private final FlinkJobs jobs;
    private final Optional<URI> checkpoints;
    private final DeployPlanner planner;
    private final Pipelines pipelines;
    private final DeployExecutor executor;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread thread = new Thread(r, "sluice-deployer");
                        thread.setDaemon(true);
                        return thread;
                    });
    private final Object lock = new Object();
    private final Map<String, AtomicReference<Deployment>> deployments = new LinkedHashMap<>();
    private boolean busy;
    private DeploymentRegistry.DeployLock held;

    /**
     * @param checkpoints where jobs keep their checkpoints (any file system Flink can read): a job
     *     lost with its JobManager restarts from its newest one
     */
    public Deployer(
            SluiceSqlGatewayService service,
            CatalogStore store,
            GuardPolicy policy,
            FlinkJobs jobs,
            Optional<URI> checkpoints) {
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.store = requireNonNull(store, "store is null");
        this.registry = store.deployments();
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.planner = new DeployPlanner(policy);
        this.pipelines = new Pipelines(service, registry, jobs);
        this.executor = new DeployExecutor(service, store, registry, pipelines);
    }

    /**
     * What deploying the files would do; changes nothing.
     *
     * @param root the directory's name, for messages
     */
    public Deployment plan(String root, List<ProjectFile> files, DeployOptions options) {
        return onWorker(() -> planner.plan(root, files, options, current())).toDeployment();
    }

    /** What the planner reads: the catalog, the registry and what the cluster says of jobs. */
    private DeployPlanner.Current current() {
        return new DeployPlanner.Current(
                store,
                registry.managedObjects(),
                registry.pipelines(),
                jobs::state,
                job -> RetainedCheckpoints.of(checkpoints, job));
    }

    /**
     * Plans, then applies the plan in the background; follow it with {@link #deployment}. Refused
     * while another deployment, stop, resume or replay runs.
     */
    public Deployment apply(String root, List<ProjectFile> files, DeployOptions options) {
        Optional<String> refused = reserve();
        if (refused.isPresent()) {
            return new Deployment("", List.of(), List.of(refused.get()), true, "");
        }
        boolean handedOver = false;
        try {
            Plan plan = onWorker(() -> planner.plan(root, files, options, current()));
            if (!plan.errors().isEmpty()) {
                return plan.toDeployment();
            }
            if (!plan.changesAnything()) {
                onWorker(
                        () -> {
                            executor.manage(plan);
                            return null;
                        });
                return new Deployment("", plan.steps(), List.of(), true, "no changes");
            }
            String id = UUID.randomUUID().toString();
            AtomicReference<Deployment> progress =
                    new AtomicReference<>(new Deployment(id, plan.steps(), List.of(), false, ""));
            synchronized (lock) {
                deployments.put(id, progress);
                while (deployments.size() > KEPT_DEPLOYMENTS) {
                    deployments.remove(deployments.keySet().iterator().next());
                }
            }
            LOG.info(
                    "deployment {} of {} by {}: {} changes",
                    id,
                    root,
                    options.user(),
                    plan.steps().stream().filter(Step::changes).count());
            worker.execute(
                    () -> {
                        try {
                            executor.apply(plan, options, progress);
                        } catch (RuntimeException e) {
                            LOG.error("deployment {} stopped unexpectedly", id, e);
                            Deployment now = progress.get();
                            progress.set(
                                    new Deployment(
                                            id,
                                            now.steps(),
                                            List.of(),
                                            true,
                                            "stopped unexpectedly: " + Explanations.of(e)));
                        } finally {
                            release();
                        }
                    });
            handedOver = true;
            return progress.get();
        } finally {
            if (!handedOver) {
                release();
            }
        }
    }

    public Optional<Deployment> deployment(String id) {
        synchronized (lock) {
            return Optional.ofNullable(deployments.get(id)).map(AtomicReference::get);
        }
    }

    // ---- pipelines one by one: sluice jobs, stop, resume, replay ----

    /** The registry's pipelines with what the cluster says of their jobs. */
    public List<PipelineStatus> pipelines() {
        List<PipelineStatus> statuses = new ArrayList<>();
        for (DeployedPipeline pipeline : registry.pipelines()) {
            statuses.add(PipelineStatus.of(pipeline, jobs));
        }
        return statuses;
    }

    /**
     * Stops a pipeline: with a savepoint (resume continues from it) or by cancelling.
     *
     * @return the savepoint, if one was taken
     */
    public Optional<String> stop(String name, boolean savepoint, String user) {
        return exclusively(() -> stopNow(name, savepoint, user));
    }

    private Optional<String> stopNow(String name, boolean savepoint, String user) {
        DeployedPipeline pipeline = registered(name);
        String job = pipeline.jobId().orElse("");
        if (pipeline.state() == DeployedPipeline.State.STOPPED
                || !JobStates.alive(jobs.state(job))) {
            throw new DeployException(
                    "pipeline '%s' is not running (job %s is %s); nothing to stop"
                            .formatted(name, job, JobStates.describe(jobs.state(job))));
        }
        Optional<String> taken = Optional.empty();
        if (savepoint) {
            taken = Optional.of(pipelines.stopWithSavepoint(name, job));
        } else {
            pipelines.cancel(job);
            LOG.info("pipeline {}: job {} cancelled by {}", name, job, user);
        }
        registry.save(pipeline.withState(DeployedPipeline.State.STOPPED, taken, user));
        return taken;
    }

    /** Starts a stopped pipeline again from its last savepoint; returns the new job's id. */
    public String resume(String name, String user) {
        return exclusively(() -> resumeNow(name, user));
    }

    private String resumeNow(String name, String user) {
        DeployedPipeline pipeline = registered(name);
        String job = pipeline.jobId().orElse("");
        if (JobStates.alive(jobs.state(job))) {
            throw new DeployException(
                    "pipeline '%s' is running already (job %s)".formatted(name, job));
        }
        return pipelines.start(
                pipeline.name(),
                pipeline.file(),
                pipeline.statements(),
                pipeline.lastSavepoint(),
                user);
    }

    /**
     * Restarts a pipeline with empty state, its Kafka sources reading from {@code from} ({@code
     * earliest} or {@code timestamp:MILLIS}) instead of where the job got to. The running job is
     * stopped with a savepoint first (kept in the registry); the new job's output is exactly-once
     * like any other.
     *
     * @return the new job's id
     */
    public String replay(String name, String from, String user) {
        return exclusively(() -> replayNow(name, from, user));
    }

    private String replayNow(String name, String from, String user) {
        DeployedPipeline pipeline = registered(name);
        KafkaTableDefaults.startup(from);
        String job = pipeline.jobId().orElse("");
        Optional<String> savepoint = Optional.empty();
        if (JobStates.alive(jobs.state(job))) {
            savepoint = Optional.of(pipelines.stopWithSavepoint(name, job));
            registry.save(pipeline.withState(DeployedPipeline.State.STOPPED, savepoint, user));
        }
        LOG.info("pipeline {}: replay from {} by {}", name, from, user);
        try {
            return pipelines.start(
                    pipeline.name(),
                    pipeline.file(),
                    pipeline.statements(),
                    Optional.empty(),
                    user,
                    Map.of(KafkaTableDefaults.REPLAY_OPTION, from));
        } catch (StartFailedException e) {
            if (savepoint.isEmpty()) {
                throw e;
            }
            String previous =
                    pipelines.start(
                            pipeline.name(),
                            pipeline.file(),
                            pipeline.statements(),
                            savepoint,
                            user);
            throw new DeployException(
                    "the replay did not start: %s. The pipeline runs again as job %s from %s"
                            .formatted(e.reason(), previous, savepoint.get()));
        }
    }

    private DeployedPipeline registered(String name) {
        return registry.pipeline(name)
                .orElseThrow(
                        () -> {
                            List<String> known =
                                    registry.pipelines().stream()
                                            .map(DeployedPipeline::name)
                                            .toList();
                            return new DeployException(
                                    "no pipeline named '%s'; deployed pipelines: %s (see sluice jobs)"
                                            .formatted(
                                                    name,
                                                    known.isEmpty()
                                                            ? "none"
                                                            : String.join(", ", known)));
                        });
    }

    // ---- one at a time, on one worker ----

    /**
     * Takes this gateway's turn and the catalog database's deploy lock (other gateways may share
     * the catalog), or says who has it.
     */
    private Optional<String> reserve() {
        synchronized (lock) {
            if (busy) {
                return Optional.of(BUSY);
            }
            Optional<DeploymentRegistry.DeployLock> taken = registry.tryLock();
            if (taken.isEmpty()) {
                return Optional.of(BUSY_ELSEWHERE);
            }
            held = taken.get();
            busy = true;
            return Optional.empty();
        }
    }

    private void release() {
        synchronized (lock) {
            try {
                held.close();
            } catch (RuntimeException e) {
                LOG.warn("cannot release the deploy lock in the catalog database", e);
            } finally {
                held = null;
                busy = false;
            }
        }
    }

    /** Runs a change to one pipeline on the worker while nothing else runs, or refuses. */
    private <T> T exclusively(Callable<T> change) {
        Optional<String> refused = reserve();
        if (refused.isPresent()) {
            throw new DeployException(refused.get());
        }
        try {
            return onWorker(change);
        } finally {
            release();
        }
    }

    /** Runs the task on the worker and waits for it; its exceptions are the caller's. */
    private <T> T onWorker(Callable<T> task) {
        try {
            return worker.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new DeployException(Explanations.of(e.getCause()), e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
