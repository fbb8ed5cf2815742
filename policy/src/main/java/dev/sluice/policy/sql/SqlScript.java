package dev.sluice.policy.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits SQL text into statements at semicolons that are not inside quotes, comments or an {@code
 * EXECUTE STATEMENT SET BEGIN ... END} block.
 */
public final class SqlScript {

    private static final Pattern STATEMENT_SET_START =
            Pattern.compile("^EXECUTE\\s+STATEMENT\\s+SET\\b.*", Pattern.DOTALL);
    private static final Pattern ENDS_WITH_END = Pattern.compile(".*\\bEND\\s*$", Pattern.DOTALL);

    private SqlScript() {}

    /** Reads and splits a file; statements are labelled with {@code label}. */
    public static List<SqlStatement> read(Path file, String label) {
        try {
            return split(label, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL file " + file, e);
        }
    }

    public static List<SqlStatement> split(String source, String sql) {
        List<SqlStatement> statements = new ArrayList<>();
        Cursor cursor = new Cursor(sql);
        int start = -1;
        int startLine = 1;
        int startColumn = 1;
        while (!cursor.atEnd()) {
            char c = cursor.peek();
            if (cursor.startsWith("--")) {
                cursor.skipLineComment();
                continue;
            }
            if (cursor.startsWith("/*") && !cursor.startsWith("/*+")) {
                cursor.skipBlockComment();
                continue;
            }
            if (start < 0 && !Character.isWhitespace(c) && c != ';') {
                start = cursor.offset();
                startLine = cursor.line();
                startColumn = cursor.column();
            }
            if (c == '\'' || c == '"' || c == '`') {
                cursor.skipQuoted(c);
                continue;
            }
            if (c == ';' && start >= 0) {
                String text = sql.substring(start, cursor.offset()).strip();
                if (!insideStatementSet(text)) {
                    statements.add(
                            new SqlStatement(
                                    source, statements.size() + 1, startLine, startColumn, text));
                    start = -1;
                }
            }
            cursor.advance();
        }
        if (start >= 0) {
            String text = sql.substring(start).strip();
            if (!text.isEmpty()) {
                statements.add(
                        new SqlStatement(
                                source, statements.size() + 1, startLine, startColumn, text));
            }
        }
        return List.copyOf(statements);
    }

    private static boolean insideStatementSet(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        return STATEMENT_SET_START.matcher(upper).matches()
                && !ENDS_WITH_END.matcher(upper).matches();
    }

    /** Walks the text keeping track of line and column. */
    private static final class Cursor {
        private final String text;
        private int offset;
        private int line = 1;
        private int column = 1;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return offset >= text.length();
        }

        char peek() {
            return text.charAt(offset);
        }

        boolean startsWith(String prefix) {
            return text.startsWith(prefix, offset);
        }

        int offset() {
            return offset;
        }

        int line() {
            return line;
        }

        int column() {
            return column;
        }

        void advance() {
            if (text.charAt(offset) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            offset++;
        }

        void skipLineComment() {
            while (!atEnd() && peek() != '\n') {
                advance();
            }
        }

        void skipBlockComment() {
            advance();
            advance();
            while (!atEnd() && !startsWith("*/")) {
                advance();
            }
            if (!atEnd()) {
                advance();
                advance();
            }
        }

        /** Skips a quoted literal or identifier; a doubled quote character escapes itself. */
        void skipQuoted(char quote) {
            advance();
            while (!atEnd()) {
                if (peek() == quote) {
                    advance();
                    if (atEnd() || peek() != quote) {
                        return;
                    }
                }
                advance();
            }
        }
    }
}
