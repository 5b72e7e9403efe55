package org.roster.avatar;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * One FTP server for several application nodes in a test, as {@code roster.ftp.*}
 * properties: the independent vsftpd when the external-FTP tests are on (see
 * {@link ExternalFtpServerTest}), else an embedded server started here (a node's own
 * embedded server would be unreachable to the others: it has a generated password).
 */
public final class SharedFtpServer implements AutoCloseable {

	private static final String EMBEDDED_PASSWORD = "shared-test-ftp-Pa55";

	private final EmbeddedFtpServer embedded;

	private final Map<String, Object> properties;

	private SharedFtpServer(EmbeddedFtpServer embedded, Map<String, Object> properties) {
		this.embedded = embedded;
		this.properties = properties;
	}

	/**
	 * @param embeddedRoot where the embedded fallback keeps its files
	 */
	public static SharedFtpServer start(Path embeddedRoot) {
		// Each run in its own directory, so runs do not see each other's files.
		String baseDir = "/roster-nodes-" + UUID.randomUUID();
		if (ExternalFtpServerTest.requested()) {
			return new SharedFtpServer(null, properties(ExternalFtpServerTest.HOST, ExternalFtpServerTest.PORT,
					ExternalFtpServerTest.USER, ExternalFtpServerTest.PASSWORD, baseDir));
		}
		EmbeddedFtpServer server = new EmbeddedFtpServer(embeddedRoot, EMBEDDED_PASSWORD, null, Map.of());
		server.start();
		return new SharedFtpServer(server,
				properties("127.0.0.1", server.port(), EmbeddedFtpServer.USERNAME, EMBEDDED_PASSWORD, baseDir));
	}

	private static Map<String, Object> properties(String host, int port, String username, String password,
			String baseDir) {
		return Map.of("roster.ftp.host", host, "roster.ftp.port", port, "roster.ftp.username", username,
				"roster.ftp.password", password, "roster.ftp.base-dir", baseDir);
	}

	public boolean isExternal() {
		return this.embedded == null;
	}

	/** The {@code roster.ftp.*} settings every node gets. */
	public Map<String, Object> properties() {
		return this.properties;
	}

	/** The prefix of every URL the store writes into the profiles. */
	public String urlPrefix() {
		return "ftp://" + this.properties.get("roster.ftp.host") + ":" + this.properties.get("roster.ftp.port")
				+ this.properties.get("roster.ftp.base-dir") + "/";
	}

	@Override
	public void close() {
		if (this.embedded != null) {
			this.embedded.stop();
		}
	}

}
