package org.roster.admin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.account.AccountTestSupport;
import org.roster.profile.ProfileData;
import org.roster.profile.ProfileService;
import org.roster.profile.ProfileView;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin's CSV import (docs/API.md, {@code POST /users/import}): what the export
 * writes comes back as "exists", a dry run changes nothing, the confirmation creates
 * exactly the plan it was shown in one transaction and invites by mail, every row's
 * errors, bad files, the row limit, and who is refused.
 */
@DatabaseTest
class UserImportTest {

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

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

	@Autowired
	JsonMapper json;

	TestDatabase db;

	AccountTestSupport accounts;

	User admin;

	@BeforeEach
	void setUp() {
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
		this.db.jdbc().update("DELETE FROM mail_outbox");
		this.accounts = new AccountTestSupport(this.users, this.encoder);
		this.admin = this.accounts.admin("importboss");
	}

	@Test
	void whatTheExportWritesIsReportedAsExistingAndChangesNothing() throws Exception {
		User mallory = this.accounts.user("mallory");
		this.profiles.update(mallory.getId(), new ProfileData("=HYPERLINK(\"http://evil.example\")",
				"Likes \"quotes\", commas\nand lines", "", "", "+1 555 0100", "", "https://m.example"));
		this.accounts.user("mia");
		int before = userCount();
		for (boolean bom : List.of(true, false)) {
			byte[] export = export(bom);
			JsonNode report = json(preview(export).andExpect(status().isOk()).andReturn());
			assertThat(report.get("imported").asBoolean()).isFalse();
			assertThat(report.get("create").asInt()).isZero();
			assertThat(report.get("errors").asInt()).isZero();
			assertThat(report.get("skip").asInt()).isEqualTo(3);
			assertThat(report.get("rows").valueStream().map((row) -> row.get("outcome").asString()))
				.containsOnly("skip");
		}
		assertThat(userCount()).isEqualTo(before);
		assertThat(outboxCount()).isZero();

		// The same rows under new names are created with every cell as it was exported:
		// the apostrophe that kept formulas out of spreadsheets comes off again.
		String renamed = new String(export(true), StandardCharsets.UTF_8).replace("mallory", "trudy")
			.replace("importboss", "importboss2")
			.replace("mia@", "mia2@")
			.replace(",mia,", ",mia2,");
		JsonNode report = json(
				preview(renamed.getBytes(StandardCharsets.UTF_8)).andExpect(status().isOk()).andReturn());
		assertThat(report.get("create").asInt()).as(report.toString()).isEqualTo(3);
		confirm(renamed.getBytes(StandardCharsets.UTF_8), report.get("planId").asString())
			.andExpect(status().isCreated());
		User trudy = this.users.findByLogin("trudy").orElseThrow();
		ProfileView profile = this.profiles.get(trudy.getId());
		assertThat(profile.fullName()).isEqualTo("=HYPERLINK(\"http://evil.example\")");
		assertThat(profile.bio()).isEqualTo("Likes \"quotes\", commas\nand lines");
		assertThat(profile.phone()).isEqualTo("+1 555 0100");
		assertThat(profile.website()).isEqualTo("https://m.example");
		assertThat(trudy.getRole()).isEqualTo(Role.USER);
		assertThat(this.users.findByLogin("importboss2").orElseThrow().getRole()).as("the role column")
			.isEqualTo(Role.ADMIN);
	}

	@Test
	void theConfirmationCreatesInvitedAccountsWithTheirProfilesAndMailsThem() throws Exception {
		byte[] file = csv("""
				username,email,role,full_name,website
				ada,Ada@Example.com,ADMIN,Ada Lovelace,https://ada.example
				grace,grace@example.com,,Grace Hopper,
				linus,linus@example.com,user,,
				""");
		JsonNode preview = json(preview(file).andExpect(status().isOk())
			.andExpect(jsonPath("$.create").value(3))
			.andExpect(jsonPath("$.mail").value(true))
			.andExpect(jsonPath("$.rows[0].line").value(2))
			.andExpect(jsonPath("$.rows[0].email").value("ada@example.com"))
			.andExpect(jsonPath("$.rows[0].role").value("ADMIN"))
			.andExpect(jsonPath("$.rows[1].role").value("USER"))
			.andReturn());
		assertThat(this.users.findByLogin("ada")).as("a dry run creates nothing").isEmpty();

		confirm(file, preview.get("planId").asString()).andExpect(status().isCreated())
			.andExpect(jsonPath("$.imported").value(true))
			.andExpect(jsonPath("$.create").value(3));

		User ada = this.users.findByLogin("ada").orElseThrow();
		assertThat(ada.getRole()).isEqualTo(Role.ADMIN);
		assertThat(ada.isInvited()).isTrue();
		assertThat(ada.isEmailVerified()).isFalse();
		assertThat(this.profiles.get(ada.getId()).fullName()).isEqualTo("Ada Lovelace");
		assertThat(this.profiles.get(ada.getId()).website()).isEqualTo("https://ada.example");
		assertThat(this.users.findByLogin("linus").orElseThrow().getRole()).isEqualTo(Role.USER);
		assertThat(this.db.jdbc()
			.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE template = 'invitation'", Integer.class))
			.isEqualTo(3);
		// Nobody's password signs in.
		assertThat(this.encoder.matches("", ada.getPasswordHash())).isFalse();

		// Confirmed again, the same file is now a plan of three skips: refused.
		problem(confirm(file, preview.get("planId").asString()), 409, "/problems/import-changed");
	}

	@Test
	void everyRowsErrorsAreReportedAndNothingIsImportedWhileAnyRemains() throws Exception {
		this.accounts.user("taken");
		byte[] file = csv("""
				username,email,role,website,zipcode
				a,short@example.com,,,
				fine,not-an-address,,,
				boss,boss@example.com,BOSS,,
				link,link@example.com,,javascript:alert(1),
				twice,twice@example.com,,,
				TWICE,twice2@example.com,,,
				theft,taken@example.com,,,
				taken,whatever@example.com,,,
				short,short2@example.com
				zip,zip@example.com,,,12<34
				good,good@example.com,,,
				""");
		JsonNode report = json(preview(file).andExpect(status().isOk()).andReturn());
		assertThat(report.get("create").asInt()).isEqualTo(2);
		assertThat(report.get("skip").asInt()).isEqualTo(1);
		assertThat(report.get("errors").asInt()).isEqualTo(8);
		JsonNode rows = report.get("rows");
		assertThat(reasons(rows, 0)).containsOnlyKeys("username");
		assertThat(reasons(rows, 1)).containsOnlyKeys("email");
		assertThat(reasons(rows, 2)).containsOnlyKeys("role");
		assertThat(reasons(rows, 3)).containsOnlyKeys("website");
		assertThat(rows.get(4).get("outcome").asString()).isEqualTo("create");
		assertThat(reasons(rows, 5)).containsOnlyKeys("username");
		assertThat(reasons(rows, 5).get("username")).contains("6");
		assertThat(reasons(rows, 6)).containsOnlyKeys("email");
		assertThat(rows.get(7).get("outcome").asString()).isEqualTo("skip");
		assertThat(reasons(rows, 8)).containsKey("row");
		assertThat(reasons(rows, 9)).containsOnlyKeys("zipcode");
		assertThat(rows.get(10).get("outcome").asString()).isEqualTo("create");

		problem(confirm(file, report.get("planId").asString()), 400, "/problems/validation")
			.andExpect(jsonPath("$.errors['line 2']").isNotEmpty());
		assertThat(this.users.findByLogin("good")).isEmpty();
		assertThat(this.users.findByLogin("twice")).isEmpty();
	}

	@Test
	void theConfirmationImportsExactlyThePreviewOrNothing() throws Exception {
		byte[] file = csv("username,email\nnora,nora@example.com\nolaf,olaf@example.com\n");
		String planId = json(preview(file).andReturn()).get("planId").asString();

		// Another file under the same plan id.
		problem(confirm(csv("username,email\nnora,nora@example.com\n"), planId), 409, "/problems/import-changed");
		problem(confirm(file, "0".repeat(64)), 409, "/problems/import-changed");
		// Someone takes a username meanwhile: the plan is not what was shown.
		this.accounts.user("olaf");
		problem(confirm(file, planId), 409, "/problems/import-changed");
		assertThat(this.users.findByLogin("nora")).as("all or nothing").isEmpty();
		problem(this.mvc.perform(withCsrf(multipart("/users/import").file(part(file))).with(as(this.admin))), 400,
				"/problems/bad-request");
	}

	@Test
	void filesThatAreNotImportableAreRefusedWithTheReason() throws Exception {
		invalid(new byte[0], "empty");
		invalid(csv("\n\n"), "empty");
		invalid(csv("username,email\n"), "no rows");
		invalid(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13 }, "UTF-8");
		invalid("username,email\nzoë,z@example.com\n".getBytes(StandardCharsets.ISO_8859_1), "UTF-8");
		invalid(csv("username,email\0\n"), "binary");
		invalid(csv("username,e-mail\nx,y\n"), "e-mail");
		invalid(csv("username,full_name\nx,y\n"), "email");
		invalid(csv("username,email,email\nx,y,z\n"), "twice");
		invalid(csv("username,email\n\"unclosed,x@example.com\n"), "quote");
	}

	@Test
	void atMostTenThousandRows() throws Exception {
		StringBuilder rows = new StringBuilder("username,email\n");
		for (int i = 0; i < UserCsvReader.MAX_ROWS; i++) {
			rows.append("bulk").append(i).append(",bulk").append(i).append("@example.com\n");
		}
		preview(csv(rows.toString())).andExpect(status().isOk())
			.andExpect(jsonPath("$.create").value(UserCsvReader.MAX_ROWS));
		rows.append("onemore,onemore@example.com\n");
		problem(preview(csv(rows.toString())), 413, "/problems/import-too-large")
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("10,000")));
	}

	@Test
	void onlyAdminsWithASessionImport() throws Exception {
		byte[] file = csv("username,email\nquinn,quinn@example.com\n");
		User user = this.accounts.user("plainuser");
		problem(this.mvc.perform(
				withCsrf(multipart("/users/import?dryRun=true").file(part(file))).accept(MediaType.APPLICATION_JSON)),
				401, "/problems/unauthorized");
		problem(this.mvc.perform(withCsrf(multipart("/users/import?dryRun=true").file(part(file))).with(as(user))), 403,
				"/problems/forbidden");
		problem(this.mvc.perform(multipart("/users/import?dryRun=true").file(part(file))
			.with(as(this.admin))
			.accept(MediaType.APPLICATION_JSON)), 403, "/problems/forbidden");
		String token = this.json.readTree(this.mvc
			.perform(post("/tokens").with(as(this.admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"t\", \"scope\": \"write\", \"expiresInDays\": 30}"))
			.andReturn()
			.getResponse()
			.getContentAsString()).get("token").asString();
		problem(this.mvc.perform(multipart("/users/import?dryRun=true").file(part(file))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)), 403, "/problems/token-refused");
		assertThat(this.users.findByLogin("quinn")).isEmpty();
	}

	private void invalid(byte[] file, String detail) throws Exception {
		problem(preview(file), 400, "/problems/invalid-csv")
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(detail)));
	}

	private byte[] export(boolean bom) throws Exception {
		MvcResult started = this.mvc
			.perform(get("/user_list").param("bom", String.valueOf(bom)).accept("text/csv").with(as(this.admin)))
			.andReturn();
		byte[] bytes = this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(bytes.length > 3 && bytes[0] == (byte) 0xEF).isEqualTo(bom);
		return bytes;
	}

	private ResultActions preview(byte[] file) throws Exception {
		return this.mvc.perform(withCsrf(multipart("/users/import?dryRun=true").file(part(file))).with(as(this.admin)));
	}

	private ResultActions confirm(byte[] file, String planId) throws Exception {
		return this.mvc.perform(
				withCsrf(multipart("/users/import").file(part(file)).param("planId", planId)).with(as(this.admin)));
	}

	private static MockMultipartHttpServletRequestBuilder withCsrf(MockMultipartHttpServletRequestBuilder request) {
		request.with(csrf()).accept(MediaType.APPLICATION_JSON);
		return request;
	}

	private static MockMultipartFile part(byte[] file) {
		return new MockMultipartFile("file", "users.csv", "text/csv", file);
	}

	private static byte[] csv(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private JsonNode json(MvcResult result) {
		try {
			return this.json.readTree(result.getResponse().getContentAsString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> reasons(JsonNode rows, int index) {
		JsonNode row = rows.get(index);
		assertThat(row.get("outcome").asString()).as(row.toString()).isEqualTo("error");
		Map<String, String> reasons = new LinkedHashMap<>();
		row.get("reasons").properties().forEach((entry) -> reasons.put(entry.getKey(), entry.getValue().asString()));
		return reasons;
	}

	private int userCount() {
		return this.db.jdbc().queryForObject("SELECT COUNT(*) FROM users", Integer.class);
	}

	private int outboxCount() {
		return this.db.jdbc().queryForObject("SELECT COUNT(*) FROM mail_outbox", Integer.class);
	}

	private static ResultActions problem(ResultActions result, int status, String type) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(type))
			.andExpect(jsonPath("$.detail").isNotEmpty());
	}

}
