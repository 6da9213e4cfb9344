package io.github.distrace.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database error messages as drivers and Spring write them, without their values.
 */
class ErrorMessageSanitizerTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					PostgreSQL unique key | ERROR: duplicate key value violates unique constraint "users_account_id_email_key"\\n  Detail: Key (account_id, email)=(918273645, ada@example.org) already exists. | ERROR: duplicate key value violates unique constraint ?\\n  Detail: Key (account_id, email)=(?) already exists.
					PostgreSQL not null | ERROR: null value in column "email" of relation "users" violates not-null constraint\\n  Detail: Failing row contains (7, null, ada@example.org). | ERROR: null value in column ? of relation ? violates not-null constraint\\n  Detail: Failing row contains (?).
					PostgreSQL bad input | ERROR: invalid input syntax for type integer: "ninety" | ERROR: invalid input syntax for type integer: ?
					H2 unique key | Unique index or primary key violation: "PUBLIC.CONSTRAINT_7 ON PUBLIC.USERS(EMAIL NULLS FIRST) VALUES ( /* key:1 */ 918273645, 'ada@example.org')"; SQL statement:\\nINSERT INTO users (account_id, email) VALUES (?, ?) [23505-232] | Unique index or primary key violation: ?; SQL statement:\\nINSERT INTO users (account_id, email) VALUES (?, ?) [?-?]
					MariaDB unique key | (conn=10) Duplicate entry '918273645-ada@example.org' for key 'account_id' | (conn=?) Duplicate entry ? for key ?
					SQL Server unique key | Violation of UNIQUE KEY constraint 'UQ_users_email'. The duplicate key value is (ada@example.org). | Violation of UNIQUE KEY constraint ?. The duplicate key value is (?).
					statement in Spring's message | PreparedStatementCallback; SQL [INSERT INTO users2 VALUES (42, 'O''Brien', 3.5e3)] | PreparedStatementCallback; SQL [INSERT INTO users2 VALUES (?, ??, ?)]
					quote inside a value | Duplicate entry 'it's ada' for key 'name' | Duplicate entry ? for key ?
					unterminated quote | Duplicate entry 'ada@example.org | Duplicate entry ?
					parenthesis inside a value | Key (name)=(a) b) already exists. | Key (name)=(?) already exists.
					unquoted address | could not register ada.lovelace+news@example.org. Account 42 exists | could not register ?. Account ? exists
					no value | Connection is closed | Connection is closed
					""")
	void replacesValues(String database, String message, String sanitized) {
		assertThat(ErrorMessageSanitizer.sanitize(message.replace("\\n", "\n")))
			.isEqualTo(sanitized.replace("\\n", "\n"));
	}

}
