package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.DeployedPipeline;
import dev.sluice.catalog.store.DeploymentRegistry;
import dev.sluice.catalog.store.ManagedObject;
import dev.sluice.catalog.store.StoredDatabase;
import dev.sluice.catalog.store.StoredObject;
import dev.sluice.server.deploy.Step.Status;
import dev.sluice.server.service.SluiceSqlGatewayService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link Plan} step by step, like {@code terraform apply}, reporting progress as it goes.
 * The first step that fails stops it; what was applied before stays.
 *
 * <p>Never zero versions running unless asked: a new version that cannot restore the savepoint is
 * replaced by the previous version, restored from that same savepoint.
 */
final class DeployExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(DeployExecutor.class);

    private final SluiceSqlGatewayService service;
    private final CatalogStore store;
    private final DeploymentRegistry registry;
    private final Pipelines pipelines;

    DeployExecutor(
            SluiceSqlGatewayService service,
            CatalogStore store,
            DeploymentRegistry registry,
            Pipelines pipelines) {
        this.service = requireNonNull(service, "service is null");
        this.store = requireNonNull(store, "store is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.pipelines = requireNonNull(pipelines, "pipelines is null");
    }

    /** Records the directory's objects as deploy's own: only those may be pruned later. */
    void manage(Plan plan) {
        plan.declared().forEach(registry::manage);
    }

    /** Applies the plan; {@code progress} holds the deployment as it goes, done at the end. */
    void apply(Plan plan, DeployOptions options, AtomicReference<Deployment> progress) {
        Run run = new Run(options, progress);
        List<Step> steps = progress.get().steps();
        int applied = 0;
        Optional<Step> failed = Optional.empty();
        for (Step step : steps) {
            Change change = plan.changes().get(step.index());
            if (change == null) {
                continue;
            }
            if (failed.isPresent()) {
                run.update(step.index(), Status.SKIPPED, "not applied: an earlier step failed");
                continue;
            }
            run.update(step.index(), Status.RUNNING, "");
            try {
                String message = run.apply(change);
                run.update(step.index(), Status.DONE, message);
                applied++;
            } catch (RuntimeException e) {
                failed = Optional.of(step);
                String why = Explanations.of(e);
                LOG.warn(
                        "deployment {}: step {} ({} {}) failed: {}",
                        progress.get().id(),
                        step.index(),
                        step.action().label(),
                        step.target(),
                        why);
                run.update(step.index(), Status.FAILED, why);
            }
        }
        if (failed.isEmpty()) {
            manage(plan);
        }
        long changes = steps.stream().filter(Step::changes).count();
        int appliedBefore = applied;
        String summary =
                failed.map(
                                step ->
                                        "step %d (%s %s) failed; %d of %d changes applied before it, the rest not attempted (fix it and deploy again: applied changes stay)"
                                                .formatted(
                                                        step.index(),
                                                        step.action().label(),
                                                        step.target(),
                                                        appliedBefore,
                                                        changes))
                        .orElse("%d change%s applied".formatted(applied, applied == 1 ? "" : "s"));
        LOG.info("deployment {}: {}", progress.get().id(), summary);
        Deployment now = progress.get();
        progress.set(new Deployment(now.id(), now.steps(), List.of(), true, summary));
    }

    /** One application of a plan. */
    private final class Run {
        private final DeployOptions options;
        private final AtomicReference<Deployment> progress;

        Run(DeployOptions options, AtomicReference<Deployment> progress) {
            this.options = options;
            this.progress = progress;
        }

        /** Carries the change out; returns what happened, in a few words (or nothing). */
        String apply(Change change) {
            if (change instanceof Change.CreateFunction create) {
                ensureDatabase(create.database());
                requireWritten(store.createFunction(create.desired()), create.target());
            } else if (change instanceof Change.AlterFunction alter) {
                requireWritten(store.alterFunction(alter.desired()), alter.target());
            } else if (change instanceof Change.CreateObject create) {
                ensureDatabase(create.database());
                ensureTopics(create.desired());
                requireWritten(store.createObject(create.desired()), create.target());
            } else if (change instanceof Change.ReplaceObject replace) {
                ensureTopics(replace.desired());
                store.replaceObject(replace.desired(), replace.version());
            } else if (change instanceof Change.Drop drop) {
                ManagedObject managed = drop.managed();
                if (managed.kind().equals("FUNCTION")) {
                    store.dropFunction(managed.database(), managed.name());
                } else {
                    store.dropObject(managed.database(), managed.name());
                }
                registry.forget(managed);
            } else if (change instanceof Change.StartPipeline start) {
                return "job "
                        + pipelines.start(
                                start.name(),
                                start.file(),
                                start.statements(),
                                start.restorePoint(),
                                options.user());
            } else if (change instanceof Change.RecordRunning record) {
                registry.save(
                        record.current()
                                .withState(
                                        DeployedPipeline.State.RUNNING,
                                        Optional.empty(),
                                        options.user()));
                return "job " + record.current().jobId().orElse("") + " recorded as running";
            } else if (change instanceof Change.Upgrade upgrade) {
                return upgrade(upgrade);
            } else if (change instanceof Change.StopPipeline stop) {
                return stop(stop.pipeline());
            } else {
                throw new IllegalStateException("no way to apply " + change);
            }
            return "";
        }

        private String stop(DeployedPipeline pipeline) {
            String job = pipeline.jobId().orElse("");
            Optional<String> savepoint = Optional.empty();
            if (JobStates.alive(pipelines.state(job))) {
                savepoint = Optional.of(pipelines.stopWithSavepoint(pipeline.name(), job));
            }
            registry.save(
                    pipeline.withState(DeployedPipeline.State.STOPPED, savepoint, options.user()));
            return savepoint.map(sp -> "savepoint " + sp).orElse("its job was not running");
        }

        private String upgrade(Change.Upgrade upgrade) {
            DeployedPipeline current = upgrade.current();
            String savepoint =
                    pipelines.stopWithSavepoint(current.name(), current.jobId().orElseThrow());
            // Remember the savepoint at once: a gateway that dies now restarts from it next time.
            registry.save(
                    current.withState(
                            DeployedPipeline.State.RUNNING,
                            Optional.of(savepoint),
                            options.user()));
            try {
                String job =
                        pipelines.start(
                                upgrade.name(),
                                upgrade.file(),
                                upgrade.statements(),
                                Optional.of(savepoint),
                                options.user());
                return "job " + job + " from savepoint " + savepoint;
            } catch (StartFailedException e) {
                if (options.allowStateReset()) {
                    try {
                        String job =
                                pipelines.start(
                                        upgrade.name(),
                                        upgrade.file(),
                                        upgrade.statements(),
                                        Optional.empty(),
                                        options.user());
                        return "job %s with empty state (--allow-state-reset); from the savepoint it failed: %s"
                                .formatted(job, e.reason());
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
            LOG.warn(
                    "pipeline {}: the new version did not start ({}); rolling back to {}",
                    previous.name(),
                    reason,
                    savepoint);
            String job =
                    pipelines.start(
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

        void update(int index, Status status, String message) {
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

    private void ensureDatabase(Optional<StoredDatabase> database) {
        database.ifPresent(
                db -> {
                    if (store.database(db.name()).isEmpty()) {
                        store.createDatabase(db);
                    }
                });
    }

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

    private static void requireWritten(boolean written, String target) {
        if (!written) {
            throw new DeployException(
                    target + " was changed by another client meanwhile; deploy again");
        }
    }
}
