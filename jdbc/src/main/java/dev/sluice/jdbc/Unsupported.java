package dev.sluice.jdbc;

import java.sql.SQLFeatureNotSupportedException;

final class Unsupported {

    private Unsupported() {}

    static SQLFeatureNotSupportedException method(String name) {
        return new SQLFeatureNotSupportedException(
                name + " is not supported by the Sluice JDBC driver (the README lists what is)",
                "0A000");
    }
}
