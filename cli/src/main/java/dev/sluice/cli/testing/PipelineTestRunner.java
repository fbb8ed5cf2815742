package dev.sluice.cli.testing;

import dev.sluice.connector.fixture.FixtureRecord;
import dev.sluice.connector.fixture.Fixtures;
import dev.sluice.policy.admission.ReadStatement;
import dev.sluice.policy.admission.StatementReader;
import dev.sluice.policy.admission.UnreadableStatementException;
import dev.sluice.policy.eo.EngineDefaults;
import dev.sluice.policy.eo.ExactlyOnceRewriter;
import dev.sluice.policy.eo.ExactlyOnceSettings;
import dev.sluice.policy.eo.KafkaOptions;
import dev.sluice.policy.eo.StatementRejectedException;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.policy.sql.Statements;
import dev.sluice.policy.validate.Validator;
import dev.sluice.server.deploy.DeployProject;
import dev.sluice.server.deploy.ProjectFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.sql.parser.dml.RichSqlInsert;
import org.apache.flink.sql.parser.dml.SqlExecute;
import org.apache.flink.sql.parser.dml.SqlStatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.ContextResolvedTable;
import org.apache.flink.table.catalog.ObjectIdentifier;
import org.apache.flink.table.catalog.UnresolvedIdentifier;

/**
 * Runs a pipeline's tests the way {@code sluice deploy} would run the pipeline: the project's
 * tables, views and functions created from its files, the pipeline file's statements through the
 * statement guard and the planner's checks, its INSERT through the exactly-once rewrite. Only Kafka
 * differs: each Kafka table reads the test's input through its own formats and dead-letter policy,
 * and writes to the test. A local Flink runs the job at parallelism 1; the input is bounded, so
 * every window closes at its end.
 */
public final class PipelineTestRunner {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);
    private static final String CATALOG = "default_catalog";
    private static final String DATABASE = "default_database";

    private final GuardPolicy policy;
    private final boolean update;

    public PipelineTestRunner(GuardPolicy policy, boolean update) {
        this.policy = policy;
        this.update = update;
    }

    /**
     * Runs one test.
     *
     * @throws FixtureException when the test or the project cannot run as written
     */
    TestResult run(PipelineTest test) throws FixtureException {
        long started = System.nanoTime();
        DeployProject project =
                DeployProject.read(test.label(test.project()), ProjectFile.read(test.project()));
        if (!project.errors().isEmpty()) {
            throw new FixtureException(
                    test.label(test.project()), String.join("\n", project.errors()), "");
        }
        DeployProject.PipelineDecl pipeline =
                project.pipelines().stream()
                        .filter(p -> p.name().equals(test.pipeline()))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new FixtureException(
                                                test.label(test.dir()),
                                                "no pipeline '%s' in %s"
                                                        .formatted(
                                                                test.pipeline(),
                                                                test.label(
                                                                        test.project()
                                                                                .resolve(
                                                                                        "pipelines"))),
                                                "name the test's folder after a file of pipelines/ (tests/<pipeline>/<test>/)"));
        String runId = UUID.randomUUID().toString();
        try (Fixtures.Run run = Fixtures.open(runId);
                Validator validator = new Validator(policy, store -> {}, fixtures(runId))) {
            TableEnvironment tables = validator.tableEnvironment();
            // Results that do not depend on the machine: a pipeline's SET may still choose a zone.
            tables.getConfig().set("table.local-time-zone", "UTC");
            // What every gateway session starts with, so the job runs as it is deployed.
            EngineDefaults.session().forEach(tables.getConfig()::set);
            for (DeployProject.ObjectDecl object : project.objects()) {
                admit(validator, object.statement());
            }
            SqlStatement insert = null;
            for (SqlStatement statement : pipeline.statements()) {
                admit(validator, statement);
                if (isDml(statement)) {
                    insert = statement;
                }
            }
            pin(tables);
            ReadStatement read = read(tables, insert);
            Map<String, TableInfo> sinks = new LinkedHashMap<>();
            for (List<String> target : targets(read.statementTree().orElseThrow())) {
                TableInfo sink = table(tables, target).orElseThrow();
                if (!KafkaOptions.isKafka(sink.options())) {
                    throw new FixtureException(
                            insert.source(),
                            "pipeline '%s' writes to %s, which is not a Kafka table: sluice test sees only what Kafka sinks receive"
                                    .formatted(test.pipeline(), sink.name()),
                            "test pipelines that write to Kafka tables");
                }
                if (sinks.values().stream().anyMatch(other -> other.name().equals(sink.name()))) {
                    throw new FixtureException(
                            insert.source(),
                            "pipeline '%s' writes to two tables named %s"
                                    .formatted(test.pipeline(), sink.name()),
                            "sluice test names expected files after tables: give them different names");
                }
                sinks.put(sink.qualified(), sink);
            }
            inputs(test, tables).forEach(run::input);
            Map<String, ExpectedFile> expected = expected(test, sinks);
            String rewritten = rewrite(tables, read, insert);
            {
                List<String> failures = new ArrayList<>();
                execute(tables, rewritten, test).ifPresent(failures::add);
                List<String> updated = new ArrayList<>();
                for (TableInfo sink : sinks.values()) {
                    List<ExpectedFile.ExpectedRow> actual =
                            run.outputs().stream()
                                    .filter(o -> o.table().equals(sink.qualified()))
                                    .map(o -> ExpectedFile.actual(o.row(), sink))
                                    .toList();
                    Path file = test.expected().resolve(sink.name() + ".jsonl");
                    ExpectedFile want = expected.get(sink.qualified());
                    if (update && failures.isEmpty()) {
                        String text =
                                ExpectedFile.render(
                                        want == null ? List.of() : want.header,
                                        want != null && want.ordered,
                                        actual);
                        if (write(file, text)) {
                            updated.add(test.label(file));
                        }
                    } else if (want != null) {
                        failures.addAll(want.diff(actual));
                    }
                }
                return new TestResult(
                        test.name(),
                        failures,
                        run.late().stream()
                                .map(e -> e.record().where() + ": " + e.detail())
                                .toList(),
                        run.deadLetters().stream()
                                .map(e -> e.record().where() + ": " + e.detail())
                                .toList(),
                        updated,
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /**
     * What a test pins whatever the pipeline's SET statements say: one task per operator (so that
     * order and watermarks are the same every run), no checkpoints (a bounded job need not wait for
     * one) and no restarts (a failure is the test's result, not a loop).
     */
    private static void pin(TableEnvironment tables) {
        tables.getConfig().set("parallelism.default", "1");
        tables.getConfig().set("table.exec.resource.default-parallelism", "1");
        tables.getConfig().set("restart-strategy.type", "none");
        tables.getConfig()
                .getConfiguration()
                .removeConfig(
                        org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL);
    }

    /** Kafka tables read and write the test run instead of a topic. */
    private static UnaryOperator<Map<String, String>> fixtures(String runId) {
        return options -> {
            if (!KafkaOptions.isKafka(options)) {
                return options;
            }
            Map<String, String> test = new LinkedHashMap<>(options);
            String connector =
                    options.get(KafkaOptions.CONNECTOR).toLowerCase(java.util.Locale.ROOT);
            if (!connector.startsWith("sluice-")) {
                // The table said 'sluice.on-error' = 'fail': a bad record fails the job.
                test.put("dead-letter.mode", "fail");
            }
            test.put(
                    KafkaOptions.CONNECTOR,
                    KafkaOptions.isAppendKafka(options) ? "sluice-kafka" : "sluice-upsert-kafka");
            test.put(Fixtures.RUN_OPTION, runId);
            return test;
        };
    }

    private static void admit(Validator validator, SqlStatement statement) throws FixtureException {
        List<Finding> errors =
                validator.validate(statement).stream().filter(Finding::isError).toList();
        if (!errors.isEmpty()) {
            throw new FixtureException(
                    "",
                    errors.stream()
                            .map(f -> f.renderCompact(statement))
                            .reduce((a, b) -> a + "\n" + b)
                            .orElse(""),
                    "");
        }
    }

    private static boolean isDml(SqlStatement statement) {
        try {
            return Statements.isDml(
                    dev.sluice.policy.sql.FlinkSqlParsing.parse(
                            Statements.withoutTerminator(statement.text())));
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            return false;
        }
    }

    private ReadStatement read(TableEnvironment tables, SqlStatement insert)
            throws FixtureException {
        try {
            return new StatementReader(policy.maxStatementLength())
                    .read(insert.text(), ((TableEnvironmentInternal) tables).getParser());
        } catch (UnreadableStatementException e) {
            throw new FixtureException(insert.source(), e.getMessage(), "");
        }
    }

    private static String rewrite(TableEnvironment tables, ReadStatement read, SqlStatement insert)
            throws FixtureException {
        try {
            return new ExactlyOnceRewriter(
                            ExactlyOnceSettings.defaults("localhost:9092"),
                            name -> table(tables, name).map(TableInfo::options))
                    .rewrite(read)
                    .statement();
        } catch (StatementRejectedException e) {
            throw new FixtureException(insert.source(), e.getMessage(), "");
        }
    }

    /** The tables an INSERT or statement set writes to. */
    private static List<List<String>> targets(SqlNode node) {
        List<List<String>> targets = new ArrayList<>();
        if (node instanceof SqlExecute execute) {
            return targets(execute.getStatement());
        }
        if (node instanceof SqlStatementSet set) {
            for (RichSqlInsert insert : set.getInserts()) {
                targets.add(((SqlIdentifier) insert.getTargetTableID()).names);
            }
        } else if (node instanceof RichSqlInsert insert) {
            targets.add(((SqlIdentifier) insert.getTargetTableID()).names);
        }
        return targets;
    }

    static Optional<TableInfo> table(TableEnvironment tables, List<String> name) {
        var catalogs = ((TableEnvironmentInternal) tables).getCatalogManager();
        ObjectIdentifier id = catalogs.qualifyIdentifier(UnresolvedIdentifier.of(name));
        return catalogs.getTable(id).map(PipelineTestRunner::info);
    }

    private static TableInfo info(ContextResolvedTable table) {
        return TableInfo.of(table);
    }

    private static Map<String, List<FixtureRecord>> inputs(
            PipelineTest test, TableEnvironment tables) throws FixtureException {
        Map<String, List<FixtureRecord>> inputs = new LinkedHashMap<>();
        for (Path file : jsonl(test.input())) {
            String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
            Optional<TableInfo> table = table(tables, List.of(name.split("\\.")));
            if (table.isEmpty() || !KafkaOptions.isKafka(table.get().options())) {
                throw new FixtureException(
                        test.label(file),
                        table.isEmpty()
                                ? "no table '%s' in the project".formatted(name)
                                : "table '%s' is not a Kafka table".formatted(name),
                        "name each input file after a Kafka table of tables/ (input/<table>.jsonl)");
            }
            inputs.put(
                    table.get().qualified(),
                    InputFile.read(test.label(file), text(test, file), table.get()));
        }
        return inputs;
    }

    private Map<String, ExpectedFile> expected(PipelineTest test, Map<String, TableInfo> sinks)
            throws FixtureException {
        Map<String, ExpectedFile> expected = new LinkedHashMap<>();
        for (Path file : jsonl(test.expected())) {
            String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
            Optional<TableInfo> sink =
                    sinks.values().stream()
                            .filter(s -> s.name().equals(name) || s.qualified().equals(name))
                            .findFirst();
            if (sink.isEmpty()) {
                throw new FixtureException(
                        test.label(file),
                        "pipeline '%s' does not write to a table '%s' (it writes to %s)"
                                .formatted(
                                        test.pipeline(),
                                        name,
                                        String.join(
                                                ", ",
                                                sinks.values().stream()
                                                        .map(TableInfo::name)
                                                        .toList())),
                        "name each expected file after a table the pipeline inserts into");
            }
            expected.put(
                    sink.get().qualified(),
                    update
                            ? ExpectedFile.header(test.label(file), text(test, file))
                            : ExpectedFile.read(test.label(file), text(test, file), sink.get()));
        }
        if (!update) {
            for (TableInfo sink : sinks.values()) {
                if (!expected.containsKey(sink.qualified())) {
                    throw new FixtureException(
                            test.label(test.expected().resolve(sink.name() + ".jsonl")),
                            "missing: what the pipeline should write to " + sink.name(),
                            "write it, or run sluice test --update to write it from the actual output, then review it");
                }
            }
        }
        return expected;
    }

    /** Runs the job to its end; the reason it failed, if it did. */
    private static Optional<String> execute(
            TableEnvironment tables, String statement, PipelineTest test) {
        org.apache.flink.core.execution.JobClient job = null;
        try {
            job = tables.executeSql(statement).getJobClient().orElseThrow();
            job.getJobExecutionResult().get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of("the pipeline's job failed: " + innermost(e));
        } catch (TimeoutException e) {
            job.cancel();
            return Optional.of(
                    "the pipeline's job did not finish within %d s (does it read a table that is not Kafka and never ends?)"
                            .formatted(JOB_TIMEOUT.toSeconds()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (RuntimeException e) {
            return Optional.of("the pipeline cannot run: " + innermost(e));
        }
    }

    private static String innermost(Throwable e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    private static List<Path> jsonl(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(PipelineTest test, Path file) throws FixtureException {
        if (!Files.isRegularFile(file)) {
            throw new FixtureException(test.label(file), "not a file", "put JSON lines in it");
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new FixtureException(test.label(file), "not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            throw new FixtureException(test.label(file), "cannot be read: " + e.getMessage(), "");
        }
    }

    /** Writes {@code text} unless the file holds it already; whether it wrote. */
    private static boolean write(Path file, String text) {
        try {
            if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
