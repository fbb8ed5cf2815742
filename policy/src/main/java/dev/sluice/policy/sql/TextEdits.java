package dev.sluice.policy.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Insertions into a statement's text at parser positions. Editing the text, instead of unparsing
 * the tree, keeps the user's formatting, comments and hints exactly as written.
 */
public final class TextEdits {

    private final String text;
    private final int[] lineStarts;
    private final List<Insertion> insertions = new ArrayList<>();

    public TextEdits(String text) {
        this.text = requireNonNull(text, "text is null");
        this.lineStarts = text.lines().count() == 0 ? new int[] {0} : lineStarts(text);
    }

    /** Inserts {@code snippet} right after the last character that {@code pos} covers. */
    public void insertAfter(SqlParserPos pos, String snippet) {
        insertions.add(
                new Insertion(offset(pos.getEndLineNum(), pos.getEndColumnNum()) + 1, snippet));
    }

    /** Inserts {@code snippet} right before the first character that {@code pos} covers. */
    public void insertBefore(SqlParserPos pos, String snippet) {
        insertions.add(new Insertion(offset(pos.getLineNum(), pos.getColumnNum()), snippet));
    }

    public boolean isEmpty() {
        return insertions.isEmpty();
    }

    public String apply() {
        StringBuilder result = new StringBuilder(text);
        insertions.stream()
                .sorted(Comparator.comparingInt(Insertion::offset).reversed())
                .forEach(insertion -> result.insert(insertion.offset(), insertion.snippet()));
        return result.toString();
    }

    private int offset(int line, int column) {
        if (line < 1 || line > lineStarts.length) {
            throw new IllegalArgumentException("line " + line + " is outside the statement");
        }
        int offset = lineStarts[line - 1] + column - 1;
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("column " + column + " is outside line " + line);
        }
        return offset;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        // Line breaks as Calcite's character stream counts them: \n, \r\n, and a lone \r.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n'
                    || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private record Insertion(int offset, String snippet) {}
}
