package dev.sluice.cli.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How {@code sluice test} reports its results: text for people, JUnit XML and JSON for tools. */
final class TestReports {

    private TestReports() {}

    static void text(PrintWriter out, List<TestResult> results, double seconds) {
        for (TestResult result : results) {
            out.printf(
                    Locale.ROOT,
                    "%s %s (%.1f s)%n",
                    result.passed() ? "PASS" : "FAIL",
                    result.name(),
                    result.seconds());
            result.failures().forEach(line -> out.println("  " + line));
            result.late().forEach(line -> out.println("  late: " + line));
            result.deadLetters().forEach(line -> out.println("  bad record: " + line));
            result.updated().forEach(file -> out.println("  updated " + file));
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.printf(
                Locale.ROOT,
                "%d test(s), %d passed, %d failed (%.1f s)%n",
                results.size(),
                results.size() - failed,
                failed,
                seconds);
    }

    static void junit(PrintWriter out, List<TestResult> results, double seconds) {
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.printf(
                Locale.ROOT,
                "<testsuite name=\"sluice test\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                results.size(),
                failed,
                seconds);
        for (TestResult result : results) {
            String pipeline = result.name().substring(0, result.name().indexOf('/'));
            String test = result.name().substring(result.name().indexOf('/') + 1);
            out.printf(
                    Locale.ROOT,
                    "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">%n",
                    xml(pipeline),
                    xml(test),
                    result.seconds());
            if (!result.passed()) {
                out.printf(
                        "    <failure message=\"%s\">%s</failure>%n",
                        xml(result.failures().get(0)), xml(String.join("\n", result.failures())));
            }
            List<String> notes =
                    java.util.stream.Stream.concat(
                                    result.late().stream().map(l -> "late: " + l),
                                    result.deadLetters().stream().map(d -> "bad record: " + d))
                            .toList();
            if (!notes.isEmpty()) {
                out.printf("    <system-out>%s</system-out>%n", xml(String.join("\n", notes)));
            }
            out.println("  </testcase>");
        }
        out.println("</testsuite>");
    }

    static void json(PrintWriter out, List<TestResult> results) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (TestResult result : results) {
            ObjectNode node = array.addObject();
            node.put("test", result.name());
            node.put("passed", result.passed());
            node.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
            result.failures().forEach(node.putArray("failures")::add);
            result.late().forEach(node.putArray("late")::add);
            result.deadLetters().forEach(node.putArray("badRecords")::add);
            result.updated().forEach(node.putArray("updated")::add);
        }
        out.println(array.toPrettyString());
    }

    private static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        escaped.append(' ');
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
