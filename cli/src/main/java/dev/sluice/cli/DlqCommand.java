package dev.sluice.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.sluice.server.deadletters.DeadLetters;
import dev.sluice.server.deploy.ApiRecords;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice dlq}: the records Kafka tables could not decode. */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        description = {
            "The records that Kafka tables' formats could not decode, kept in each table's",
            "dead-letter topic (<topic>.dlq unless the table names another). Each source record is",
            "shown once, even when a failover wrote it twice."
        },
        subcommands = {DlqCommand.ListTables.class, DlqCommand.Show.class, DlqCommand.Replay.class})
final class DlqCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "name what to do, for example: sluice dlq list");
    }

    /** {@code sluice dlq list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Each table with a dead-letter topic: records, first and last, by error.")
    static final class ListTables implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Mixin GatewayMixin gateway;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetters.Table> tables =
                    gateway.client()
                            .get(
                                    "/sluice/dead-letters",
                                    new TypeReference<List<DeadLetters.Table>>() {});
            if (tables.isEmpty()) {
                out.println("No Kafka tables with a dead-letter topic.");
                out.flush();
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TABLE", "TOPIC", "RECORDS", "FIRST", "LAST", "ERRORS"});
            for (DeadLetters.Table table : tables) {
                rows.add(
                        new String[] {
                            table.table(),
                            table.topic(),
                            Long.toString(table.records()),
                            table.first().isEmpty() ? "-" : table.first(),
                            table.last().isEmpty() ? "-" : table.last(),
                            table.byError().isEmpty()
                                    ? "-"
                                    : table.byError().entrySet().stream()
                                            .map(e -> e.getKey() + " " + e.getValue())
                                            .collect(Collectors.joining(", "))
                        });
            }
            JobsCommand.printTable(out, rows);
            return 0;
        }
    }

    /** {@code sluice dlq show TABLE}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description =
                    "A table's dead letters, oldest first: where each came from, why, and its bytes"
                            + " (as text when they are printable UTF-8, else in hex).")
    static final class Show implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(paramLabel = "TABLE", description = "The table: t, db.t or catalog.db.t.")
        String table;

        @Option(
                names = "--limit",
                defaultValue = "20",
                paramLabel = "N",
                description = "At most N records (1 to 10000). Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(
                names = "--format",
                defaultValue = "text",
                paramLabel = "FORMAT",
                description = "text or json. Default: ${DEFAULT-VALUE}.")
        String format;

        @Mixin GatewayMixin gateway;

        @Override
        public Integer call() throws Exception {
            String chosen = format.toLowerCase(Locale.ROOT);
            if (!chosen.equals("text") && !chosen.equals("json")) {
                throw new ParameterException(
                        spec.commandLine(), "--format must be text or json, got '" + format + "'");
            }
            if (limit < 1 || limit > 10_000) {
                throw new ParameterException(
                        spec.commandLine(), "--limit must be from 1 to 10000, got " + limit);
            }
            List<DeadLetters.Letter> letters =
                    gateway.client()
                            .get(
                                    "/sluice/dead-letters/"
                                            + URLEncoder.encode(table, StandardCharsets.UTF_8)
                                            + "?limit="
                                            + limit,
                                    new TypeReference<List<DeadLetters.Letter>>() {});
            PrintWriter out = spec.commandLine().getOut();
            if (chosen.equals("json")) {
                out.println(
                        GatewayClient.JSON
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(letters));
                out.flush();
                return 0;
            }
            if (letters.isEmpty()) {
                out.println("No dead letters for " + table + ".");
            }
            for (DeadLetters.Letter letter : letters) {
                out.printf(
                        "%s partition %d offset %d at %s%s%n",
                        letter.sourceTopic(),
                        letter.sourcePartition(),
                        letter.sourceOffset(),
                        letter.sourceTimestamp(),
                        letter.pipeline().isEmpty() ? "" : ", pipeline " + letter.pipeline());
                out.printf("  error: %s: %s%n", letter.errorClass(), letter.errorMessage());
                out.printf("  key:   %s%n", letter.key());
                out.printf(
                        "  value: %s%s%n",
                        letter.encoding().equals("hex") ? "(hex) " : "", letter.value());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code sluice dlq replay TABLE}. */
    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = {
                "After fixing the table's definition or the producer: produces the table's dead",
                "letters again, into the topics they came from (or --to TOPIC), in one Kafka",
                "transaction, keys, values and headers as they were. Each is replayed once: a second",
                "replay leaves out those replayed before, and says so. A pipeline whose watermark",
                "is past their event times counts them as late (sluice jobs shows LATE)."
            })
    static final class Replay implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(paramLabel = "TABLE", description = "The table: t, db.t or catalog.db.t.")
        String table;

        @Option(
                names = "--to",
                paramLabel = "TOPIC",
                description = "An existing topic to replay into instead.")
        String to;

        @Option(names = "--dry-run", description = "Say what would be replayed; produce nothing.")
        boolean dryRun;

        @Mixin GatewayMixin gateway;

        @Override
        public Integer call() {
            DeadLetters.Replay replay =
                    gateway.client()
                            .post(
                                    "/sluice/dead-letters/"
                                            + URLEncoder.encode(table, StandardCharsets.UTF_8)
                                            + "/replay",
                                    new ApiRecords.DeadLetterReplayRequest(
                                            to == null ? "" : to, dryRun, GatewayMixin.user()),
                                    DeadLetters.Replay.class);
            PrintWriter out = spec.commandLine().getOut();
            String before =
                    replay.replayedBefore() == 0
                            ? ""
                            : "; %d replayed before, left out".formatted(replay.replayedBefore());
            if (replay.replayed() == 0) {
                out.printf(
                        "Nothing to replay for %s%s.%n",
                        replay.table(),
                        replay.replayedBefore() == 0
                                ? ": it has no dead letters"
                                : ": all %d dead letters were replayed before"
                                        .formatted(replay.replayedBefore()));
            } else if (replay.dryRun()) {
                out.printf(
                        "Would replay %d dead letters of %s into %s%s.%n",
                        replay.replayed(),
                        replay.table(),
                        String.join(", ", replay.topics()),
                        before);
            } else {
                out.printf(
                        "Replayed %d dead letters of %s into %s, in one transaction%s.%n",
                        replay.replayed(),
                        replay.table(),
                        String.join(", ", replay.topics()),
                        before);
            }
            for (String warning : replay.late()) {
                out.printf("Warning: %s.%n", warning);
            }
            out.flush();
            return 0;
        }
    }
}
