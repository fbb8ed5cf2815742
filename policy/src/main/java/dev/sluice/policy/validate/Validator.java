package dev.sluice.policy.validate;

import static java.util.Objects.requireNonNull;

import dev.sluice.catalog.SluiceCatalog;
import dev.sluice.catalog.store.CatalogStore;
import dev.sluice.catalog.store.CatalogStores;
import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.policy.admission.FlinkErrors;
import dev.sluice.policy.admission.ReadStatement;
import dev.sluice.policy.admission.StatementReader;
import dev.sluice.policy.admission.UnreadableStatementException;
import dev.sluice.policy.eo.KafkaTableDefaults;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.guard.PlanRules;
import dev.sluice.policy.guard.StatementGuard;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.policy.sql.Statements;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlNode;
import org.apache.flink.sql.parser.ddl.SqlReset;
import org.apache.flink.sql.parser.ddl.SqlSet;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTableAs;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.CatalogBaseTable;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.exceptions.TableNotExistException;
import org.apache.flink.table.operations.command.SetOperation;

/**
 * Validates SQL files offline, statement by statement, the way the gateway would: Sluice's guard,
 * then Flink's parser, validator and planner against an in-memory catalog that the files' own DDL
 * fills, then the streaming rules on the plan. No Kafka, no cluster, no network.
 */
public final class Validator implements AutoCloseable {

    private static final String CATALOG = "default_catalog";
    private static final String DATABASE = "default_database";
    private static final Pattern CLIENT_ONLY =
            Pattern.compile(
                    "^\\s*(BEGIN\\s+STATEMENT\\s+SET|END|HELP|QUIT|EXIT|CLEAR)\\s*;?\\s*$",
                    Pattern.CASE_INSENSITIVE);

    private final StatementGuard guard;
    private final StatementReader reader;
    private final CatalogStore store;
    private final TableEnvironment tables;

    public Validator(GuardPolicy policy) {
        this(policy, Optional.empty());
    }

    /**
     * @param seed a real catalog to start from: copied, only read, never changed
     */
    public Validator(GuardPolicy policy, Optional<StoreSettings> seed) {
        this(
                policy,
                store ->
                        seed.ifPresent(
                                settings -> {
                                    try (CatalogStore real = CatalogStores.open(settings)) {
                                        real.copyTo(store);
                                    }
                                }));
    }

    /**
     * @param seed fills the in-memory catalog before the first statement
     */
    // registerCatalog is deprecated for catalogs made from descriptors; this one is built here
    // with table defaults that a descriptor cannot carry.
    public Validator(GuardPolicy policy, Consumer<CatalogStore> seed) {
        this(policy, seed, UnaryOperator.identity());
    }

    /**
     * @param seed fills the in-memory catalog before the first statement
     * @param tableDefaults applied to a table's options after Kafka's defaults, when it is read:
     *     how {@code sluice test} points Kafka tables at its fixtures
     */
    @SuppressWarnings("deprecation")
    public Validator(
            GuardPolicy policy,
            Consumer<CatalogStore> seed,
            UnaryOperator<Map<String, String>> tableDefaults) {
        this.guard = new StatementGuard(requireNonNull(policy, "policy is null"));
        this.reader = new StatementReader(policy.maxStatementLength());
        this.store =
                CatalogStores.open(
                        new StoreSettings(
                                "jdbc:h2:mem:sluice-validate-"
                                        + UUID.randomUUID()
                                        + ";DB_CLOSE_DELAY=-1",
                                Optional.empty(),
                                Optional.empty()));
        seed.accept(store);
        this.tables =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withBuiltInCatalogName("sluice_builtin")
                                .build());
        // Kafka tables validate as they would on a gateway: with a bootstrap address filled in.
        tables.registerCatalog(
                CATALOG,
                SluiceCatalog.withTableDefaults(
                        CATALOG,
                        DATABASE,
                        store,
                        options ->
                                tableDefaults.apply(
                                        new KafkaTableDefaults(Optional.of("localhost:9092"))
                                                .apply(options))));
        tables.useCatalog(CATALOG);
    }

    /** The findings of one statement; statements without errors change the in-memory catalog. */
    public List<Finding> validate(SqlStatement statement) {
        String text = statement.text();
        ReadStatement read;
        try {
            read = reader.read(text, ((TableEnvironmentInternal) tables).getParser());
        } catch (UnreadableStatementException e) {
            return CLIENT_ONLY.matcher(text).matches() ? List.of() : List.of(e.finding());
        }
        List<Finding> findings = new ArrayList<>(guard.check(read));
        if (findings.stream().anyMatch(Finding::isError)) {
            return findings;
        }
        if (read.command().isPresent()) {
            if (read.command().get() instanceof SetOperation set && set.getKey().isPresent()) {
                tables.getConfig()
                        .getConfiguration()
                        .setString(set.getKey().get(), set.getValue().orElse(""));
            }
            return findings;
        }
        SqlNode node = read.tree().orElseThrow();
        findings.addAll(PlanRules.checkTree(node, this::schema));
        if (findings.stream().anyMatch(Finding::isError)) {
            return findings;
        }
        try {
            if (node instanceof SqlReset || node instanceof SqlSet) {
                return findings;
            } else if (Statements.isQueryOrDml(node) || node instanceof SqlCreateTableAs) {
                String plan = tables.explainSql(text);
                if (Statements.isDml(node) || node instanceof SqlCreateTableAs) {
                    PlanRules.checkPlan(plan, node, stateTtlConfigured()).ifPresent(findings::add);
                }
            } else {
                tables.executeSql(text);
            }
        } catch (RuntimeException e) {
            findings.add(FlinkErrors.finding(e));
        }
        return findings;
    }

    /**
     * The table environment the statements run in: a local one, for {@code sluice test} to run the
     * statements this validated.
     */
    public TableEnvironment tableEnvironment() {
        return tables;
    }

    /** The in-memory catalog's store: what the statements so far created, as it would be stored. */
    public CatalogStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }

    private Optional<ResolvedSchema> schema(List<String> name) {
        try {
            List<String> path =
                    name.size() == 1
                            ? List.of(DATABASE, name.get(0))
                            : name.subList(name.size() - 2, name.size());
            boolean view =
                    tables.getCatalog(CATALOG)
                                    .orElseThrow()
                                    .getTable(new ObjectPath(path.get(0), path.get(1)))
                                    .getTableKind()
                            == CatalogBaseTable.TableKind.VIEW;
            if (view) {
                return Optional.empty();
            }
            return Optional.of(tables.from(String.join(".", quoted(name))).getResolvedSchema());
        } catch (RuntimeException | TableNotExistException e) {
            return Optional.empty();
        }
    }

    private static List<String> quoted(List<String> name) {
        return name.stream().map(part -> "`" + part.replace("`", "``") + "`").toList();
    }

    private boolean stateTtlConfigured() {
        Duration ttl = tables.getConfig().get(ExecutionConfigOptions.IDLE_STATE_RETENTION);
        return !ttl.isZero();
    }
}
