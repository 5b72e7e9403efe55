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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>
 * <b>Directories before files.</b> An upload creates the missing directories of its path
 * first, then sends {@code STOR}. Creating them only after a failed {@code STOR} does not
 * work: Apache MINA FtpServer accepts a {@code STOR} into a missing directory, opens the
 * data connection and closes it while the client is still sending, so a file larger than
 * the socket buffers ends in a broken pipe (an exception, not a refusal).
 * <p>
 * <b>Retries.</b> A command that fails because the connection broke (an
 * {@link IOException}: reset, broken pipe, time-out, closed connection), not because the
 * server answered no, is tried once more on a new connection, and only where doing it
 * twice cannot differ from doing it once:
 * <ul>
 * <li>{@link #get} ({@code RETR}) only reads;</li>
 * <li>{@link #delete} ({@code DELE}): a file that the first attempt deleted before the
 * connection broke is simply absent, which counts as deleted;</li>
 * <li>{@link #putNew} and the {@link #check} probe ({@code STOR} to a name drawn at
 * random here): nobody else writes that name, so the second attempt writes the same bytes
 * to the same file, replacing whatever the first one left.</li>
 * </ul>
 * {@link #put} is not retried: between the two attempts someone else may have written the
 * caller's name, and the retry would overwrite it. A negative reply is never retried (the
 * server has decided), nor is a failed connection or login (the server is down or
 * refuses: trying again at once would only double the wait).
 * <p>
 * <b>Partly written files.</b> When the connection breaks during an upload, the server
 * may keep the bytes it received. The store then deletes the file on a new connection; if
 * that fails too, it logs the file it leaves behind.
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
		upload(objectName, bytes, false);
		return this.urlPrefix + objectName;
	}

	@Override
	public String putNew(String directory, String extension, byte[] bytes, String contentType) {
		String objectName = (directory.isEmpty() ? "" : directory + "/") + UUID.randomUUID() + "." + extension;
		upload(objectName, bytes, true);
		return this.urlPrefix + objectName;
	}

	@Override
	public StoredImage get(String url) {
		String path = pathOf(url);
		return execute("Download of " + url, true, (ftp) -> {
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
		execute("Deletion of " + url, true, (ftp) -> {
			deleteFile(ftp, path, url);
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
		// In the base directory itself: a directory of its own would stay behind.
		String objectName = "roster-check-" + UUID.randomUUID() + ".txt";
		upload(objectName, probe, true);
		String url = this.urlPrefix + objectName;
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

	/**
	 * Stores the file after creating its directories; on a broken connection, retries
	 * once if {@code retry}, then removes what a broken transfer may have left.
	 */
	private void upload(String objectName, byte[] bytes, boolean retry) {
		if (!SAFE_PATH.matcher(objectName).matches()) {
			throw new IllegalArgumentException("Unsafe object name: " + objectName);
		}
		String path = this.directory + objectName;
		AtomicBoolean sent = new AtomicBoolean();
		try {
			execute("Upload of " + objectName, retry, (ftp) -> {
				createDirectories(ftp, path);
				sent.set(true);
				if (!ftp.storeFile(path, new ByteArrayInputStream(bytes))) {
					throw refused(ftp, "upload of " + objectName);
				}
				return null;
			});
		}
		catch (ImageStoreException ex) {
			// A refusal has no cause; a broken connection has, and may have left bytes.
			if (sent.get() && ex.getCause() instanceof IOException) {
				removePartlyWritten(path, objectName);
			}
			throw ex;
		}
	}

	/** Best effort, on a new connection: the pooled ones may be as broken as the last. */
	private void removePartlyWritten(String path, String objectName) {
		try {
			attempt(true, (ftp) -> {
				deleteFile(ftp, path, objectName);
				return null;
			});
			logger.info("Removed the partly written " + objectName + " from FTP server " + this.server);
		}
		catch (IOException | ImageStoreException ex) {
			logger.warn("A partly written " + objectName + " may remain on FTP server " + this.server + ": "
					+ describe(ex));
		}
	}

	private void deleteFile(FTPClient ftp, String path, String name) throws IOException {
		if (!ftp.deleteFile(path)) {
			ImageStoreException refused = refused(ftp, "deletion of " + name);
			if (exists(ftp, path)) {
				throw refused;
			}
		}
	}

	/**
	 * Runs {@code work} on a pooled connection; if the connection breaks and
	 * {@code retry}, once more on a new one (see the class comment for when that is
	 * safe).
	 */
	private <T> T execute(String action, boolean retry, FtpAction<T> work) {
		try {
			return attempt(false, work);
		}
		catch (IOException ex) {
			if (!retry) {
				throw failure(action, ex);
			}
			logger.info(action + " failed (" + describe(ex) + "), trying once more on a new connection");
		}
		try {
			return attempt(true, work);
		}
		catch (IOException ex) {
			throw failure(action, ex);
		}
	}

	/**
	 * @param fresh on a new connection rather than a pooled one
	 * @throws IOException if the connection broke; it is then closed
	 */
	private <T> T attempt(boolean fresh, FtpAction<T> work) throws IOException {
		FTPClient ftp = borrow(fresh);
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
		finally {
			release(ftp, healthy);
		}
	}

	private ImageStoreException failure(String action, IOException ex) {
		if (ex instanceof FTPConnectionClosedException || ex instanceof SocketException) {
			return new ImageStoreUnavailableException(
					action + " failed: FTP server " + this.server + " closed the connection (" + describe(ex) + ")",
					ex);
		}
		return new ImageStoreException(action + " on FTP server " + this.server + " failed: " + describe(ex), ex);
	}

	/**
	 * The messages of an exception and its causes: Commons Net's "IOException caught
	 * while copying" says nothing without the broken pipe under it.
	 */
	static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = ex; cause != null && text.length() < 500; cause = cause.getCause()) {
			String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
			if (text.indexOf(message) < 0) {
				text.append((text.length() > 0) ? ": " : "").append(message);
			}
		}
		return text.toString();
	}

	private FTPClient borrow(boolean fresh) {
		if (this.closed) {
			throw new ImageStoreUnavailableException("The image store is shut down");
		}
		acquirePermit();
		try {
			FTPClient ftp;
			while (!fresh && (ftp = this.idle.pollFirst()) != null) {
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

	private static void createDirectories(FTPClient ftp, String path) throws IOException {
		for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
			// An existing directory answers with an error, which is fine here; a real
			// failure shows in the STOR that follows.
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
