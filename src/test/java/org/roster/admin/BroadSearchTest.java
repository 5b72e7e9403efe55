package org.roster.admin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A search that matches more users than {@link UserDirectory#COUNT_BOUND} says "more than
 * 1 000" instead of counting every match, and still pages through all of them.
 */
@DatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BroadSearchTest {

	static final int WIDE = UserDirectory.COUNT_BOUND + 100;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	User admin;

	@BeforeAll
	void seed() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.admin = new AccountTestSupport(this.users, this.encoder).admin("zz-admin");
		// Rows straight into the table: a thousand password hashes would take minutes.
		List<Object[]> rows = new ArrayList<>();
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < WIDE; i++) {
			String name = String.format(Locale.ROOT, "wide%04d", i);
			Timestamp at = Timestamp.from(start.plusSeconds(i));
			rows.add(new Object[] { name, name, name + "@example.com", "{noop}unusable", at, at });
		}
		new JdbcTemplate(this.dataSource).batchUpdate("insert into users (username, username_key, email, password_hash,"
				+ " created_at, updated_at) values (?, ?, ?, ?, ?, ?)", rows);
	}

	@Test
	void aBroadSearchSaysMoreThanTheBoundAndListsTheNewestFirst() throws Exception {
		String json = list("q=wide");

		assertThat((Integer) JsonPath.read(json, "$.total")).isEqualTo(UserDirectory.COUNT_BOUND);
		assertThat((Boolean) JsonPath.read(json, "$.totalExact")).isFalse();
		List<String> names = JsonPath.read(json, "$.items[*].username");
		assertThat(names).hasSize(20).startsWith("wide1099", "wide1098").endsWith("wide1080");
	}

	@Test
	void everyMatchIsReachedPageByPage() throws Exception {
		List<String> seen = new ArrayList<>();
		for (int page = 0; page < 12; page++) {
			seen.addAll(JsonPath.read(list("q=WIDE&sort=username&size=100&page=" + page), "$.items[*].username"));
		}
		assertThat(seen).hasSize(WIDE).doesNotHaveDuplicates().startsWith("wide0000").endsWith("wide1099");
		assertThat((List<?>) JsonPath.read(list("q=wide&sort=username&size=100&page=11"), "$.items")).isEmpty();
	}

	@Test
	void aNarrowerSearchIsCountedExactly() throws Exception {
		String json = list("q=wide10");

		// wide1000 to wide1099.
		assertThat((Integer) JsonPath.read(json, "$.total")).isEqualTo(100);
		assertThat((Boolean) JsonPath.read(json, "$.totalExact")).isTrue();
		assertThat((Boolean) JsonPath.read(list(""), "$.totalExact")).isTrue();
		assertThat((Integer) JsonPath.read(list("status=ACTIVE&q=wide"), "$.total")).isEqualTo(WIDE);
	}

	@Test
	void thePageSaysMoreThanAndOffersTheNextPageButNoLastOne() throws Exception {
		String html = this.mvc
			.perform(get("/user_list").param("q", "wide").with(as(this.admin)).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(html).contains("More than 1,000 users", "data-exact=\"false\"", ">Page 1<", "rel=\"next\"")
			.doesNotContain("Page 1 of")
			.doesNotContain("aria-label=\"Page 51\"");
		String german = this.mvc
			.perform(get("/user_list").param("q", "wide")
				.param("page", "3")
				.header("Accept-Language", "de")
				.with(as(this.admin))
				.accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(german).contains("Mehr als 1.000 Benutzer", ">Seite 4<");
	}

	private String list(String query) throws Exception {
		var request = get("/user_list").with(as(this.admin)).accept(MediaType.APPLICATION_JSON);
		if (!query.isEmpty()) {
			for (String pair : query.split("&")) {
				int eq = pair.indexOf('=');
				request.param(pair.substring(0, eq), pair.substring(eq + 1));
			}
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

}
