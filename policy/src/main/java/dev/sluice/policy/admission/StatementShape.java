package dev.sluice.policy.admission;

/**
 * A cheap look at a statement's text before it is parsed: how deeply its parentheses nest and how
 * many operators it chains. Calcite's recursive descent takes time superlinear in both (a 256 KiB
 * chain of {@code + 1} took 10 to 25 s to fail with a stack overflow, on any thread), so a
 * statement beyond sane bounds is refused before the parser sees it.
 *
 * @param depth the deepest nesting of parentheses outside literals and comments
 * @param operators the arithmetic, comparison and logical operators outside literals and comments
 */
record StatementShape(int depth, int operators) {

    static StatementShape of(String text) {
        int depth = 0;
        int deepest = 0;
        int operators = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = afterQuoted(text, i, c);
                continue;
            }
            if (text.startsWith("--", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            if (c == '(') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if ("+-*/%=<>|".indexOf(c) >= 0) {
                operators++;
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < n && Character.isLetterOrDigit(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                if (word.equalsIgnoreCase("AND") || word.equalsIgnoreCase("OR")) {
                    operators++;
                }
                i = end;
                continue;
            }
            i++;
        }
        return new StatementShape(deepest, operators);
    }

    private static int afterQuoted(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }
}
