package dev.sluice.policy.eo;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.admission.ReadStatement;
import dev.sluice.policy.sql.FlinkSqlParsing;
import dev.sluice.policy.sql.TextEdits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlHint;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Util;
import org.apache.flink.sql.parser.ddl.SqlTableOption;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTable;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTableAs;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTableLike;
import org.apache.flink.sql.parser.dml.RichSqlInsert;
import org.apache.flink.sql.parser.dml.SqlExecute;
import org.apache.flink.sql.parser.dml.SqlStatementSet;

/**
 * Makes every statement that writes to Kafka exactly-once by default.
 *
 * <p>Temporary Kafka tables get {@link KafkaTableDefaults} spliced into their DDL (catalog tables
 * get them when read). Every INSERT into a Kafka table gets an {@code OPTIONS} hint with the
 * exactly-once delivery guarantee, a transactional id prefix unique to that job (two jobs sharing a
 * prefix would fence each other) and a transaction timeout under the broker's maximum. A sink
 * declared weaker than exactly-once is rejected.
 *
 * <p>It rewrites statements the gateway has read ({@link ReadStatement}): text it cannot read never
 * gets this far.
 */
public final class ExactlyOnceRewriter {

    private final ExactlyOnceSettings settings;
    private final TableLookup tables;

    public ExactlyOnceRewriter(ExactlyOnceSettings settings, TableLookup tables) {
        this.settings = requireNonNull(settings, "settings is null");
        this.tables = requireNonNull(tables, "tables is null");
    }

    public Rewrite rewrite(ReadStatement statement) throws StatementRejectedException {
        Optional<SqlNode> node = statement.statementTree();
        if (node.isEmpty()) {
            return new Rewrite(statement.text(), false);
        }
        TextEdits edits = new TextEdits(statement.text());
        List<String> prefixes = new ArrayList<>();
        boolean submitsJob = rewriteNode(node.get(), edits, prefixes);
        String rewritten = edits.apply();
        verify(rewritten, prefixes);
        return new Rewrite(rewritten, submitsJob);
    }

    /**
     * The rewritten text, parsed again, holds every transactional id prefix Sluice assigned as an
     * option or hint value: a splice that landed in a comment or a literal (line breaks the parser
     * counts differently, say) is refused, never run at a weaker guarantee.
     */
    private static void verify(String rewritten, List<String> prefixes)
            throws StatementRejectedException {
        if (prefixes.isEmpty()) {
            return;
        }
        Set<String> values = new HashSet<>();
        try {
            for (SqlNode node : FlinkSqlParsing.parseList(rewritten)) {
                node.accept(
                        new SqlBasicVisitor<Void>() {
                            @Override
                            public Void visit(SqlCall call) {
                                if (call instanceof RichSqlInsert insert) {
                                    // What Flink will use: the target's first OPTIONS hint,
                                    // exactly-once there.
                                    firstOptionsHint(insert.getTableHints())
                                            .map(SqlHint::getOptionKVPairs)
                                            .filter(
                                                    kv ->
                                                            KafkaOptions.EXACTLY_ONCE.equals(
                                                                    kv.get(
                                                                            KafkaOptions
                                                                                    .DELIVERY_GUARANTEE)))
                                            .map(kv -> kv.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX))
                                            .ifPresent(values::add);
                                } else if (call instanceof SqlTableOption option) {
                                    values.add(option.getValueString());
                                }
                                return super.visit(call);
                            }
                        });
            }
        } catch (SqlParseException e) {
            throw new StatementRejectedException(
                    "[exactly-once] Sluice could not add its exactly-once options to this statement"
                            + " (the result does not parse); nothing ran."
                            + System.lineSeparator()
                            + "  Fix: write the statement on plain lines ending in \\n");
        }
        if (!values.containsAll(prefixes)) {
            throw new StatementRejectedException(
                    "[exactly-once] Sluice could not place its exactly-once options in this"
                            + " statement; nothing ran."
                            + System.lineSeparator()
                            + "  Fix: write the statement on plain lines ending in \\n");
        }
    }

    /** A single statement's text, as in a SQL file; refused when it is not exactly one. */
    public Rewrite rewrite(String statement) throws StatementRejectedException {
        SqlNodeList nodes;
        try {
            nodes = FlinkSqlParsing.parseList(statement);
        } catch (SqlParseException e) {
            throw new StatementRejectedException("cannot read the statement: " + e.getMessage());
        }
        if (nodes.size() != 1) {
            throw new StatementRejectedException("expected one statement, got " + nodes.size());
        }
        return rewrite(new ReadStatement(statement, Optional.of(nodes.get(0)), Optional.empty()));
    }

    private boolean rewriteNode(SqlNode node, TextEdits edits, List<String> prefixes)
            throws StatementRejectedException {
        if (node instanceof SqlExecute execute) {
            return rewriteNode(execute.getStatement(), edits, prefixes);
        }
        if (node instanceof RichSqlInsert insert) {
            secureSink(insert, edits).ifPresent(prefixes::add);
            return true;
        }
        if (node instanceof SqlStatementSet set) {
            for (RichSqlInsert insert : set.getInserts()) {
                secureSink(insert, edits).ifPresent(prefixes::add);
            }
            return true;
        }
        if (node instanceof SqlCreateTableAs createAs) {
            Map<String, String> options = createAs.getProperties();
            if (KafkaOptions.isKafka(options)) {
                String table = String.join(".", createAs.getFullName());
                Map<String, String> additions = tableDefaults(options);
                additions.putAll(sinkOptions(table, options, createAs.getParserPosition()));
                prefixes.add(additions.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX));
                appendOptions(createAs, additions, edits);
            }
            return true;
        }
        if (node instanceof SqlCreateTable create
                && create.isTemporary()
                && !(node instanceof SqlCreateTableLike)) {
            // Catalog tables get these when read (KafkaTableDefaults); temporary ones never
            // reach the catalog, so they get them here.
            appendOptions(create, tableDefaults(create.getProperties()), edits);
        }
        return false;
    }

    private Map<String, String> tableDefaults(Map<String, String> options) {
        return new KafkaTableDefaults(settings.kafkaBootstrap()).missing(options);
    }

    /** Returns the transactional id prefix it assigned, when the sink is Kafka. */
    private Optional<String> secureSink(RichSqlInsert insert, TextEdits edits)
            throws StatementRejectedException {
        SqlIdentifier target = (SqlIdentifier) insert.getTargetTableID();
        Map<String, String> effective = new LinkedHashMap<>();
        tables.tableOptions(target.names).ifPresent(effective::putAll);
        SqlNodeList hints = insert.getTableHints();
        // Flink reads the first OPTIONS hint of a table and ignores any later one
        // (FlinkHints.getHintedOptions); another hint's pairs (a STATE_TTL naming 'connector',
        // say) must not make a Kafka sink look like something else.
        Optional<SqlHint> options = firstOptionsHint(hints);
        options.ifPresent(hint -> effective.putAll(hint.getOptionKVPairs()));
        if (!KafkaOptions.isKafka(effective)) {
            return Optional.empty();
        }
        if (operatorAllowsWeakerSink(target, effective)) {
            return Optional.empty();
        }
        Map<String, String> sinkOptions =
                sinkOptions(target.toString(), effective, target.getParserPosition());
        String pairs = render(sinkOptions, "=");
        Optional<SqlNode> lastPair = options.flatMap(ExactlyOnceRewriter::lastOption);
        if (lastPair.isPresent()) {
            // Into the user's OPTIONS hint, after its pairs: a second OPTIONS hint would be
            // ignored, and within one hint the later value of a key wins.
            edits.insertAfter(lastPair.get().getParserPosition(), ", " + pairs);
        } else if (hints.isEmpty()) {
            edits.insertAfter(target.getParserPosition(), " /*+ OPTIONS(" + pairs + ") */");
        } else {
            edits.insertAfter(
                    hints.get(hints.size() - 1).getParserPosition(), ", OPTIONS(" + pairs + ")");
        }
        return Optional.of(sinkOptions.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX));
    }

    private static Optional<SqlHint> firstOptionsHint(SqlNodeList hints) {
        for (SqlNode node : hints) {
            if (((SqlHint) node).getName().equalsIgnoreCase("OPTIONS")) {
                return Optional.of((SqlHint) node);
            }
        }
        return Optional.empty();
    }

    /** The last key or value of an OPTIONS hint, when it has any. */
    private static Optional<SqlNode> lastOption(SqlHint hint) {
        SqlNode list = hint.getOperandList().get(1);
        if (list instanceof SqlNodeList pairs && !pairs.isEmpty()) {
            return Optional.of(pairs.get(pairs.size() - 1));
        }
        return Optional.empty();
    }

    private Map<String, String> sinkOptions(
            String table, Map<String, String> effective, SqlParserPos where)
            throws StatementRejectedException {
        String guarantee = effective.get(KafkaOptions.DELIVERY_GUARANTEE);
        if (guarantee != null && !guarantee.equalsIgnoreCase(KafkaOptions.EXACTLY_ONCE)) {
            throw new StatementRejectedException(
                    """
                    line %d, column %d: [exactly-once] sink '%s' has '%s' = '%s'; Sluice deploys \
                    every pipeline exactly-once.
                      Fix: remove the option or set it to '%s' (a transactional id prefix is \
                    assigned for you); an operator can exempt the table with \
                    --allow-at-least-once."""
                            .formatted(
                                    where.getLineNum(),
                                    where.getColumnNum(),
                                    table,
                                    KafkaOptions.DELIVERY_GUARANTEE,
                                    guarantee,
                                    KafkaOptions.EXACTLY_ONCE));
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put(KafkaOptions.DELIVERY_GUARANTEE, KafkaOptions.EXACTLY_ONCE);
        options.put(KafkaOptions.TRANSACTIONAL_ID_PREFIX, transactionalIdPrefix(table));
        // Always the operator's: a longer one exceeds the broker's maximum (the job fails in a
        // loop), a shorter one than the checkpoint interval lets the broker abort transactions
        // that a checkpoint would have committed (data loss).
        options.put(
                KafkaOptions.TRANSACTION_TIMEOUT,
                Long.toString(settings.transactionTimeout().toMillis()));
        // The connector's default names a new transactional id every checkpoint, and the broker
        // keeps each for a week (transactional.id.expiration.ms): at four checkpoints a second,
        // 2.4 million ids per sink task. Pooling reuses a few (Kafka 3.0 or newer); a table or hint
        // that names a strategy keeps it.
        if (!effective.containsKey(KafkaOptions.TRANSACTION_NAMING)) {
            options.put(KafkaOptions.TRANSACTION_NAMING, KafkaOptions.POOLING);
        }
        return options;
    }

    /** The operator's explicit exception: this sink may stay at what it declares. */
    private boolean operatorAllowsWeakerSink(SqlIdentifier target, Map<String, String> options) {
        String guarantee = options.get(KafkaOptions.DELIVERY_GUARANTEE);
        return guarantee != null
                && !guarantee.equalsIgnoreCase(KafkaOptions.EXACTLY_ONCE)
                && (settings.atLeastOnceSinks().contains(target.toString())
                        || settings.atLeastOnceSinks().contains(Util.last(target.names)));
    }

    /** A prefix unique to one job: two jobs sharing a prefix abort each other's transactions. */
    static String transactionalIdPrefix(String table) {
        String name = table.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return "sluice-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void appendOptions(
            SqlCreateTable create, Map<String, String> additions, TextEdits edits) {
        if (additions.isEmpty()) {
            return;
        }
        SqlNode lastOption = lastTableOption(create);
        edits.insertAfter(lastOption.getParserPosition(), ", " + render(additions, " = "));
    }

    private static SqlNode lastTableOption(SqlCreateTable create) {
        for (SqlNode operand : create.getOperandList()) {
            if (operand instanceof SqlNodeList list
                    && !list.isEmpty()
                    && list.get(0) instanceof SqlTableOption) {
                return list.get(list.size() - 1);
            }
        }
        throw new IllegalStateException("a Kafka table without a WITH clause cannot exist");
    }

    private static String render(Map<String, String> options, String separator) {
        return options.entrySet().stream()
                .map(e -> quote(e.getKey()) + separator + quote(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
