package org.roster.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.WireClient;
import org.roster.user.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document: for admins only, OpenAPI 3.1, naming the ways to call Roster and
 * the problem types, and listing exactly the JSON routes of docs/API.md — a route added
 * to either and not the other fails here.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
class ApiDocumentationTest {

	private static final Pattern ROUTE = Pattern.compile("^\\| `(GET|POST|PUT|DELETE|PATCH) (/[^`\\s?\\[]*)");

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

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
		accounts.user("ursula");
		this.admin = signedIn("olga");
	}

	@Test
	void theDocumentListsExactlyTheJsonRoutesOfTheContract() throws Exception {
		HttpResponse<String> answer = this.admin.send("GET", "/v3/api-docs", "none", "");
		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode document = JsonMapper.builder().build().readTree(answer.body());
		assertThat(document.get("openapi").asString()).startsWith("3.1");
		Set<String> documented = new TreeSet<>();
		document.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.propertyNames()
				.forEach((method) -> documented.add(method.toUpperCase() + " " + path.getKey())));
		assertThat(documented).isEqualTo(contractRoutes());
	}

	@Test
	void theDocumentNamesTheWaysToCallRosterAndTheProblemTypes() throws Exception {
		JsonNode document = JsonMapper.builder()
			.build()
			.readTree(this.admin.send("GET", "/v3/api-docs", "none", "").body());
		JsonNode schemes = document.get("components").get("securitySchemes");
		assertThat(schemes.get("session").get("name").asString()).isEqualTo("ROSTER_SESSION");
		assertThat(schemes.get("csrf").get("name").asString()).isEqualTo("X-CSRF-TOKEN");
		assertThat(schemes.get("apiToken").get("scheme").asString()).isEqualTo("bearer");
		String types = document.get("components").get("schemas").get("Problem").toString();
		for (ProblemType type : ProblemType.values()) {
			assertThat(types).contains(type.type().toString());
		}
		assertThat(document.get("paths").get("/edit_user").get("put").get("responses").toString())
			.as(document.get("paths").get("/edit_user").toString())
			.contains("\"404\"", "application/problem+json", "#/components/schemas/Problem");
	}

	@Test
	void onlyAdminsSeeTheDocumentAndSwaggerUi() throws Exception {
		assertThat(this.admin.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
		WireClient user = signedIn("ursula");
		assertThat(user.send("GET", "/v3/api-docs", "none", "").statusCode()).isEqualTo(403);
		assertThat(user.get("/swagger-ui/index.html").statusCode()).isEqualTo(403);
		WireClient anonymous = new WireClient(base());
		assertThat(anonymous.send("GET", "/v3/api-docs", "none", "").statusCode()).isEqualTo(401);
	}

	@Test
	void anAdminsApiTokenFetchesTheDocumentForAGenerator() throws Exception {
		String token = JsonMapper.builder()
			.build()
			.readTree(this.admin
				.send("POST", "/tokens", this.admin.csrfToken("/profile"),
						"{\"name\": \"openapi\", \"scope\": \"read\", \"expiresInDays\": 30}")
				.body())
			.get("token")
			.asString();
		HttpResponse<String> document = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs"))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "application/json")
				.build(), BodyHandlers.ofString());
		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body()).contains("\"openapi\":\"3.1");
	}

	private WireClient signedIn(String username) throws Exception {
		WireClient client = new WireClient(base());
		client.submit("/login", "/login", Map.of("username", username, "password", AccountTestSupport.PASSWORD));
		return client;
	}

	private static Set<String> contractRoutes() throws IOException {
		String api = Files.readString(Path.of("docs/API.md"));
		String json = api.substring(api.indexOf("### JSON routes"));
		json = json.substring(0, json.indexOf("\n## "));
		Set<String> routes = new TreeSet<>();
		for (String line : json.split("\n")) {
			Matcher route = ROUTE.matcher(line);
			if (route.find()) {
				routes.add(route.group(1) + " " + route.group(2));
			}
		}
		assertThat(routes).as("the JSON routes table of docs/API.md").hasSizeGreaterThan(15);
		return routes;
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
