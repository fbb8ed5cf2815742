package dev.sluice.server.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What makes two versions of a pipeline the same: its statements with comments dropped and
 * whitespace collapsed outside quotes. Reformatting a file or editing its comments changes nothing;
 * any other edit, including to a {@code SET}, is a new version.
 */
final class Fingerprint {

    private Fingerprint() {}

    static String of(List<String> statements) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        for (String statement : statements) {
            sha.update(normalize(statement).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ';');
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Comments out, whitespace runs to one space, quoted text untouched; hints kept. */
    static String normalize(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        boolean space = false;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
                space = true;
                continue;
            }
            if (c == '/' && sql.startsWith("/*", i) && !sql.startsWith("/*+", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                space = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
                continue;
            }
            if (space && !out.isEmpty()) {
                out.append(' ');
            }
            space = false;
            if (c == '\'' || c == '"' || c == '`') {
                int end = closing(sql, i, c);
                out.append(sql, i, end);
                i = end;
                continue;
            }
            out.append(c);
            i++;
        }
        String normalized = out.toString();
        return normalized.endsWith(";")
                ? normalized.substring(0, normalized.length() - 1).stripTrailing()
                : normalized;
    }

    /**
     * The index just past the quote that closes the one at {@code start}; doubled quotes escape.
     */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
