package org.roster.admin;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.roster.testsupport.OnPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same list tests on PostgreSQL, plus the query plans: with sequential scans off the
 * planner must find an index for each search branch and for each sort, or it would read
 * every row at a million users.
 */
@OnPostgres
class UserListPostgresTest extends UserListTest {

	@Autowired
	DataSource postgres;

	@Test
	void prefixSearchAndSortsUseIndexes() {
		JdbcTemplate jdbc = new JdbcTemplate(this.postgres);
		jdbc.execute("analyze users");
		jdbc.execute("analyze user_profiles");
		String search = plan(jdbc, """
				select u.id from users u where u.id in (
				  select id from users where username_key like 'anna%' escape '\\'
				  union select id from users where email like 'anna%' escape '\\'
				  union select user_id from user_profiles where full_name_key like 'anna%' escape '\\')""");
		assertThat(search).contains("users_username_prefix_idx", "users_email_prefix_idx",
				"user_profiles_full_name_prefix_idx");
		assertThat(plan(jdbc, "select id from users order by username_key asc, id asc limit 20"))
			.contains("users_username_sort_idx");
		assertThat(plan(jdbc, "select id from users order by created_at desc, id desc limit 20"))
			.contains("users_created_at_idx");
		assertThat(plan(jdbc, "select id from users order by last_login_at desc nulls last, id desc limit 20"))
			.contains("users_last_login_at_desc_idx");
		assertThat(plan(jdbc, "select id from users order by last_login_at asc nulls last, id asc limit 20"))
			.contains("users_last_login_at_idx");
	}

	/**
	 * Where the unconfirmed are few (verification required: only new accounts), walking
	 * the newest-first index and skipping the confirmed would read nearly every row; the
	 * verified filter's own index reads only the page. Checked with the statistics of
	 * such a list, in a transaction that is rolled back.
	 */
	@Test
	void aRareVerifiedStateIsListedThroughItsIndex() {
		String plan = new JdbcTemplate(this.postgres).execute((Connection connection) -> {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (var statement = connection.createStatement()) {
				statement.execute("update users set email_verified = (id % 100 <> 0)");
				statement.execute("analyze users");
				List<String> lines = new ArrayList<>();
				try (var rs = statement.executeQuery("explain select id from users where email_verified = false"
						+ " order by created_at desc, id desc limit 20")) {
					while (rs.next()) {
						lines.add(rs.getString(1));
					}
				}
				return String.join("\n", lines);
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		});
		assertThat(plan).contains("users_verified_created_at_idx");
	}

	private static String plan(JdbcTemplate jdbc, String sql) {
		return jdbc.execute((Connection connection) -> {
			try (var statement = connection.createStatement()) {
				statement.execute("set enable_seqscan = off");
				List<String> lines = new ArrayList<>();
				try (var rs = statement.executeQuery("explain " + sql)) {
					while (rs.next()) {
						lines.add(rs.getString(1));
					}
				}
				statement.execute("reset enable_seqscan");
				return String.join("\n", lines);
			}
		});
	}

}
