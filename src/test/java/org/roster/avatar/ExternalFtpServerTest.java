package org.roster.avatar;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.UUID;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FtpImageStore} against an FTP server that is not ours (vsftpd, started by
 * {@code .ci/ftp-server.sh}). Runs when {@code roster.test.external-ftp=true} (system
 * property) or {@code ROSTER_TEST_EXTERNAL_FTP=true}; then an unreachable server fails
 * the tests.
 */
@EnabledIf(value = "requested",
		disabledReason = "external FTP tests off: run .ci/ftp-server.sh, then set ROSTER_TEST_EXTERNAL_FTP=true")
class ExternalFtpServerTest {

	static final String HOST = "127.0.0.1";

	static final int PORT = Integer.parseInt(setting("ROSTER_TEST_FTP_PORT", "2121"));

	static final String USER = setting("ROSTER_TEST_FTP_USER", "rosterftp");

	static final String PASSWORD = setting("ROSTER_TEST_FTP_PASSWORD", "roster-ftp-ci-Pa55");

	private static final Path CERTIFICATE = Path.of(setting("ROSTER_TEST_FTP_CERT", "/tmp/roster-ftp/cert.pem"));

	/** Each run in its own directory, so runs do not see each other's files. */
	private static final String BASE_DIR = "/roster-test-" + UUID.randomUUID();

	static boolean requested() {
		return Boolean.getBoolean("roster.test.external-ftp")
				|| "true".equalsIgnoreCase(System.getenv("ROSTER_TEST_EXTERNAL_FTP"));
	}

	@Test
	void storesReplacesReadsAndDeletesInNestedDirectories() {
		try (FtpImageStore store = new FtpImageStore(properties(PASSWORD, false), null)) {
			String url = store.put("avatars/1/a.png", FtpImageStoreTest.bytes("first"), "image/png");
			assertThat(url).isEqualTo("ftp://" + HOST + ":" + PORT + BASE_DIR + "/avatars/1/a.png");
			store.put("avatars/1/a.png", FtpImageStoreTest.bytes("second"), "image/png");
			assertThat(store.get(url).bytes()).isEqualTo(FtpImageStoreTest.bytes("second"));
			store.delete(url);
			store.delete(url);
			assertThatExceptionOfType(ImageNotFoundException.class).isThrownBy(() -> store.get(url));
			assertThat(store.check()).contains("OK");
		}
	}

	@Test
	void worksOverExplicitTls() throws Exception {
		try (FtpImageStore store = new FtpImageStore(properties(PASSWORD, true), trusting(CERTIFICATE))) {
			String url = store.put("avatars/2/secure.png", FtpImageStoreTest.bytes("tls"), "image/png");
			assertThat(store.get(url).bytes()).isEqualTo(FtpImageStoreTest.bytes("tls"));
			store.delete(url);
		}
	}

	@Test
	void aWrongPasswordIsUnavailableAndNotRevealed() {
		String wrong = "wrong-Pa55-" + UUID.randomUUID();
		try (FtpImageStore store = new FtpImageStore(properties(wrong, false), null)) {
			assertThatExceptionOfType(ImageStoreUnavailableException.class).isThrownBy(store::check)
				.withMessageContaining("refused the login")
				.withMessageNotContaining(wrong);
		}
	}

	private static FtpProperties properties(String password, boolean tls) {
		return new FtpProperties(HOST, PORT, USER, password, BASE_DIR, tls, null, null, Duration.ofSeconds(5),
				Duration.ofSeconds(10), 2);
	}

	private static TrustManager trusting(Path certificate) throws Exception {
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		try (InputStream in = Files.newInputStream(certificate)) {
			trusted.setCertificateEntry("ftp", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trusted);
		return factory.getTrustManagers()[0];
	}

	private static String setting(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
