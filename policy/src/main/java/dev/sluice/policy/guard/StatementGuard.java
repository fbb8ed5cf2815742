package dev.sluice.policy.guard;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.Failures;
import dev.sluice.policy.admission.ReadStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.flink.sql.parser.ddl.SqlAddJar;
import org.apache.flink.sql.parser.ddl.SqlAlterFunction;
import org.apache.flink.sql.parser.ddl.SqlCreateFunction;
import org.apache.flink.sql.parser.ddl.SqlSet;
import org.apache.flink.sql.parser.ddl.SqlTableOption;
import org.apache.flink.sql.parser.ddl.catalog.SqlAlterCatalogOptions;
import org.apache.flink.sql.parser.ddl.catalog.SqlCreateCatalog;
import org.apache.flink.sql.parser.dql.SqlLoadModule;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.command.SetOperation;

/**
 * Sluice's rules for one statement, checked on Flink's own parse tree (or on Flink's own reading of
 * a client command) before anything runs: security (connectors, files, Kafka properties, jars and
 * code, plans, catalogs, modules, configuration) and the exactly-once settings a session may not
 * weaken. Statement types the rules were not written for are refused, not passed on.
 */
public final class StatementGuard {

    private static final List<String> CATALOG_TYPES = List.of("sluice", "generic_in_memory");
    private static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private final GuardPolicy policy;
    private final OptionRules options;
    private final ConfigRules config;

    public StatementGuard(GuardPolicy policy) {
        this(policy, Optional.empty());
    }

    /**
     * @param kafkaBootstrap this gateway's Kafka, the only servers statements may name
     */
    public StatementGuard(GuardPolicy policy, Optional<String> kafkaBootstrap) {
        this.policy = requireNonNull(policy, "policy is null");
        this.options = new OptionRules(policy, kafkaBootstrap);
        this.config = new ConfigRules(policy);
    }

    public GuardPolicy policy() {
        return policy;
    }

    /** Everything wrong with {@code statement}; empty when it may run. */
    public List<Finding> check(ReadStatement statement) {
        if (statement.command().isPresent()) {
            return checkCommand(statement.command().get());
        }
        SqlNode node = statement.tree().orElseThrow();
        Optional<Finding> unsupported = StatementTypes.refusal(node);
        if (unsupported.isPresent()) {
            return List.of(unsupported.get());
        }
        Collector collector = new Collector();
        node.accept(collector);
        return List.copyOf(collector.findings);
    }

    /** Session configuration given as a map (session properties, per-statement config). */
    public List<Finding> checkConfig(Map<String, String> configuration) {
        List<Finding> findings = new ArrayList<>();
        configuration.forEach(
                (key, value) -> config.check(key, value, 1, 1).ifPresent(findings::add));
        return List.copyOf(findings);
    }

    /** Table options given as a map (dynamic options, a stored table's options). */
    public List<Finding> checkOptions(Map<String, String> tableOptions) {
        List<Finding> findings = new ArrayList<>();
        tableOptions.forEach(
                (key, value) -> options.check(key, value, 1, 1).ifPresent(findings::add));
        return List.copyOf(findings);
    }

    private List<Finding> checkCommand(Operation command) {
        if (command instanceof SetOperation set && set.getKey().isPresent()) {
            return config.check(set.getKey().get(), set.getValue().orElse(""), 1, 1).stream()
                    .toList();
        }
        // RESET goes back to the operator's defaults; HELP, QUIT and CLEAR change nothing.
        return List.of();
    }

    private static Finding jarFinding(int line, int column, String what) {
        return Finding.error(
                Rule.SECURITY_CODE,
                line,
                column,
                "%s would load code from outside Sluice into the gateway and the cluster"
                        .formatted(what),
                "use the functions Sluice ships (udfs/), or ask the operator to add yours to the UDF directory");
    }

    /** Walks the whole tree: options hide in DDL, hints and subqueries alike. */
    private final class Collector extends SqlBasicVisitor<Void> {
        private final List<Finding> findings = new ArrayList<>();

        @Override
        public Void visit(SqlCall call) {
            SqlParserPos pos = call.getParserPosition();
            int line = pos.getLineNum();
            int column = pos.getColumnNum();
            if (call instanceof SqlTableOption option) {
                options.checkWritten(option.getKeyString(), option.getValueString(), line, column)
                        .ifPresent(findings::add);
                return null;
            }
            if (call instanceof SqlHint hint && hint.getName().equalsIgnoreCase("OPTIONS")) {
                hint.getOptionKVPairs()
                        .forEach(
                                (k, v) ->
                                        options.checkWritten(k, v, line, column)
                                                .ifPresent(findings::add));
                return null;
            }
            if (call instanceof SqlSet set && set.getKey() != null) {
                config.check(set.getKeyString(), set.getValueString(), line, column)
                        .ifPresent(findings::add);
                return null;
            }
            if (call instanceof SqlAddJar) {
                findings.add(jarFinding(line, column, "ADD JAR"));
                return null;
            }
            if (call instanceof SqlCreateFunction function) {
                checkFunction(function, line, column);
            }
            if (call instanceof SqlAlterFunction function) {
                checkLanguage(function.getFunctionLanguage(), line, column);
            }
            if (call instanceof SqlLoadModule module) {
                checkModule(module, line, column);
            }
            if (call instanceof SqlCreateCatalog catalog) {
                checkCatalog(catalog, line, column);
            }
            if (call instanceof SqlAlterCatalogOptions alter) {
                checkCatalogName(alter.catalogName(), line, column);
                alter.getProperties().entrySet().stream()
                        .filter(option -> option.getKey().equalsIgnoreCase("url"))
                        .flatMap(option -> CatalogUrls.check(option.getValue(), policy).stream())
                        .map(
                                why ->
                                        Finding.error(
                                                Rule.SECURITY_CATALOG,
                                                line,
                                                column,
                                                why,
                                                CatalogUrls.FIX))
                        .forEach(findings::add);
                if (alter.getProperties().keySet().stream()
                        .anyMatch(k -> k.equalsIgnoreCase("type"))) {
                    findings.add(
                            Finding.error(
                                    Rule.SECURITY_CATALOG,
                                    line,
                                    column,
                                    "ALTER CATALOG may not change a catalog's 'type'",
                                    "drop the catalog and create it again with an allowed type"));
                }
            }
            return super.visit(call);
        }

        private void checkFunction(SqlCreateFunction function, int line, int column) {
            if (!function.getResourceInfos().isEmpty()) {
                findings.add(jarFinding(line, column, "CREATE FUNCTION ... USING JAR"));
            }
            checkLanguage(function.getFunctionLanguage(), line, column);
        }

        private void checkLanguage(String language, int line, int column) {
            if (language != null && language.toUpperCase(Locale.ROOT).contains("PYTHON")) {
                findings.add(
                        Finding.error(
                                Rule.SECURITY_CODE,
                                line,
                                column,
                                "Python functions run arbitrary code on the cluster",
                                "write the function in Java and ask the operator to add it to the UDF directory"));
            }
        }

        private void checkModule(SqlLoadModule module, int line, int column) {
            String name = module.getModuleName().getSimple();
            if (!name.equalsIgnoreCase("core")) {
                findings.add(
                        Finding.error(
                                Rule.SECURITY_MODULE,
                                line,
                                column,
                                "module '%s' would add functions from outside Sluice"
                                        .formatted(name),
                                "use the built-in functions and those Sluice ships"));
            }
        }

        private void checkCatalogName(String name, int line, int column) {
            if (!CATALOG_NAME.matcher(name).matches()) {
                findings.add(
                        Finding.error(
                                Rule.SECURITY_CATALOG,
                                line,
                                column,
                                "catalog name '%s' is not allowed: catalog names become file and database names"
                                        .formatted(Failures.printable(name)),
                                "use letters, digits, '_' and '-' only"));
            }
        }

        private void checkCatalog(SqlCreateCatalog catalog, int line, int column) {
            checkCatalogName(catalog.catalogName(), line, column);
            String type = Optional.ofNullable(catalog.getProperties().get("type")).orElse("");
            if (!CATALOG_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                findings.add(
                        Finding.error(
                                Rule.SECURITY_CATALOG,
                                line,
                                column,
                                "catalog type '%s' is not allowed on this gateway".formatted(type),
                                "use 'type' = 'sluice' (a persistent catalog) or 'generic_in_memory'"));
            }
            catalog.getProperties().entrySet().stream()
                    .filter(option -> option.getKey().equalsIgnoreCase("url"))
                    .flatMap(option -> CatalogUrls.check(option.getValue(), policy).stream())
                    .map(
                            why ->
                                    Finding.error(
                                            Rule.SECURITY_CATALOG,
                                            line,
                                            column,
                                            why,
                                            CatalogUrls.FIX))
                    .forEach(findings::add);
        }
    }
}
