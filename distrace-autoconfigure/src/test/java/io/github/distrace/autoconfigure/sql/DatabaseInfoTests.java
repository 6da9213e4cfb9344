package io.github.distrace.autoconfigure.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseInfoTests {

	@Test
	void networkUrls() {
		assertThat(DatabaseInfo.fromUrl("jdbc:postgresql://db.example:6543/orders?sslmode=require"))
			.isEqualTo(new DatabaseInfo("postgresql", "orders", "db.example", 6543));
		assertThat(DatabaseInfo.fromUrl("jdbc:postgresql://127.0.0.1/test"))
			.isEqualTo(new DatabaseInfo("postgresql", "test", "127.0.0.1", 5432));
		assertThat(DatabaseInfo.fromUrl("jdbc:mariadb://root:secret@127.0.0.1:3306/test?user=root&password=x"))
			.isEqualTo(new DatabaseInfo("mariadb", "test", "127.0.0.1", 3306));
		assertThat(DatabaseInfo.fromUrl("jdbc:mysql://a:3307,b:3308/shop"))
			.isEqualTo(new DatabaseInfo("mysql", "shop", "a", 3307));
		assertThat(DatabaseInfo.fromUrl("jdbc:postgresql://[::1]:5433/x"))
			.isEqualTo(new DatabaseInfo("postgresql", "x", "::1", 5433));
	}

	@Test
	void otherVendors() {
		assertThat(DatabaseInfo.fromUrl("jdbc:sqlserver://sql:1444;databaseName=shop;encrypt=true"))
			.isEqualTo(new DatabaseInfo("microsoft.sql_server", "shop", "sql", 1444));
		assertThat(DatabaseInfo.fromUrl("jdbc:oracle:thin:@ora:1522:ORCL"))
			.isEqualTo(new DatabaseInfo("oracle.db", "ORCL", "ora", 1522));
		assertThat(DatabaseInfo.fromUrl("jdbc:oracle:thin:@//ora/service"))
			.isEqualTo(new DatabaseInfo("oracle.db", "service", "ora", 1521));
	}

	@Test
	void embeddedUrls() {
		assertThat(DatabaseInfo.fromUrl("jdbc:h2:mem:testdb;DB_CLOSE_DELAY=-1"))
			.isEqualTo(new DatabaseInfo("h2database", "testdb", null, null));
		assertThat(DatabaseInfo.fromUrl("jdbc:h2:file:/data/shop"))
			.isEqualTo(new DatabaseInfo("h2database", "shop", null, null));
		assertThat(DatabaseInfo.fromUrl("jdbc:h2:tcp://h2host:9093/~/shop"))
			.isEqualTo(new DatabaseInfo("h2database", "shop", "h2host", 9093));
	}

	@Test
	void unknownUrls() {
		assertThat(DatabaseInfo.fromUrl(null)).isEqualTo(DatabaseInfo.UNKNOWN);
		assertThat(DatabaseInfo.fromUrl("not a url")).isEqualTo(DatabaseInfo.UNKNOWN);
		assertThat(DatabaseInfo.fromUrl("jdbc:weird:thing")).isEqualTo(DatabaseInfo.UNKNOWN);
		assertThat(DatabaseInfo.fromUrl("jdbc:postgresql:orders"))
			.isEqualTo(new DatabaseInfo("postgresql", null, null, null));
	}

}
