package dev.sluice.policy.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.WatermarkSpec;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;
import org.apache.flink.util.TimeUtils;

/**
 * Streaming rules that need the catalog or the planner: window TVFs need an event-time attribute,
 * legacy group windows have a TVF rewrite, and operators whose state grows forever need a state
 * TTL.
 */
public final class PlanRules {

    private static final Set<String> WINDOW_TVFS = Set.of("TUMBLE", "HOP", "CUMULATE", "SESSION");
    private static final Pattern PLAN_OPERATOR = Pattern.compile("^[\\s:+\\-|]*([A-Za-z]+)\\(");
    private static final Set<SqlKind> LEGACY_WINDOWS =
            Set.of(SqlKind.TUMBLE, SqlKind.HOP, SqlKind.SESSION);

    private PlanRules() {}

    /**
     * Window TVFs over tables without a watermark on the descriptor column, and legacy group
     * windows.
     *
     * @param schemas the resolved schema of a table (empty for views and unknown names: Flink
     *     judges those), by its (1 to 3 part) name
     */
    public static List<Finding> checkTree(
            SqlNode node, Function<List<String>, Optional<ResolvedSchema>> schemas) {
        List<Finding> findings = new ArrayList<>();
        node.accept(
                new SqlBasicVisitor<Void>() {
                    @Override
                    public Void visit(SqlCall call) {
                        if (call instanceof SqlSelect select && select.getGroup() != null) {
                            legacyWindows(select.getGroup(), findings);
                        }
                        if (call instanceof SqlBasicCall basic && isWindowTvf(basic)) {
                            eventTime(basic, schemas).ifPresent(findings::add);
                        }
                        return super.visit(call);
                    }
                });
        return findings;
    }

    /**
     * Operators of an optimized plan whose state grows with every new key, when no state TTL bounds
     * it: the session's {@code table.exec.state.ttl}, or a {@code STATE_TTL} hint in the
     * statement's tree (a comment or a name that merely reads "STATE_TTL" does not count).
     */
    public static Optional<Finding> checkPlan(
            String explainedPlan, SqlNode node, boolean stateTtlConfigured) {
        if (stateTtlConfigured || hasStateTtlHint(node)) {
            return Optional.empty();
        }
        Set<String> operators = operators(physicalPlan(explainedPlan));
        String operator = null;
        if (operators.contains("GroupAggregate")) {
            operator =
                    "a GROUP BY without a window (GroupAggregate) keeps a running result for every key forever";
        } else if (operators.contains("Join") || operators.contains("MultiJoin")) {
            operator = "a regular join (Join) keeps every row of both inputs forever";
        } else if (operators.contains("OverAggregate")
                && explainedPlan.contains("UNBOUNDED PRECEDING")) {
            operator =
                    "an OVER window from UNBOUNDED PRECEDING (OverAggregate) keeps state for every key forever";
        } else if (operators.contains("Deduplicate") || operators.contains("Rank")) {
            operator =
                    "a deduplication or Top-N without a window keeps state for every key forever";
        }
        if (operator == null) {
            return Optional.empty();
        }
        SqlParserPos where = firstStatefulPosition(node);
        return Optional.of(
                Finding.error(
                        Rule.UNBOUNDED_STATE,
                        where.getLineNum(),
                        where.getColumnNum(),
                        operator + ", so the job's state is unbounded",
                        "aggregate or join over a window TVF (TUMBLE, HOP, CUMULATE, SESSION), or bound the state: "
                                + "SET 'table.exec.state.ttl' = '1 h' or a /*+ STATE_TTL('table' = '1h') */ hint"));
    }

    /**
     * The operator of each line of a plan tree: the name before its '(' after the tree's indent.
     */
    private static Set<String> operators(String physicalPlan) {
        Set<String> operators = new HashSet<>();
        for (String line : physicalPlan.lines().toList()) {
            Matcher operator = PLAN_OPERATOR.matcher(line);
            if (operator.lookingAt()) {
                operators.add(operator.group(1));
            }
        }
        return operators;
    }

    /**
     * Whether a query block of the tree holds a real {@code STATE_TTL} hint with at least one
     * positive TTL. Only query blocks count: Flink applies the hint to the joins and aggregates of
     * the SELECT it is on, not when it sits on an INSERT's target table.
     */
    static boolean hasStateTtlHint(SqlNode node) {
        boolean[] found = {false};
        node.accept(
                new SqlBasicVisitor<Void>() {
                    @Override
                    public Void visit(SqlCall call) {
                        if (call instanceof SqlSelect select && select.getHints() != null) {
                            for (SqlNode item : select.getHints()) {
                                if (item instanceof SqlHint hint
                                        && hint.getName().equalsIgnoreCase("STATE_TTL")
                                        && hint.getOptionKVPairs().values().stream()
                                                .anyMatch(PlanRules::positiveDuration)) {
                                    found[0] = true;
                                }
                            }
                        }
                        return super.visit(call);
                    }
                });
        return found[0];
    }

    private static boolean positiveDuration(String value) {
        try {
            Duration ttl = TimeUtils.parseDuration(value.strip());
            return !ttl.isZero() && !ttl.isNegative();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String physicalPlan(String explained) {
        int start = explained.indexOf("== Optimized Physical Plan ==");
        int end = explained.indexOf("== Optimized Execution Plan ==");
        if (start < 0) {
            return explained;
        }
        return explained.substring(start, end > start ? end : explained.length());
    }

    private static SqlParserPos firstStatefulPosition(SqlNode node) {
        SqlParserPos[] found = {SqlParserPos.ZERO};
        node.accept(
                new SqlBasicVisitor<Void>() {
                    @Override
                    public Void visit(SqlCall call) {
                        if (found[0] == SqlParserPos.ZERO) {
                            if (call instanceof SqlJoin join) {
                                found[0] = join.getParserPosition();
                            } else if (call instanceof SqlSelect select
                                    && select.getGroup() != null) {
                                found[0] = select.getGroup().getParserPosition();
                            }
                        }
                        return super.visit(call);
                    }
                });
        return found[0].getLineNum() == 0 ? new SqlParserPos(1, 1) : found[0];
    }

    private static void legacyWindows(SqlNodeList group, List<Finding> findings) {
        for (SqlNode item : group) {
            if (item instanceof SqlCall call && LEGACY_WINDOWS.contains(call.getKind())) {
                String name = call.getKind().name();
                SqlParserPos pos = call.getParserPosition();
                findings.add(
                        new Finding(
                                Rule.LEGACY_WINDOW,
                                Finding.Severity.WARNING,
                                pos.getLineNum(),
                                pos.getColumnNum(),
                                "GROUP BY %s(...) is a legacy group window; Flink's window TVFs replace it"
                                        .formatted(name),
                                "FROM TABLE(%s(TABLE t, DESCRIPTOR(ts), ...)) ... GROUP BY window_start, window_end"
                                        .formatted(name)));
            }
        }
    }

    private static boolean isWindowTvf(SqlBasicCall call) {
        if (!WINDOW_TVFS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))
                || call.operandCount() < 2
                || call.operand(0) == null) {
            return false;
        }
        SqlKind first = call.operand(0).getKind();
        return first == SqlKind.EXPLICIT_TABLE || first == SqlKind.SET_SEMANTICS_TABLE;
    }

    private static Optional<Finding> eventTime(
            SqlBasicCall tvf, Function<List<String>, Optional<ResolvedSchema>> schemas) {
        Optional<SqlIdentifier> table = tableOf(tvf.operand(0));
        Optional<SqlIdentifier> column = descriptorColumn(tvf.operand(1));
        if (table.isEmpty() || column.isEmpty()) {
            return Optional.empty();
        }
        Optional<ResolvedSchema> schema = schemas.apply(table.get().names);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        String columnName = column.get().getSimple();
        boolean hasWatermark =
                schema.get().getWatermarkSpecs().stream()
                        .map(WatermarkSpec::getRowtimeAttribute)
                        .anyMatch(columnName::equals);
        boolean isRowtime =
                schema.get()
                        .getColumn(columnName)
                        .map(
                                c ->
                                        LogicalTypeChecks.isRowtimeAttribute(
                                                c.getDataType().getLogicalType()))
                        .orElse(true);
        if (hasWatermark || isRowtime) {
            return Optional.empty();
        }
        SqlParserPos pos = column.get().getParserPosition();
        String tableName = table.get().toString();
        return Optional.of(
                Finding.error(
                        Rule.EVENT_TIME,
                        pos.getLineNum(),
                        pos.getColumnNum(),
                        "%s over table '%s' needs an event-time attribute, but column '%s' has no watermark"
                                .formatted(
                                        tvf.getOperator().getName().toUpperCase(Locale.ROOT),
                                        tableName,
                                        columnName),
                        "add to CREATE TABLE %s: WATERMARK FOR %s AS %s - INTERVAL '5' SECOND"
                                .formatted(tableName, columnName, columnName)));
    }

    private static Optional<SqlIdentifier> tableOf(SqlNode operand) {
        SqlNode inner = operand;
        while (inner instanceof SqlCall call
                && call.operandCount() > 0
                && !(inner instanceof SqlSelect)) {
            inner = call.operand(0);
        }
        return inner instanceof SqlIdentifier identifier
                ? Optional.of(identifier)
                : Optional.empty();
    }

    private static Optional<SqlIdentifier> descriptorColumn(SqlNode operand) {
        if (operand instanceof SqlCall call
                && (call.getKind() == SqlKind.DESCRIPTOR
                        || call.getOperator().getName().equalsIgnoreCase("DESCRIPTOR"))
                && call.operandCount() == 1
                && call.operand(0) instanceof SqlIdentifier identifier) {
            return Optional.of(identifier);
        }
        return Optional.empty();
    }
}
