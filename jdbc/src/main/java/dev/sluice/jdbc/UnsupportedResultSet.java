package dev.sluice.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.*;
import java.util.Calendar;
import java.util.Map;

/**
 * Every method of {@link ResultSet}, each refusing with {@link SQLFeatureNotSupportedException}.
 * Generated from the interface (JDK 17); the driver's classes override what Sluice supports.
 */
@SuppressWarnings({"unused", "deprecation"})
abstract class UnsupportedResultSet implements ResultSet {

    @Override
    public boolean next() throws SQLException {
        throw Unsupported.method("next");
    }

    @Override
    public void close() throws SQLException {
        throw Unsupported.method("close");
    }

    @Override
    public boolean wasNull() throws SQLException {
        throw Unsupported.method("wasNull");
    }

    @Override
    public String getString(int a0) throws SQLException {
        throw Unsupported.method("getString");
    }

    @Override
    public boolean getBoolean(int a0) throws SQLException {
        throw Unsupported.method("getBoolean");
    }

    @Override
    public byte getByte(int a0) throws SQLException {
        throw Unsupported.method("getByte");
    }

    @Override
    public short getShort(int a0) throws SQLException {
        throw Unsupported.method("getShort");
    }

    @Override
    public int getInt(int a0) throws SQLException {
        throw Unsupported.method("getInt");
    }

    @Override
    public long getLong(int a0) throws SQLException {
        throw Unsupported.method("getLong");
    }

    @Override
    public float getFloat(int a0) throws SQLException {
        throw Unsupported.method("getFloat");
    }

    @Override
    public double getDouble(int a0) throws SQLException {
        throw Unsupported.method("getDouble");
    }

    @Override
    public BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
        throw Unsupported.method("getBigDecimal");
    }

    @Override
    public byte[] getBytes(int a0) throws SQLException {
        throw Unsupported.method("getBytes");
    }

    @Override
    public Date getDate(int a0) throws SQLException {
        throw Unsupported.method("getDate");
    }

    @Override
    public Time getTime(int a0) throws SQLException {
        throw Unsupported.method("getTime");
    }

    @Override
    public Timestamp getTimestamp(int a0) throws SQLException {
        throw Unsupported.method("getTimestamp");
    }

    @Override
    public InputStream getAsciiStream(int a0) throws SQLException {
        throw Unsupported.method("getAsciiStream");
    }

    @Override
    public InputStream getUnicodeStream(int a0) throws SQLException {
        throw Unsupported.method("getUnicodeStream");
    }

    @Override
    public InputStream getBinaryStream(int a0) throws SQLException {
        throw Unsupported.method("getBinaryStream");
    }

    @Override
    public String getString(String a0) throws SQLException {
        throw Unsupported.method("getString");
    }

    @Override
    public boolean getBoolean(String a0) throws SQLException {
        throw Unsupported.method("getBoolean");
    }

    @Override
    public byte getByte(String a0) throws SQLException {
        throw Unsupported.method("getByte");
    }

    @Override
    public short getShort(String a0) throws SQLException {
        throw Unsupported.method("getShort");
    }

    @Override
    public int getInt(String a0) throws SQLException {
        throw Unsupported.method("getInt");
    }

    @Override
    public long getLong(String a0) throws SQLException {
        throw Unsupported.method("getLong");
    }

    @Override
    public float getFloat(String a0) throws SQLException {
        throw Unsupported.method("getFloat");
    }

    @Override
    public double getDouble(String a0) throws SQLException {
        throw Unsupported.method("getDouble");
    }

    @Override
    public BigDecimal getBigDecimal(String a0, int a1) throws SQLException {
        throw Unsupported.method("getBigDecimal");
    }

    @Override
    public byte[] getBytes(String a0) throws SQLException {
        throw Unsupported.method("getBytes");
    }

    @Override
    public Date getDate(String a0) throws SQLException {
        throw Unsupported.method("getDate");
    }

    @Override
    public Time getTime(String a0) throws SQLException {
        throw Unsupported.method("getTime");
    }

    @Override
    public Timestamp getTimestamp(String a0) throws SQLException {
        throw Unsupported.method("getTimestamp");
    }

    @Override
    public InputStream getAsciiStream(String a0) throws SQLException {
        throw Unsupported.method("getAsciiStream");
    }

    @Override
    public InputStream getUnicodeStream(String a0) throws SQLException {
        throw Unsupported.method("getUnicodeStream");
    }

    @Override
    public InputStream getBinaryStream(String a0) throws SQLException {
        throw Unsupported.method("getBinaryStream");
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        throw Unsupported.method("getWarnings");
    }

    @Override
    public void clearWarnings() throws SQLException {
        throw Unsupported.method("clearWarnings");
    }

    @Override
    public String getCursorName() throws SQLException {
        throw Unsupported.method("getCursorName");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        throw Unsupported.method("getMetaData");
    }

    @Override
    public Object getObject(int a0) throws SQLException {
        throw Unsupported.method("getObject");
    }

    @Override
    public Object getObject(String a0) throws SQLException {
        throw Unsupported.method("getObject");
    }

    @Override
    public int findColumn(String a0) throws SQLException {
        throw Unsupported.method("findColumn");
    }

    @Override
    public Reader getCharacterStream(int a0) throws SQLException {
        throw Unsupported.method("getCharacterStream");
    }

    @Override
    public Reader getCharacterStream(String a0) throws SQLException {
        throw Unsupported.method("getCharacterStream");
    }

    @Override
    public BigDecimal getBigDecimal(int a0) throws SQLException {
        throw Unsupported.method("getBigDecimal");
    }

    @Override
    public BigDecimal getBigDecimal(String a0) throws SQLException {
        throw Unsupported.method("getBigDecimal");
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        throw Unsupported.method("isBeforeFirst");
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        throw Unsupported.method("isAfterLast");
    }

    @Override
    public boolean isFirst() throws SQLException {
        throw Unsupported.method("isFirst");
    }

    @Override
    public boolean isLast() throws SQLException {
        throw Unsupported.method("isLast");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw Unsupported.method("beforeFirst");
    }

    @Override
    public void afterLast() throws SQLException {
        throw Unsupported.method("afterLast");
    }

    @Override
    public boolean first() throws SQLException {
        throw Unsupported.method("first");
    }

    @Override
    public boolean last() throws SQLException {
        throw Unsupported.method("last");
    }

    @Override
    public int getRow() throws SQLException {
        throw Unsupported.method("getRow");
    }

    @Override
    public boolean absolute(int a0) throws SQLException {
        throw Unsupported.method("absolute");
    }

    @Override
    public boolean relative(int a0) throws SQLException {
        throw Unsupported.method("relative");
    }

    @Override
    public boolean previous() throws SQLException {
        throw Unsupported.method("previous");
    }

    @Override
    public void setFetchDirection(int a0) throws SQLException {
        throw Unsupported.method("setFetchDirection");
    }

    @Override
    public int getFetchDirection() throws SQLException {
        throw Unsupported.method("getFetchDirection");
    }

    @Override
    public void setFetchSize(int a0) throws SQLException {
        throw Unsupported.method("setFetchSize");
    }

    @Override
    public int getFetchSize() throws SQLException {
        throw Unsupported.method("getFetchSize");
    }

    @Override
    public int getType() throws SQLException {
        throw Unsupported.method("getType");
    }

    @Override
    public int getConcurrency() throws SQLException {
        throw Unsupported.method("getConcurrency");
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        throw Unsupported.method("rowUpdated");
    }

    @Override
    public boolean rowInserted() throws SQLException {
        throw Unsupported.method("rowInserted");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        throw Unsupported.method("rowDeleted");
    }

    @Override
    public void updateNull(int a0) throws SQLException {
        throw Unsupported.method("updateNull");
    }

    @Override
    public void updateBoolean(int a0, boolean a1) throws SQLException {
        throw Unsupported.method("updateBoolean");
    }

    @Override
    public void updateByte(int a0, byte a1) throws SQLException {
        throw Unsupported.method("updateByte");
    }

    @Override
    public void updateShort(int a0, short a1) throws SQLException {
        throw Unsupported.method("updateShort");
    }

    @Override
    public void updateInt(int a0, int a1) throws SQLException {
        throw Unsupported.method("updateInt");
    }

    @Override
    public void updateLong(int a0, long a1) throws SQLException {
        throw Unsupported.method("updateLong");
    }

    @Override
    public void updateFloat(int a0, float a1) throws SQLException {
        throw Unsupported.method("updateFloat");
    }

    @Override
    public void updateDouble(int a0, double a1) throws SQLException {
        throw Unsupported.method("updateDouble");
    }

    @Override
    public void updateBigDecimal(int a0, BigDecimal a1) throws SQLException {
        throw Unsupported.method("updateBigDecimal");
    }

    @Override
    public void updateString(int a0, String a1) throws SQLException {
        throw Unsupported.method("updateString");
    }

    @Override
    public void updateBytes(int a0, byte[] a1) throws SQLException {
        throw Unsupported.method("updateBytes");
    }

    @Override
    public void updateDate(int a0, Date a1) throws SQLException {
        throw Unsupported.method("updateDate");
    }

    @Override
    public void updateTime(int a0, Time a1) throws SQLException {
        throw Unsupported.method("updateTime");
    }

    @Override
    public void updateTimestamp(int a0, Timestamp a1) throws SQLException {
        throw Unsupported.method("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1, int a2) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1, int a2) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1, int a2) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateObject(int a0, Object a1, int a2) throws SQLException {
        throw Unsupported.method("updateObject");
    }

    @Override
    public void updateObject(int a0, Object a1) throws SQLException {
        throw Unsupported.method("updateObject");
    }

    @Override
    public void updateNull(String a0) throws SQLException {
        throw Unsupported.method("updateNull");
    }

    @Override
    public void updateBoolean(String a0, boolean a1) throws SQLException {
        throw Unsupported.method("updateBoolean");
    }

    @Override
    public void updateByte(String a0, byte a1) throws SQLException {
        throw Unsupported.method("updateByte");
    }

    @Override
    public void updateShort(String a0, short a1) throws SQLException {
        throw Unsupported.method("updateShort");
    }

    @Override
    public void updateInt(String a0, int a1) throws SQLException {
        throw Unsupported.method("updateInt");
    }

    @Override
    public void updateLong(String a0, long a1) throws SQLException {
        throw Unsupported.method("updateLong");
    }

    @Override
    public void updateFloat(String a0, float a1) throws SQLException {
        throw Unsupported.method("updateFloat");
    }

    @Override
    public void updateDouble(String a0, double a1) throws SQLException {
        throw Unsupported.method("updateDouble");
    }

    @Override
    public void updateBigDecimal(String a0, BigDecimal a1) throws SQLException {
        throw Unsupported.method("updateBigDecimal");
    }

    @Override
    public void updateString(String a0, String a1) throws SQLException {
        throw Unsupported.method("updateString");
    }

    @Override
    public void updateBytes(String a0, byte[] a1) throws SQLException {
        throw Unsupported.method("updateBytes");
    }

    @Override
    public void updateDate(String a0, Date a1) throws SQLException {
        throw Unsupported.method("updateDate");
    }

    @Override
    public void updateTime(String a0, Time a1) throws SQLException {
        throw Unsupported.method("updateTime");
    }

    @Override
    public void updateTimestamp(String a0, Timestamp a1) throws SQLException {
        throw Unsupported.method("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1, int a2) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1, int a2) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1, int a2) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateObject(String a0, Object a1, int a2) throws SQLException {
        throw Unsupported.method("updateObject");
    }

    @Override
    public void updateObject(String a0, Object a1) throws SQLException {
        throw Unsupported.method("updateObject");
    }

    @Override
    public void insertRow() throws SQLException {
        throw Unsupported.method("insertRow");
    }

    @Override
    public void updateRow() throws SQLException {
        throw Unsupported.method("updateRow");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw Unsupported.method("deleteRow");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw Unsupported.method("refreshRow");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw Unsupported.method("cancelRowUpdates");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw Unsupported.method("moveToInsertRow");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw Unsupported.method("moveToCurrentRow");
    }

    @Override
    public Statement getStatement() throws SQLException {
        throw Unsupported.method("getStatement");
    }

    @Override
    public Object getObject(int a0, Map<String, Class<?>> a1) throws SQLException {
        throw Unsupported.method("getObject");
    }

    @Override
    public Ref getRef(int a0) throws SQLException {
        throw Unsupported.method("getRef");
    }

    @Override
    public Blob getBlob(int a0) throws SQLException {
        throw Unsupported.method("getBlob");
    }

    @Override
    public Clob getClob(int a0) throws SQLException {
        throw Unsupported.method("getClob");
    }

    @Override
    public Array getArray(int a0) throws SQLException {
        throw Unsupported.method("getArray");
    }

    @Override
    public Object getObject(String a0, Map<String, Class<?>> a1) throws SQLException {
        throw Unsupported.method("getObject");
    }

    @Override
    public Ref getRef(String a0) throws SQLException {
        throw Unsupported.method("getRef");
    }

    @Override
    public Blob getBlob(String a0) throws SQLException {
        throw Unsupported.method("getBlob");
    }

    @Override
    public Clob getClob(String a0) throws SQLException {
        throw Unsupported.method("getClob");
    }

    @Override
    public Array getArray(String a0) throws SQLException {
        throw Unsupported.method("getArray");
    }

    @Override
    public Date getDate(int a0, Calendar a1) throws SQLException {
        throw Unsupported.method("getDate");
    }

    @Override
    public Date getDate(String a0, Calendar a1) throws SQLException {
        throw Unsupported.method("getDate");
    }

    @Override
    public Time getTime(int a0, Calendar a1) throws SQLException {
        throw Unsupported.method("getTime");
    }

    @Override
    public Time getTime(String a0, Calendar a1) throws SQLException {
        throw Unsupported.method("getTime");
    }

    @Override
    public Timestamp getTimestamp(int a0, Calendar a1) throws SQLException {
        throw Unsupported.method("getTimestamp");
    }

    @Override
    public Timestamp getTimestamp(String a0, Calendar a1) throws SQLException {
        throw Unsupported.method("getTimestamp");
    }

    @Override
    public URL getURL(int a0) throws SQLException {
        throw Unsupported.method("getURL");
    }

    @Override
    public URL getURL(String a0) throws SQLException {
        throw Unsupported.method("getURL");
    }

    @Override
    public void updateRef(int a0, Ref a1) throws SQLException {
        throw Unsupported.method("updateRef");
    }

    @Override
    public void updateRef(String a0, Ref a1) throws SQLException {
        throw Unsupported.method("updateRef");
    }

    @Override
    public void updateBlob(int a0, Blob a1) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateBlob(String a0, Blob a1) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateClob(int a0, Clob a1) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateClob(String a0, Clob a1) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateArray(int a0, Array a1) throws SQLException {
        throw Unsupported.method("updateArray");
    }

    @Override
    public void updateArray(String a0, Array a1) throws SQLException {
        throw Unsupported.method("updateArray");
    }

    @Override
    public RowId getRowId(int a0) throws SQLException {
        throw Unsupported.method("getRowId");
    }

    @Override
    public RowId getRowId(String a0) throws SQLException {
        throw Unsupported.method("getRowId");
    }

    @Override
    public void updateRowId(int a0, RowId a1) throws SQLException {
        throw Unsupported.method("updateRowId");
    }

    @Override
    public void updateRowId(String a0, RowId a1) throws SQLException {
        throw Unsupported.method("updateRowId");
    }

    @Override
    public int getHoldability() throws SQLException {
        throw Unsupported.method("getHoldability");
    }

    @Override
    public boolean isClosed() throws SQLException {
        throw Unsupported.method("isClosed");
    }

    @Override
    public void updateNString(int a0, String a1) throws SQLException {
        throw Unsupported.method("updateNString");
    }

    @Override
    public void updateNString(String a0, String a1) throws SQLException {
        throw Unsupported.method("updateNString");
    }

    @Override
    public void updateNClob(int a0, NClob a1) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateNClob(String a0, NClob a1) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public NClob getNClob(int a0) throws SQLException {
        throw Unsupported.method("getNClob");
    }

    @Override
    public NClob getNClob(String a0) throws SQLException {
        throw Unsupported.method("getNClob");
    }

    @Override
    public SQLXML getSQLXML(int a0) throws SQLException {
        throw Unsupported.method("getSQLXML");
    }

    @Override
    public SQLXML getSQLXML(String a0) throws SQLException {
        throw Unsupported.method("getSQLXML");
    }

    @Override
    public void updateSQLXML(int a0, SQLXML a1) throws SQLException {
        throw Unsupported.method("updateSQLXML");
    }

    @Override
    public void updateSQLXML(String a0, SQLXML a1) throws SQLException {
        throw Unsupported.method("updateSQLXML");
    }

    @Override
    public String getNString(int a0) throws SQLException {
        throw Unsupported.method("getNString");
    }

    @Override
    public String getNString(String a0) throws SQLException {
        throw Unsupported.method("getNString");
    }

    @Override
    public Reader getNCharacterStream(int a0) throws SQLException {
        throw Unsupported.method("getNCharacterStream");
    }

    @Override
    public Reader getNCharacterStream(String a0) throws SQLException {
        throw Unsupported.method("getNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateBlob(int a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateBlob(String a0, InputStream a1, long a2) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateClob(int a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateClob(String a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateNClob(int a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateNClob(String a0, Reader a1, long a2) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateNCharacterStream(int a0, Reader a1) throws SQLException {
        throw Unsupported.method("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String a0, Reader a1) throws SQLException {
        throw Unsupported.method("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int a0, InputStream a1) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int a0, InputStream a1) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int a0, Reader a1) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String a0, InputStream a1) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String a0, InputStream a1) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String a0, Reader a1) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateBlob(int a0, InputStream a1) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateBlob(String a0, InputStream a1) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateClob(int a0, Reader a1) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateClob(String a0, Reader a1) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateNClob(int a0, Reader a1) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateNClob(String a0, Reader a1) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public <T> T getObject(int a0, Class<T> a1) throws SQLException {
        throw Unsupported.method("getObject");
    }

    @Override
    public <T> T getObject(String a0, Class<T> a1) throws SQLException {
        throw Unsupported.method("getObject");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
