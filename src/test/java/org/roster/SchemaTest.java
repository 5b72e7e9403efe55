package org.roster;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.JdbcUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flyway migrations build the schema docs/API.md, Data model, describes, on H2 and
 * (see {@link SchemaPostgresTest}) on PostgreSQL.
 */
@DatabaseTest
class SchemaTest {

	@Autowired
	Flyway flyway;

	@Autowired
	DataSource dataSource;

	TestDatabase db;

	@BeforeEach
	void setUp() {
		this.db = new TestDatabase(this.dataSource);
	}

	@Test
	void everyMigrationIsAppliedSuccessfully() {
		assertThat(this.flyway.info().pending()).isEmpty();
		MigrationInfo[] applied = this.flyway.info().applied();
		assertThat(applied).allSatisfy((info) -> assertThat(info.getState().isFailed()).isFalse());
		assertThat(Arrays.stream(applied).map((info) -> info.getVersion().getVersion())).startsWith("1", "2", "3");
		assertThat(this.flyway.validateWithResult().validationSuccessful).isTrue();
	}

	@Test
	void expectedTablesExist() {
		List<String> tables = this.db.jdbc()
			.queryForList(
					"SELECT LOWER(table_name) FROM information_schema.tables WHERE LOWER(table_schema) = LOWER(CURRENT_SCHEMA)",
					String.class);
		assertThat(tables).contains("users", "user_profiles", "user_identities", "spring_session",
				"spring_session_attributes", "flyway_schema_history");
	}

	@Test
	void usersHaveCaseInsensitiveUniqueKeysAndChecks() {
		Map<String, String> constraints = constraintsOf("users");
		assertThat(constraints).containsEntry("users_username_key_uq", "UNIQUE")
			.containsEntry("users_email_uq", "UNIQUE")
			.containsEntry("users_username_key_chk", "CHECK")
			.containsEntry("users_email_lower_chk", "CHECK")
			.containsEntry("users_role_chk", "CHECK")
			.containsEntry("users_status_chk", "CHECK")
			.containsEntry("users_failed_logins_chk", "CHECK");
		assertThat(columnsOf("users_username_key_uq")).containsExactly("username_key");
		assertThat(columnsOf("users_email_uq")).containsExactly("email");
	}

	@Test
	void profilesBelongToOneUserAndGoWithIt() {
		Map<String, String> constraints = constraintsOf("user_profiles");
		assertThat(constraints).containsEntry("user_profiles_user_uq", "UNIQUE")
			.containsEntry("user_profiles_user_fk", "FOREIGN KEY")
			.containsEntry("user_profiles_full_name_key_chk", "CHECK");
		assertThat(columnsOf("user_profiles_user_uq")).containsExactly("user_id");
		String deleteRule = this.db.jdbc()
			.queryForObject("SELECT delete_rule FROM information_schema.referential_constraints"
					+ " WHERE LOWER(constraint_name) = 'user_profiles_user_fk'", String.class);
		assertThat(deleteRule).isEqualTo("CASCADE");
	}

	@Test
	void providerLinksAreUniquePerSubjectAndPerAccountAndGoWithTheUser() {
		Map<String, String> constraints = constraintsOf("user_identities");
		assertThat(constraints).containsEntry("user_identities_subject_uq", "UNIQUE")
			.containsEntry("user_identities_user_provider_uq", "UNIQUE")
			.containsEntry("user_identities_user_fk", "FOREIGN KEY");
		assertThat(columnsOf("user_identities_subject_uq")).containsExactlyInAnyOrder("provider", "subject");
		assertThat(columnsOf("user_identities_user_provider_uq")).containsExactlyInAnyOrder("user_id", "provider");
		String deleteRule = this.db.jdbc()
			.queryForObject("SELECT delete_rule FROM information_schema.referential_constraints"
					+ " WHERE LOWER(constraint_name) = 'user_identities_user_fk'", String.class);
		assertThat(deleteRule).isEqualTo("CASCADE");
	}

	/**
	 * API tokens (V10): found by their hash, which is unique; no column for the token
	 * itself; gone with their user.
	 */
	@Test
	void apiTokensAreKeptAsUniqueHashesAndGoWithTheUser() throws Exception {
		Map<String, String> constraints = constraintsOf("api_tokens");
		assertThat(constraints).containsEntry("api_tokens_hash_uq", "UNIQUE")
			.containsEntry("api_tokens_user_fk", "FOREIGN KEY")
			.containsEntry("api_tokens_scope_chk", "CHECK");
		assertThat(columnsOf("api_tokens_hash_uq")).containsExactly("token_hash");
		assertThat(this.db.jdbc()
			.queryForList(
					"SELECT LOWER(column_name) FROM information_schema.columns WHERE LOWER(table_name) = 'api_tokens'"
							+ " AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)",
					String.class))
			.containsExactlyInAnyOrder("id", "user_id", "name", "scope", "token_hash", "prefix", "created_at",
					"last_used_at", "expires_at");
		String deleteRule = this.db.jdbc()
			.queryForObject("SELECT delete_rule FROM information_schema.referential_constraints"
					+ " WHERE LOWER(constraint_name) = 'api_tokens_user_fk'", String.class);
		assertThat(deleteRule).isEqualTo("CASCADE");
		assertThat(indexColumns("api_tokens")).containsEntry("api_tokens_user_idx", List.of("user_id", "created_at"));
	}

	@Test
	void prefixSearchIndexesExist() throws Exception {
		assertThat(indexColumns("users")).containsEntry("users_username_prefix_idx", List.of("username_key"))
			.containsEntry("users_email_prefix_idx", List.of("email"))
			.containsEntry("users_username_sort_idx", List.of("username_key", "id"));
		assertThat(indexColumns("user_profiles")).containsEntry("user_profiles_full_name_prefix_idx",
				List.of("full_name_key"));
	}

	/**
	 * The admin list's verified filter: counters per verified state (its total) and an
	 * index for its default order (V8).
	 */
	@Test
	void theVerifiedFilterHasItsCountersAndIndex() throws Exception {
		assertThat(indexColumns("users")).containsEntry("users_verified_created_at_idx",
				List.of("email_verified", "created_at", "id"));
		assertThat(columnsOf("user_counts_pk")).containsExactly("role", "status", "email_verified");
		assertThat(this.db.count("user_counts")).isEqualTo(8);
	}

	/**
	 * On PostgreSQL a b-tree index serves {@code LIKE 'abc%'} only with the pattern
	 * operator class (unless the collation is C); H2 has no operator classes and uses a
	 * plain index.
	 */
	@Test
	void prefixIndexesServeLikeQueries() {
		List<String> prefixIndexes = List.of("users_username_prefix_idx", "users_email_prefix_idx",
				"user_profiles_full_name_prefix_idx");
		if (this.db.isPostgres()) {
			Map<String, String> definitions = this.db.jdbc()
				.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = CURRENT_SCHEMA", (rs) -> {
					Map<String, String> result = new HashMap<>();
					while (rs.next()) {
						result.put(rs.getString(1), rs.getString(2));
					}
					return result;
				});
			assertThat(definitions.get("users_username_prefix_idx")).contains("(username_key varchar_pattern_ops)");
			assertThat(definitions.get("users_email_prefix_idx")).contains("(email varchar_pattern_ops)");
			assertThat(definitions.get("user_profiles_full_name_prefix_idx"))
				.contains("(full_name_key varchar_pattern_ops)");
			assertThat(definitions.get("users_username_sort_idx")).doesNotContain("pattern_ops");
		}
		else {
			List<String> h2Indexes = this.db.jdbc()
				.queryForList("SELECT LOWER(index_name) FROM information_schema.indexes"
						+ " WHERE LOWER(table_name) IN ('users', 'user_profiles')", String.class);
			assertThat(h2Indexes).containsAll(prefixIndexes);
		}
	}

	/**
	 * Constraint name → type, all lower-case names (H2 reports upper-case identifiers).
	 */
	private Map<String, String> constraintsOf(String table) {
		return this.db.jdbc()
			.query("SELECT LOWER(constraint_name), constraint_type FROM information_schema.table_constraints"
					+ " WHERE LOWER(table_name) = ? AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)", (rs) -> {
						Map<String, String> result = new HashMap<>();
						while (rs.next()) {
							result.put(rs.getString(1), rs.getString(2));
						}
						return result;
					}, table);
	}

	private List<String> columnsOf(String constraint) {
		return this.db.jdbc()
			.queryForList("SELECT LOWER(column_name) FROM information_schema.key_column_usage"
					+ " WHERE LOWER(constraint_name) = ? ORDER BY ordinal_position", String.class, constraint);
	}

	/** Index name → its columns in order, all lower-case. */
	private Map<String, List<String>> indexColumns(String table) throws Exception {
		return JdbcUtils.extractDatabaseMetaData(this.dataSource, (DatabaseMetaData meta) -> {
			String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
			Map<String, List<Column>> columns = new HashMap<>();
			try (ResultSet rs = meta.getIndexInfo(null, null, name, false, false)) {
				while (rs.next()) {
					String index = rs.getString("INDEX_NAME");
					if (index == null) {
						continue;
					}
					columns.computeIfAbsent(index.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
						.add(new Column(rs.getShort("ORDINAL_POSITION"),
								rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)));
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			return columns.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey,
						(entry) -> entry.getValue()
							.stream()
							.sorted(Comparator.comparingInt(Column::position))
							.map(Column::name)
							.toList()));
		});
	}

	private record Column(int position, String name) {
	}

}
