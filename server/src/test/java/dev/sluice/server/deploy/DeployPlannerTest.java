package dev.sluice.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.DeployedPipeline;
import dev.sluice.catalog.store.ManagedObject;
import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.server.deploy.DeployProject.PipelineDecl;
import dev.sluice.server.deploy.Step.Action;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The planner on the repository's {@code sql/} against hand-written states of the world: a
 * registry, the cluster's job states and what the checkpoint directory holds. No broker, no
 * cluster.
 */
class DeployPlannerTest {

    private static final Path SQL = Path.of("..", "sql");
    private static final DeployOptions PLAIN = new DeployOptions(false, false, "test");

    private final CatalogStore catalog =
            CatalogStores.open(
                    new StoreSettings(
                            "jdbc:h2:mem:planner-" + UUID.randomUUID(),
                            Optional.empty(),
                            Optional.empty()));
    private final List<ProjectFile> files = ProjectFile.read(SQL);
    private final DeployPlanner planner = new DeployPlanner(GuardPolicy.defaults());

    /** Job states the cluster reports, by job id; absent ids are unknown to it. */
    private final Map<String, JobStatus> cluster = new HashMap<>();

    /** What the checkpoint directory holds, by job id; absent ids have none. */
    private final Map<String, RetainedCheckpoints.Lookup> retained = new HashMap<>();

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    @Test
    void aFreshStackGetsEveryObjectThenEveryPipeline() {
        Plan plan = plan(List.of(), List.of(), PLAIN);

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.steps())
                .allMatch(s -> s.action() == Action.CREATE || s.action() == Action.START);
        assertThat(plan.steps()).hasSize(16);
        // Objects first (their topics exist before a pipeline reads them), pipelines last.
        assertThat(plan.steps().subList(13, 16))
                .extracting(Step::target)
                .containsExactly(
                        "pipeline fraud_alerts",
                        "pipeline high_risk_alerts",
                        "pipeline scored_transactions");
        assertThat(plan.changes().keySet()).hasSize(16);
        assertThat(plan.changes().get(14))
                .isEqualTo(
                        new Change.StartPipeline(
                                "fraud_alerts",
                                decl("fraud_alerts").file(),
                                decl("fraud_alerts").texts(),
                                Optional.empty()));
    }

    @Test
    void aRunningPipelineWithTheSameTextIsLeftAlone() {
        Step step = pipelineStep(plan(List.of(deployed("fraud_alerts", JobStatus.RUNNING)), PLAIN));

        assertThat(step.action()).isEqualTo(Action.UNCHANGED);
        assertThat(step.detail()).isEqualTo("job job-fraud_alerts running");
    }

    @Test
    void aChangedPipelineIsUpgradedThroughASavepoint() {
        DeployedPipeline old =
                withText(deployed("fraud_alerts", JobStatus.RUNNING), "INSERT INTO x SELECT 1");
        Plan plan = plan(List.of(old), PLAIN);

        Step step = pipelineStep(plan);
        assertThat(step.action()).isEqualTo(Action.UPGRADE);
        assertThat(plan.changes().get(step.index())).isInstanceOf(Change.Upgrade.class);
    }

    @Test
    void aLostJobRestartsFromItsNewestRetainedCheckpoint() {
        DeployedPipeline lost = deployed("fraud_alerts", JobStatus.FAILED);
        retained.put("job-fraud_alerts", new RetainedCheckpoints.Found("file:/cp/chk-7"));

        Plan plan = plan(List.of(lost), PLAIN);

        Step step = pipelineStep(plan);
        assertThat(step.action()).isEqualTo(Action.RESTART);
        assertThat(step.detail())
                .isEqualTo(
                        "job job-fraud_alerts is FAILED; from its last checkpoint file:/cp/chk-7");
        assertThat(((Change.StartPipeline) plan.changes().get(step.index())).restorePoint())
                .contains("file:/cp/chk-7");
    }

    @Test
    void aJobUnknownToTheClusterWithoutCheckpointsRestartsFromItsSavepoint() {
        DeployedPipeline lost = deployed("fraud_alerts", null);

        Step step = pipelineStep(plan(List.of(lost), PLAIN));

        assertThat(step.action()).isEqualTo(Action.RESTART);
        assertThat(step.detail())
                .isEqualTo("job job-fraud_alerts is unknown to Flink; from savepoint file:/sp/1");
    }

    @Test
    void aRestartWhoseCheckpointsCannotBeReadIsRefusedUnlessStateMayBeReset() {
        DeployedPipeline lost = deployed("fraud_alerts", null);
        retained.put(
                "job-fraud_alerts",
                new RetainedCheckpoints.Unknown("no file system for scheme 'nope'"));

        Plan refused = plan(List.of(lost), PLAIN);

        assertThat(refused.steps()).isEmpty();
        assertThat(refused.errors())
                .singleElement()
                .asString()
                .contains("pipeline 'fraud_alerts': job job-fraud_alerts is unknown to Flink")
                .contains("cannot be determined (no file system for scheme 'nope')")
                .contains("--allow-state-reset");

        Plan allowed = plan(List.of(lost), new DeployOptions(false, true, "test"));
        assertThat(allowed.errors()).isEmpty();
        assertThat(pipelineStep(allowed).action()).isEqualTo(Action.RESTART);
    }

    @Test
    void aJobOfAnInterruptedDeployIsRecordedNotStartedAgain() {
        DeployedPipeline starting =
                withState(
                        deployed("fraud_alerts", JobStatus.RUNNING),
                        DeployedPipeline.State.STARTING);

        Plan plan = plan(List.of(starting), PLAIN);

        Step step = pipelineStep(plan);
        assertThat(step.action()).isEqualTo(Action.RECORD);
        assertThat(plan.changes().get(step.index())).isEqualTo(new Change.RecordRunning(starting));
    }

    @Test
    void aStoppedPipelineStaysStoppedEvenWhenItsFileChanged() {
        DeployedPipeline stopped =
                withText(
                        withState(
                                deployed("fraud_alerts", JobStatus.CANCELED),
                                DeployedPipeline.State.STOPPED),
                        "INSERT INTO x SELECT 1");

        Step step = pipelineStep(plan(List.of(stopped), PLAIN));

        assertThat(step.action()).isEqualTo(Action.KEEP);
        assertThat(step.detail())
                .isEqualTo("stopped by test; file changed; sluice resume fraud_alerts starts it");
        assertThat(step.changes()).isFalse();
    }

    @Test
    void aPipelineWhoseFileIsGoneIsStoppedOnlyWithPrune() {
        DeployedPipeline orphan = deployed("gone", JobStatus.RUNNING);

        Step kept = step(plan(List.of(orphan), PLAIN), "pipeline gone");
        assertThat(kept.action()).isEqualTo(Action.KEEP);
        assertThat(kept.detail()).isEqualTo("its file is gone; --prune stops it");

        Plan pruned = plan(List.of(orphan), new DeployOptions(true, false, "test"));
        Step stop = step(pruned, "pipeline gone");
        assertThat(stop.action()).isEqualTo(Action.STOP);
        assertThat(pruned.changes().get(stop.index())).isEqualTo(new Change.StopPipeline(orphan));
    }

    @Test
    void anObjectDeployCreatedWhoseFileIsGoneIsDroppedOnlyWithPrune() {
        ManagedObject old =
                new ManagedObject("default_database", "old_table", "TABLE", "tables/old.sql");

        assertThat(step(plan(List.of(old), List.of(), PLAIN), "table old_table").action())
                .isEqualTo(Action.KEEP);
        Plan pruned = plan(List.of(old), List.of(), new DeployOptions(true, false, "test"));
        Step drop = step(pruned, "table old_table");
        assertThat(drop.action()).isEqualTo(Action.DROP);
        assertThat(pruned.changes().get(drop.index())).isEqualTo(new Change.Drop(old));
    }

    @Test
    void filesThatDoNotValidateGiveErrorsAndNoSteps() {
        List<ProjectFile> broken =
                List.of(new ProjectFile("pipelines/broken.sql", "INSERT INTO nowhere SELECT 1;"));

        Plan plan = planner.plan("sql", broken, PLAIN, current(List.of(), List.of()));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.errors()).singleElement().asString().contains("sql/pipelines/broken.sql");
    }

    // ---- the hand-written world ----

    private Plan plan(List<DeployedPipeline> pipelines, DeployOptions options) {
        return plan(List.of(), pipelines, options);
    }

    private Plan plan(
            List<ManagedObject> managed, List<DeployedPipeline> pipelines, DeployOptions options) {
        return planner.plan("sql", files, options, current(managed, pipelines));
    }

    private DeployPlanner.Current current(
            List<ManagedObject> managed, List<DeployedPipeline> pipelines) {
        Function<String, Optional<JobStatus>> states = id -> Optional.ofNullable(cluster.get(id));
        return new DeployPlanner.Current(
                catalog,
                managed,
                pipelines,
                states,
                id -> retained.getOrDefault(id, new RetainedCheckpoints.None()));
    }

    /**
     * A pipeline deployed from the file as it is now, its job in the given state (null: unknown).
     */
    private DeployedPipeline deployed(String name, JobStatus state) {
        String job = "job-" + name;
        if (state != null) {
            cluster.put(job, state);
        }
        List<String> texts =
                name.equals("gone") ? List.of("INSERT INTO x SELECT 1") : decl(name).texts();
        return new DeployedPipeline(
                name,
                "pipelines/" + name + ".sql",
                Fingerprint.of(texts),
                texts,
                Optional.of(job),
                DeployedPipeline.State.RUNNING,
                Optional.of("file:/sp/1"),
                Instant.EPOCH,
                "test");
    }

    private static DeployedPipeline withText(DeployedPipeline p, String text) {
        return new DeployedPipeline(
                p.name(),
                p.file(),
                Fingerprint.of(List.of(text)),
                List.of(text),
                p.jobId(),
                p.state(),
                p.lastSavepoint(),
                p.updatedAt(),
                p.updatedBy());
    }

    private static DeployedPipeline withState(DeployedPipeline p, DeployedPipeline.State state) {
        return new DeployedPipeline(
                p.name(),
                p.file(),
                p.fingerprint(),
                p.statements(),
                p.jobId(),
                state,
                p.lastSavepoint(),
                p.updatedAt(),
                p.updatedBy());
    }

    private PipelineDecl decl(String name) {
        return DeployProject.read("sql", files).pipelines.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Step pipelineStep(Plan plan) {
        return step(plan, "pipeline fraud_alerts");
    }

    private static Step step(Plan plan, String target) {
        assertThat(plan.errors()).isEmpty();
        return plan.steps().stream()
                .filter(s -> s.target().equals(target))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no step for " + target + ": " + plan.steps()));
    }
}
