package org.roster.admin;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.profile.ProfileData;
import org.roster.profile.ProfileService;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.WireClient;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin list as CSV: the same filter and order as the page, every matching row (not
 * one page), the profile columns, quoting that survives commas, quotes and line breaks,
 * cells that cannot become spreadsheet formulas, a byte-order mark on request; for admins
 * only.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
class UserCsvExportTest {

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

	@Autowired
	ProfileService profiles;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	WireClient admin;

	@BeforeEach
	void setUp() throws Exception {
		new TestDatabase(this.dataSource).deleteAllUsers();
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		accounts.admin("olga");
		for (int i = 1; i <= 25; i++) {
			accounts.user("mia" + String.format("%02d", i));
		}
		User tricky = accounts.user("mallory");
		this.profiles.update(tricky.getId(), new ProfileData("=HYPERLINK(\"http://evil.example\")",
				"Likes \"quotes\", commas\nand lines", "", "", "+1 555 0100", "", ""));
		this.admin = new WireClient(base());
		this.admin.submit("/login", "/login", Map.of("username", "olga", "password", AccountTestSupport.PASSWORD));
	}

	@Test
	void theFilterAsCsvHasEveryMatchingRowInTheListsOrder() throws Exception {
		HttpResponse<String> answer = csv("/user_list?q=mia&sort=username&dir=desc&size=10", "text/csv");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(answer.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment")
			.contains(".csv");
		List<CSVRecord> rows = parse(answer.body());
		assertThat(rows.get(0).toList()).isEqualTo(UserCsv.HEADER);
		assertThat(rows.subList(1, rows.size())).as("all 25, not a page of 10").hasSize(25);
		assertThat(rows.get(1).get(1)).isEqualTo("mia25");
		assertThat(rows.get(25).get(1)).isEqualTo("mia01");
	}

	@Test
	void cellsSurviveQuotingAndCannotBecomeFormulas() throws Exception {
		List<CSVRecord> rows = parse(csv("/user_list?q=mallory", "text/csv").body());
		CSVRecord mallory = rows.get(1);
		assertThat(mallory.get(UserCsv.HEADER.indexOf("full_name"))).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
		assertThat(mallory.get(UserCsv.HEADER.indexOf("bio"))).isEqualTo("Likes \"quotes\", commas\nand lines");
		assertThat(mallory.get(UserCsv.HEADER.indexOf("phone"))).isEqualTo("'+1 555 0100");
		assertThat(mallory.get(UserCsv.HEADER.indexOf("role"))).isEqualTo("USER");
	}

	@Test
	void thePagesLinkAndTheByteOrderMarkForSpreadsheetApps() throws Exception {
		assertThat(this.admin.get("/user_list?q=mia").body()).contains("href=\"/user_list?q=mia&amp;format=csv\"");
		HttpResponse<String> linked = csv("/user_list?q=mia&format=csv&bom=true", "text/html");
		assertThat(linked.statusCode()).isEqualTo(200);
		assertThat(linked.body()).startsWith("\uFEFFid,username");
	}

	@Test
	void theExportImportedOverTheWireIsEveryRowExistingAndAnOversizedFileIsRefused() throws Exception {
		byte[] export = this.admin.get("/user_list?format=csv&bom=true", "text/csv")
			.body()
			.getBytes(StandardCharsets.UTF_8);
		String token = this.admin.csrfToken("/user_list");
		HttpResponse<String> preview = this.admin.upload("/users/import?dryRun=true", token, "file", "users.csv",
				export);
		assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
		assertThat(preview.body()).contains("\"create\":0", "\"skip\":27", "\"errors\":0");

		byte[] huge = new byte[6 * 1024 * 1024];
		Arrays.fill(huge, (byte) 'a');
		HttpResponse<String> refused = this.admin.upload("/users/import?dryRun=true", token, "file", "users.csv", huge);
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("/problems/import-too-large");
	}

	@Test
	void onlyAdminsExportAndABadFilterIsRefused() throws Exception {
		WireClient user = new WireClient(base());
		user.submit("/login", "/login", Map.of("username", "mia01", "password", AccountTestSupport.PASSWORD));
		assertThat(user.get("/user_list?format=csv", "text/csv").statusCode()).isEqualTo(403);
		assertThat(csv("/user_list?sort=password", "text/csv").statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> csv(String path, String accept) throws Exception {
		return this.admin.get(path, accept);
	}

	private static List<CSVRecord> parse(String csv) throws Exception {
		return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
