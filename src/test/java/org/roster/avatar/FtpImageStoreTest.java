package org.roster.avatar;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link FtpImageStore} against a real Apache MINA FtpServer on loopback.
 */
class FtpImageStoreTest {

	private static final String PASSWORD = "s3cret-Pa55-word";

	private static final AtomicInteger logins = new AtomicInteger();

	@TempDir
	static Path root;

	private static final FaultyFtplet faults = new FaultyFtplet();

	private static EmbeddedFtpServer server;

	private final List<FtpImageStore> stores = new ArrayList<>();

	private FtpImageStore store;

	@BeforeAll
	static void startServer() {
		server = new EmbeddedFtpServer(root, PASSWORD, null,
				Map.of("loginCounter", new LoginCounter(logins), "faults", faults));
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void openStore() {
		faults.reset();
		this.store = store(properties("127.0.0.1", server.port(), PASSWORD, "/", null));
	}

	@AfterEach
	void closeStores() {
		this.stores.forEach(FtpImageStore::close);
	}

	@Test
	void putCreatesNestedDirectoriesAndReturnsAUrlWithoutCredentials() throws IOException {
		String url = this.store.put("avatars/7/first.png", bytes("one"), "image/png");
		assertThat(url).isEqualTo("ftp://127.0.0.1:" + server.port() + "/avatars/7/first.png")
			.doesNotContain(PASSWORD)
			.doesNotContain(EmbeddedFtpServer.USERNAME);
		assertThat(root.resolve("avatars/7/first.png")).hasContent("one");
	}

	@Test
	void getReadsBackWithAContentTypeFromTheName() {
		String url = this.store.put("avatars/8/a.png", bytes("png bytes"), "image/png");
		StoredImage image = this.store.get(url);
		assertThat(image.bytes()).isEqualTo(bytes("png bytes"));
		assertThat(image.contentType()).isEqualTo("image/png");
		assertThat(this.store.get(this.store.put("avatars/8/b.jpg", bytes("jpeg"), "image/jpeg")).contentType())
			.isEqualTo("image/jpeg");
	}

	@Test
	void putReplacesAnExistingFile() {
		String url = this.store.put("avatars/9/same.png", bytes("old"), "image/png");
		assertThat(this.store.put("avatars/9/same.png", bytes("new"), "image/png")).isEqualTo(url);
		assertThat(this.store.get(url).bytes()).isEqualTo(bytes("new"));
	}

	@Test
	void deleteIsIdempotent() {
		String url = this.store.put("avatars/10/gone.png", bytes("x"), "image/png");
		this.store.delete(url);
		assertThat(root.resolve("avatars/10/gone.png")).doesNotExist();
		this.store.delete(url);
		assertThatExceptionOfType(ImageNotFoundException.class).isThrownBy(() -> this.store.get(url));
	}

	@Test
	void baseDirectoryAndPublicBaseUrlShapeTheUrls() {
		FtpImageStore based = store(properties("127.0.0.1", server.port(), PASSWORD, "/roster/", null));
		String url = based.put("avatars/11/a.png", bytes("based"), "image/png");
		assertThat(url).isEqualTo("ftp://127.0.0.1:" + server.port() + "/roster/avatars/11/a.png");
		assertThat(root.resolve("roster/avatars/11/a.png")).exists();

		FtpImageStore published = store(
				properties("127.0.0.1", server.port(), PASSWORD, "/roster", "https://files.example.test/r/"));
		String publicUrl = published.put("avatars/11/b.png", bytes("published"), "image/png");
		assertThat(publicUrl).isEqualTo("https://files.example.test/r/avatars/11/b.png");
		assertThat(published.get(publicUrl).bytes()).isEqualTo(bytes("published"));
		assertThat(published.owns(url)).isFalse();
		assertThat(based.owns(publicUrl)).isFalse();
	}

	@Test
	void ownsOnlyPlainPathsUnderItsPrefix() {
		String prefix = "ftp://127.0.0.1:" + server.port() + "/";
		assertThat(this.store.owns(prefix + "avatars/1/a.png")).isTrue();
		assertThat(this.store.owns(null)).isFalse();
		assertThat(this.store.owns(prefix)).isFalse();
		assertThat(this.store.owns("ftp://127.0.0.2:" + server.port() + "/avatars/1/a.png")).isFalse();
		assertThat(this.store.owns("ftp://127.0.0.1:" + server.port() + "0/avatars/1/a.png")).isFalse();
		assertThat(this.store.owns("http://169.254.169.254/latest/meta-data")).isFalse();
		assertThat(this.store.owns(prefix + "avatars/../../etc/passwd")).isFalse();
		assertThat(this.store.owns(prefix + "../etc/passwd")).isFalse();
		assertThat(this.store.owns(prefix + "avatars/%2e%2e/x.png")).isFalse();
		assertThat(this.store.owns(prefix + "avatars//x.png")).isFalse();
		assertThat(this.store.owns(prefix + "avatars/1/a.png?x=1")).isFalse();
		assertThat(this.store.owns(prefix + "avatars/1/a.png\r\nDELE x")).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.get(prefix + "../secret"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.delete("file:///etc/passwd"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.put("../x.png", bytes("x"), "image/png"));
	}

	@Test
	void severalOperationsShareOneLogin() {
		FtpImageStore pooled = store(properties("127.0.0.1", server.port(), PASSWORD, "/", null));
		int before = logins.get();
		String url = pooled.put("avatars/12/a.png", bytes("a"), "image/png");
		pooled.get(url);
		pooled.put("avatars/12/b.png", bytes("b"), "image/png");
		pooled.delete(url);
		pooled.get(pooled.put("avatars/12/c.png", bytes("c"), "image/png"));
		assertThat(logins.get() - before).isEqualTo(1);
	}

	@Test
	void concurrentUseStaysWithinThePoolSize() throws Exception {
		FtpProperties two = new FtpProperties("127.0.0.1", server.port(), EmbeddedFtpServer.USERNAME, PASSWORD, "/",
				false, null, null, Duration.ofSeconds(5), Duration.ofSeconds(5), 2);
		FtpImageStore pooled = store(two);
		int before = logins.get();
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<byte[]>> results = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				String name = "avatars/13/" + i + ".png";
				results.add(threads.submit(() -> pooled.get(pooled.put(name, bytes(name), "image/png")).bytes()));
			}
			for (int i = 0; i < results.size(); i++) {
				assertThat(results.get(i).get()).isEqualTo(bytes("avatars/13/" + i + ".png"));
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(logins.get() - before).isBetween(1, 2);
	}

	@Test
	void wrongPasswordMeansUnavailableWithoutRevealingIt() {
		String wrong = "not-the-Password-42";
		FtpImageStore refused = store(properties("127.0.0.1", server.port(), wrong, "/", null));
		assertThatExceptionOfType(ImageStoreUnavailableException.class)
			.isThrownBy(() -> refused.put("avatars/14/a.png", bytes("a"), "image/png"))
			.withMessageContaining("refused the login")
			.withMessageNotContaining(wrong)
			.withMessageNotContaining(PASSWORD);
	}

	@Test
	void serverDownMeansUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		FtpImageStore down = store(properties("127.0.0.1", closedPort, PASSWORD, "/", null));
		assertThatExceptionOfType(ImageStoreUnavailableException.class).isThrownBy(down::check)
			.withMessageStartingWith("Cannot connect to FTP server 127.0.0.1:" + closedPort);
	}

	@Test
	void aServerThatStopsAfterwardsIsReportedAndPooledConnectionsAreDropped(@TempDir Path otherRoot) {
		EmbeddedFtpServer other = new EmbeddedFtpServer(otherRoot, PASSWORD, null, Map.of());
		other.start();
		FtpImageStore store = store(properties("127.0.0.1", other.port(), PASSWORD, "/", null));
		String url = store.put("avatars/15/a.png", bytes("a"), "image/png");
		other.stop();
		assertThatExceptionOfType(ImageStoreUnavailableException.class).isThrownBy(() -> store.get(url))
			.withMessageContaining("127.0.0.1:" + other.port());
	}

	@Test
	void largeFilesGoIntoNewDirectories() {
		// MINA accepts a STOR into a missing directory, then drops the data connection
		// while the client is still sending: large files got a broken pipe.
		byte[] large = noise(300 * 1024, 1);
		for (int user = 100; user < 120; user++) {
			String url = this.store.putNew("avatars/" + user, "png", large, "image/png");
			assertThat(this.store.get(url).bytes()).isEqualTo(large);
		}
		assertThat(faults.seen("STOR")).isEqualTo(20);
	}

	@Test
	void aDownloadWhoseConnectionDropsIsRetriedOnceOnANewConnection() {
		String url = this.store.put("avatars/20/a.png", bytes("retried"), "image/png");
		int before = logins.get();
		faults.plan("RETR", FaultyFtplet.Fault.DROP);
		assertThat(this.store.get(url).bytes()).isEqualTo(bytes("retried"));
		assertThat(faults.seen("RETR")).isEqualTo(2);
		assertThat(logins.get() - before).isEqualTo(1);

		faults.plan("RETR", FaultyFtplet.Fault.DROP, FaultyFtplet.Fault.DROP);
		assertThatExceptionOfType(ImageStoreUnavailableException.class).isThrownBy(() -> this.store.get(url))
			.withMessageContaining("closed the connection");
		assertThat(faults.seen("RETR")).isEqualTo(4);
	}

	@Test
	void aRefusalIsNotRetried() {
		String url = this.store.put("avatars/21/a.png", bytes("refused"), "image/png");
		faults.plan("RETR", FaultyFtplet.Fault.REFUSE);
		assertThatExceptionOfType(ImageStoreException.class).isThrownBy(() -> this.store.get(url))
			.withMessageContaining("refused the download")
			.withMessageContaining("550");
		assertThat(faults.seen("RETR")).isEqualTo(1);
	}

	@Test
	void aDeletionWhoseConnectionDropsIsRetried() {
		String url = this.store.put("avatars/22/a.png", bytes("x"), "image/png");
		faults.plan("DELE", FaultyFtplet.Fault.DROP);
		this.store.delete(url);
		assertThat(root.resolve("avatars/22/a.png")).doesNotExist();
		assertThat(faults.seen("DELE")).isEqualTo(2);
	}

	@Test
	void anUploadToANewNameWhoseConnectionDropsIsRetried() throws IOException {
		byte[] large = noise(300 * 1024, 2);
		faults.plan("STOR", FaultyFtplet.Fault.DROP_MIDWAY);
		String url = this.store.putNew("avatars/23", "png", large, "image/png");
		assertThat(faults.keptBytes).hasValue(FaultyFtplet.PART);
		assertThat(faults.seen("STOR")).isEqualTo(2);
		assertThat(this.store.get(url).bytes()).isEqualTo(large);
		assertThat(filesIn("avatars/23")).hasSize(1);
	}

	@Test
	void anUploadToTheCallersNameIsNotRetriedAndLeavesNoPartOfTheFile() throws IOException {
		faults.plan("STOR", FaultyFtplet.Fault.DROP_MIDWAY);
		assertThatExceptionOfType(ImageStoreException.class)
			.isThrownBy(() -> this.store.put("avatars/24/a.png", noise(300 * 1024, 3), "image/png"));
		assertThat(faults.keptBytes).hasValue(FaultyFtplet.PART);
		assertThat(faults.seen("STOR")).isEqualTo(1);
		assertThat(filesIn("avatars/24")).isEmpty();
	}

	@Test
	void anUploadWhoseRetryBreaksTooLeavesNoPartOfTheFile() throws IOException {
		faults.plan("STOR", FaultyFtplet.Fault.DROP_MIDWAY, FaultyFtplet.Fault.DROP_MIDWAY);
		assertThatExceptionOfType(ImageStoreException.class)
			.isThrownBy(() -> this.store.putNew("avatars/25", "png", noise(300 * 1024, 4), "image/png"));
		assertThat(faults.seen("STOR")).isEqualTo(2);
		assertThat(filesIn("avatars/25")).isEmpty();
	}

	@Test
	void checkWritesReadsAndDeletesAProbe() {
		assertThat(this.store.check()).contains("FTP server 127.0.0.1:" + server.port()).contains("OK");
	}

	@Test
	void checkLeavesNothingOnTheServerWhetherItSucceedsOrFails(@TempDir Path otherRoot) throws IOException {
		FaultyFtplet otherFaults = new FaultyFtplet();
		EmbeddedFtpServer other = new EmbeddedFtpServer(otherRoot, PASSWORD, null, Map.of("faults", otherFaults));
		other.start();
		try {
			FtpImageStore checked = store(properties("127.0.0.1", other.port(), PASSWORD, "/", null));
			assertThat(checked.check()).contains("OK");
			assertThat(otherRoot).isEmptyDirectory();

			otherFaults.plan("RETR", FaultyFtplet.Fault.REFUSE);
			assertThatExceptionOfType(ImageStoreException.class).isThrownBy(checked::check)
				.withMessageContaining("refused the download");
			assertThat(otherRoot).isEmptyDirectory();

			otherFaults.plan("STOR", FaultyFtplet.Fault.DROP_MIDWAY, FaultyFtplet.Fault.DROP_MIDWAY);
			assertThatExceptionOfType(ImageStoreException.class).isThrownBy(checked::check);
			assertThat(otherFaults.keptBytes).hasPositiveValue();
			assertThat(otherRoot).isEmptyDirectory();
		}
		finally {
			other.stop();
		}
	}

	@Test
	void theEmbeddedServersClientUrlsLeaveOutItsPortSoTheySurviveARestart() {
		FtpImageStore embedded = store(server.clientProperties(properties("unused", 21, "x", "/", null)));
		String url = embedded.put("avatars/16/a.png", bytes("a"), "image/png");
		assertThat(url).isEqualTo("ftp://127.0.0.1/avatars/16/a.png");
		assertThat(embedded.get(url).bytes()).isEqualTo(bytes("a"));
	}

	static FtpProperties properties(String host, int port, String password, String baseDir, String publicBaseUrl) {
		return new FtpProperties(host, port, EmbeddedFtpServer.USERNAME, password, baseDir, false, null, publicBaseUrl,
				Duration.ofSeconds(2), Duration.ofSeconds(5), 4);
	}

	private FtpImageStore store(FtpProperties properties) {
		FtpImageStore store = new FtpImageStore(properties, null);
		this.stores.add(store);
		return store;
	}

	/** Incompressible bytes. */
	static byte[] noise(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static List<Path> filesIn(String directory) throws IOException {
		try (var files = Files.list(root.resolve(directory))) {
			return files.toList();
		}
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Counts successful logins, to see whether connections are reused. */
	static final class LoginCounter extends DefaultFtplet {

		private final AtomicInteger logins;

		LoginCounter(AtomicInteger logins) {
			this.logins = logins;
		}

		@Override
		public FtpletResult onLogin(FtpSession session, FtpRequest request) throws FtpException, IOException {
			this.logins.incrementAndGet();
			return super.onLogin(session, request);
		}

	}

}
