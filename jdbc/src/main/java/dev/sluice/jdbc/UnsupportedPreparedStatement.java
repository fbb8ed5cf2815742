package dev.sluice.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.*;
import java.util.Calendar;

/**
 * Every method of {@link PreparedStatement}, each refusing with {@link
 * SQLFeatureNotSupportedException}. Generated from the interface (JDK 17); the driver's classes
 * override what Sluice supports.
 */
@SuppressWarnings({"unused", "deprecation"})
abstract class UnsupportedPreparedStatement extends SluiceStatement implements PreparedStatement {

    @Override
    public ResultSet executeQuery() throws SQLException {
        throw Unsupported.method("executeQuery");
    }

    @Override
    public int executeUpdate() throws SQLException {
        throw Unsupported.method("executeUpdate");
    }

    @Override
    public void setNull(int a0, int a1) throws SQLException {
        throw Unsupported.method("setNull");
    }

    @Override
    public void setBoolean(int a0, boolean a1) throws SQLException {
        throw Unsupported.method("setBoolean");
    }

    @Override
    public void setByte(int a0, byte a1) throws SQLException {
        throw Unsupported.method("setByte");
    }

    @Override
    public void setShort(int a0, short a1) throws SQLException {
        throw Unsupported.method("setShort");
    }

    @Override
    public void setInt(int a0, int a1) throws SQLException {
        throw Unsupported.method("setInt");
    }

    @Override
    public void setLong(int a0, long a1) throws SQLException {
        throw Unsupported.method("setLong");
    }

    @Override
    public void setFloat(int a0, float a1) throws SQLException {
        throw Unsupported.method("setFloat");
    }

    @Override
    public void setDouble(int a0, double a1) throws SQLException {
        throw Unsupported.method("setDouble");
    }

    @Override
    public void setBigDecimal(int a0, BigDecimal a1) throws SQLException {
        throw Unsupported.method("setBigDecimal");
    }

    @Override
    public void setString(int a0, String a1) throws SQLException {
        throw Unsupported.method("setString");
    }

    @Override
    public void setBytes(int a0, byte[] a1) throws SQLException {
        throw Unsupported.method("setBytes");
    }

    @Override
    public void setDate(int a0, Date a1) throws SQLException {
        throw Unsupported.method("setDate");
    }

    @Override
    public void setTime(int a0, Time a1) throws SQLException {
        throw Unsupported.method("setTime");
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1) throws SQLException {
        throw Unsupported.method("setTimestamp");
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
        throw Unsupported.method("setAsciiStream");
    }

    @Override
    public void setUnicodeStream(int a0, InputStream a1, int a2) throws SQLException {
        throw Unsupported.method("setUnicodeStream");
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
        throw Unsupported.method("setBinaryStream");
    }

    @Override
    public void clearParameters() throws SQLException {
        throw Unsupported.method("clearParameters");
    }

    @Override
    public void setObject(int a0, Object a1, int a2) throws SQLException {
        throw Unsupported.method("setObject");
    }

    @Override
    public void setObject(int a0, Object a1) throws SQLException {
        throw Unsupported.method("setObject");
    }

    @Override
    public boolean execute() throws SQLException {
        throw Unsupported.method("execute");
    }

    @Override
    public void addBatch() throws SQLException {
        throw Unsupported.method("addBatch");
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, int a2) throws SQLException {
        throw Unsupported.method("setCharacterStream");
    }

    @Override
    public void setRef(int a0, Ref a1) throws SQLException {
        throw Unsupported.method("setRef");
    }

    @Override
    public void setBlob(int a0, Blob a1) throws SQLException {
        throw Unsupported.method("setBlob");
    }

    @Override
    public void setClob(int a0, Clob a1) throws SQLException {
        throw Unsupported.method("setClob");
    }

    @Override
    public void setArray(int a0, Array a1) throws SQLException {
        throw Unsupported.method("setArray");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        throw Unsupported.method("getMetaData");
    }

    @Override
    public void setDate(int a0, Date a1, Calendar a2) throws SQLException {
        throw Unsupported.method("setDate");
    }

    @Override
    public void setTime(int a0, Time a1, Calendar a2) throws SQLException {
        throw Unsupported.method("setTime");
    }

    @Override
    public void setTimestamp(int a0, Timestamp a1, Calendar a2) throws SQLException {
        throw Unsupported.method("setTimestamp");
    }

    @Override
    public void setNull(int a0, int a1, String a2) throws SQLException {
        throw Unsupported.method("setNull");
    }

    @Override
    public void setURL(int a0, URL a1) throws SQLException {
        throw Unsupported.method("setURL");
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw Unsupported.method("getParameterMetaData");
    }

    @Override
    public void setRowId(int a0, RowId a1) throws SQLException {
        throw Unsupported.method("setRowId");
    }

    @Override
    public void setNString(int a0, String a1) throws SQLException {
        throw Unsupported.method("setNString");
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("setNCharacterStream");
    }

    @Override
    public void setNClob(int a0, NClob a1) throws SQLException {
        throw Unsupported.method("setNClob");
    }

    @Override
    public void setClob(int a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("setClob");
    }

    @Override
    public void setBlob(int a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("setBlob");
    }

    @Override
    public void setNClob(int a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("setNClob");
    }

    @Override
    public void setSQLXML(int a0, SQLXML a1) throws SQLException {
        throw Unsupported.method("setSQLXML");
    }

    @Override
    public void setObject(int a0, Object a1, int a2, int a3) throws SQLException {
        throw Unsupported.method("setObject");
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("setAsciiStream");
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("setBinaryStream");
    }

    @Override
    public void setCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("setCharacterStream");
    }

    @Override
    public void setAsciiStream(int a0, InputStream a1) throws SQLException {
        throw Unsupported.method("setAsciiStream");
    }

    @Override
    public void setBinaryStream(int a0, InputStream a1) throws SQLException {
        throw Unsupported.method("setBinaryStream");
    }

    @Override
    public void setCharacterStream(int a0, Reader a1) throws SQLException {
        throw Unsupported.method("setCharacterStream");
    }

    @Override
    public void setNCharacterStream(int a0, Reader a1) throws SQLException {
        throw Unsupported.method("setNCharacterStream");
    }

    @Override
    public void setClob(int a0, Reader a1) throws SQLException {
        throw Unsupported.method("setClob");
    }

    @Override
    public void setBlob(int a0, InputStream a1) throws SQLException {
        throw Unsupported.method("setBlob");
    }

    @Override
    public void setNClob(int a0, Reader a1) throws SQLException {
        throw Unsupported.method("setNClob");
    }

    UnsupportedPreparedStatement(SluiceConnection connection) {
        super(connection);
    }
}
