package io.github.distrace.autoconfigure.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

import org.jspecify.annotations.Nullable;

/**
 * A traced {@link PreparedStatement}: its executions and batches get query spans named
 * after the statement it was prepared with; everything else goes straight to the driver's
 * statement, in {@code java.sql.PreparedStatement}'s declaration order. When slow or
 * failed statements show their bind values or plans, the setters also keep a reference to
 * each value (primitives boxed only then).
 *
 * @author distrace
 */
class TracedPreparedStatement extends TracedStatement implements PreparedStatement {

	private final PreparedStatement prepared;

	private final String sql;

	private final @Nullable BindValues values;

	TracedPreparedStatement(PreparedStatement delegate, TracedConnection connection, String sql) {
		super(delegate, connection);
		this.prepared = delegate;
		this.sql = sql;
		this.values = connection.tracing().keepsBindValues() ? new BindValues() : null;
	}

	@Override
	final @Nullable BindValues bindValues() {
		return this.values;
	}

	private void bind(int parameterIndex, @Nullable Object value) {
		if (this.values != null) {
			this.values.set(parameterIndex, value);
		}
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		return queryForResult(this.sql, this.prepared::executeQuery);
	}

	@Override
	public int executeUpdate() throws SQLException {
		return query(this.sql, this.prepared::executeUpdate);
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		return query(this.sql, this.prepared::executeLargeUpdate);
	}

	@Override
	public boolean execute() throws SQLException {
		return executeForResult(this.sql, this.prepared::execute);
	}

	@Override
	public void addBatch() throws SQLException {
		this.prepared.addBatch();
		batched(this.sql);
	}

	// Everything below goes to the driver unchanged; the setters keep their value if
	// asked to.

	@Override
	public void setNull(int parameterIndex, int sqlType) throws SQLException {
		this.prepared.setNull(parameterIndex, sqlType);
		bind(parameterIndex, null);
	}

	@Override
	public void setBoolean(int parameterIndex, boolean x) throws SQLException {
		this.prepared.setBoolean(parameterIndex, x);
		if (this.values != null) {
			this.values.set(parameterIndex, x);
		}
	}

	@Override
	public void setByte(int parameterIndex, byte x) throws SQLException {
		this.prepared.setByte(parameterIndex, x);
		if (this.values != null) {
			this.values.set(parameterIndex, x);
		}
	}

	@Override
	public void setShort(int parameterIndex, short x) throws SQLException {
		this.prepared.setShort(parameterIndex, x);
		if (this.values != null) {
			this.values.set(parameterIndex, x);
		}
	}

	@Override
	public void setInt(int parameterIndex, int x) throws SQLException {
		this.prepared.setInt(parameterIndex, x);
		if (this.values != null) {
			this.values.set(parameterIndex, x);
		}
	}

	@Override
	public void setLong(int parameterIndex, long x) throws SQLException {
		this.prepared.setLong(parameterIndex, x);
		if (this.values != null) {
			this.values.set(parameterIndex, x);
		}
	}

	@Override
	public void setFloat(int parameterIndex, float x) throws SQLException {
		this.prepared.setFloat(parameterIndex, x);
		if (this.values != null) {
			this.values.set(parameterIndex, x);
		}
	}

	@Override
	public void setDouble(int parameterIndex, double x) throws SQLException {
		this.prepared.setDouble(parameterIndex, x);
		if (this.values != null) {
			this.values.set(parameterIndex, x);
		}
	}

	@Override
	public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
		this.prepared.setBigDecimal(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setString(int parameterIndex, String x) throws SQLException {
		this.prepared.setString(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setBytes(int parameterIndex, byte[] x) throws SQLException {
		this.prepared.setBytes(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setDate(int parameterIndex, Date x) throws SQLException {
		this.prepared.setDate(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setTime(int parameterIndex, Time x) throws SQLException {
		this.prepared.setTime(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
		this.prepared.setTimestamp(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
		this.prepared.setAsciiStream(parameterIndex, x, length);
		bind(parameterIndex, x);
	}

	@Override
	@Deprecated
	public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
		this.prepared.setUnicodeStream(parameterIndex, x, length);
		bind(parameterIndex, x);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
		this.prepared.setBinaryStream(parameterIndex, x, length);
		bind(parameterIndex, x);
	}

	@Override
	public void clearParameters() throws SQLException {
		this.prepared.clearParameters();
		if (this.values != null) {
			this.values.clear();
		}
	}

	@Override
	public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
		this.prepared.setObject(parameterIndex, x, targetSqlType);
		bind(parameterIndex, x);
	}

	@Override
	public void setObject(int parameterIndex, Object x) throws SQLException {
		this.prepared.setObject(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
		this.prepared.setCharacterStream(parameterIndex, reader, length);
		bind(parameterIndex, reader);
	}

	@Override
	public void setRef(int parameterIndex, Ref x) throws SQLException {
		this.prepared.setRef(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setBlob(int parameterIndex, Blob x) throws SQLException {
		this.prepared.setBlob(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setClob(int parameterIndex, Clob x) throws SQLException {
		this.prepared.setClob(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setArray(int parameterIndex, Array x) throws SQLException {
		this.prepared.setArray(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return this.prepared.getMetaData();
	}

	@Override
	public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
		this.prepared.setDate(parameterIndex, x, cal);
		bind(parameterIndex, x);
	}

	@Override
	public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
		this.prepared.setTime(parameterIndex, x, cal);
		bind(parameterIndex, x);
	}

	@Override
	public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
		this.prepared.setTimestamp(parameterIndex, x, cal);
		bind(parameterIndex, x);
	}

	@Override
	public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
		this.prepared.setNull(parameterIndex, sqlType, typeName);
		bind(parameterIndex, null);
	}

	@Override
	public void setURL(int parameterIndex, URL x) throws SQLException {
		this.prepared.setURL(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public ParameterMetaData getParameterMetaData() throws SQLException {
		return this.prepared.getParameterMetaData();
	}

	@Override
	public void setRowId(int parameterIndex, RowId x) throws SQLException {
		this.prepared.setRowId(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setNString(int parameterIndex, String value) throws SQLException {
		this.prepared.setNString(parameterIndex, value);
		bind(parameterIndex, value);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
		this.prepared.setNCharacterStream(parameterIndex, value, length);
		bind(parameterIndex, value);
	}

	@Override
	public void setNClob(int parameterIndex, NClob value) throws SQLException {
		this.prepared.setNClob(parameterIndex, value);
		bind(parameterIndex, value);
	}

	@Override
	public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
		this.prepared.setClob(parameterIndex, reader, length);
		bind(parameterIndex, reader);
	}

	@Override
	public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
		this.prepared.setBlob(parameterIndex, inputStream, length);
		bind(parameterIndex, inputStream);
	}

	@Override
	public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
		this.prepared.setNClob(parameterIndex, reader, length);
		bind(parameterIndex, reader);
	}

	@Override
	public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
		this.prepared.setSQLXML(parameterIndex, xmlObject);
		bind(parameterIndex, xmlObject);
	}

	@Override
	public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
		this.prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
		bind(parameterIndex, x);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
		this.prepared.setAsciiStream(parameterIndex, x, length);
		bind(parameterIndex, x);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
		this.prepared.setBinaryStream(parameterIndex, x, length);
		bind(parameterIndex, x);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
		this.prepared.setCharacterStream(parameterIndex, reader, length);
		bind(parameterIndex, reader);
	}

	@Override
	public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
		this.prepared.setAsciiStream(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
		this.prepared.setBinaryStream(parameterIndex, x);
		bind(parameterIndex, x);
	}

	@Override
	public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
		this.prepared.setCharacterStream(parameterIndex, reader);
		bind(parameterIndex, reader);
	}

	@Override
	public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
		this.prepared.setNCharacterStream(parameterIndex, value);
		bind(parameterIndex, value);
	}

	@Override
	public void setClob(int parameterIndex, Reader reader) throws SQLException {
		this.prepared.setClob(parameterIndex, reader);
		bind(parameterIndex, reader);
	}

	@Override
	public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
		this.prepared.setBlob(parameterIndex, inputStream);
		bind(parameterIndex, inputStream);
	}

	@Override
	public void setNClob(int parameterIndex, Reader reader) throws SQLException {
		this.prepared.setNClob(parameterIndex, reader);
		bind(parameterIndex, reader);
	}

	@Override
	public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
		this.prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
		bind(parameterIndex, x);
	}

	@Override
	public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
		this.prepared.setObject(parameterIndex, x, targetSqlType);
		bind(parameterIndex, x);
	}

}
