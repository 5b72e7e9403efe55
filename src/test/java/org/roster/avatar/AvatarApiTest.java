package org.roster.avatar;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roster.account.RosterPrincipal;
import org.roster.profile.ProfileService;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The avatar routes in the whole application: security, the profile in the database, the
 * embedded FTP server in a temporary data folder. Mostly through MockMvc; through Tomcat
 * where its multipart limit matters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:avatar-api;DB_CLOSE_DELAY=-1",
				"spring.servlet.multipart.resolve-lazily=true" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AvatarApiTest {

	private static final String USER_PASSWORD = "Avatar-upload-9-horse";

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("roster.data-dir", () -> dataDir.toString());
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserService users;

	@Autowired
	private ProfileService profiles;

	@Autowired
	private EmbeddedFtpServer embeddedServer;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@LocalServerPort
	private int port;

	@Test
	void theOwnerUploadsAndAnySignedInUserSeesItWithCachingHeaders() throws Exception {
		User alice = user("alice", Role.USER);
		User bob = user("bob", Role.USER);
		this.mvc.perform(multipart("/users/{id}/image", alice.getId()).file(image(png(400, 300))).with(as(alice)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.imageUrl").value(matchesPattern("/users/" + alice.getId() + "/image\\?v=\\w+")));
		assertThat(filesOf(alice)).hasSize(1);

		MvcResult shown = this.mvc.perform(get("/users/{id}/image", alice.getId()).with(as(bob)))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.IMAGE_PNG))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=300, private"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andReturn();
		var avatar = ImageIO.read(new ByteArrayInputStream(shown.getResponse().getContentAsByteArray()));
		assertThat(avatar.getWidth()).isEqualTo(256);
		assertThat(avatar.getHeight()).isEqualTo(256);

		String etag = shown.getResponse().getHeader(HttpHeaders.ETAG);
		this.mvc.perform(get("/users/{id}/image", alice.getId()).with(as(bob)).header(HttpHeaders.IF_NONE_MATCH, etag))
			.andExpect(status().isNotModified())
			.andExpect(header().string(HttpHeaders.ETAG, etag));
	}

	@Test
	void theCurrentVersionedAddressIsCachedForGoodAnOutdatedOneIsNot() throws Exception {
		User vera = user("vera", Role.USER);
		String first = JsonPath.read(
				this.mvc.perform(multipart("/users/{id}/image", vera.getId()).file(image(png(300, 300))).with(as(vera)))
					.andReturn()
					.getResponse()
					.getContentAsString(),
				"$.imageUrl");
		this.mvc.perform(get(first).with(as(vera)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=31536000, private, immutable"));

		String second = JsonPath.read(
				this.mvc.perform(multipart("/users/{id}/image", vera.getId()).file(image(png(200, 200))).with(as(vera)))
					.andReturn()
					.getResponse()
					.getContentAsString(),
				"$.imageUrl");
		assertThat(second).isNotEqualTo(first);
		this.mvc.perform(get(first).with(as(vera)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=300, private"));
		this.mvc.perform(get(second).with(as(vera)))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=31536000, private, immutable"));
	}

	@Test
	void onlyTheUserOrAnAdminMayChangeTheAvatar() throws Exception {
		User carol = user("carol", Role.USER);
		User dave = user("dave", Role.USER);
		User admin = user("admin1", Role.ADMIN);
		this.mvc.perform(multipart("/users/{id}/image", carol.getId()).file(image(png(50, 50))).with(as(dave)))
			.andExpect(status().isForbidden());
		this.mvc.perform(delete("/users/{id}/image", carol.getId()).with(as(dave))).andExpect(status().isForbidden());
		this.mvc.perform(get("/users/{id}/image", carol.getId())).andExpect(status().isUnauthorized());
		assertThat(filesOf(carol)).isEmpty();
		this.mvc.perform(multipart("/users/{id}/image", carol.getId()).file(image(png(50, 50))).with(as(admin)))
			.andExpect(status().isOk());
		assertThat(filesOf(carol)).hasSize(1);
	}

	@Test
	void badUploadsGetProblemDetailsAndChangeNothing() throws Exception {
		User erin = user("erin", Role.USER);
		this.mvc.perform(multipart("/users/{id}/image", erin.getId()).file(image("GIF? no.".getBytes())).with(as(erin)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid image"))
			.andExpect(jsonPath("$.detail").value("Not a JPEG, PNG, GIF or WebP image."));
		this.mvc
			.perform(multipart("/users/{id}/image", erin.getId()).file(image(new byte[6 * 1024 * 1024])).with(as(erin)))
			.andExpect(status().isContentTooLarge())
			.andExpect(jsonPath("$.status").value(413));
		this.mvc.perform(multipart("/users/{id}/image", erin.getId()).with(as(erin)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(this.profiles.findImage(erin.getId())).isEmpty();
		assertThat(filesOf(erin)).isEmpty();
	}

	@Test
	void anUnknownUserIs404() throws Exception {
		User admin = user("admin2", Role.ADMIN);
		this.mvc.perform(multipart("/users/{id}/image", 999_999).file(image(png(50, 50))).with(as(admin)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/users/{id}/image", 999_999).with(as(admin))).andExpect(status().isNotFound());
	}

	@Test
	void removingGoesBackToTheDefaultAndDeletesTheFile() throws Exception {
		User frank = user("frank", Role.USER);
		this.mvc.perform(multipart("/users/{id}/image", frank.getId()).file(image(png(80, 80))).with(as(frank)))
			.andExpect(status().isOk());
		this.mvc.perform(delete("/users/{id}/image", frank.getId()).with(as(frank)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.imageUrl").value("/users/" + frank.getId() + "/image"));
		assertThat(filesOf(frank)).isEmpty();
		this.mvc.perform(get("/users/{id}/image", frank.getId()).with(as(frank)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, startsWith("\"default-")));
	}

	@Test
	void deletingTheUserDeletesTheFileAfterCommit() throws Exception {
		User gina = user("gina", Role.USER);
		this.mvc.perform(multipart("/users/{id}/image", gina.getId()).file(image(png(80, 80))).with(as(gina)))
			.andExpect(status().isOk());
		assertThat(filesOf(gina)).hasSize(1);
		this.users.delete(gina.getId());
		assertThat(filesOf(gina)).isEmpty();
	}

	@Test
	void healthShowsTheImageStore() throws Exception {
		User admin = user("admin3", Role.ADMIN);
		this.mvc.perform(get("/actuator/health").with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.imageStore.status").value("UP"));
	}

	@Test
	void tomcatsMultipartLimitIsAProblemDetailToo() throws Exception {
		User ivan = signedUpUser("ivan");
		SignedIn signedIn = signIn("ivan");
		HttpClient http = signedIn.http();
		String token = signedIn.csrfToken();

		String boundary = "avatar-boundary";
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] tooLarge = new byte[5 * 1024 * 1024 + 64 * 1024];
		HttpResponse<String> upload = http.send(request("/users/" + ivan.getId() + "/image")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-CSRF-TOKEN", token)
			.header("Accept", "application/json")
			.POST(BodyPublishers.ofByteArrays(List.of(head, tooLarge, tail)))
			.build(), BodyHandlers.ofString());
		assertThat(upload.statusCode()).isEqualTo(413);
		assertThat(upload.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(upload.body()).contains("The image is larger than 5 MB");
		assertThat(filesOf(ivan)).isEmpty();
	}

	/**
	 * A client that sends the whole body before reading (no {@code Expect:
	 * 100-continue}, like Python's urllib) still reads the 413: Tomcat reads and drops
	 * the rest of the body instead of closing the connection under it.
	 */
	@Test
	void anOverSizeUploadSentWithoutExpectGetsItsProblemDetail() throws Exception {
		User kim = signedUpUser("kim");
		SignedIn signedIn = signIn("kim");
		String boundary = "raw-boundary";
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] image = new byte[7 * 1024 * 1024];
		String request = "POST /users/" + kim.getId() + "/image HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\n"
				+ "Cookie: " + signedIn.cookieHeader() + "\r\nX-CSRF-TOKEN: " + signedIn.csrfToken() + "\r\n"
				+ "Accept: application/json\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\n"
				+ "Content-Length: " + (head.length + image.length + tail.length) + "\r\nConnection: close\r\n\r\n";
		String response;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.write(head);
			out.write(image);
			out.write(tail);
			out.flush();
			response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(response).startsWith("HTTP/1.1 413 ")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.contains("The image is larger than 5 MB");
		assertThat(filesOf(kim)).isEmpty();
	}

	@Test
	void aStoreFailureGets502AndLogsOneLine(CapturedOutput output) throws Exception {
		User judy = user("judy", Role.USER);
		// A file where the user's folder should be: the FTP server cannot store into it.
		Files.createDirectories(dataDir.resolve("ftp/avatars"));
		Files.writeString(dataDir.resolve("ftp/avatars/" + judy.getId()), "not a folder");
		this.mvc.perform(multipart("/users/{id}/image", judy.getId()).file(image(png(80, 80))).with(as(judy)))
			.andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.type").value("/problems/image-store-failed"))
			.andExpect(jsonPath("$.detail").value("The image store could not complete the request."));
		assertThat(this.profiles.findImage(judy.getId())).isEmpty();
		assertOneWarning(output, "Image store failure: FTP server 127.0.0.1:");
	}

	@Test
	@Order(Integer.MAX_VALUE)
	@DirtiesContext
	void aStoreThatIsDownGets503AndTheProfileKeepsItsImage(CapturedOutput output) throws Exception {
		User hank = user("hank", Role.USER);
		this.mvc.perform(multipart("/users/{id}/image", hank.getId()).file(image(png(80, 80))).with(as(hank)))
			.andExpect(status().isOk());
		String before = this.profiles.findImage(hank.getId()).orElseThrow();
		this.embeddedServer.stop();
		this.mvc.perform(multipart("/users/{id}/image", hank.getId()).file(image(png(90, 90))).with(as(hank)))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().exists(HttpHeaders.RETRY_AFTER))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("/problems/image-store-unavailable"))
			.andExpect(jsonPath("$.status").value(503))
			.andExpect(jsonPath("$.detail").value("The image store cannot be reached right now. Try again later."));
		assertThat(this.profiles.findImage(hank.getId())).contains(before);
		assertOneWarning(output, "Image store unavailable: Cannot connect to FTP server 127.0.0.1:");
	}

	/**
	 * The failure is logged as one WARN line with its cause: no stack trace follows it
	 * (the next line is the next log entry or the end).
	 */
	private static void assertOneWarning(CapturedOutput output, String start) {
		List<String> lines = output.getAll().lines().toList();
		List<Integer> warnings = IntStream.range(0, lines.size())
			.filter((i) -> lines.get(i).contains(start))
			.boxed()
			.toList();
		assertThat(warnings).hasSize(1);
		int warning = warnings.get(0);
		assertThat(lines.get(warning)).contains(" WARN ");
		if (warning + 1 < lines.size()) {
			assertThat(lines.get(warning + 1)).matches("\\d{4}-\\d\\d-\\d\\dT.*");
		}
	}

	private User signedUpUser(String name) {
		return this.users
			.create(new NewUser(name, name + "@example.test", this.passwordEncoder.encode(USER_PASSWORD), Role.USER));
	}

	/** Signs in through the login form, as a browser does. */
	private SignedIn signIn(String username) throws Exception {
		CookieManager cookies = new CookieManager();
		HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
		String loginToken = csrfToken(http.send(request("/login").build(), BodyHandlers.ofString()).body());
		HttpResponse<String> login = http
			.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers
					.ofString("username=" + username + "&password=" + USER_PASSWORD + "&_csrf=" + loginToken))
				.build(), BodyHandlers.ofString());
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/profile"));
		String token = csrfToken(http.send(request("/profile").build(), BodyHandlers.ofString()).body());
		return new SignedIn(http, cookies, token);
	}

	private record SignedIn(HttpClient http, CookieManager cookies, String csrfToken) {

		String cookieHeader() {
			return this.cookies.getCookieStore()
				.getCookies()
				.stream()
				.map((cookie) -> cookie.getName() + "=" + cookie.getValue())
				.collect(Collectors.joining("; "));
		}

	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	private static String csrfToken(String page) {
		Matcher token = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("CSRF token in the page").isTrue();
		return token.group(1);
	}

	private User user(String name, Role role) {
		return this.users.create(new NewUser(name, name + "@example.test", "not-a-real-hash", role));
	}

	/** Signed in as the user, with a CSRF token. */
	static RequestPostProcessor as(User user) {
		RosterPrincipal principal = new RosterPrincipal(user.getId(), user.getUsername(), user.getRole());
		RequestPostProcessor signedIn = authentication(new UsernamePasswordAuthenticationToken(principal, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name()))));
		return (request) -> csrf().postProcessRequest(signedIn.postProcessRequest(request));
	}

	private static MockMultipartFile image(byte[] bytes) {
		return new MockMultipartFile("image", "avatar.png", "image/png", bytes);
	}

	private static byte[] png(int width, int height) {
		return AvatarImageProcessorTest.png(AvatarImageProcessorTest.image(width, height, Color.MAGENTA));
	}

	private static List<Path> filesOf(User user) throws IOException {
		Path directory = dataDir.resolve("ftp/avatars/" + user.getId());
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

}
