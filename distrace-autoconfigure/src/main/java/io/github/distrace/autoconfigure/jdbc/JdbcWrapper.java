package io.github.distrace.autoconfigure.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * Base of distrace's JDBC wrappers: the driver's object they delegate to. Asking a
 * wrapper to {@code unwrap} reaches the driver's own object, so that code that unwraps to
 * a driver-specific interface (such as {@code PGConnection}) keeps working.
 *
 * @param <D> the JDBC interface wrapped
 * @author distrace
 */
abstract class JdbcWrapper<D extends Wrapper> implements Wrapper {

	final D delegate;

	JdbcWrapper(D delegate) {
		this.delegate = delegate;
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return this.delegate.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return this.delegate.isWrapperFor(type);
	}

	@Override
	public String toString() {
		return "Traced[" + this.delegate + "]";
	}

}
