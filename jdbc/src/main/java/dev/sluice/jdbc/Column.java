package dev.sluice.jdbc;

/** A result column: its label and SQL type, and the comment the table gives it. */
record Column(String name, SqlType type, String comment) {
    Column(String name, SqlType type) {
        this(name, type, null);
    }
}
