package dev.sluice.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * {@code jdbc:sluice://host:port[?option=value&…]}: a JDBC 4.2 driver for Sluice's gateway (and any
 * Flink SQL Gateway), speaking its REST API. Options (in the URL or the connection's properties):
 * {@code user}, {@code password} or {@code token} (sent as a bearer token, never shown), {@code
 * catalog}, {@code schema}, {@code changelog=true} (a leading {@code op} column with each row's
 * kind), {@code timeout} (seconds per request, default 30), {@code ssl=true} (https).
 */
public final class SluiceDriver implements Driver {

    static final String PREFIX = "jdbc:sluice://";
    static final int MAJOR = 0;
    static final int MINOR = 1;

    static {
        try {
            DriverManager.registerDriver(new SluiceDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        return new SluiceConnection(DriverUrl.parse(url, info == null ? new Properties() : info));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[] {
            property("user", "Who connects (for the gateway's logs)."),
            property("password", "The gateway's token (SLUICE_GATEWAY_TOKEN), if it needs one."),
            property("token", "The same as password."),
            property("catalog", "The catalog to use (USE CATALOG)."),
            property("schema", "The database to use (USE)."),
            property(
                    "changelog",
                    "true: a leading op column with each row's kind (+I, -U, +U, -D)."),
            property("timeout", "Seconds to wait for each request to the gateway. Default: 30."),
            property("ssl", "true: https.")
        };
    }

    private static DriverPropertyInfo property(String name, String description) {
        DriverPropertyInfo info = new DriverPropertyInfo(name, null);
        info.description = description;
        return info;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return MINOR;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the Sluice driver does not log through JUL");
    }
}
