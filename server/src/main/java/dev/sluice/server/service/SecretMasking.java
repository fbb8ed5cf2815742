package dev.sluice.server.service;

import dev.sluice.catalog.store.SensitiveOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.gateway.api.results.ResultSet;
import org.apache.flink.table.gateway.api.results.ResultSetImpl;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

/**
 * Hides secret values in what metadata statements show ({@code SHOW CREATE TABLE}, {@code SHOW
 * CREATE CATALOG}, {@code DESCRIBE CATALOG EXTENDED}, {@code SET}): option values whose key names a
 * password, secret, token or JAAS configuration, and passwords inside URLs. Pipelines still get the
 * real values; only what a client reads back is masked.
 */
final class SecretMasking {

    static final String MASK = "******";

    /** {@code 'key' = 'value'} in DDL text, the value doubled-quote escaped. */
    private static final Pattern QUOTED_OPTION =
            Pattern.compile("('((?:[^']|'')*)'\\s*=\\s*)'(?:[^']|'')*'");

    private static final Pattern OPTION_KEY = Pattern.compile("[\\w.\\-:$]{1,200}");

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=\"?)[^&;'\"\\s]*");

    /** {@code key=value} inside {@code {...}}, as Flink prints hints and maps in plans. */
    private static final Pattern MAP_ENTRY = Pattern.compile("([\\w.\\-]+)=([^,}]*)");

    private SecretMasking() {}

    static boolean isSensitive(String key) {
        return SensitiveOptions.isSensitive(key);
    }

    /** A cell that is an option key naming a secret, as in a {@code SET} listing. */
    private static boolean isSensitiveKey(String cell) {
        return OPTION_KEY.matcher(cell).matches() && isSensitive(cell);
    }

    /** {@code text} with the values of sensitive options and URL passwords masked. */
    static String mask(String text) {
        String options =
                QUOTED_OPTION
                        .matcher(text)
                        .replaceAll(
                                m ->
                                        isSensitive(m.group(2))
                                                ? java.util.regex.Matcher.quoteReplacement(
                                                        m.group(1) + "'" + MASK + "'")
                                                : java.util.regex.Matcher.quoteReplacement(
                                                        m.group()));
        String entries =
                MAP_ENTRY
                        .matcher(options)
                        .replaceAll(
                                m ->
                                        java.util.regex.Matcher.quoteReplacement(
                                                isSensitive(m.group(1))
                                                        ? m.group(1) + "=" + MASK
                                                        : m.group()));
        return URL_PASSWORD.matcher(entries).replaceAll("$1" + MASK);
    }

    /**
     * The result with every string cell masked; a row whose cell names a sensitive key (a {@code
     * SET} listing, a catalog's description) has its other string cells replaced entirely.
     */
    static ResultSet mask(ResultSet result) {
        if (result.getResultType() != ResultSet.ResultType.PAYLOAD
                && result.getResultType() != ResultSet.ResultType.EOS) {
            return result;
        }
        ResolvedSchema schema = result.getResultSchema();
        List<LogicalType> types =
                schema.getColumnDataTypes().stream().map(t -> t.getLogicalType()).toList();
        List<RowData> rows = new ArrayList<>();
        for (RowData row : result.getData()) {
            rows.add(mask(row, types));
        }
        return new ResultSetImpl(
                result.getResultType(),
                result.getNextToken(),
                schema,
                rows,
                result instanceof ResultSetImpl impl ? impl.getConverter() : null,
                result.isQueryResult(),
                result.getJobID(),
                result.getResultKind());
    }

    private static RowData mask(RowData row, List<LogicalType> types) {
        GenericRowData masked = new GenericRowData(row.getRowKind(), row.getArity());
        boolean sensitiveRow = false;
        for (int i = 0; i < row.getArity(); i++) {
            if (isString(types, i)
                    && !row.isNullAt(i)
                    && isSensitiveKey(row.getString(i).toString())) {
                sensitiveRow = true;
            }
        }
        for (int i = 0; i < row.getArity(); i++) {
            if (!isString(types, i) || row.isNullAt(i)) {
                masked.setField(
                        i,
                        row.isNullAt(i)
                                ? null
                                : RowData.createFieldGetter(types.get(i), i).getFieldOrNull(row));
                continue;
            }
            String value = row.getString(i).toString();
            String shown = sensitiveRow && !isSensitiveKey(value) ? MASK : mask(value);
            masked.setField(i, StringData.fromString(shown));
        }
        return masked;
    }

    private static boolean isString(List<LogicalType> types, int i) {
        return i < types.size()
                && types.get(i)
                        .getTypeRoot()
                        .getFamilies()
                        .contains(LogicalTypeFamily.CHARACTER_STRING);
    }
}
