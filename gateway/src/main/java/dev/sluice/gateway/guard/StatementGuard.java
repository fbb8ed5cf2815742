package dev.sluice.gateway.guard;

import static java.util.Objects.requireNonNull;

import dev.sluice.gateway.sql.FlinkSqlParsing;
import dev.sluice.gateway.sql.Statements;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.flink.sql.parser.ddl.SqlAddJar;
import org.apache.flink.sql.parser.ddl.SqlCompilePlan;
import org.apache.flink.sql.parser.ddl.SqlCreateFunction;
import org.apache.flink.sql.parser.ddl.SqlSet;
import org.apache.flink.sql.parser.ddl.SqlTableOption;
import org.apache.flink.sql.parser.ddl.catalog.SqlCreateCatalog;
import org.apache.flink.sql.parser.dml.SqlCompileAndExecutePlan;
import org.apache.flink.sql.parser.dml.SqlExecutePlan;
import org.apache.flink.sql.parser.dql.SqlLoadModule;

/**
 * Sluice's rules for one statement, checked on Flink's own parse tree before anything runs:
 * security (connectors, files, Kafka properties, jars and code, plans, catalogs, modules,
 * configuration) and the exactly-once settings a session may not weaken.
 *
 * <p>A statement Flink's Calcite grammar does not parse is left to Flink to report, except that the
 * legacy {@code SET key=value} and {@code ADD JAR} forms, which Flink parses elsewhere, are checked
 * by their text.
 */
public final class StatementGuard {

    static final String JAR_RULE = "security-code";
    static final String CATALOG_RULE = "security-catalog";
    static final String MODULE_RULE = "security-module";

    private static final Pattern LEGACY_SET =
            Pattern.compile(
                    "^\\s*SET\\s+'?([^'=\\s]+)'?\\s*=\\s*'?([^';]*)'?\\s*;?\\s*$",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern ADD_JAR =
            Pattern.compile("^\\s*ADD\\s+JAR\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final List<String> CATALOG_TYPES = List.of("sluice", "generic_in_memory");

    private final GuardPolicy policy;
    private final OptionRules options;
    private final ConfigRules config = new ConfigRules();

    public StatementGuard(GuardPolicy policy) {
        this.policy = requireNonNull(policy, "policy is null");
        this.options = new OptionRules(policy);
    }

    /** Everything wrong with {@code statement}; empty when it may run. */
    public List<Finding> check(String statement) {
        SqlNode node;
        try {
            node = FlinkSqlParsing.parse(Statements.withoutTerminator(statement));
        } catch (SqlParseException e) {
            return checkUnparsed(statement);
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

    /** Table options given as a map (dynamic options of a materialized table refresh). */
    public List<Finding> checkOptions(Map<String, String> tableOptions) {
        List<Finding> findings = new ArrayList<>();
        tableOptions.forEach(
                (key, value) -> options.check(key, value, 1, 1).ifPresent(findings::add));
        return List.copyOf(findings);
    }

    private List<Finding> checkUnparsed(String statement) {
        if (ADD_JAR.matcher(statement).matches()) {
            return List.of(jarFinding(1, 1, "ADD JAR"));
        }
        Matcher set = LEGACY_SET.matcher(statement);
        if (set.matches()) {
            return config.check(set.group(1), set.group(2).strip(), 1, 1).stream().toList();
        }
        return List.of();
    }

    private static Finding jarFinding(int line, int column, String what) {
        return Finding.error(
                JAR_RULE,
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
                options.check(option.getKeyString(), option.getValueString(), line, column)
                        .ifPresent(findings::add);
                return null;
            }
            if (call instanceof SqlHint hint && hint.getName().equalsIgnoreCase("OPTIONS")) {
                hint.getOptionKVPairs()
                        .forEach(
                                (k, v) ->
                                        options.check(k, v, line, column).ifPresent(findings::add));
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
            if (call instanceof SqlCompilePlan plan) {
                checkPlanFile(plan.getPlanFile(), "COMPILE PLAN", line, column);
            }
            if (call instanceof SqlCompileAndExecutePlan plan) {
                checkPlanFile(plan.getPlanFile(), "COMPILE AND EXECUTE PLAN", line, column);
            }
            if (call instanceof SqlExecutePlan plan) {
                checkPlanFile(plan.getPlanFile(), "EXECUTE PLAN", line, column);
                return null;
            }
            if (call instanceof SqlLoadModule module) {
                checkModule(module, line, column);
            }
            if (call instanceof SqlCreateCatalog catalog) {
                checkCatalog(catalog, line, column);
            }
            return super.visit(call);
        }

        private void checkFunction(SqlCreateFunction function, int line, int column) {
            if (!function.getResourceInfos().isEmpty()) {
                findings.add(jarFinding(line, column, "CREATE FUNCTION ... USING JAR"));
            }
            String language = function.getFunctionLanguage();
            if (language != null && language.toUpperCase(Locale.ROOT).contains("PYTHON")) {
                findings.add(
                        Finding.error(
                                JAR_RULE,
                                line,
                                column,
                                "Python functions run arbitrary code on the cluster",
                                "write the function in Java and ask the operator to add it to the UDF directory"));
            }
        }

        private void checkPlanFile(String file, String what, int line, int column) {
            if (file != null && !policy.allowsPath(file)) {
                findings.add(
                        Finding.error(
                                OptionRules.FILES_RULE,
                                line,
                                column,
                                "%s would read or write the local file '%s'".formatted(what, file),
                                "deploy the statement itself instead of a plan file; "
                                        + policy.describeRoots()));
            }
        }

        private void checkModule(SqlLoadModule module, int line, int column) {
            String name = module.getModuleName().getSimple();
            if (!name.equalsIgnoreCase("core")) {
                findings.add(
                        Finding.error(
                                MODULE_RULE,
                                line,
                                column,
                                "module '%s' would add functions from outside Sluice"
                                        .formatted(name),
                                "use the built-in functions and those Sluice ships"));
            }
        }

        private void checkCatalog(SqlCreateCatalog catalog, int line, int column) {
            String type = Optional.ofNullable(catalog.getProperties().get("type")).orElse("");
            if (!CATALOG_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                findings.add(
                        Finding.error(
                                CATALOG_RULE,
                                line,
                                column,
                                "catalog type '%s' is not allowed on this gateway".formatted(type),
                                "use 'type' = 'sluice' (a persistent catalog) or 'generic_in_memory'"));
            }
        }
    }
}
