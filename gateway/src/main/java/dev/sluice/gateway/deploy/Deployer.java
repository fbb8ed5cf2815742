package dev.sluice.gateway.deploy;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.DeployedPipeline;
import dev.sluice.catalog.store.DeploymentRegistry;
import dev.sluice.catalog.store.ManagedObject;
import dev.sluice.catalog.store.StoredDatabase;
import dev.sluice.catalog.store.StoredFunction;
import dev.sluice.catalog.store.StoredObject;
import dev.sluice.gateway.demo.GatewaySession;
import dev.sluice.gateway.deploy.DeployProject.ObjectDecl;
import dev.sluice.gateway.deploy.DeployProject.PipelineDecl;
import dev.sluice.gateway.eo.KafkaTableDefaults;
import dev.sluice.gateway.guard.Finding;
import dev.sluice.gateway.guard.GuardPolicy;
import dev.sluice.gateway.service.SluiceSqlGatewayService;
import dev.sluice.gateway.sql.SqlScript;
import dev.sluice.gateway.sql.SqlStatement;
import dev.sluice.gateway.validate.Validator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.StateRecoveryOptions;

/**
 * Plans and applies a directory of SQL files against the catalog and the running jobs, like {@code
 * terraform plan/apply}: creates, alters and drops catalog objects, starts new pipelines, leaves
 * unchanged ones running and upgrades changed ones through a savepoint. One deployment at a time.
 *
 * <p>Never zero versions running unless asked: a new version that cannot restore the savepoint is
 * replaced by the previous version, restored from that same savepoint.
 */
public final class Deployer implements AutoCloseable {

    private static final Set<String> ALIVE =
            Set.of("INITIALIZING", "CREATED", "RUNNING", "RESTARTING", "FAILING", "RECONCILING");
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final int KEPT_DEPLOYMENTS = 20;

    private final SluiceSqlGatewayService service;
    private final CatalogStore store;
    private final DeploymentRegistry registry;
    private final GuardPolicy policy;
    private final FlinkJobs jobs;
    private final Optional<URI> checkpoints;
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

    /**
     * @param checkpoints where jobs keep their checkpoints (a {@code file:} URI): a job lost with
     *     its JobManager restarts from its newest one
     */
    public Deployer(
            SluiceSqlGatewayService service,
            CatalogStore store,
            GuardPolicy policy,
            FlinkJobs jobs,
            Optional<URI> checkpoints) {
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.service = requireNonNull(service, "service is null");
        this.store = requireNonNull(store, "store is null");
        this.registry = store.deployments();
        this.policy = requireNonNull(policy, "policy is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    /**
     * What deploying the files would do; changes nothing.
     *
     * @param root the directory's name, for messages
     */
    public Deployment plan(String root, List<ProjectFile> files, DeployOptions options) {
        return new Planner(root, files, options).plan();
    }

    /**
     * Plans, then applies the plan in the background; follow it with {@link #deployment}. One
     * deployment (or stop, resume, replay) at a time per gateway, from planning to the last step:
     * two deploys planned side by side would both start the same pipeline.
     */
    public Deployment apply(String root, List<ProjectFile> files, DeployOptions options) {
        if (!reserve()) {
            return new Deployment("", List.of(), List.of(BUSY), true, "");
        }
        boolean handedOver = false;
        try {
            Planner planner = new Planner(root, files, options);
            Deployment plan = planner.plan();
            if (!plan.errors().isEmpty()) {
                return plan;
            }
            if (plan.steps().stream().noneMatch(Step::changes)) {
                planner.manageDeclaredObjects();
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
            worker.execute(
                    () -> {
                        try {
                            planner.apply(progress);
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

    private static final String BUSY =
            "another deployment, stop, resume or replay is running on this gateway; wait for it, then try again";

    private boolean reserve() {
        synchronized (lock) {
            if (busy) {
                return false;
            }
            busy = true;
            return true;
        }
    }

    private void release() {
        synchronized (lock) {
            busy = false;
        }
    }

    /** Runs a change to one pipeline while no deployment runs, or refuses with the reason. */
    private <T> T exclusively(java.util.function.Supplier<T> change) {
        if (!reserve()) {
            throw new DeployException(BUSY);
        }
        try {
            return change.get();
        } finally {
            release();
        }
    }

    public Optional<Deployment> deployment(String id) {
        synchronized (lock) {
            return Optional.ofNullable(deployments.get(id)).map(AtomicReference::get);
        }
    }

    // ---- pipelines one by one: sluice jobs, stop, resume ----

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
                || !ALIVE.contains(jobs.state(job).orElse("UNKNOWN"))) {
            throw new DeployException(
                    "pipeline '%s' is not running (job %s is %s); nothing to stop"
                            .formatted(name, job, jobs.state(job).orElse("unknown to Flink")));
        }
        Optional<String> taken = Optional.empty();
        if (savepoint) {
            taken = Optional.of(jobs.stopWithSavepoint(job, SAVEPOINT_TIMEOUT));
        } else {
            jobs.cancel(job);
            jobs.awaitState(job, START_TIMEOUT, "CANCELED", "FAILED", "FINISHED");
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
        if (ALIVE.contains(jobs.state(job).orElse("UNKNOWN"))) {
            throw new DeployException(
                    "pipeline '%s' is running already (job %s)".formatted(name, job));
        }
        return start(
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
        if (ALIVE.contains(jobs.state(job).orElse("UNKNOWN"))) {
            savepoint = Optional.of(jobs.stopWithSavepoint(job, SAVEPOINT_TIMEOUT));
            registry.save(pipeline.withState(DeployedPipeline.State.STOPPED, savepoint, user));
        }
        try {
            return start(
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
                    start(pipeline.name(), pipeline.file(), pipeline.statements(), savepoint, user);
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

    /**
     * Submits a pipeline's statements as a job whose id is chosen and recorded first, so that a
     * gateway killed mid-way leaves a registry that names the job, never an unknown second copy.
     */
    private String start(
            String name,
            String file,
            List<String> statements,
            Optional<String> savepoint,
            String user) {
        return start(name, file, statements, savepoint, user, Map.of());
    }

    private String start(
            String name,
            String file,
            List<String> statements,
            Optional<String> savepoint,
            String user,
            Map<String, String> sessionConfig) {
        String jobId = JobID.generate().toHexString();
        DeployedPipeline starting =
                new DeployedPipeline(
                        name,
                        file,
                        Fingerprint.of(statements),
                        statements,
                        Optional.of(jobId),
                        DeployedPipeline.State.STARTING,
                        savepoint,
                        Instant.now(),
                        user);
        registry.save(starting);
        Configuration config = new Configuration();
        config.set(PipelineOptions.NAME, name);
        config.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId);
        savepoint.ifPresent(path -> config.set(StateRecoveryOptions.SAVEPOINT_PATH, path));
        Map<String, String> withGroup = new HashMap<>(sessionConfig);
        withGroup.put(KafkaTableDefaults.GROUP_OPTION, KafkaTableDefaults.groupId(name));
        try (GatewaySession session =
                new GatewaySession(service, "sluice-deploy-" + name, withGroup)) {
            List<SqlStatement> parsed = new ArrayList<>();
            for (String text : statements) {
                parsed.addAll(SqlScript.split(file, text));
            }
            for (SqlStatement statement : parsed) {
                if (statement.text().strip().toUpperCase(java.util.Locale.ROOT).startsWith("SET")) {
                    session.execute(statement);
                } else {
                    session.executeTrusted(statement, config);
                }
            }
        } catch (RuntimeException e) {
            registry.save(
                    starting.withState(DeployedPipeline.State.STOPPED, Optional.empty(), user));
            // Flink refuses a savepoint that does not fit at submission already.
            throw new StartFailedException(
                    name,
                    Explanations.of(e)
                            .replaceFirst("^.*?, statement \\d+, line \\d+, column \\d+: ", ""));
        }
        String state =
                jobs.awaitState(jobId, START_TIMEOUT, "RUNNING", "FAILED", "CANCELED", "FINISHED");
        if (state.equals("RUNNING")) {
            state = awaitFirstCheckpoint(jobId);
        }
        if (!state.equals("RUNNING")) {
            String why = jobs.failure(jobId).orElse("the job is " + state);
            if (ALIVE.contains(jobs.state(jobId).orElse("UNKNOWN"))) {
                jobs.cancel(jobId);
                jobs.awaitState(jobId, START_TIMEOUT, "CANCELED", "FAILED", "FINISHED");
            }
            registry.save(
                    starting.withState(DeployedPipeline.State.STOPPED, Optional.empty(), user));
            throw new StartFailedException(name, why);
        }
        registry.save(starting.withJob(jobId, DeployedPipeline.State.RUNNING, user));
        return jobId;
    }

    /**
     * A job is up once it completed a checkpoint: its sources found their topics, a restored job's
     * state fit, its sink can commit. One that fails instead keeps restarting.
     */
    private String awaitFirstCheckpoint(String jobId) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String state = jobs.state(jobId).orElse("UNKNOWN");
            if (!ALIVE.contains(state)) {
                return state;
            }
            if (jobs.completedCheckpoints(jobId) > 0) {
                return "RUNNING";
            }
            pause();
        }
        return "RESTARTING";
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted", e);
        }
    }

    /** One plan: computed once, applied at most once. */
    /** A Kafka table's topics exist before the table does, as when it is created over SQL. */
    private void ensureTopics(StoredObject object) {
        if (object.kind() != StoredObject.Kind.TABLE) {
            return;
        }
        List<String> problems =
                service.ensureTopics(object.database() + "." + object.name(), object.definition());
        if (!problems.isEmpty()) {
            throw new DeployException(String.join("; ", problems));
        }
    }

    private final class Planner {
        private final String root;
        private final List<ProjectFile> files;
        private final DeployOptions options;
        private DeployProject project;
        private final Map<Integer, Runnable> actions = new LinkedHashMap<>();
        private final List<String> planErrors = new ArrayList<>();

        Planner(String root, List<ProjectFile> files, DeployOptions options) {
            this.root = root;
            this.files = files;
            this.options = options;
        }

        Deployment plan() {
            project = DeployProject.read(root, files);
            List<String> errors = new ArrayList<>(project.errors);
            Set<String> declared = new HashSet<>();
            project.objects.forEach(o -> declared.add(key(o.kind(), o.database(), o.name())));
            List<Step> steps = new ArrayList<>();
            try (Validator validator = new Validator(policy, scratch -> seed(scratch, declared))) {
                for (SqlStatement statement : project.statements) {
                    for (Finding finding : validator.validate(statement)) {
                        if (finding.isError()) {
                            errors.add(finding.renderCompact(statement));
                        }
                    }
                }
                if (!errors.isEmpty()) {
                    return new Deployment("", List.of(), errors, true, "");
                }
                for (ObjectDecl object : project.objects) {
                    planObject(object, validator.store(), steps);
                }
            }
            planUndeclaredObjects(declared, steps);
            planPipelines(steps);
            if (!planErrors.isEmpty()) {
                return new Deployment("", List.of(), planErrors, true, "");
            }
            return new Deployment("", steps, List.of(), false, "");
        }

        /** Objects that no file declares come along, so that the files can use them. */
        private void seed(CatalogStore scratch, Set<String> declared) {
            for (String database : store.databaseNames()) {
                store.database(database)
                        .ifPresent(
                                db -> {
                                    if (scratch.database(database).isEmpty()) {
                                        scratch.createDatabase(db);
                                    }
                                });
                for (String name : store.objectNames(database, Optional.empty())) {
                    store.object(database, name)
                            .filter(o -> !declared.contains(key(o.kind().name(), database, name)))
                            .ifPresent(scratch::createObject);
                }
                for (String name : store.functionNames(database)) {
                    if (!declared.contains(key("FUNCTION", database, name))) {
                        store.function(database, name).ifPresent(scratch::createFunction);
                    }
                }
            }
        }

        private void planObject(ObjectDecl decl, CatalogStore desiredStore, List<Step> steps) {
            int index = steps.size() + 1;
            // The database exists in the validated catalog; the real one gets it on first use.
            Optional<StoredDatabase> database = desiredStore.database(decl.database());
            Runnable ensureDatabase =
                    () -> {
                        if (store.database(decl.database()).isEmpty()) {
                            database.ifPresent(store::createDatabase);
                        }
                    };
            String target = decl.describe();
            String file = decl.file();
            if (decl.kind().equals("FUNCTION")) {
                StoredFunction desired =
                        desiredStore.function(decl.database(), decl.name()).orElseThrow();
                Optional<StoredFunction> current = store.function(decl.database(), decl.name());
                if (current.isEmpty()) {
                    steps.add(planned(index, "create", target, file, "new"));
                    actions.put(
                            index,
                            () -> {
                                ensureDatabase.run();
                                requireWritten(store.createFunction(desired), target);
                            });
                } else if (!current.get().equals(desired)) {
                    steps.add(planned(index, "alter", target, file, "class or resources changed"));
                    actions.put(index, () -> requireWritten(store.alterFunction(desired), target));
                } else {
                    steps.add(planned(index, "unchanged", target, file, ""));
                }
                return;
            }
            StoredObject desired = desiredStore.object(decl.database(), decl.name()).orElseThrow();
            Optional<StoredObject> current = store.object(decl.database(), decl.name());
            if (current.isEmpty()) {
                steps.add(planned(index, "create", target, file, "new"));
                actions.put(
                        index,
                        () -> {
                            ensureDatabase.run();
                            ensureTopics(desired);
                            requireWritten(store.createObject(desired), target);
                        });
            } else if (current.get().kind() != desired.kind()) {
                steps.add(
                        planned(
                                index,
                                "alter",
                                target,
                                file,
                                "replaces a "
                                        + current.get()
                                                .kind()
                                                .name()
                                                .toLowerCase(java.util.Locale.ROOT)));
                actions.put(
                        index,
                        () -> {
                            ensureTopics(desired);
                            store.replaceObject(desired, current.get().version());
                        });
            } else if (!current.get().definition().equals(desired.definition())) {
                steps.add(
                        planned(
                                index,
                                "alter",
                                target,
                                file,
                                changedKeys(current.get().definition(), desired.definition())));
                actions.put(
                        index,
                        () -> {
                            ensureTopics(desired);
                            store.replaceObject(desired, current.get().version());
                        });
            } else {
                steps.add(planned(index, "unchanged", target, file, ""));
            }
        }

        private void planUndeclaredObjects(Set<String> declared, List<Step> steps) {
            for (ManagedObject managed : registry.managedObjects()) {
                if (declared.contains(key(managed.kind(), managed.database(), managed.name()))) {
                    continue;
                }
                int index = steps.size() + 1;
                String target =
                        managed.kind().toLowerCase(java.util.Locale.ROOT) + " " + managed.name();
                if (!options.prune()) {
                    steps.add(
                            planned(
                                    index,
                                    "keep",
                                    target,
                                    managed.file(),
                                    "its file no longer declares it; --prune drops it"));
                    continue;
                }
                steps.add(
                        planned(
                                index,
                                "drop",
                                target,
                                managed.file(),
                                "its file no longer declares it"));
                actions.put(
                        index,
                        () -> {
                            if (managed.kind().equals("FUNCTION")) {
                                store.dropFunction(managed.database(), managed.name());
                            } else {
                                store.dropObject(managed.database(), managed.name());
                            }
                            registry.forget(managed);
                        });
            }
        }

        private void planPipelines(List<Step> steps) {
            Set<String> inFiles = new HashSet<>();
            for (PipelineDecl decl : project.pipelines) {
                inFiles.add(decl.name());
                int index = steps.size() + 1;
                String target = "pipeline " + decl.name();
                Optional<DeployedPipeline> deployed = registry.pipeline(decl.name());
                if (deployed.isEmpty()) {
                    steps.add(planned(index, "start", target, decl.file(), "new"));
                    actions.put(
                            index,
                            () ->
                                    done(
                                            index,
                                            "job "
                                                    + start(
                                                            decl.name(),
                                                            decl.file(),
                                                            decl.texts(),
                                                            Optional.empty(),
                                                            options.user())));
                    continue;
                }
                DeployedPipeline current = deployed.get();
                String job = current.jobId().orElse("");
                String jobState = jobs.state(job).orElse("unknown to Flink");
                boolean changed = !current.fingerprint().equals(decl.fingerprint());
                if (current.state() == DeployedPipeline.State.STOPPED) {
                    steps.add(
                            planned(
                                    index,
                                    "keep",
                                    target,
                                    decl.file(),
                                    "stopped by "
                                            + current.updatedBy()
                                            + (changed ? "; file changed" : "")
                                            + "; sluice resume "
                                            + decl.name()
                                            + " starts it"));
                } else if (!ALIVE.contains(jobState)) {
                    RetainedCheckpoints.Lookup lookup =
                            job.isEmpty()
                                    ? new RetainedCheckpoints.None()
                                    : RetainedCheckpoints.of(checkpoints, job);
                    if (lookup instanceof RetainedCheckpoints.Unknown unknown
                            && !options.allowStateReset()) {
                        planErrors.add(
                                ("pipeline '%s': job %s is %s, and where it stopped cannot be determined (%s);"
                                                + " restarting from an older savepoint or empty state would emit committed output again."
                                                + " Fix: let the gateway read the checkpoint directory, or deploy with --allow-state-reset to restart anyway")
                                        .formatted(decl.name(), job, jobState, unknown.reason()));
                        continue;
                    }
                    Optional<String> checkpoint =
                            lookup instanceof RetainedCheckpoints.Found found
                                    ? Optional.of(found.path())
                                    : Optional.empty();
                    Optional<String> restorePoint = checkpoint.or(current::lastSavepoint);
                    String from =
                            checkpoint
                                    .map(cp -> "from its last checkpoint " + cp)
                                    .or(
                                            () ->
                                                    current.lastSavepoint()
                                                            .map(sp -> "from savepoint " + sp))
                                    .orElse("with empty state");
                    steps.add(
                            planned(
                                    index,
                                    "restart",
                                    target,
                                    decl.file(),
                                    "job " + job + " is " + jobState + "; " + from));
                    actions.put(
                            index,
                            () ->
                                    done(
                                            index,
                                            "job "
                                                    + start(
                                                            decl.name(),
                                                            decl.file(),
                                                            decl.texts(),
                                                            restorePoint,
                                                            options.user())));
                } else if (!changed && current.state() == DeployedPipeline.State.STARTING) {
                    // A deploy that died after submitting: its job runs; only the registry lags.
                    steps.add(
                            planned(
                                    index,
                                    "record",
                                    target,
                                    decl.file(),
                                    "job " + job + " from an interrupted deploy runs"));
                    actions.put(
                            index,
                            () -> {
                                registry.save(
                                        current.withState(
                                                DeployedPipeline.State.RUNNING,
                                                Optional.empty(),
                                                options.user()));
                                done(index, "job " + job + " recorded as running");
                            });
                } else if (!changed) {
                    steps.add(
                            planned(
                                    index,
                                    "unchanged",
                                    target,
                                    decl.file(),
                                    "job "
                                            + job
                                            + " "
                                            + jobState.toLowerCase(java.util.Locale.ROOT)));
                } else {
                    steps.add(
                            planned(
                                    index,
                                    "upgrade",
                                    target,
                                    decl.file(),
                                    "savepoint, then the new version from it"));
                    actions.put(index, () -> upgrade(index, current, decl));
                }
            }
            for (DeployedPipeline pipeline : registry.pipelines()) {
                if (inFiles.contains(pipeline.name())
                        || pipeline.state() == DeployedPipeline.State.STOPPED) {
                    continue;
                }
                int index = steps.size() + 1;
                String target = "pipeline " + pipeline.name();
                if (!options.prune()) {
                    steps.add(
                            planned(
                                    index,
                                    "keep",
                                    target,
                                    pipeline.file(),
                                    "its file is gone; --prune stops it"));
                    continue;
                }
                steps.add(
                        planned(
                                index,
                                "stop",
                                target,
                                pipeline.file(),
                                "its file is gone; savepoint, then stop"));
                actions.put(
                        index,
                        () -> {
                            String job = pipeline.jobId().orElse("");
                            Optional<String> savepoint = Optional.empty();
                            if (ALIVE.contains(jobs.state(job).orElse("UNKNOWN"))) {
                                savepoint =
                                        Optional.of(jobs.stopWithSavepoint(job, SAVEPOINT_TIMEOUT));
                            }
                            registry.save(
                                    pipeline.withState(
                                            DeployedPipeline.State.STOPPED,
                                            savepoint,
                                            options.user()));
                            done(
                                    index,
                                    savepoint
                                            .map(sp -> "savepoint " + sp)
                                            .orElse("its job was not running"));
                        });
            }
        }

        private void upgrade(int index, DeployedPipeline current, PipelineDecl decl) {
            String savepoint =
                    jobs.stopWithSavepoint(current.jobId().orElseThrow(), SAVEPOINT_TIMEOUT);
            // Remember the savepoint at once: a gateway that dies now restarts from it next time.
            registry.save(
                    current.withState(
                            DeployedPipeline.State.RUNNING,
                            Optional.of(savepoint),
                            options.user()));
            try {
                String job =
                        start(
                                decl.name(),
                                decl.file(),
                                decl.texts(),
                                Optional.of(savepoint),
                                options.user());
                done(index, "job " + job + " from savepoint " + savepoint);
            } catch (StartFailedException e) {
                if (options.allowStateReset()) {
                    try {
                        String job =
                                start(
                                        decl.name(),
                                        decl.file(),
                                        decl.texts(),
                                        Optional.empty(),
                                        options.user());
                        done(
                                index,
                                "job %s with empty state (--allow-state-reset); from the savepoint it failed: %s"
                                        .formatted(job, e.reason()));
                        return;
                    } catch (StartFailedException again) {
                        throw rollBack(
                                current, savepoint, again.reason() + " (also with empty state)");
                    }
                }
                throw rollBack(current, savepoint, e.reason());
            }
        }

        /** Starts the previous version again from the savepoint just taken; explains why. */
        private DeployException rollBack(
                DeployedPipeline previous, String savepoint, String reason) {
            String job =
                    start(
                            previous.name(),
                            previous.file(),
                            previous.statements(),
                            Optional.of(savepoint),
                            options.user());
            return new DeployException(
                    ("the new version did not start: %s. The previous version runs again as job %s from %s."
                                    + " If the new version cannot restore the old state, deploy with --allow-state-reset to start it with empty state")
                            .formatted(reason.replaceAll("\\.+$", ""), job, savepoint));
        }

        private AtomicReference<Deployment> progress;

        void apply(AtomicReference<Deployment> progress) {
            this.progress = progress;
            List<Step> steps = new ArrayList<>(progress.get().steps());
            int applied = 0;
            boolean failed = false;
            String failedStep = "";
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                Runnable action = actions.get(step.index());
                if (action == null) {
                    continue;
                }
                if (failed) {
                    update(step.index(), Step.SKIPPED, "not applied: an earlier step failed");
                    continue;
                }
                update(step.index(), Step.RUNNING, "");
                try {
                    action.run();
                    if (progress.get().steps().get(i).status().equals(Step.RUNNING)) {
                        update(step.index(), Step.DONE, "");
                    }
                    applied++;
                } catch (RuntimeException e) {
                    failed = true;
                    failedStep = "step %d (%s %s)".formatted(i + 1, step.action(), step.target());
                    update(step.index(), Step.FAILED, Explanations.of(e));
                }
            }
            if (!failed) {
                manageDeclaredObjects();
            }
            long changes = steps.stream().filter(Step::changes).count();
            String summary =
                    failed
                            ? "%s failed; %d of %d changes applied before it, the rest not attempted (fix it and deploy again: applied changes stay)"
                                    .formatted(failedStep, applied, changes)
                            : "%d change%s applied".formatted(applied, applied == 1 ? "" : "s");
            Deployment now = progress.get();
            progress.set(new Deployment(now.id(), now.steps(), List.of(), true, summary));
        }

        void manageDeclaredObjects() {
            for (ObjectDecl object : project.objects) {
                registry.manage(
                        new ManagedObject(
                                object.database(), object.name(), object.kind(), object.file()));
            }
        }

        private void done(int index, String message) {
            update(index, Step.DONE, message);
        }

        private void update(int index, String status, String message) {
            progress.updateAndGet(
                    d -> {
                        List<Step> steps = new ArrayList<>(d.steps());
                        for (int i = 0; i < steps.size(); i++) {
                            if (steps.get(i).index() == index) {
                                steps.set(i, steps.get(i).with(status, message));
                            }
                        }
                        return new Deployment(d.id(), steps, d.errors(), d.done(), d.summary());
                    });
        }
    }

    private static Step planned(
            int index, String action, String target, String file, String detail) {
        return new Step(index, action, target, file, detail, Step.PLANNED, "");
    }

    private static String key(String kind, String database, String name) {
        String k = kind.equals("VIEW") ? "TABLE" : kind;
        return k
                + " "
                + database
                + "."
                + (kind.equals("FUNCTION") ? name.toLowerCase(java.util.Locale.ROOT) : name);
    }

    private static void requireWritten(boolean written, String target) {
        if (!written) {
            throw new DeployException(
                    target + " was changed by another client meanwhile; deploy again");
        }
    }

    /** Which options or schema parts differ, in a few words. */
    private static String changedKeys(Map<String, String> current, Map<String, String> desired) {
        Set<String> keys = new java.util.TreeSet<>();
        for (String key : current.keySet()) {
            if (!java.util.Objects.equals(current.get(key), desired.get(key))) {
                keys.add(key);
            }
        }
        for (String key : desired.keySet()) {
            if (!current.containsKey(key)) {
                keys.add(key);
            }
        }
        boolean schema = keys.stream().anyMatch(k -> k.startsWith("schema."));
        List<String> options =
                keys.stream()
                        .filter(k -> !k.startsWith("schema.") && !k.equals("comment"))
                        .limit(3)
                        .toList();
        List<String> parts = new ArrayList<>();
        if (schema) {
            parts.add("schema");
        }
        if (!options.isEmpty()) {
            parts.add(
                    "options "
                            + String.join(", ", options)
                            + (keys.size() > options.size() + (schema ? 1 : 0) ? ", …" : ""));
        }
        if (keys.contains("comment")) {
            parts.add("comment");
        }
        return parts.isEmpty() ? "definition changed" : String.join("; ", parts) + " changed";
    }
}
