package org.roster.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.roster.account.AccountTestSupport;
import org.roster.profile.ProfileData;
import org.roster.profile.ProfileService;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Search, filters, sorting and paging of the admin list, checked against a few hundred
 * users.
 */
@DatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserListTest {

	static final int USERS = 300;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	ProfileService profiles;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	User admin;

	List<String> usernames = new ArrayList<>();

	@BeforeAll
	void seed() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		this.admin = accounts.admin("zz-admin");
		this.usernames.add("zz-admin");
		for (int i = 0; i < USERS; i++) {
			String name = String.format(Locale.ROOT, "%s%03d", (i % 3 == 0) ? "Anna" : (i % 3 == 1) ? "bert" : "Carl",
					i);
			User user = accounts.user(name);
			this.usernames.add(name);
			if (i % 10 == 0) {
				this.profiles.update(user.getId(),
						new ProfileData("Xavier Full" + i, null, null, null, null, null, null));
			}
			if (i % 7 == 0) {
				this.users.changeStatus(user.getId(), UserStatus.SUSPENDED);
			}
			if (i % 5 == 0) {
				this.users.markEmailVerified(user.getId());
			}
		}
	}

	@Test
	void pagesThroughEveryUserOnceInUsernameOrder() throws Exception {
		List<String> seen = new ArrayList<>();
		for (int page = 0; page < 4; page++) {
			String json = list("sort=username&dir=asc&size=100&page=" + page);
			assertThat((Integer) JsonPath.read(json, "$.total")).isEqualTo(USERS + 1);
			assertThat((Integer) JsonPath.read(json, "$.page")).isEqualTo(page);
			assertThat((Integer) JsonPath.read(json, "$.size")).isEqualTo(100);
			seen.addAll(JsonPath.read(json, "$.items[*].username"));
		}
		List<String> expected = new ArrayList<>(this.usernames);
		expected.sort(Comparator.comparing((String name) -> name.toLowerCase(Locale.ROOT)));
		assertThat(seen).containsExactlyElementsOf(expected);
	}

	@Test
	void sortsDescendingAndByCreation() throws Exception {
		List<String> desc = JsonPath.read(list("sort=username&dir=desc&size=3"), "$.items[*].username");
		assertThat(desc).containsExactly("zz-admin", "Carl299", "Carl296");
		List<String> newest = JsonPath.read(list("sort=createdAt&dir=desc&size=2"), "$.items[*].username");
		assertThat(newest).containsExactly("Carl299", "bert298");
		List<String> defaultOrder = JsonPath.read(list("size=2"), "$.items[*].username");
		assertThat(defaultOrder).isEqualTo(newest);
	}

	@Test
	void searchesPrefixesOfUsernameEmailAndFullNameCaseInsensitively() throws Exception {
		assertThat((Integer) JsonPath.read(list("q=ANNA"), "$.total")).isEqualTo(100);
		assertThat((Integer) JsonPath.read(list("q=bert29"), "$.total")).isEqualTo(3);
		assertThat((Integer) JsonPath.read(list("q=carl299@EXAMPLE"), "$.total")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(list("q=xavier full1"), "$.total")).isEqualTo(11);
		List<String> names = JsonPath.read(list("q=xavier full29"), "$.items[*].fullName");
		assertThat(names).containsExactly("Xavier Full290");
		// Only prefixes, and LIKE wildcards are literal.
		assertThat((Integer) JsonPath.read(list("q=nna"), "$.total")).isZero();
		assertThat((Integer) JsonPath.read(list("q=%"), "$.total")).isZero();
		assertThat((Integer) JsonPath.read(list("q=_"), "$.total")).isZero();
	}

	@Test
	void filtersByRoleAndStatusTogetherWithSearch() throws Exception {
		assertThat((Integer) JsonPath.read(list("role=ADMIN"), "$.total")).isEqualTo(1);
		assertThat((Integer) JsonPath.read(list("status=SUSPENDED"), "$.total")).isEqualTo(43);
		assertThat((Integer) JsonPath.read(list("status=suspended&q=anna"), "$.total")).isEqualTo(15);
		String json = list("status=SUSPENDED&size=1");
		assertThat((String) JsonPath.read(json, "$.items[0].status")).isEqualTo("SUSPENDED");
		assertThat((String) JsonPath.read(json, "$.items[0].imageUrl")).startsWith("/users/");
	}

	@Test
	void filtersByVerifiedAddressAloneAndWithTheOtherFilters() throws Exception {
		assertThat((Integer) JsonPath.read(list("verified=true"), "$.total")).isEqualTo(60);
		assertThat((Integer) JsonPath.read(list("verified=false"), "$.total")).isEqualTo(USERS - 60 + 1);
		assertThat((Integer) JsonPath.read(list("verified=true&status=SUSPENDED"), "$.total")).isEqualTo(9);
		assertThat((Integer) JsonPath.read(list("verified=TRUE&q=anna"), "$.total")).isEqualTo(20);
		assertThat((Integer) JsonPath.read(list("verified=false&role=ADMIN"), "$.total")).isEqualTo(1);
		String newest = list("verified=true&size=100");
		assertThat((List<Boolean>) JsonPath.read(newest, "$.items[*].emailVerified")).hasSize(60).containsOnly(true);
		assertThat((List<String>) JsonPath.read(newest, "$.items[*].username")).startsWith("bert295", "Carl290");
		List<String> byName = JsonPath.read(list("verified=false&sort=username&size=3"), "$.items[*].username");
		assertThat(byName).containsExactly("Anna003", "Anna006", "Anna009");
		assertThat((List<Boolean>) JsonPath.read(list("size=5"), "$.items[*].invited")).containsOnly(false);

		String html = page("/user_list?verified=false&size=5");
		assertThat(html).contains("<option value=\"false\" selected=\"selected\">Unverified</option>");
		assertThat(userListLinks(html)).isNotEmpty().allSatisfy((link) -> assertThat(link).contains("verified=false"));
	}

	@Test
	void refusesBadParametersWith400() throws Exception {
		for (String bad : List.of("sort=password_hash", "sort=username;drop", "dir=sideways", "page=-1", "page=x",
				"size=0", "size=101", "size=1e3", "role=ROOT", "status=ASLEEP", "verified=yes", "verified=1",
				"q=" + "a".repeat(300))) {
			int eq = bad.indexOf('=');
			this.mvc
				.perform(get("/user_list").param(bad.substring(0, eq), bad.substring(eq + 1))
					.with(as(this.admin))
					.accept(MediaType.APPLICATION_JSON))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		this.mvc.perform(get("/user_list?sort=nope").with(as(this.admin)).accept(MediaType.TEXT_HTML))
			.andExpect(status().isBadRequest());
	}

	@Test
	void theHtmlPageShowsTheRowsAndTheCount() throws Exception {
		this.mvc.perform(get("/user_list?q=carl29&sort=username").with(as(this.admin)).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Carl290")))
			.andExpect(content().string(containsString("Carl299")))
			.andExpect(content().string(not(containsString("Anna000"))));
	}

	@Test
	void sortAndPageLinksCarryOnlyTheParametersThatHaveValues() throws Exception {
		String unfiltered = page("/user_list?size=5");
		List<String> links = userListLinks(unfiltered);
		assertThat(links).as("sort headers and page links").hasSizeGreaterThanOrEqualTo(8).allSatisfy((link) -> {
			assertThat(link).doesNotContain("q=", "role=", "status=", "sort=createdAt&dir=desc")
				.doesNotMatch(".*[?&][a-z]+(&.*)?$");
			assertThat(link).doesNotMatch(".*=(&.*)?$").contains("size=5");
		});
		assertThat(links).contains("/user_list?sort=username&size=5", "/user_list?size=5&page=1");
		assertThat(unfiltered).as("the page-size select names its default, for the form to leave it out")
			.contains("data-default=\"20\"");

		List<String> searched = userListLinks(page("/user_list?status=ACTIVE&size=2", "xavier full1"));
		assertThat(searched).hasSizeGreaterThan(4).allSatisfy((link) -> {
			assertThat(link).contains("q=xavier+full1", "status=ACTIVE", "size=2").doesNotContain("role");
			assertThat(link).doesNotMatch(".*=(&.*)?$");
		});
	}

	private String page(String url, String... q) throws Exception {
		var request = get(url).with(as(this.admin)).accept(MediaType.TEXT_HTML);
		if (q.length > 0) {
			request.param("q", q);
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/** The href of every sort and page link, HTML entities decoded. */
	private static List<String> userListLinks(String html) {
		return Pattern.compile("href=\"(/user_list\\?[^\"]*)\"")
			.matcher(html)
			.results()
			.map((match) -> match.group(1).replace("&amp;", "&"))
			// The export link (all rows, no page size) is UserCsvExportTest's.
			.filter((link) -> !link.contains("format=csv"))
			.toList();
	}

	/**
	 * A broad search reads the sort index and keeps the rows that match; a narrow one
	 * looks the matches up. Both must give the same pages, whatever the sort, filter and
	 * page.
	 */
	@Test
	void walkingTheSortIndexListsWhatTheLookupsList() {
		JdbcClient client = JdbcClient.create(this.dataSource);
		UserDirectory lookups = new UserDirectory(client, this.dataSource, 0);
		UserDirectory walks = new UserDirectory(client, this.dataSource, Integer.MAX_VALUE);
		int compared = 0;
		for (String q : List.of("anna", "ANNA01", "xavier", "xavier full2", "carl299@example", "b", "nobody")) {
			for (String sort : List.of("createdAt", "username", "lastLoginAt")) {
				for (String dir : List.of("asc", "desc")) {
					for (String[] filter : List.of(new String[] { null, null, null },
							new String[] { "USER", null, null }, new String[] { null, "SUSPENDED", null },
							new String[] { null, null, "true" })) {
						for (String page : List.of("0", "1", "7")) {
							UserListQuery query = UserListQuery.parse(q, filter[0], filter[1], filter[2], sort, dir,
									page, "7");
							UserPage expected = lookups.find(query);
							assertThat(walks.find(query)).as(q + " " + sort + " " + dir + " " + page)
								.isEqualTo(expected);
							compared += expected.items().size();
						}
					}
				}
			}
		}
		assertThat(compared).as("rows compared").isGreaterThan(1000);
	}

	@Test
	void isForAdminsOnly() throws Exception {
		User plain = this.users.findByLogin("anna000").orElseThrow();
		this.mvc.perform(get("/user_list").with(as(plain)).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/user_list?size=1").with(as(this.admin)).accept(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.items.length()").value(1));
	}

	/**
	 * {@code query} is a raw query string: values are taken literally, not URL-decoded.
	 */
	private String list(String query) throws Exception {
		var request = get("/user_list").with(as(this.admin)).accept(MediaType.APPLICATION_JSON);
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			request.param(pair.substring(0, eq), pair.substring(eq + 1));
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

}
