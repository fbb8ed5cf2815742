package dev.sluice.cli.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * What a sink table should receive: a JSON object per line with every column of the table. Rows are
 * compared as a multiset unless a line {@code # ordered} says order matters. For a pipeline that
 * updates its results, {@code "$op"} gives each row's kind: {@code +I}, {@code -U}, {@code +U} or
 * {@code -D} (a row without one is {@code +I}). Other lines starting with {@code #} are comments;
 * {@code --update} keeps those before the first row.
 */
final class ExpectedFile {

    static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /** One row: where it was written, its kind, its values' keys and how it reads. */
    record ExpectedRow(String where, String op, List<String> keys, String text) {
        String key(boolean changelog) {
            return (changelog ? op + " " : "") + String.join(" | ", keys);
        }
    }

    final String file;
    final List<String> header;
    final boolean ordered;
    final List<ExpectedRow> rows;

    private ExpectedFile(
            String file, List<String> header, boolean ordered, List<ExpectedRow> rows) {
        this.file = file;
        this.header = header;
        this.ordered = ordered;
        this.rows = rows;
    }

    /**
     * Only the comments before the first row and {@code # ordered}: what {@code --update} keeps.
     */
    static ExpectedFile header(String file, String text) {
        List<String> header = new ArrayList<>();
        boolean ordered = false;
        boolean rows = false;
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                boolean directive = stripped.replace(" ", "").equalsIgnoreCase("#ordered");
                ordered |= directive;
                if (!rows || directive) {
                    header.add(line.stripTrailing());
                }
            } else if (!stripped.isEmpty()) {
                rows = true;
            }
        }
        return new ExpectedFile(file, List.copyOf(header), ordered, List.of());
    }

    static ExpectedFile read(String file, String text, TableInfo table) throws FixtureException {
        List<String> header = new ArrayList<>();
        boolean ordered = false;
        List<ExpectedRow> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = file + ":" + (i + 1);
            if (line.startsWith("#")) {
                if (line.replace(" ", "").equalsIgnoreCase("#ordered")) {
                    ordered = true;
                }
                if (rows.isEmpty()) {
                    header.add(lines[i].stripTrailing());
                }
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new FixtureException(
                        where,
                        "not a JSON object: " + e.getOriginalMessage(),
                        "write one row per line as {\"column\": value, …}");
            }
            if (!json.isObject()) {
                throw new FixtureException(
                        where, "not a JSON object", "write {\"column\": value, …}");
            }
            rows.add(row(where, (ObjectNode) json, table));
        }
        return new ExpectedFile(file, List.copyOf(header), ordered, List.copyOf(rows));
    }

    private static ExpectedRow row(String where, ObjectNode json, TableInfo table)
            throws FixtureException {
        String op = "+I";
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("$op")) {
                op = json.get(name).asText();
                if (!List.of("+I", "-U", "+U", "-D").contains(op)) {
                    throw new FixtureException(
                            where, "$op is '%s'".formatted(op), "use +I, -U, +U or -D");
                }
            } else if (table.type(name).isEmpty()) {
                throw new FixtureException(
                        where,
                        "column '%s' is not in table %s (columns: %s)"
                                .formatted(name, table.name(), String.join(", ", table.columns())),
                        "fix the name");
            }
        }
        List<String> keys = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            String column = table.columns().get(c);
            if (!json.has(column)) {
                throw new FixtureException(
                        where,
                        "the row has no '%s'".formatted(column),
                        "give every column of %s (null for NULL), or run sluice test --update to write the file from the actual output"
                                .formatted(table.name()));
            }
            try {
                keys.add(SqlValues.keyOf(json.get(column), table.types().get(c)));
            } catch (SqlValues.NotAValue e) {
                throw new FixtureException(
                        where, "column '%s': %s".formatted(column, e.getMessage()), "");
            }
        }
        return new ExpectedRow(where, op, keys, write(json));
    }

    /** A row Flink produced, as the comparison and the files see it. */
    static ExpectedRow actual(Row row, TableInfo table) {
        List<String> keys = new ArrayList<>();
        ObjectNode json = JSON.createObjectNode();
        String op = row.getKind().shortString();
        if (row.getKind() != RowKind.INSERT) {
            json.put("$op", op);
        }
        for (int c = 0; c < table.columns().size(); c++) {
            Object value = row.getField(c);
            keys.add(SqlValues.key(value, table.types().get(c)));
            json.set(table.columns().get(c), SqlValues.toJson(value, table.types().get(c)));
        }
        return new ExpectedRow("", op, keys, write(json));
    }

    /** The file {@code --update} writes for these rows: the header kept, rows in a stable order. */
    static String render(List<String> header, boolean ordered, List<ExpectedRow> actual) {
        boolean changelog = actual.stream().anyMatch(r -> !r.op().equals("+I"));
        List<ExpectedRow> rows = new ArrayList<>(actual);
        if (!ordered) {
            rows.sort(java.util.Comparator.comparing((ExpectedRow r) -> r.key(changelog)));
        }
        StringBuilder text = new StringBuilder();
        header.forEach(line -> text.append(line).append('\n'));
        for (ExpectedRow row : rows) {
            text.append(withOpFirst(row, changelog)).append('\n');
        }
        return text.toString();
    }

    private static String withOpFirst(ExpectedRow row, boolean changelog) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(row.text());
            if (!changelog) {
                return write(json);
            }
            ObjectNode ordered = JSON.createObjectNode();
            ordered.put("$op", row.op());
            json.properties()
                    .forEach(
                            field -> {
                                if (!field.getKey().equals("$op")) {
                                    ordered.set(field.getKey(), field.getValue());
                                }
                            });
            return write(ordered);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row as one line, decimals as written ({@code 10500.00}, never {@code 1.05E+4}). */
    static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How the actual rows differ from these; empty when they match. */
    List<String> diff(List<ExpectedRow> actual) {
        boolean changelog =
                rows.stream().anyMatch(r -> !r.op().equals("+I"))
                        || actual.stream().anyMatch(r -> !r.op().equals("+I"));
        Map<String, List<ExpectedRow>> missing = new LinkedHashMap<>();
        for (ExpectedRow row : rows) {
            missing.computeIfAbsent(row.key(changelog), k -> new ArrayList<>()).add(row);
        }
        List<ExpectedRow> unexpected = new ArrayList<>();
        for (ExpectedRow row : actual) {
            List<ExpectedRow> same = missing.get(row.key(changelog));
            if (same == null || same.isEmpty()) {
                unexpected.add(row);
            } else {
                same.remove(0);
            }
        }
        List<ExpectedRow> notSeen = missing.values().stream().flatMap(List::stream).toList();
        List<String> lines = new ArrayList<>();
        if (!notSeen.isEmpty() || !unexpected.isEmpty()) {
            lines.add(
                    "%s: %d expected rows missing, %d unexpected rows (expected %d, got %d)"
                            .formatted(
                                    file,
                                    notSeen.size(),
                                    unexpected.size(),
                                    rows.size(),
                                    actual.size()));
            for (ExpectedRow row : notSeen) {
                lines.add("  - " + row.text() + "   (" + row.where() + ")");
            }
            for (Map.Entry<String, Long> row : counted(unexpected, changelog).entrySet()) {
                lines.add(
                        "  + "
                                + row.getKey()
                                + (row.getValue() > 1 ? "   (×" + row.getValue() + ")" : ""));
            }
            return lines;
        }
        if (ordered) {
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i).key(changelog).equals(actual.get(i).key(changelog))) {
                    lines.add(
                            "%s: the same rows in another order (# ordered): row %d is %s, expected %s (%s)"
                                    .formatted(
                                            file,
                                            i + 1,
                                            actual.get(i).text(),
                                            rows.get(i).text(),
                                            rows.get(i).where()));
                    break;
                }
            }
        }
        return lines;
    }

    private static Map<String, Long> counted(List<ExpectedRow> rows, boolean changelog) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ExpectedRow row : rows) {
            counts.merge(withOpFirst(row, changelog), 1L, Long::sum);
        }
        return counts;
    }
}
