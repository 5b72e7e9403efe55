package org.roster;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.roster.account.AccountTestSupport;
import org.roster.avatar.AvatarService;
import org.roster.avatar.SharedFtpServer;
import org.roster.oidc.OidcClients;
import org.roster.testsupport.PostgresRunLock;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Roster nodes (two application contexts on their own ports) on one PostgreSQL
 * database and one FTP server, driven over HTTP by clients that keep their cookies across
 * both, as browsers behind a load balancer do. Both nodes start at once on an emptied
 * schema, so they also race to migrate it.
 * <p>
 * PostgreSQL only ({@code -Droster.test.postgres=true}); then an unreachable server fails
 * the class. The FTP server is the independent vsftpd when the external-FTP tests are on,
 * else an embedded one both nodes share.
 */
@Tag("postgres")
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_SWITCH, matches = "true",
		disabledReason = "PostgreSQL suite off: run with -Droster.test.postgres=true (.ci/run does)")
class MultiNodePostgresTest {

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private static final Pattern MIGRATION = Pattern.compile("V([0-9._]+)__.*\\.sql");

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Per client address and node; each {@link Browser} has an address of its own. */
	private static final int LOGINS_PER_MINUTE = 10;

	private static final AtomicInteger browsers = new AtomicInteger();

	private static SharedFtpServer ftp;

	private static Node a;

	private static Node b;

	private static JdbcTemplate jdbc;

	private static AccountTestSupport accounts;

	@BeforeAll
	static void startTwoNodesAtOnce(@TempDir Path ftpRoot) throws Exception {
		StandardEnvironment database = postgresSettings();
		PostgresRunLock.acquire(database);
		Flyway.configure()
			.dataSource(database.getProperty("spring.datasource.url"),
					database.getProperty("spring.datasource.username"),
					database.getProperty("spring.datasource.password"))
			.cleanDisabled(false)
			.load()
			.clean();
		ftp = SharedFtpServer.start(ftpRoot);
		List<Node> nodes = startConcurrently("A", "B");
		a = nodes.get(0);
		b = nodes.get(1);
		TestDatabase testDatabase = new TestDatabase(a.context().getBean(DataSource.class));
		assertThat(testDatabase.isPostgres()).isTrue();
		jdbc = testDatabase.jdbc();
		accounts = new AccountTestSupport(a.context().getBean(UserService.class),
				a.context().getBean(PasswordEncoder.class));
	}

	@AfterAll
	static void stopNodes() {
		for (Node node : new Node[] { a, b }) {
			if (node != null) {
				node.context().close();
			}
		}
		if (ftp != null) {
			ftp.close();
		}
	}

	@Test
	void nodesStartingTogetherMigrateTheSchemaOnce() throws Exception {
		List<String> expected = new ArrayList<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<Resource> scripts = new ArrayList<>(List.of(resolver.getResources("classpath:db/migration/V*.sql")));
		scripts.addAll(List.of(resolver.getResources("classpath:db/vendor/postgresql/V*.sql")));
		for (Resource script : scripts) {
			Matcher version = MIGRATION.matcher(script.getFilename());
			assertThat(version.matches()).as(script.getFilename()).isTrue();
			expected.add(version.group(1).replace('_', '.'));
		}
		assertThat(
				jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL", String.class))
			.containsExactlyInAnyOrderElementsOf(expected);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success", Integer.class))
			.isZero();
		Browser browser = new Browser();
		assertThat(browser.page(a, "/login").statusCode()).isEqualTo(200);
		assertThat(browser.page(b, "/login").statusCode()).isEqualTo(200);
	}

	@Test
	void aSessionStartedOnOneNodeWorksOnTheOther() throws Exception {
		accounts.user("nodes-shared");
		Browser browser = new Browser();
		assertSignedIn(browser.signIn(a, "nodes-shared", AccountTestSupport.PASSWORD));
		assertThat(sessionsOf("nodes-shared")).isOne();

		HttpResponse<String> profile = browser.page(b, "/profile");
		assertThat(profile.statusCode()).isEqualTo(200);
		assertThat(profile.body()).contains("nodes-shared");

		// Signing out on B ends the session on A too.
		browser.form(b, "/logout", Map.of());
		assertRedirectedToLogin(browser.page(a, "/profile"));
		assertThat(sessionsOf("nodes-shared")).isZero();
	}

	@Test
	void suspendingAUserOnOneNodeEndsTheirSessionOnTheOther() throws Exception {
		User user = accounts.user("nodes-suspended");
		accounts.admin("nodes-suspender");
		Browser userBrowser = new Browser();
		Browser adminBrowser = new Browser();
		assertSignedIn(userBrowser.signIn(a, "nodes-suspended", AccountTestSupport.PASSWORD));
		assertThat(userBrowser.page(a, "/profile").statusCode()).isEqualTo(200);
		assertSignedIn(adminBrowser.signIn(b, "nodes-suspender", AccountTestSupport.PASSWORD));

		HttpResponse<String> suspended = adminBrowser.json(b, "PUT", "/update_status",
				"{\"id\":" + user.getId() + ",\"status\":\"SUSPENDED\"}");
		assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
		assertThat(json.readTree(suspended.body()).get("status").asString()).isEqualTo("SUSPENDED");

		assertRedirectedToLogin(userBrowser.page(a, "/profile"));
		assertThat(userBrowser.json(a, "GET", "/edit_user?id=" + user.getId(), null).statusCode()).isEqualTo(401);
		assertThat(sessionsOf("nodes-suspended")).isZero();
		HttpResponse<String> refused = userBrowser.signIn(a, "nodes-suspended", AccountTestSupport.PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("This account is suspended");
	}

	@Test
	void eachNodeThrottlesLoginsByTheForwardedClientAddress() throws Exception {
		Browser client = new Browser();
		int refused = 0;
		HttpResponse<String> login;
		while ((login = client.signIn(a, "nodes-nobody", "wrong-password")).statusCode() != 429) {
			assertLoginRefused(login);
			refused++;
			// The bucket refills one attempt every 6 s, which a slow machine may see.
			assertThat(refused).as("attempts before 429").isLessThanOrEqualTo(2 * LOGINS_PER_MINUTE);
		}
		assertThat(refused).isGreaterThanOrEqualTo(LOGINS_PER_MINUTE);
		assertThat(login.headers().firstValue("Retry-After")).isPresent();

		// Node B keeps its own bucket for the same address...
		assertLoginRefused(client.signIn(b, "nodes-nobody", "wrong-password"));
		// ...and node A tells clients behind the same proxy apart by X-Forwarded-For.
		assertLoginRefused(new Browser().signIn(a, "nodes-nobody", "wrong-password"));
	}

	@Test
	void anApplicationsCodeFromOneNodeIsRedeemedAndRefreshedOnTheOtherUnderTheSameKeys() throws Exception {
		accounts.user("nodes-oidc");
		String redirect = "http://127.0.0.1:9/callback";
		OidcClients.Created client = a.context()
			.getBean(OidcClients.class)
			.create(new OidcClients.NewClient("Two nodes", List.of(redirect), List.of(), false,
					List.of("openid", "email"), false));
		Browser browser = new Browser();
		assertSignedIn(browser.signIn(a, "nodes-oidc", AccountTestSupport.PASSWORD));
		String verifier = "two-nodes-verifier-" + UUID.randomUUID();
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String callback = location(browser.page(a,
				"/oauth2/authorize?response_type=code&client_id=" + client.clientId() + "&redirect_uri="
						+ URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&scope=openid%20email&state=st"
						+ "&nonce=nn&code_challenge=" + challenge + "&code_challenge_method=S256"));
		assertThat(callback).startsWith(redirect);
		String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");

		JsonNode tokens = json
			.readTree(tokenRequest(b, client,
					"grant_type=authorization_code&code=" + code + "&redirect_uri="
							+ URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=" + verifier)
				.body());
		JsonNode refreshed = json.readTree(tokenRequest(b, client,
				"grant_type=refresh_token&refresh_token=" + tokens.get("refresh_token").asString())
			.body());
		assertThat(refreshed.get("access_token").asString()).isNotBlank();

		String keysOfA = browser.page(a, "/oauth2/jwks").body();
		assertThat(browser.page(b, "/oauth2/jwks").body()).isEqualTo(keysOfA);
		SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asString());
		RSAKey key = (RSAKey) JWKSet.parse(keysOfA).getKeyByKeyId(idToken.getHeader().getKeyID());
		assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
	}

	private static HttpResponse<String> tokenRequest(Node node, OidcClients.Created client, String form)
			throws IOException, InterruptedException {
		String basic = Base64.getEncoder()
			.encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(node.uri("/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	@Test
	void demotingAnAdminOnOneNodeEndsTheirAdminSessionOnTheOther() throws Exception {
		User demoted = accounts.admin("nodes-demoted");
		accounts.admin("nodes-demoter");
		Browser demotedBrowser = new Browser();
		Browser adminBrowser = new Browser();
		assertSignedIn(demotedBrowser.signIn(a, "nodes-demoted", AccountTestSupport.PASSWORD));
		assertThat(demotedBrowser.json(a, "GET", "/user_list", null).statusCode()).isEqualTo(200);
		assertSignedIn(adminBrowser.signIn(b, "nodes-demoter", AccountTestSupport.PASSWORD));

		String path = "/edit_user?id=" + demoted.getId();
		long version = json.readTree(adminBrowser.json(b, "GET", path, null).body()).get("version").asLong();
		HttpResponse<String> demotion = adminBrowser.json(b, "PUT", path,
				"{\"version\":" + version + ",\"role\":\"USER\"}");
		assertThat(demotion.statusCode()).as(demotion.body()).isEqualTo(200);

		// The session carried the ADMIN role: it must not outlive the demotion.
		assertThat(demotedBrowser.json(a, "GET", "/user_list", null).statusCode()).isEqualTo(401);
		assertThat(sessionsOf("nodes-demoted")).isZero();
	}

	@Test
	void failedLoginsOnBothNodesAddUpToOneLockout() throws Exception {
		User user = accounts.user("nodes-locked");
		Browser first = new Browser();
		Browser second = new Browser();
		for (int i = 0; i < 3; i++) {
			assertLoginRefused(first.signIn(a, "nodes-locked", "wrong-password-" + i));
		}
		assertThat(failedLogins(user)).isEqualTo(3);
		assertThat(lockedUntil(user)).isNull();
		for (int i = 0; i < 2; i++) {
			assertLoginRefused(second.signIn(b, "nodes-locked", "wrong-password-" + i));
		}
		assertThat(failedLogins(user)).isEqualTo(5);
		assertThat(lockedUntil(user)).isAfter(Instant.now());

		assertLoginRefused(first.signIn(a, "nodes-locked", AccountTestSupport.PASSWORD));
		assertLoginRefused(second.signIn(b, "nodes-locked", AccountTestSupport.PASSWORD));
		assertThat(sessionsOf("nodes-locked")).isZero();
	}

	@Test
	void anAvatarUploadedThroughOneNodeIsServedByTheOther() throws Exception {
		User user = accounts.user("nodes-pictured");
		String imagePath = "/users/" + user.getId() + "/image";
		Browser browser = new Browser();
		assertSignedIn(browser.signIn(a, "nodes-pictured", AccountTestSupport.PASSWORD));
		try {
			HttpResponse<String> uploaded = browser.upload(a, imagePath, png(Color.RED));
			assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
			assertThat(json.readTree(uploaded.body()).get("imageUrl").asString()).startsWith(imagePath + "?v=");
			assertThat(storedImage(user)).startsWith(ftp.urlPrefix() + "avatars/" + user.getId() + "/");

			HttpResponse<byte[]> fromA = browser.bytes(a, imagePath);
			HttpResponse<byte[]> fromB = browser.bytes(b, imagePath);
			assertThat(fromB.statusCode()).isEqualTo(200);
			assertThat(fromB.headers().firstValue("Content-Type")).hasValue("image/png");
			assertThat(fromB.body()).isEqualTo(fromA.body());
			assertThat(fromB.headers().firstValue("ETag")).isEqualTo(fromA.headers().firstValue("ETag"));
			assertThat(centreColour(fromB.body())).isEqualTo(Color.RED.getRGB());
			// The ETag comes from the stored URL alone, so any node revalidates it.
			assertThat(browser.bytes(b, imagePath, fromA.headers().firstValue("ETag").orElseThrow()).statusCode())
				.isEqualTo(304);

			// A replacement is a new file under a new URL, read from the database on
			// every request, so the other node serves it at once.
			assertThat(browser.upload(a, imagePath, png(Color.BLUE)).statusCode()).isEqualTo(200);
			HttpResponse<byte[]> replaced = browser.bytes(b, imagePath);
			assertThat(centreColour(replaced.body())).isEqualTo(Color.BLUE.getRGB());
			assertThat(replaced.headers().firstValue("ETag")).isNotEqualTo(fromB.headers().firstValue("ETag"));
		}
		finally {
			// Leaves no file behind on the (possibly external) FTP server.
			a.context().getBean(AvatarService.class).remove(user.getId());
		}
	}

	@Test
	void concurrentEditsOnTwoNodesLetOneWinAndGiveTheOther409() throws Exception {
		User user = accounts.user("nodes-edited");
		accounts.admin("nodes-editor-a");
		accounts.admin("nodes-editor-b");
		Browser onA = new Browser();
		Browser onB = new Browser();
		assertSignedIn(onA.signIn(a, "nodes-editor-a", AccountTestSupport.PASSWORD));
		assertSignedIn(onB.signIn(b, "nodes-editor-b", AccountTestSupport.PASSWORD));
		String path = "/edit_user?id=" + user.getId();
		long versionSeenOnA = json.readTree(onA.json(a, "GET", path, null).body()).get("version").asLong();
		long versionSeenOnB = json.readTree(onB.json(b, "GET", path, null).body()).get("version").asLong();
		assertThat(versionSeenOnA).isEqualTo(versionSeenOnB);

		String tokenA = onA.csrfToken(a);
		String tokenB = onB.csrfToken(b);
		CompletableFuture<HttpResponse<String>> editA = onA.sendAsync(a, "PUT", path,
				edit(versionSeenOnA, "Edited on A"), tokenA);
		CompletableFuture<HttpResponse<String>> editB = onB.sendAsync(b, "PUT", path,
				edit(versionSeenOnB, "Edited on B"), tokenB);
		HttpResponse<String> resultA = editA.get(30, TimeUnit.SECONDS);
		HttpResponse<String> resultB = editB.get(30, TimeUnit.SECONDS);

		assertThat(List.of(resultA.statusCode(), resultB.statusCode())).as(resultA.body() + " / " + resultB.body())
			.containsExactlyInAnyOrder(200, 409);
		HttpResponse<String> winner = (resultA.statusCode() == 200) ? resultA : resultB;
		JsonNode now = json.readTree(onA.json(a, "GET", path, null).body());
		assertThat(now.get("profile").get("fullName").asString())
			.isEqualTo(json.readTree(winner.body()).get("profile").get("fullName").asString());
		assertThat(now.get("version").asLong()).isEqualTo(versionSeenOnA + 1);
	}

	private static String edit(long version, String fullName) {
		return "{\"version\":" + version + ",\"profile\":{\"fullName\":\"" + fullName + "\"}}";
	}

	private static StandardEnvironment postgresSettings() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new ResourcePropertySource("classpath:application-test-postgres.properties"));
		return environment;
	}

	/** Starts the nodes in parallel threads; if any fails, stops the others. */
	private static List<Node> startConcurrently(String... names) throws Exception {
		ExecutorService starter = Executors.newFixedThreadPool(names.length);
		try {
			List<Callable<Node>> starts = new ArrayList<>();
			for (String name : names) {
				starts.add(() -> startNode(name));
			}
			List<Node> nodes = new ArrayList<>();
			Exception failure = null;
			for (Future<Node> start : starter.invokeAll(starts, 3, TimeUnit.MINUTES)) {
				try {
					nodes.add(start.get());
				}
				catch (ExecutionException | RuntimeException ex) {
					failure = (failure != null) ? failure : ex;
				}
			}
			if (failure != null) {
				nodes.forEach((node) -> node.context().close());
				throw failure;
			}
			return nodes;
		}
		finally {
			starter.shutdownNow();
		}
	}

	private static Node startNode(String name) {
		Map<String, Object> properties = new HashMap<>(ftp.properties());
		properties.put("server.port", 0);
		properties.put("roster.security.rate-limit.per-minute", LOGINS_PER_MINUTE);
		properties.put("roster.security.lockout.max-failures", 5);
		// The test's browsers reach the nodes as a proxy on loopback would.
		properties.put("roster.proxy.trusted", "127.0.0.0/8,::1/128");
		// Two pools on a server that other test runs may share.
		properties.put("spring.datasource.hikari.maximum-pool-size", 5);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RosterApplication.class)
			.profiles("test", "test-postgres")
			.properties(properties)
			.listeners(new LoggingSetupInTurn(true), new LoggingSetupInTurn(false))
			.run();
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return new Node(name, context, URI.create("http://127.0.0.1:" + port));
	}

	private static int sessionsOf(String username) {
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?",
				Integer.class, username);
		return (count != null) ? count : 0;
	}

	private static Integer failedLogins(User user) {
		return jdbc.queryForObject("SELECT failed_logins FROM users WHERE id = ?", Integer.class, user.getId());
	}

	private static Instant lockedUntil(User user) {
		Timestamp until = jdbc.queryForObject("SELECT locked_until FROM users WHERE id = ?", Timestamp.class,
				user.getId());
		return (until != null) ? until.toInstant() : null;
	}

	private static String storedImage(User user) {
		return jdbc.queryForObject("SELECT image FROM user_profiles WHERE user_id = ?", String.class, user.getId());
	}

	private static byte[] png(Color colour) throws IOException {
		BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(colour);
		graphics.fillRect(0, 0, 64, 64);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static int centreColour(byte[] png) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		return image.getRGB(image.getWidth() / 2, image.getHeight() / 2) | 0xFF000000;
	}

	private static String location(HttpResponse<?> response) {
		assertThat(response.statusCode()).as("a redirect").isEqualTo(302);
		return response.headers().firstValue("Location").orElse("");
	}

	/** Signed in: an admin lands on the dashboard, a user on the profile. */
	private static void assertSignedIn(HttpResponse<String> login) {
		assertThat(location(login)).matches(".*/(profile|dashboard)$");
	}

	/** A failed sign-in renders the sign-in page again, with the generic message. */
	private static void assertLoginRefused(HttpResponse<String> login) {
		assertThat(login.statusCode()).as("the sign-in page again").isEqualTo(200);
		assertThat(login.body()).contains("Incorrect username or password");
	}

	private static void assertRedirectedToLogin(HttpResponse<String> page) {
		assertThat(location(page)).endsWith("/login");
	}

	/**
	 * Spring Boot sets up Logback for the whole JVM while an application starts; two at
	 * once would both add their appenders (every line twice) or leave start-up's
	 * suppress-all filter behind. So each node holds one lock from its start until its
	 * logging is set up; the rest of the start-up, Flyway included, still overlaps.
	 */
	private static final class LoggingSetupInTurn implements SmartApplicationListener {

		private static final ReentrantLock lock = new ReentrantLock();

		private final boolean acquire;

		LoggingSetupInTurn(boolean acquire) {
			this.acquire = acquire;
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			return this.acquire ? ApplicationStartingEvent.class.isAssignableFrom(eventType)
					: ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType)
							|| ApplicationFailedEvent.class.isAssignableFrom(eventType);
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (this.acquire) {
				lock.lock();
			}
			else if (lock.isHeldByCurrentThread()) {
				lock.unlock();
			}
		}

		@Override
		public int getOrder() {
			return this.acquire ? Ordered.HIGHEST_PRECEDENCE : LoggingApplicationListener.DEFAULT_ORDER + 1;
		}

	}

	/** One application node and where it listens. */
	private record Node(String name, ConfigurableApplicationContext context, URI base) {

		URI uri(String path) {
			return this.base.resolve(path);
		}

	}

	@Test
	void aSessionEndedFromTheListOnOneNodeIsSignedOutOnTheOther() throws Exception {
		accounts.user("nodes-two-browsers");
		Browser laptop = new Browser();
		Browser phone = new Browser();
		assertSignedIn(laptop.signIn(a, "nodes-two-browsers", AccountTestSupport.PASSWORD));
		assertSignedIn(phone.signIn(b, "nodes-two-browsers", AccountTestSupport.PASSWORD));
		assertThat(phone.page(b, "/profile").statusCode()).isEqualTo(200);

		// Each node lists both, with the client addresses the proxy passed on.
		JsonNode listed = json.readTree(laptop.json(b, "GET", "/profile/sessions", null).body());
		assertThat(listed).hasSize(2);
		assertThat(listed.valueStream().map((session) -> session.get("address").asString()))
			.containsExactlyInAnyOrder(laptop.address, phone.address);
		String phoneId = listed.valueStream()
			.filter((session) -> !session.get("current").asBoolean())
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();

		HttpResponse<String> ended = laptop.json(a, "DELETE", "/profile/sessions/" + phoneId, null);
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		assertRedirectedToLogin(phone.page(b, "/profile"));
		assertThat(phone.json(a, "GET", "/profile/sessions", null).statusCode()).isEqualTo(401);
		assertThat(laptop.page(b, "/profile").statusCode()).isEqualTo(200);
		assertThat(sessionsOf("nodes-two-browsers")).isOne();
	}

	/**
	 * A browser behind the load balancer: its own cookie jar, which (like a real one)
	 * sends the session cookie to both nodes since they share a host name; its own client
	 * address, in {@code X-Forwarded-For} as a proxy on loopback (trusted through
	 * {@code roster.proxy.trusted}) passes it on; no automatic redirects, so tests see
	 * them.
	 */
	private static final class Browser {

		private static final Duration TIMEOUT = Duration.ofSeconds(30);

		/**
		 * Documentation addresses (TEST-NET-3): not private, so never a trusted proxy.
		 */
		private final String address = "203.0.113." + browsers.incrementAndGet();

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(TIMEOUT)
			.build();

		HttpResponse<String> page(Node node, String path) throws IOException, InterruptedException {
			return this.http.send(request(node, path).header("Accept", "text/html").GET().build(),
					BodyHandlers.ofString());
		}

		HttpResponse<byte[]> bytes(Node node, String path) throws IOException, InterruptedException {
			return this.http.send(request(node, path).GET().build(), BodyHandlers.ofByteArray());
		}

		HttpResponse<byte[]> bytes(Node node, String path, String ifNoneMatch)
				throws IOException, InterruptedException {
			return this.http.send(request(node, path).header("If-None-Match", ifNoneMatch).GET().build(),
					BodyHandlers.ofByteArray());
		}

		/** The CSRF token of this browser's session, as pages give it to scripts. */
		String csrfToken(Node node) throws IOException, InterruptedException {
			return csrfToken(node, "/profile");
		}

		HttpResponse<String> signIn(Node node, String username, String password)
				throws IOException, InterruptedException {
			String token = csrfToken(node, "/login");
			Map<String, String> fields = Map.of("username", username, "password", password);
			return post(node, "/login", fields, token);
		}

		HttpResponse<String> form(Node node, String path, Map<String, String> fields)
				throws IOException, InterruptedException {
			return post(node, path, fields, csrfToken(node));
		}

		/** A script's JSON call; state changes carry the CSRF header. */
		HttpResponse<String> json(Node node, String method, String path, String body)
				throws IOException, InterruptedException {
			String token = "GET".equals(method) ? null : csrfToken(node);
			return this.http.send(jsonRequest(node, method, path, body, token), BodyHandlers.ofString());
		}

		CompletableFuture<HttpResponse<String>> sendAsync(Node node, String method, String path, String body,
				String token) {
			return this.http.sendAsync(jsonRequest(node, method, path, body, token), BodyHandlers.ofString());
		}

		HttpResponse<String> upload(Node node, String path, byte[] png) throws IOException, InterruptedException {
			String boundary = "roster-" + UUID.randomUUID();
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\""
					+ "\r\nContent-Type: image/png\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			body.writeBytes(png);
			body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
			HttpRequest request = request(node, path).header("Accept", "application/json")
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.header("X-CSRF-TOKEN", csrfToken(node))
				.POST(BodyPublishers.ofByteArray(body.toByteArray()))
				.build();
			return this.http.send(request, BodyHandlers.ofString());
		}

		private String csrfToken(Node node, String path) throws IOException, InterruptedException {
			HttpResponse<String> page = page(node, path);
			assertThat(page.statusCode()).as("GET " + path + " on node " + node.name()).isEqualTo(200);
			Matcher token = CSRF_META.matcher(page.body());
			assertThat(token.find()).as("a CSRF token on " + path).isTrue();
			return token.group(1);
		}

		private HttpResponse<String> post(Node node, String path, Map<String, String> fields, String token)
				throws IOException, InterruptedException {
			StringBuilder form = new StringBuilder("_csrf=").append(encode(token));
			fields.forEach((name, value) -> form.append('&').append(name).append('=').append(encode(value)));
			HttpRequest request = request(node, path).header("Accept", "text/html")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString(form.toString()))
				.build();
			return this.http.send(request, BodyHandlers.ofString());
		}

		private HttpRequest jsonRequest(Node node, String method, String path, String body, String token) {
			HttpRequest.Builder request = request(node, path).header("Accept", "application/json")
				.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
			if (body != null) {
				request.header("Content-Type", "application/json");
			}
			if (token != null) {
				request.header("X-CSRF-TOKEN", token);
			}
			return request.build();
		}

		private HttpRequest.Builder request(Node node, String path) {
			return HttpRequest.newBuilder(node.uri(path)).timeout(TIMEOUT).header("X-Forwarded-For", this.address);
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}
