package dev.sluice.policy.guard;

import dev.sluice.policy.sql.FlinkSqlParsing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTable;
import org.apache.flink.sql.parser.dml.RichSqlInsert;

/**
 * Rephrasings of a statement that a check must not be skippable by: terminators and comments around
 * it, case, whitespace, Unicode escapes in its literals, and wrappings that put the same options or
 * the same INSERT somewhere else (EXECUTE, STATEMENT SET, ALTER TABLE ... SET, an OPTIONS hint,
 * CTAS, a view). A refusal case gets every mutation that applies to it.
 */
final class Mutations {

    private Mutations() {}

    /** Each mutant with the name of the mutation, for test output. */
    static Map<String, String> of(String statement) {
        Map<String, String> mutants = new LinkedHashMap<>();
        mutants.put("as written", statement);
        mutants.put("trailing ;;", statement + ";;");
        mutants.put("trailing ; -- c", statement + "; -- c");
        mutants.put("trailing ; /* c */", statement + "; /* c */");
        mutants.put("trailing ;\\n;\\n", statement + ";\n;\n");
        mutants.put("leading block comment", "/* c */ " + statement);
        mutants.put("leading line comment", "-- c\n" + statement);
        mutants.put(
                "keywords lower case", outsideQuotes(statement, s -> s.toLowerCase(Locale.ROOT)));
        mutants.put(
                "keywords upper case", outsideQuotes(statement, s -> s.toUpperCase(Locale.ROOT)));
        mutants.put("whitespace", outsideQuotes(statement, s -> s.replace(" ", " \n\t ")));
        mutants.put("unicode escapes", unicodeEscapes(statement));
        SqlNode node = parse(statement);
        if (node instanceof RichSqlInsert) {
            mutants.put("EXECUTE", "EXECUTE " + statement);
            mutants.put("STATEMENT SET", "EXECUTE STATEMENT SET BEGIN " + statement + "; END");
        }
        if (node instanceof SqlCreateTable create && !create.getProperties().isEmpty()) {
            String options = options(create);
            mutants.put("ALTER TABLE SET", "ALTER TABLE existing SET (" + options + ")");
            mutants.put("OPTIONS hint", "SELECT * FROM existing /*+ OPTIONS(" + options + ") */");
            mutants.put(
                    "CTAS", "CREATE TABLE copied WITH (" + options + ") AS SELECT * FROM existing");
            mutants.put(
                    "view over a hint",
                    "CREATE VIEW v AS SELECT * FROM existing /*+ OPTIONS(" + options + ") */");
        }
        return mutants;
    }

    private static SqlNode parse(String statement) {
        try {
            return FlinkSqlParsing.parse(statement);
        } catch (SqlParseException e) {
            return null;
        }
    }

    private static String options(SqlCreateTable create) {
        return create.getProperties().entrySet().stream()
                .map(e -> quote(e.getKey()) + " = " + quote(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Applies {@code change} to the text between string literals and quoted identifiers. */
    private static String outsideQuotes(
            String statement, java.util.function.UnaryOperator<String> change) {
        StringBuilder out = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        char quote = 0;
        for (char c : statement.toCharArray()) {
            if (quote == 0 && (c == '\'' || c == '`' || c == '"')) {
                out.append(change.apply(plain.toString()));
                plain.setLength(0);
                quote = c;
                out.append(c);
            } else if (quote != 0) {
                out.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else {
                plain.append(c);
            }
        }
        return out.append(change.apply(plain.toString())).toString();
    }

    /** Every string literal written as {@code U&'\0061...'}. */
    private static String unicodeEscapes(String statement) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        List<Character> quotes = new ArrayList<>(List.of('`', '"'));
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (quotes.contains(c)) {
                int end = statement.indexOf(c, i + 1);
                end = end < 0 ? statement.length() - 1 : end;
                out.append(statement, i, end + 1);
                i = end + 1;
            } else if (c == '\'') {
                int end = i + 1;
                StringBuilder value = new StringBuilder();
                while (end < statement.length()) {
                    char d = statement.charAt(end);
                    if (d == '\''
                            && end + 1 < statement.length()
                            && statement.charAt(end + 1) == '\'') {
                        value.append('\'');
                        end += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        value.append(d);
                        end++;
                    }
                }
                out.append("U&'");
                value.chars().forEach(v -> out.append("\\%04x".formatted(v)));
                out.append('\'');
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
