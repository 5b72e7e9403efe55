package org.roster.activity;

import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The activity log as an admin uses it: sign-ins and their failures (reason, address,
 * user agent), the lock, admins' changes with who made them, newest first with keyset
 * paging, the filters, CSV, retention, the dashboard's figures before and after the
 * roll-up, and who may see any of it.
 */
@DatabaseTest
class ActivityLogTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Autowired
	ActivityUpkeep upkeep;

	@Autowired
	ActivityLog log;

	JdbcTemplate jdbc;

	User olga;

	User bob;

	@BeforeEach
	void setUp() {
		TestDatabase database = new TestDatabase(this.dataSource);
		database.deleteAllUsers();
		this.jdbc = database.jdbc();
		this.jdbc.update("DELETE FROM audit_events");
		this.jdbc.update("DELETE FROM audit_daily");
		this.jdbc.update("DELETE FROM audit_daily_failures");
		this.jdbc.update("UPDATE audit_jobs SET position = ?", Timestamp.from(Instant.now()));
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		this.olga = accounts.admin("olga");
		this.bob = accounts.user("bob");
	}

	@Test
	void everyActionHasANameInEveryLanguage() throws Exception {
		for (String bundle : List.of("/messages.properties", "/messages_de.properties")) {
			java.util.Properties texts = new java.util.Properties();
			try (java.io.InputStream in = getClass().getResourceAsStream(bundle)) {
				texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
			}
			for (Action action : Action.values()) {
				assertThat(texts.getProperty("activity.action." + action.code())).as(action + " in " + bundle)
					.isNotBlank();
			}
		}
	}

	@Test
	void signInsAndTheirFailuresAreRecordedWithTheReasonAddressAndBrowser() throws Exception {
		signIn("bob", "hunter2-typed", "198.51.100.7");
		signIn("nobody", "hunter2-typed", "198.51.100.7");
		signIn("bob", AccountTestSupport.PASSWORD, "203.0.113.9");

		String events = activity("?user=bob").andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(events, "$.items[*].action")).containsExactly("sign-in", "sign-in");
		assertThat(JsonPath.<List<String>>read(events, "$.items[*].outcome")).containsExactly("success", "failure");
		assertThat(JsonPath.<String>read(events, "$.items[0].details.method")).isEqualTo("password");
		assertThat(JsonPath.<String>read(events, "$.items[0].actor")).isEqualTo("bob");
		assertThat(JsonPath.<String>read(events, "$.items[0].address")).isEqualTo("203.0.113.9");
		assertThat(JsonPath.<String>read(events, "$.items[0].userAgent")).isEqualTo("TestBrowser/1.0");
		assertThat(JsonPath.<String>read(events, "$.items[1].details.reason")).isEqualTo("wrong-password");
		assertThat(JsonPath.<String>read(events, "$.items[1].actor")).isEqualTo("anonymous");

		String unknown = activity("?action=sign-in&outcome=failure&address=198.51.100.7").andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JsonPath.<List<String>>read(unknown, "$.items[*].details.reason")).containsExactly("unknown-account",
				"wrong-password");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE details LIKE '%hunter2%'",
				Integer.class))
			.as("the typed password is never in an event")
			.isZero();
	}

	@Test
	void theFifthWrongPasswordLocksAndTheAdminsUnlockIsRecordedWithTheAdminAsActor() throws Exception {
		for (int i = 0; i < 5; i++) {
			signIn("bob", "wrong-" + i, "198.51.100.8");
		}
		signIn("bob", AccountTestSupport.PASSWORD, "198.51.100.8");
		this.mvc
			.perform(put("/unlock_user").param("id", String.valueOf(this.bob.getId())).with(as(this.olga)).with(csrf()))
			.andExpect(status().isOk());

		String events = activity("?user=bob").andReturn().getResponse().getContentAsString();
		List<String> actions = JsonPath.read(events, "$.items[*].action");
		assertThat(actions.subList(0, 3)).containsExactly("unlock", "sign-in", "lockout");
		assertThat(JsonPath.<String>read(events, "$.items[0].actor")).isEqualTo("olga");
		assertThat(JsonPath.<String>read(events, "$.items[1].details.reason")).isEqualTo("locked");
		assertThat(actions).filteredOn("sign-in"::equals).hasSize(6);
	}

	@Test
	void anAdminsChangesSayWhoDidWhatToWhom() throws Exception {
		User carl = new AccountTestSupport(this.users, this.encoder).user("carl");
		this.mvc
			.perform(put("/edit_user").param("id", String.valueOf(this.bob.getId()))
				.with(as(this.olga))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\": " + this.users.get(this.bob.getId()).getVersion()
						+ ", \"role\": \"ADMIN\", \"email\": \"robert@example.com\","
						+ " \"profile\": {\"fullName\": \"Robert\", \"bio\": \"Hi\"}}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(put("/update_status").with(as(this.olga))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": " + carl.getId() + ", \"status\": \"SUSPENDED\"}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(delete("/delete_user").param("id", String.valueOf(carl.getId())).with(as(this.olga)).with(csrf()))
			.andExpect(status().is2xxSuccessful());

		String bobs = activity("?user=bob&actor=olga").andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(bobs, "$.items[*].action")).containsExactly("admin-edit", "role-change",
				"email-change");
		assertThat(JsonPath.<List<String>>read(bobs, "$.items[0].details.fields")).containsExactly("accountEmail",
				"role", "fullName", "bio");
		assertThat(JsonPath.<String>read(bobs, "$.items[1].details.to")).isEqualTo("ADMIN");

		// Carl's account is gone; his events are found by the name he had.
		String carls = activity("?user=carl").andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(carls, "$.items[*].action")).containsExactly("deletion",
				"status-change");
		assertThat(JsonPath.<String>read(carls, "$.items[1].details.to")).isEqualTo("SUSPENDED");
	}

	@Test
	void aRefusedChangeLeavesNoEvent() throws Exception {
		// Bob's own deletion with a wrong password is refused: no deletion event (the
		// wrong
		// password is one, in a transaction of its own, as it counts toward the lock).
		this.mvc
			.perform(delete("/delete_user").param("id", String.valueOf(this.bob.getId()))
				.with(as(this.bob))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\": \"not-his\"}"))
			.andExpect(status().is4xxClientError());
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE action = 'deletion'", Integer.class))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE action = 'password-confirmation'",
				Integer.class))
			.isEqualTo(1);
	}

	@Test
	void pagesFollowTheCursorNewestFirstWithoutGapsOrRepeats() throws Exception {
		Instant base = Instant.parse("2026-11-01T10:00:00Z");
		for (int i = 0; i < 120; i++) {
			// Pairs with the same time: the id breaks the tie.
			insert(base.plusSeconds(i / 2), "bob", "profile-change", "success");
		}
		Set<Long> seen = new HashSet<>();
		List<String> times = new ArrayList<>();
		String next = null;
		int pages = 0;
		do {
			String page = activity("?size=50" + ((next != null) ? "&before=" + next : "")).andReturn()
				.getResponse()
				.getContentAsString();
			List<Number> ids = JsonPath.read(page, "$.items[*].id");
			ids.forEach((id) -> assertThat(seen.add(id.longValue())).as("seen once").isTrue());
			times.addAll(JsonPath.read(page, "$.items[*].time"));
			next = JsonPath.read(page, "$.next");
			pages++;
		}
		while (next != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(120);
		assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));

		String november = activity("?from=2026-11-01&to=2026-11-01&size=200").andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(JsonPath.<List<Object>>read(november, "$.items")).hasSize(120);
		assertThat(JsonPath
			.<List<Object>>read(activity("?to=2026-10-31").andReturn().getResponse().getContentAsString(), "$.items"))
			.isEmpty();
	}

	@Test
	void badFiltersAreRefusedNamingTheField() throws Exception {
		for (String bad : List.of("action=dance", "outcome=maybe", "from=yesterday", "from=2026-11-02&to=2026-11-01",
				"before=12345", "before=x_y", "size=0", "size=many", "user=" + "x".repeat(300))) {
			this.mvc.perform(get("/activity?" + bad).with(as(this.olga)).accept(MediaType.APPLICATION_JSON))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("/invalid-query")));
			this.mvc.perform(get("/activity?" + bad).with(as(this.olga)).accept(MediaType.TEXT_HTML))
				.andExpect(status().isBadRequest());
		}
	}

	@Test
	void onlyAdminsSeeTheLogAndTheDashboard() throws Exception {
		for (String path : List.of("/activity", "/dashboard")) {
			this.mvc.perform(get(path).accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
			this.mvc.perform(get(path).with(as(this.bob)).accept(MediaType.APPLICATION_JSON))
				.andExpect(status().isForbidden());
			this.mvc.perform(get(path).with(as(this.bob)).accept(MediaType.TEXT_HTML))
				.andExpect(status().isForbidden());
			this.mvc.perform(get(path).with(as(this.olga)).accept(MediaType.TEXT_HTML)).andExpect(status().isOk());
		}
		this.mvc.perform(get("/activity?format=csv").with(as(this.bob))).andExpect(status().isForbidden());
		// Read only: no method changes the log.
		this.mvc.perform(delete("/activity").with(as(this.olga)).with(csrf())).andExpect(status().isMethodNotAllowed());
	}

	@Test
	void theFilteredLogAsCsvWithNeutralisedCells() throws Exception {
		insert(Instant.parse("2026-11-02T08:00:00Z"), "=cmd", "profile-change", "success");
		insert(Instant.parse("2026-11-02T09:00:00Z"), "bob", "sign-in", "failure");
		MvcResult started = this.mvc.perform(get("/activity?format=csv&from=2026-11-02&bom=true").with(as(this.olga)))
			.andExpect(request().asyncStarted())
			.andReturn();
		String csv = this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFFtime,actor");
		List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv.substring(1))).getRecords();
		assertThat(rows.get(0).toList()).isEqualTo(ActivityCsv.HEADER);
		assertThat(rows).hasSize(3);
		int user = ActivityCsv.HEADER.indexOf("user");
		assertThat(rows.get(1).get(user)).isEqualTo("bob");
		assertThat(rows.get(2).get(user)).isEqualTo("'=cmd");
	}

	@Test
	void eventsPastTheRetentionGoInBatchesAndTheRestStays() {
		Instant now = Instant.now();
		for (int i = 0; i < ActivityUpkeep.BATCH + 5; i++) {
			insert(now.minus(Duration.ofDays(200)).plusSeconds(i), "bob", "sign-in", "success");
		}
		insert(now.minus(Duration.ofDays(10)), "bob", "sign-in", "success");
		long deleted = this.upkeep.deleteExpired(now, Duration.ofDays(180));
		assertThat(deleted).isEqualTo(ActivityUpkeep.BATCH + 5);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_events", Integer.class)).isEqualTo(1);
	}

	@Test
	void theDashboardCountsTodayTheSameBeforeAndAfterTheRollUp() throws Exception {
		signIn("bob", "wrong", "192.0.2.50");
		signIn("bob", "wrong", "192.0.2.50");
		signIn("bob", "wrong", "192.0.2.51");
		signIn("bob", AccountTestSupport.PASSWORD, "192.0.2.52");
		String before = dashboard();
		assertToday(before, 1, 2 + 1);
		assertThat(JsonPath.<List<String>>read(before, "$.failingAddresses[*].address")).containsExactly("192.0.2.50",
				"192.0.2.51");

		assertThat(this.upkeep.rollUp(Instant.now().plus(Duration.ofMinutes(2)))).isPositive();
		assertThat(this.jdbc.queryForObject("SELECT SUM(n) FROM audit_daily WHERE action = 'sign-in'", Long.class))
			.isEqualTo(4);
		String after = dashboard();
		assertToday(after, 1, 3);
		assertThat(JsonPath.<List<Number>>read(after, "$.failingAddresses[*].failures")).containsExactly(2, 1);
		assertThat(JsonPath.<Number>read(after, "$.users.total").intValue()).isEqualTo(2);
		assertThat(JsonPath.<Number>read(after, "$.users.active").intValue()).isEqualTo(2);
		assertThat(JsonPath.<List<Object>>read(after, "$.days")).hasSize(Dashboard.DAYS);
		this.mvc.perform(get("/dashboard").with(as(this.olga)).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("192.0.2.50")));
	}

	/**
	 * The database ranks the rolled-up days and sends only the few addresses that can end
	 * in the top ten: one far down the roll-up climbs with its recent failures, and equal
	 * counts are ordered by address.
	 */
	@Test
	void theTopFailingAddressesCombineTheRollUpWithTheRecentFailures() throws Exception {
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		for (int i = 1; i <= 30; i++) {
			// 203.0.113.1: 30 failures, ... 203.0.113.30: 1; 198.51.100.x: 5 each.
			this.jdbc.update("INSERT INTO audit_daily_failures (event_day, client_address, n) VALUES (?, ?, ?)",
					yesterday, "203.0.113." + i, 31 - i);
			this.jdbc.update("INSERT INTO audit_daily_failures (event_day, client_address, n) VALUES (?, ?, ?)",
					yesterday.minusDays(1), "198.51.100." + i, 5);
		}
		// Older than the week: not counted.
		this.jdbc.update("INSERT INTO audit_daily_failures (event_day, client_address, n) VALUES (?, ?, ?)",
				yesterday.minusDays(Dashboard.FAILURE_DAYS), "192.0.2.200", 1000);
		// Since the roll-up's position: 2 + 20 = 22 for 203.0.113.29, as many as
		// 203.0.113.9.
		for (int i = 0; i < 20; i++) {
			this.jdbc.update(
					"INSERT INTO audit_events (occurred_at, actor_name, action, target_name, client_address,"
							+ " outcome) VALUES (?, 'anonymous', 'sign-in', 'bob', '203.0.113.29', 'failure')",
					Timestamp.from(Instant.now()));
		}

		String figures = dashboard();

		assertThat(JsonPath.<List<String>>read(figures, "$.failingAddresses[*].address")).containsExactly("203.0.113.1",
				"203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5", "203.0.113.6", "203.0.113.7", "203.0.113.8",
				"203.0.113.29", "203.0.113.9");
		assertThat(JsonPath.<List<Number>>read(figures, "$.failingAddresses[*].failures")).extracting(Number::intValue)
			.containsExactly(30, 29, 28, 27, 26, 25, 24, 23, 22, 22);
		this.jdbc.update("UPDATE audit_daily_failures SET n = 4 WHERE client_address LIKE '203.0.113.%'");

		List<String> tied = JsonPath.read(dashboard(), "$.failingAddresses[*].address");

		// 203.0.113.29 has 4 + 20; then, of the thirty 198.51.100.x with 5, the first by
		// address.
		assertThat(tied).containsExactly("203.0.113.29", "198.51.100.1", "198.51.100.10", "198.51.100.11",
				"198.51.100.12", "198.51.100.13", "198.51.100.14", "198.51.100.15", "198.51.100.16", "198.51.100.17");
	}

	@Test
	void theProfileShowsTheUsersOwnRecentSecurityEvents() throws Exception {
		signIn("bob", "wrong", "198.51.100.9");
		assertThat(this.log.recentSecurityEvents(this.bob.getId())).extracting(ActivityView::action)
			.containsExactly("sign-in");
		this.mvc.perform(get("/profile").with(as(this.bob)))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("198.51.100.9")));
		assertThat(this.log.recentSecurityEvents(this.olga.getId())).isEmpty();
	}

	private void assertToday(String figures, int signIns, int failures) {
		List<Map<String, Object>> days = JsonPath.read(figures, "$.days");
		Map<String, Object> today = days.get(days.size() - 1);
		assertThat(((Number) today.get("signIns")).intValue()).isEqualTo(signIns);
		assertThat(((Number) today.get("failures")).intValue()).isEqualTo(failures);
	}

	private String dashboard() throws Exception {
		return this.mvc.perform(get("/dashboard").with(as(this.olga)).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private void signIn(String username, String password, String address) throws Exception {
		this.mvc.perform(post("/login").with(csrf()).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).header("User-Agent", "TestBrowser/1.0").param("username", username).param("password", password));
	}

	private ResultActions activity(String query) throws Exception {
		return this.mvc.perform(get("/activity" + query).with(as(this.olga)).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk());
	}

	private void insert(Instant time, String target, String action, String outcome) {
		this.jdbc.update("INSERT INTO audit_events (occurred_at, actor_name, action, target_name, outcome)"
				+ " VALUES (?, 'system', ?, ?, ?)", Timestamp.from(time), action, target, outcome);
	}

}
