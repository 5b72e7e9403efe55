package org.roster.avatar;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.net.ssl.TrustManager;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

import org.springframework.util.StringUtils;

/**
 * {@link ImageStore} on an FTP server through Apache Commons Net: passive mode, binary
 * transfers, explicit FTPS when configured, and a small pool of logged-in connections so
 * that a request does not pay for a new login.
 */
final class FtpImageStore implements ImageStore, AutoCloseable {

	private static final Log logger = LogFactory.getLog(FtpImageStore.class);

	/**
	 * Relative paths whose segments cannot be {@code .} or {@code ..} (no segment starts
	 * with a dot) and carry no characters with a meaning in URLs or FTP commands.
	 */
	private static final Pattern SAFE_PATH = Pattern
		.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

	private static final Pattern SAFE_BASE_DIR = Pattern.compile("/?([A-Za-z0-9_-][A-Za-z0-9._-]*/?)*");

	private final FtpProperties properties;

	private final TrustManager trustManager;

	/** {@code host:port}, for messages. */
	private final String server;

	/** The base directory as a path prefix: {@code /}, {@code /roster/} or empty. */
	private final String directory;

	/** What every stored URL starts with; ends with a slash. */
	private final String urlPrefix;

	/** Idle logged-in connections, most recently used first. */
	private final BlockingDeque<FTPClient> idle = new LinkedBlockingDeque<>();

	/** One permit per connection this node may have open. */
	private final Semaphore permits;

	private volatile boolean closed;

	/**
	 * @param trustManager verifies the server certificate with FTPS; {@code null} for the
	 * JVM's default trust store
	 */
	FtpImageStore(FtpProperties properties, TrustManager trustManager) {
		if (!SAFE_BASE_DIR.matcher(properties.baseDir()).matches()) {
			throw new IllegalArgumentException("roster.ftp.base-dir may contain only letters, digits, '.', '_', '-' "
					+ "and '/', and no segment may start with a dot");
		}
		this.properties = properties;
		this.trustManager = trustManager;
		String host = properties.host().contains(":") ? "[" + properties.host() + "]" : properties.host();
		this.server = host + ":" + properties.port();
		this.directory = properties.baseDir().isEmpty() || properties.baseDir().endsWith("/") ? properties.baseDir()
				: properties.baseDir() + "/";
		this.urlPrefix = StringUtils.hasText(properties.publicBaseUrl())
				? StringUtils.trimTrailingCharacter(properties.publicBaseUrl(), '/') + "/"
				: "ftp://" + this.server + "/" + StringUtils.trimLeadingCharacter(this.directory, '/');
		this.permits = new Semaphore(properties.poolSize());
	}

	/**
	 * FTP keeps no content type: {@link #get} tells it from the file name's extension.
	 */
	@Override
	public String put(String objectName, byte[] bytes, String contentType) {
		if (!SAFE_PATH.matcher(objectName).matches()) {
			throw new IllegalArgumentException("Unsafe object name: " + objectName);
		}
		String path = this.directory + objectName;
		execute("Upload of " + objectName, (ftp) -> {
			if (!store(ftp, path, bytes)) {
				// Most likely the directory is missing: create it once, then try again.
				createDirectories(ftp, path);
				if (!store(ftp, path, bytes)) {
					throw refused(ftp, "upload of " + objectName);
				}
			}
			return null;
		});
		return this.urlPrefix + objectName;
	}

	@Override
	public StoredImage get(String url) {
		String path = pathOf(url);
		return execute("Download of " + url, (ftp) -> {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (ftp.retrieveFile(path, out)) {
				return new StoredImage(out.toByteArray(), contentTypeOf(path));
			}
			ImageStoreException refused = refused(ftp, "download of " + url);
			if (!exists(ftp, path)) {
				throw new ImageNotFoundException("The image store has no file " + url);
			}
			throw refused;
		});
	}

	@Override
	public void delete(String url) {
		String path = pathOf(url);
		execute("Deletion of " + url, (ftp) -> {
			if (!ftp.deleteFile(path)) {
				ImageStoreException refused = refused(ftp, "deletion of " + url);
				if (exists(ftp, path)) {
					throw refused;
				}
			}
			return null;
		});
	}

	@Override
	public boolean owns(String url) {
		return url != null && url.startsWith(this.urlPrefix)
				&& SAFE_PATH.matcher(url.substring(this.urlPrefix.length())).matches();
	}

	@Override
	public String check() {
		long start = System.nanoTime();
		byte[] probe = ("Roster image store check " + Instant.now()).getBytes(StandardCharsets.UTF_8);
		String url = put("roster-check/" + UUID.randomUUID() + ".txt", probe, "text/plain");
		try {
			if (!Arrays.equals(get(url).bytes(), probe)) {
				throw new ImageStoreException("FTP server " + this.server + " returned other bytes than were written");
			}
		}
		catch (RuntimeException ex) {
			deleteQuietly(url);
			throw ex;
		}
		delete(url);
		long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
		return this + ": login, write, read back and delete OK in " + millis + " ms";
	}

	@Override
	public void close() {
		this.closed = true;
		FTPClient ftp;
		while ((ftp = this.idle.pollFirst()) != null) {
			disconnect(ftp);
		}
	}

	@Override
	public String toString() {
		return (this.properties.tls() ? "FTPS server " : "FTP server ") + this.server + " (files under "
				+ this.urlPrefix + ")";
	}

	private <T> T execute(String action, FtpAction<T> work) {
		FTPClient ftp = borrow();
		boolean healthy = false;
		try {
			T result = work.run(ftp);
			healthy = true;
			return result;
		}
		catch (ImageStoreException ex) {
			// The server answered with an error: the connection itself is fine.
			healthy = true;
			throw ex;
		}
		catch (FTPConnectionClosedException | SocketException ex) {
			throw new ImageStoreUnavailableException(
					action + " failed: FTP server " + this.server + " closed the connection (" + ex.getMessage() + ")",
					ex);
		}
		catch (IOException ex) {
			throw new ImageStoreException(action + " on FTP server " + this.server + " failed: " + ex.getMessage(), ex);
		}
		finally {
			release(ftp, healthy);
		}
	}

	private FTPClient borrow() {
		if (this.closed) {
			throw new ImageStoreUnavailableException("The image store is shut down");
		}
		acquirePermit();
		try {
			FTPClient ftp;
			while ((ftp = this.idle.pollFirst()) != null) {
				if (isAlive(ftp)) {
					return ftp;
				}
				// The server dropped it (idle timeout, restart): open a new one instead.
				disconnect(ftp);
			}
			return connect();
		}
		catch (RuntimeException ex) {
			this.permits.release();
			throw ex;
		}
	}

	private void acquirePermit() {
		try {
			if (!this.permits.tryAcquire(this.properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new ImageStoreUnavailableException("All " + this.properties.poolSize()
						+ " connections to FTP server " + this.server + " stayed busy");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ImageStoreUnavailableException("Interrupted while waiting for an FTP connection", ex);
		}
	}

	private void release(FTPClient ftp, boolean healthy) {
		if (healthy && !this.closed) {
			this.idle.offerFirst(ftp);
		}
		else {
			disconnect(ftp);
		}
		this.permits.release();
	}

	private FTPClient connect() {
		FTPClient ftp = this.properties.tls() ? newFtpsClient() : new FTPClient();
		ftp.setConnectTimeout((int) this.properties.connectTimeout().toMillis());
		// Applies to the control connection from the moment it is opened.
		ftp.setDefaultTimeout((int) this.properties.dataTimeout().toMillis());
		ftp.setDataTimeout(this.properties.dataTimeout());
		try {
			ftp.connect(this.properties.host(), this.properties.port());
			if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
				throw new ImageStoreUnavailableException(
						"FTP server " + this.server + " refused the connection: " + reply(ftp));
			}
			if (!ftp.login(this.properties.username(), this.properties.password())) {
				throw new ImageStoreUnavailableException(
						"FTP server " + this.server + " refused the login of the configured user: " + reply(ftp));
			}
			if (ftp instanceof FTPSClient ftps) {
				// Protect the data connections too, not only the control connection.
				ftps.execPBSZ(0);
				ftps.execPROT("P");
			}
			ftp.enterLocalPassiveMode();
			if (!ftp.setFileType(FTP.BINARY_FILE_TYPE)) {
				throw new ImageStoreUnavailableException(
						"FTP server " + this.server + " refused binary mode: " + reply(ftp));
			}
			logger.debug("Opened a connection to " + this);
			return ftp;
		}
		catch (IOException ex) {
			disconnect(ftp);
			throw new ImageStoreUnavailableException(
					"Cannot connect to FTP server " + this.server + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			disconnect(ftp);
			throw ex;
		}
	}

	private FTPSClient newFtpsClient() {
		FTPSClient ftps = new FTPSClient(false);
		// Commons Net's default only checks the certificate's dates; null means the JVM's
		// trust store, which verifies the chain.
		ftps.setTrustManager(this.trustManager);
		ftps.setEndpointCheckingEnabled(true);
		return ftps;
	}

	private static boolean isAlive(FTPClient ftp) {
		try {
			return ftp.sendNoOp();
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void disconnect(FTPClient ftp) {
		try {
			ftp.disconnect();
		}
		catch (IOException ex) {
			logger.debug("Ignoring failure to close an FTP connection", ex);
		}
	}

	private void deleteQuietly(String url) {
		try {
			delete(url);
		}
		catch (ImageStoreException ex) {
			logger.warn("Could not delete " + url + ": " + ex.getMessage());
		}
	}

	/**
	 * Whether the file is there. Servers answer a missing file with 450 or 550 alike, and
	 * with the same codes for other troubles, so a failed command does not tell.
	 */
	private static boolean exists(FTPClient ftp, String path) throws IOException {
		return ftp.getSize(path) != null;
	}

	private static boolean store(FTPClient ftp, String path, byte[] bytes) throws IOException {
		return ftp.storeFile(path, new ByteArrayInputStream(bytes));
	}

	private static void createDirectories(FTPClient ftp, String path) throws IOException {
		for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
			// An existing directory answers with an error, which is fine here.
			ftp.makeDirectory(path.substring(0, slash));
		}
	}

	private String pathOf(String url) {
		if (!owns(url)) {
			throw new IllegalArgumentException("Not a file of this image store: " + url);
		}
		return this.directory + url.substring(this.urlPrefix.length());
	}

	private ImageStoreException refused(FTPClient ftp, String action) {
		return new ImageStoreException("FTP server " + this.server + " refused the " + action + ": " + reply(ftp));
	}

	private static String reply(FTPClient ftp) {
		return ftp.getReplyString().strip();
	}

	private static String contentTypeOf(String path) {
		String extension = path.substring(path.lastIndexOf('.') + 1);
		return switch (extension) {
			case "png" -> "image/png";
			case "jpg", "jpeg" -> "image/jpeg";
			case "gif" -> "image/gif";
			case "webp" -> "image/webp";
			case "txt" -> "text/plain";
			default -> "application/octet-stream";
		};
	}

	@FunctionalInterface
	private interface FtpAction<T> {

		T run(FTPClient ftp) throws IOException;

	}

}
