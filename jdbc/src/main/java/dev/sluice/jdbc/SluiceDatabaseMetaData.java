package dev.sluice.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What database tools ask on connect and when they expand a tree, answered with the gateway's own
 * statements: {@code SHOW CATALOGS}, {@code SHOW DATABASES IN}, {@code SHOW TABLES}/{@code VIEWS
 * IN}, {@code DESCRIBE}, {@code SHOW [USER] FUNCTIONS IN}. Catalogs are JDBC catalogs, databases
 * JDBC schemas; the {@code kafka} catalog's topics are tables like any other. Name patterns are
 * JDBC's ({@code %}, {@code _}, {@code \} escapes).
 */
final class SluiceDatabaseMetaData extends UnsupportedDatabaseMetaData {

    private final SluiceConnection connection;

    SluiceDatabaseMetaData(SluiceConnection connection) {
        this.connection = connection;
    }

    private static Column text(String name) {
        return new Column(name, SqlType.STRING);
    }

    private static Column integer(String name) {
        return new Column(name, SqlType.of("INT", true));
    }

    private static Column small(String name) {
        return new Column(name, SqlType.of("SMALLINT", true));
    }

    private List<Object[]> rows(String sql) throws SQLException {
        return SluiceStatement.rows(connection, sql);
    }

    private List<String> catalogs(String catalog) throws SQLException {
        List<String> names = new ArrayList<>();
        for (Object[] row : rows("SHOW CATALOGS")) {
            String name = (String) row[0];
            if (catalog == null || catalog.equals(name)) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private List<String[]> schemas(String catalog, String schemaPattern) throws SQLException {
        List<String[]> found = new ArrayList<>();
        for (String c : catalogs(catalog)) {
            for (Object[] row : rows("SHOW DATABASES IN " + Sql.identifier(c))) {
                String db = (String) row[0];
                if (matches(schemaPattern, db)) {
                    found.add(new String[] {c, db});
                }
            }
        }
        return found;
    }

    /** The tables and views of the schemas, each as {catalog, database, name, TABLE|VIEW}. */
    private List<String[]> tables(String catalog, String schemaPattern, String tablePattern)
            throws SQLException {
        List<String[]> found = new ArrayList<>();
        for (String[] schema : schemas(catalog, schemaPattern)) {
            String in = Sql.identifier(schema[0]) + "." + Sql.identifier(schema[1]);
            Set<String> views = new LinkedHashSet<>();
            for (Object[] row : rows("SHOW VIEWS IN " + in)) {
                views.add((String) row[0]);
            }
            Set<String> names = new LinkedHashSet<>();
            for (Object[] row : rows("SHOW TABLES IN " + in)) {
                names.add((String) row[0]);
            }
            names.addAll(views);
            for (String name : names.stream().sorted().toList()) {
                if (matches(tablePattern, name)) {
                    found.add(
                            new String[] {
                                schema[0], schema[1], name, views.contains(name) ? "VIEW" : "TABLE"
                            });
                }
            }
        }
        return found;
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String c : catalogs(null)) {
            rows.add(new Object[] {c});
        }
        return new ListResultSet(List.of(text("TABLE_CAT")), rows);
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return getSchemas(null, null);
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String[] s : schemas(catalog, schemaPattern)) {
            rows.add(new Object[] {s[1], s[0]});
        }
        return new ListResultSet(List.of(text("TABLE_SCHEM"), text("TABLE_CATALOG")), rows);
    }

    @Override
    public ResultSet getTableTypes() {
        return new ListResultSet(
                List.of(text("TABLE_TYPE")),
                List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}));
    }

    @Override
    public ResultSet getTables(
            String catalog, String schemaPattern, String tablePattern, String[] types)
            throws SQLException {
        Set<String> wanted =
                types == null
                        ? Set.of("TABLE", "VIEW")
                        : Set.copyOf(
                                Arrays.stream(types).map(t -> t.toUpperCase(Locale.ROOT)).toList());
        List<Object[]> rows = new ArrayList<>();
        List<String[]> found = new ArrayList<>(tables(catalog, schemaPattern, tablePattern));
        // JDBC's order: type, catalog, schema, name.
        found.sort(
                java.util.Comparator.comparing((String[] t) -> t[3])
                        .thenComparing(t -> t[0])
                        .thenComparing(t -> t[1])
                        .thenComparing(t -> t[2]));
        for (String[] t : found) {
            if (wanted.contains(t[3])) {
                rows.add(new Object[] {t[0], t[1], t[2], t[3], "", null, null, null, null, null});
            }
        }
        return new ListResultSet(
                List.of(
                        text("TABLE_CAT"),
                        text("TABLE_SCHEM"),
                        text("TABLE_NAME"),
                        text("TABLE_TYPE"),
                        text("REMARKS"),
                        text("TYPE_CAT"),
                        text("TYPE_SCHEM"),
                        text("TYPE_NAME"),
                        text("SELF_REFERENCING_COL_NAME"),
                        text("REF_GENERATION")),
                rows);
    }

    /** A column as {@code DESCRIBE} shows it. */
    private record Described(
            String name, SqlType type, boolean nullable, String key, String comment) {}

    private List<Described> describe(String catalog, String schema, String table)
            throws SQLException {
        List<Described> columns = new ArrayList<>();
        String sql =
                "DESCRIBE "
                        + Sql.identifier(catalog)
                        + "."
                        + Sql.identifier(schema)
                        + "."
                        + Sql.identifier(table);
        try (SluiceStatement statement = new SluiceStatement(connection)) {
            if (!statement.execute(sql)) {
                return columns;
            }
            try (ResultSet rs = statement.getResultSet()) {
                int count = rs.getMetaData().getColumnCount();
                int comment = -1;
                for (int i = 1; i <= count; i++) {
                    if (rs.getMetaData().getColumnName(i).equalsIgnoreCase("comment")) {
                        comment = i;
                    }
                }
                while (rs.next()) {
                    boolean nullable = rs.getBoolean(3);
                    columns.add(
                            new Described(
                                    rs.getString(1),
                                    SqlType.of(rs.getString(2), nullable),
                                    nullable,
                                    rs.getString(4),
                                    comment > 0 ? rs.getString(comment) : null));
                }
            }
        }
        return columns;
    }

    @Override
    public ResultSet getColumns(
            String catalog, String schemaPattern, String tablePattern, String columnPattern)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String[] t : tables(catalog, schemaPattern, tablePattern)) {
            int position = 0;
            for (Described c : describe(t[0], t[1], t[2])) {
                position++;
                if (!matches(columnPattern, c.name())) {
                    continue;
                }
                SqlType type = c.type();
                rows.add(
                        new Object[] {
                            t[0],
                            t[1],
                            t[2],
                            c.name(),
                            type.jdbcType(),
                            type.name(),
                            type.precision(),
                            null,
                            type.jdbcType() == Types.DECIMAL || type.jdbcType() == Types.TIMESTAMP
                                    ? type.scale()
                                    : null,
                            10,
                            c.nullable()
                                    ? DatabaseMetaData.columnNullable
                                    : DatabaseMetaData.columnNoNulls,
                            c.comment() == null ? "" : c.comment(),
                            null,
                            null,
                            null,
                            type.jdbcType() == Types.VARCHAR || type.jdbcType() == Types.CHAR
                                    ? type.precision()
                                    : null,
                            position,
                            c.nullable() ? "YES" : "NO",
                            null,
                            null,
                            null,
                            null,
                            "NO",
                            "NO"
                        });
            }
        }
        return new ListResultSet(
                List.of(
                        text("TABLE_CAT"),
                        text("TABLE_SCHEM"),
                        text("TABLE_NAME"),
                        text("COLUMN_NAME"),
                        integer("DATA_TYPE"),
                        text("TYPE_NAME"),
                        integer("COLUMN_SIZE"),
                        integer("BUFFER_LENGTH"),
                        integer("DECIMAL_DIGITS"),
                        integer("NUM_PREC_RADIX"),
                        integer("NULLABLE"),
                        text("REMARKS"),
                        text("COLUMN_DEF"),
                        integer("SQL_DATA_TYPE"),
                        integer("SQL_DATETIME_SUB"),
                        integer("CHAR_OCTET_LENGTH"),
                        integer("ORDINAL_POSITION"),
                        text("IS_NULLABLE"),
                        text("SCOPE_CATALOG"),
                        text("SCOPE_SCHEMA"),
                        text("SCOPE_TABLE"),
                        small("SOURCE_DATA_TYPE"),
                        text("IS_AUTOINCREMENT"),
                        text("IS_GENERATEDCOLUMN")),
                rows);
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String[] t :
                tables(
                        catalog,
                        schema == null ? null : escape(schema),
                        table == null ? null : escape(table))) {
            List<String> key = new ArrayList<>();
            for (Described c : describe(t[0], t[1], t[2])) {
                // DESCRIBE shows PRI(b, a) on each key column: the key's own order.
                if (c.key() != null && c.key().startsWith("PRI(") && key.isEmpty()) {
                    for (String name : c.key().substring(4, c.key().length() - 1).split(",")) {
                        key.add(name.strip().replace("`", ""));
                    }
                } else if ("PRI".equals(c.key()) && !key.contains(c.name())) {
                    key.add(c.name());
                }
            }
            for (int i = 0; i < key.size(); i++) {
                rows.add(
                        new Object[] {t[0], t[1], t[2], key.get(i), (short) (i + 1), "PK_" + t[2]});
            }
        }
        return new ListResultSet(
                List.of(
                        text("TABLE_CAT"),
                        text("TABLE_SCHEM"),
                        text("TABLE_NAME"),
                        text("COLUMN_NAME"),
                        small("KEY_SEQ"),
                        text("PK_NAME")),
                rows);
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionPattern)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Set<String> user = new LinkedHashSet<>();
        for (String[] s : schemas(catalog, schemaPattern)) {
            for (Object[] row :
                    rows(
                            "SHOW USER FUNCTIONS IN "
                                    + Sql.identifier(s[0])
                                    + "."
                                    + Sql.identifier(s[1]))) {
                String name = (String) row[0];
                user.add(name);
                if (matchesIgnoringCase(functionPattern, name)) {
                    rows.add(
                            new Object[] {
                                s[0],
                                s[1],
                                name,
                                "",
                                (short) DatabaseMetaData.functionResultUnknown,
                                name
                            });
                }
            }
        }
        if (catalog == null || catalog.isEmpty()) {
            for (Object[] row : rows("SHOW FUNCTIONS")) {
                String name = (String) row[0];
                if (!user.contains(name) && matchesIgnoringCase(functionPattern, name)) {
                    rows.add(
                            new Object[] {
                                null,
                                null,
                                name,
                                "built-in",
                                (short) DatabaseMetaData.functionResultUnknown,
                                name
                            });
                }
            }
        }
        return new ListResultSet(
                List.of(
                        text("FUNCTION_CAT"),
                        text("FUNCTION_SCHEM"),
                        text("FUNCTION_NAME"),
                        text("REMARKS"),
                        small("FUNCTION_TYPE"),
                        text("SPECIFIC_NAME")),
                rows);
    }

    @Override
    public ResultSet getTypeInfo() {
        List<Object[]> rows = new ArrayList<>();
        String[][] types = {
            {"STRING", "'", "'"},
            {"CHAR", "'", "'"},
            {"VARCHAR", "'", "'"},
            {"BOOLEAN", null, null},
            {"BYTES", "X'", "'"},
            {"DECIMAL", null, null},
            {"TINYINT", null, null},
            {"SMALLINT", null, null},
            {"INT", null, null},
            {"BIGINT", null, null},
            {"FLOAT", null, null},
            {"DOUBLE", null, null},
            {"DATE", "DATE '", "'"},
            {"TIME", "TIME '", "'"},
            {"TIMESTAMP", "TIMESTAMP '", "'"},
            {"TIMESTAMP_LTZ", null, null},
            {"ARRAY", null, null},
            {"MAP", null, null},
            {"ROW", null, null}
        };
        for (String[] t : types) {
            SqlType type = SqlType.of(t[0], true);
            rows.add(
                    new Object[] {
                        t[0],
                        type.jdbcType(),
                        type.precision(),
                        t[1],
                        t[2],
                        t[0].equals("DECIMAL")
                                ? "precision,scale"
                                : t[0].matches("CHAR|VARCHAR|TIMESTAMP|TIME") ? "length" : null,
                        (short) DatabaseMetaData.typeNullable,
                        type.jdbcType() == Types.VARCHAR,
                        (short) DatabaseMetaData.typeSearchable,
                        false,
                        false,
                        false,
                        t[0],
                        (short) 0,
                        (short) (t[0].equals("DECIMAL") ? 38 : 0),
                        null,
                        null,
                        10
                    });
        }
        return new ListResultSet(
                List.of(
                        text("TYPE_NAME"),
                        integer("DATA_TYPE"),
                        integer("PRECISION"),
                        text("LITERAL_PREFIX"),
                        text("LITERAL_SUFFIX"),
                        text("CREATE_PARAMS"),
                        small("NULLABLE"),
                        new Column("CASE_SENSITIVE", SqlType.of("BOOLEAN", true)),
                        small("SEARCHABLE"),
                        new Column("UNSIGNED_ATTRIBUTE", SqlType.of("BOOLEAN", true)),
                        new Column("FIXED_PREC_SCALE", SqlType.of("BOOLEAN", true)),
                        new Column("AUTO_INCREMENT", SqlType.of("BOOLEAN", true)),
                        text("LOCAL_TYPE_NAME"),
                        small("MINIMUM_SCALE"),
                        small("MAXIMUM_SCALE"),
                        integer("SQL_DATA_TYPE"),
                        integer("SQL_DATETIME_SUB"),
                        integer("NUM_PREC_RADIX")),
                rows);
    }

    /**
     * A JDBC name pattern: {@code %} any run, {@code _} any one, {@code \} escapes; null is all.
     */
    static boolean matches(String pattern, String name) {
        if (pattern == null) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();
    }

    /** Function names are not case-sensitive in Flink SQL: neither are their patterns. */
    static boolean matchesIgnoringCase(String pattern, String name) {
        return pattern == null
                || matches(pattern.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
    }

    /** A plain name as a pattern that matches only it. */
    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public String getURL() {
        return SluiceDriver.PREFIX + connection.url().gateway().getAuthority();
    }

    @Override
    public String getUserName() {
        return connection.url().user().orElse("");
    }

    @Override
    public String getDatabaseProductName() {
        return "Sluice";
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        Map<String, Object> info = connection.gateway().info();
        return "Sluice on "
                + info.getOrDefault("productName", "Apache Flink")
                + " "
                + info.getOrDefault("version", "");
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return version(0);
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return version(1);
    }

    private int version(int part) throws SQLException {
        String[] parts =
                String.valueOf(connection.gateway().info().getOrDefault("version", "0.0"))
                        .split("\\.");
        try {
            return part < parts.length ? Integer.parseInt(parts[part].replaceAll("\\D.*", "")) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String getDriverName() {
        return "Sluice JDBC driver";
    }

    @Override
    public String getDriverVersion() {
        return SluiceDriver.MAJOR + "." + SluiceDriver.MINOR;
    }

    @Override
    public int getDriverMajorVersion() {
        return SluiceDriver.MAJOR;
    }

    @Override
    public int getDriverMinorVersion() {
        return SluiceDriver.MINOR;
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 2;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "`";
    }

    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    @Override
    public String getSchemaTerm() {
        return "database";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public boolean isCatalogAtStart() {
        return true;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return true;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return true;
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesMixedCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_NONE;
    }

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_NONE;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public int getSQLStateType() {
        return DatabaseMetaData.sqlStateSQL;
    }

    @Override
    public String getSQLKeywords() {
        return "CATALOG,DESCRIBE,HOP,TUMBLE,SESSION,CUMULATE,WATERMARK,DESCRIPTOR,SHOW,USE";
    }
}
