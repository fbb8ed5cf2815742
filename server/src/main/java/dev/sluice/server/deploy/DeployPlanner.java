package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.DeployedPipeline;
import dev.sluice.catalog.store.ManagedObject;
import dev.sluice.catalog.store.StoredDatabase;
import dev.sluice.catalog.store.StoredFunction;
import dev.sluice.catalog.store.StoredObject;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.policy.validate.Validator;
import dev.sluice.server.deploy.DeployProject.ObjectDecl;
import dev.sluice.server.deploy.DeployProject.PipelineDecl;
import dev.sluice.server.deploy.Step.Action;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.flink.api.common.JobStatus;

/**
 * Turns a directory of SQL files and what is deployed now into a {@link Plan}, like {@code
 * terraform plan}. It changes nothing: what it reads comes in as {@link Current}, so that it can be
 * tested with hand-written states of the world and no cluster.
 */
final class DeployPlanner {

    /**
     * What is deployed now.
     *
     * @param catalog the catalog's objects (only read)
     * @param managed the objects deploy created from files
     * @param pipelines the registry's pipelines
     * @param jobStates what the cluster says of a job (empty: unknown to it)
     * @param checkpoints where a job that stopped left its newest retained checkpoint
     */
    record Current(
            CatalogStore catalog,
            List<ManagedObject> managed,
            List<DeployedPipeline> pipelines,
            Function<String, Optional<JobStatus>> jobStates,
            Function<String, RetainedCheckpoints.Lookup> checkpoints) {

        Optional<DeployedPipeline> pipeline(String name) {
            return pipelines.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    private final GuardPolicy policy;

    DeployPlanner(GuardPolicy policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    Plan plan(String root, List<ProjectFile> files, DeployOptions options, Current current) {
        return new Planning(DeployProject.read(root, files), options, current).plan();
    }

    /** One planning run: the steps so far and the change behind each. */
    private final class Planning {
        private final DeployProject project;
        private final DeployOptions options;
        private final Current current;
        private final CatalogStore store;
        private final List<Step> steps = new ArrayList<>();
        private final Map<Integer, Change> changes = new LinkedHashMap<>();
        private final List<String> errors = new ArrayList<>();

        Planning(DeployProject project, DeployOptions options, Current current) {
            this.project = project;
            this.options = options;
            this.current = current;
            this.store = current.catalog();
        }

        Plan plan() {
            errors.addAll(project.errors);
            Set<String> declared = new HashSet<>();
            project.objects.forEach(o -> declared.add(key(o.kind(), o.database(), o.name())));
            try (Validator validator = new Validator(policy, scratch -> seed(scratch, declared))) {
                for (SqlStatement statement : project.statements) {
                    for (Finding finding : validator.validate(statement)) {
                        if (finding.isError()) {
                            errors.add(finding.renderCompact(statement));
                        }
                    }
                }
                if (!errors.isEmpty()) {
                    return Plan.refused(errors);
                }
                for (ObjectDecl object : project.objects) {
                    planObject(object, validator.store());
                }
            }
            planUndeclaredObjects(declared);
            planPipelines();
            if (!errors.isEmpty()) {
                return Plan.refused(errors);
            }
            List<ManagedObject> managed =
                    project.objects.stream()
                            .map(o -> new ManagedObject(o.database(), o.name(), o.kind(), o.file()))
                            .toList();
            return new Plan(steps, changes, managed, List.of());
        }

        private void add(Action action, String target, String file, String detail) {
            steps.add(Step.planned(steps.size() + 1, action, target, file, detail));
        }

        private void add(Action action, String target, String file, String detail, Change change) {
            add(action, target, file, detail);
            changes.put(steps.size(), change);
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

        private void planObject(ObjectDecl decl, CatalogStore desiredStore) {
            // The database exists in the validated catalog; the real one gets it on first use.
            Optional<StoredDatabase> database = desiredStore.database(decl.database());
            String target = decl.describe();
            String file = decl.file();
            if (decl.kind().equals("FUNCTION")) {
                StoredFunction desired =
                        desiredStore.function(decl.database(), decl.name()).orElseThrow();
                Optional<StoredFunction> now = store.function(decl.database(), decl.name());
                if (now.isEmpty()) {
                    add(
                            Action.CREATE,
                            target,
                            file,
                            "new",
                            new Change.CreateFunction(target, desired, database));
                } else if (!now.get().equals(desired)) {
                    add(
                            Action.ALTER,
                            target,
                            file,
                            "class or resources changed",
                            new Change.AlterFunction(target, desired));
                } else {
                    add(Action.UNCHANGED, target, file, "");
                }
                return;
            }
            StoredObject desired = desiredStore.object(decl.database(), decl.name()).orElseThrow();
            Optional<StoredObject> now = store.object(decl.database(), decl.name());
            if (now.isEmpty()) {
                add(
                        Action.CREATE,
                        target,
                        file,
                        "new",
                        new Change.CreateObject(target, desired, database));
            } else if (now.get().kind() != desired.kind()) {
                add(
                        Action.ALTER,
                        target,
                        file,
                        "replaces a " + now.get().kind().name().toLowerCase(Locale.ROOT),
                        new Change.ReplaceObject(desired, now.get().version()));
            } else if (!now.get().definition().equals(desired.definition())) {
                add(
                        Action.ALTER,
                        target,
                        file,
                        changedKeys(now.get().definition(), desired.definition()),
                        new Change.ReplaceObject(desired, now.get().version()));
            } else {
                add(Action.UNCHANGED, target, file, "");
            }
        }

        private void planUndeclaredObjects(Set<String> declared) {
            for (ManagedObject managed : current.managed()) {
                if (declared.contains(key(managed.kind(), managed.database(), managed.name()))) {
                    continue;
                }
                String target = managed.kind().toLowerCase(Locale.ROOT) + " " + managed.name();
                if (options.prune()) {
                    add(
                            Action.DROP,
                            target,
                            managed.file(),
                            "its file no longer declares it",
                            new Change.Drop(managed));
                } else {
                    add(
                            Action.KEEP,
                            target,
                            managed.file(),
                            "its file no longer declares it; --prune drops it");
                }
            }
        }

        private void planPipelines() {
            Set<String> inFiles = new HashSet<>();
            for (PipelineDecl decl : project.pipelines) {
                inFiles.add(decl.name());
                Optional<DeployedPipeline> deployed = current.pipeline(decl.name());
                if (deployed.isEmpty()) {
                    add(
                            Action.START,
                            "pipeline " + decl.name(),
                            decl.file(),
                            "new",
                            new Change.StartPipeline(
                                    decl.name(), decl.file(), decl.texts(), Optional.empty()));
                } else {
                    planDeployed(decl, deployed.get());
                }
            }
            for (DeployedPipeline pipeline : current.pipelines()) {
                if (inFiles.contains(pipeline.name())
                        || pipeline.state() == DeployedPipeline.State.STOPPED) {
                    continue;
                }
                String target = "pipeline " + pipeline.name();
                if (options.prune()) {
                    add(
                            Action.STOP,
                            target,
                            pipeline.file(),
                            "its file is gone; savepoint, then stop",
                            new Change.StopPipeline(pipeline));
                } else {
                    add(Action.KEEP, target, pipeline.file(), "its file is gone; --prune stops it");
                }
            }
        }

        private void planDeployed(PipelineDecl decl, DeployedPipeline deployed) {
            String target = "pipeline " + decl.name();
            String job = deployed.jobId().orElse("");
            Optional<JobStatus> jobState = current.jobStates().apply(job);
            boolean changed = !deployed.fingerprint().equals(decl.fingerprint());
            if (deployed.state() == DeployedPipeline.State.STOPPED) {
                add(
                        Action.KEEP,
                        target,
                        decl.file(),
                        "stopped by "
                                + deployed.updatedBy()
                                + (changed ? "; file changed" : "")
                                + "; sluice resume "
                                + decl.name()
                                + " starts it");
            } else if (!JobStates.alive(jobState)) {
                planRestart(decl, deployed, job, JobStates.describe(jobState));
            } else if (!changed && deployed.state() == DeployedPipeline.State.STARTING) {
                // A deploy that died after submitting: its job runs; only the registry lags.
                add(
                        Action.RECORD,
                        target,
                        decl.file(),
                        "job " + job + " from an interrupted deploy runs",
                        new Change.RecordRunning(deployed));
            } else if (!changed) {
                add(
                        Action.UNCHANGED,
                        target,
                        decl.file(),
                        "job " + job + " " + JobStates.describe(jobState).toLowerCase(Locale.ROOT));
            } else {
                add(
                        Action.UPGRADE,
                        target,
                        decl.file(),
                        "savepoint, then the new version from it",
                        new Change.Upgrade(deployed, decl.name(), decl.file(), decl.texts()));
            }
        }

        /**
         * A pipeline whose job is gone starts again from where the job got to: its newest retained
         * checkpoint, else its last savepoint. When that cannot be determined, restarting from
         * anything older would emit committed output again: refused unless the user accepts it.
         */
        private void planRestart(
                PipelineDecl decl, DeployedPipeline deployed, String job, String jobState) {
            RetainedCheckpoints.Lookup lookup =
                    job.isEmpty()
                            ? new RetainedCheckpoints.None()
                            : current.checkpoints().apply(job);
            if (lookup instanceof RetainedCheckpoints.Unknown unknown
                    && !options.allowStateReset()) {
                errors.add(
                        ("pipeline '%s': job %s is %s, and where it stopped cannot be determined (%s);"
                                        + " restarting from an older savepoint or empty state would emit committed output again."
                                        + " Fix: let the gateway read the checkpoint directory, or deploy with --allow-state-reset to restart anyway")
                                .formatted(decl.name(), job, jobState, unknown.reason()));
                return;
            }
            Optional<String> checkpoint =
                    lookup instanceof RetainedCheckpoints.Found found
                            ? Optional.of(found.path())
                            : Optional.empty();
            Optional<String> restorePoint = checkpoint.or(deployed::lastSavepoint);
            String from =
                    checkpoint
                            .map(cp -> "from its last checkpoint " + cp)
                            .or(() -> deployed.lastSavepoint().map(sp -> "from savepoint " + sp))
                            .orElse("with empty state");
            add(
                    Action.RESTART,
                    "pipeline " + decl.name(),
                    decl.file(),
                    "job " + job + " is " + jobState + "; " + from,
                    new Change.StartPipeline(decl.name(), decl.file(), decl.texts(), restorePoint));
        }
    }

    private static String key(String kind, String database, String name) {
        String k = kind.equals("VIEW") ? "TABLE" : kind;
        return k
                + " "
                + database
                + "."
                + (kind.equals("FUNCTION") ? name.toLowerCase(Locale.ROOT) : name);
    }

    /** Which options or schema parts differ, in a few words. */
    private static String changedKeys(Map<String, String> current, Map<String, String> desired) {
        Set<String> keys = new TreeSet<>();
        for (String key : current.keySet()) {
            if (!Objects.equals(current.get(key), desired.get(key))) {
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
