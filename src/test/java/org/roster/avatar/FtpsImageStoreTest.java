package org.roster.avatar;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Explicit FTPS against MINA with a self-signed certificate made for the test.
 */
class FtpsImageStoreTest {

	private static final String PASSWORD = "tls-Pa55-word";

	private static final String STORE_PASSWORD = "changeit";

	@TempDir
	static Path directory;

	private static EmbeddedFtpServer server;

	private static TrustManager trustManager;

	@BeforeAll
	static void startServer() throws Exception {
		Path keystore = directory.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "ftp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
				"-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

		SslConfigurationFactory ssl = new SslConfigurationFactory();
		ssl.setKeystoreFile(keystore.toFile());
		ssl.setKeystoreType("PKCS12");
		ssl.setKeystorePassword(STORE_PASSWORD);
		ssl.setKeyPassword(STORE_PASSWORD);
		Path root = Files.createDirectories(directory.resolve("root"));
		server = new EmbeddedFtpServer(root, PASSWORD, ssl.createSslConfiguration(), Map.of());
		server.start();

		KeyStore serverKeys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			serverKeys.load(in, STORE_PASSWORD.toCharArray());
		}
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		trusted.load(null, null);
		trusted.setCertificateEntry("ftp", serverKeys.getCertificate("ftp"));
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		trustManager = factory.getTrustManagers()[0];
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@Test
	void storesAndReadsOverExplicitTls() {
		try (FtpImageStore store = new FtpImageStore(properties(), trustManager)) {
			String url = store.put("avatars/1/secure.png", FtpImageStoreTest.bytes("over tls"), "image/png");
			assertThat(store.get(url).bytes()).isEqualTo(FtpImageStoreTest.bytes("over tls"));
			assertThat(store.check()).startsWith("FTPS server 127.0.0.1:" + server.port());
			store.delete(url);
		}
	}

	@Test
	void refusesACertificateItDoesNotTrust() {
		// Without the test's trust store, the JVM's default one applies: a self-signed
		// certificate must not pass (Commons Net alone would only check its dates).
		try (FtpImageStore store = new FtpImageStore(properties(), null)) {
			assertThatExceptionOfType(ImageStoreUnavailableException.class).isThrownBy(store::check)
				.withMessageStartingWith("Cannot connect to FTP server 127.0.0.1:" + server.port());
		}
	}

	private static FtpProperties properties() {
		return new FtpProperties("127.0.0.1", server.port(), EmbeddedFtpServer.USERNAME, PASSWORD, "/", true, null,
				null, Duration.ofSeconds(5), Duration.ofSeconds(5), 2);
	}

}
