package org.roster.avatar;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.SaltedPasswordEncryptor;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/**
 * The FTP server Roster runs for itself when no external one is configured: Apache MINA
 * FtpServer on 127.0.0.1, a free port, one user with a generated password, files under
 * the data folder. Only this process can reach it.
 * <p>
 * Its files are the owner's only (directories {@code rwx------}, files {@code rw-------})
 * whatever the process umask: the root is restricted at start, and {@link PrivateFiles}
 * sets the mode of what {@code STOR}, {@code APPE} and {@code MKD} create (the JVM cannot
 * set its umask). Roster uses no other command that creates files.
 */
final class EmbeddedFtpServer {

	static final String USERNAME = "roster";

	private static final String LOOPBACK = "127.0.0.1";

	private static final String PASSIVE_PORTS = "29000-29999";

	private static final Log logger = LogFactory.getLog(EmbeddedFtpServer.class);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private final Path root;

	private final String password;

	private final boolean tls;

	private final Listener listener;

	private final FtpServer server;

	/**
	 * @param ssl enables explicit FTPS when not {@code null}
	 * @param ftplets hooks into the server's command handling, by name
	 */
	EmbeddedFtpServer(Path root, String password, SslConfiguration ssl, Map<String, Ftplet> ftplets) {
		this(root, password, ssl, ftplets, 0);
	}

	/**
	 * @param port the control port; 0 for a free one (a restarted server takes its
	 * predecessor's port, so the URLs it wrote stay valid)
	 */
	EmbeddedFtpServer(Path root, String password, SslConfiguration ssl, Map<String, Ftplet> ftplets, int port) {
		this.root = root;
		restrict(root, OWNER_ONLY_DIRECTORY);
		this.password = password;
		this.tls = ssl != null;
		DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
		// Passive data connections on loopback too. A range rather than any free port:
		// MINA
		// tracks only ports from a range (and warns on every transfer otherwise); ports
		// that
		// another process holds are skipped.
		data.setPassivePorts(PASSIVE_PORTS);
		data.setPassiveAddress(LOOPBACK);
		data.setPassiveExternalAddress(LOOPBACK);
		data.setActiveEnabled(false);
		data.setSslConfiguration(ssl);
		ListenerFactory listenerFactory = new ListenerFactory();
		listenerFactory.setServerAddress(LOOPBACK);
		listenerFactory.setPort(port);
		listenerFactory.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
		listenerFactory.setSslConfiguration(ssl);
		listenerFactory.setImplicitSsl(false);
		this.listener = listenerFactory.createListener();
		ConnectionConfigFactory connections = new ConnectionConfigFactory();
		connections.setAnonymousLoginEnabled(false);
		FtpServerFactory factory = new FtpServerFactory();
		factory.addListener("default", this.listener);
		factory.setConnectionConfig(connections.createConnectionConfig());
		factory.setUserManager(userManager(root, password));
		// MINA clears this map when it stops, so it gets its own copy. Private files
		// first, so that no other ftplet sees a file with the umask's mode.
		Map<String, Ftplet> all = new LinkedHashMap<>();
		all.put("rosterPrivateFiles", new PrivateFiles());
		all.putAll(ftplets);
		factory.setFtplets(all);
		this.server = factory.createServer();
	}

	/**
	 * The server of the application: files in {@code <dataDir>/ftp}, the password in
	 * {@code <dataDir>/ftp-password}, generated at the first start and readable by the
	 * owner only.
	 */
	static EmbeddedFtpServer inDataDir(Path dataDir) {
		try {
			Path root = Files.createDirectories(dataDir.resolve("ftp"));
			return new EmbeddedFtpServer(root, readOrCreatePassword(dataDir.resolve("ftp-password")), null, Map.of());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the embedded FTP server in " + dataDir, ex);
		}
	}

	void start() {
		try {
			this.server.start();
		}
		catch (FtpException ex) {
			throw new IllegalStateException("Cannot start the embedded FTP server", ex);
		}
		logger.info("Embedded FTP server for avatars on " + LOOPBACK + ":" + port() + ", files in " + this.root);
	}

	void stop() {
		this.server.stop();
	}

	int port() {
		return this.listener.getPort();
	}

	/**
	 * How a client reaches this server, with the timeouts and pool size of
	 * {@code configured}.
	 */
	FtpProperties clientProperties(FtpProperties configured) {
		// The port changes at every start, so stored URLs leave it out to stay valid.
		String urlBase = (configured.publicBaseUrl() != null) ? configured.publicBaseUrl() : "ftp://" + LOOPBACK;
		return new FtpProperties(LOOPBACK, port(), USERNAME, this.password, "/", this.tls, null, urlBase,
				configured.connectTimeout(), configured.dataTimeout(), configured.poolSize());
	}

	private static UserManager userManager(Path root, String password) {
		PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
		// Without a file the user manager keeps its users in memory only.
		factory.setPasswordEncryptor(new SaltedPasswordEncryptor());
		UserManager users = factory.createUserManager();
		BaseUser user = new BaseUser();
		user.setName(USERNAME);
		user.setPassword(password);
		user.setHomeDirectory(root.toAbsolutePath().toString());
		user.setAuthorities(List.of(new WritePermission(), new ConcurrentLoginPermission(0, 0)));
		try {
			users.save(user);
		}
		catch (FtpException ex) {
			throw new IllegalStateException("Cannot register the embedded FTP user", ex);
		}
		return users;
	}

	/** Sets the mode where the file system has POSIX modes. */
	private static void restrict(Path path, Set<PosixFilePermission> mode) {
		if (!POSIX) {
			return;
		}
		try {
			if (!Files.getPosixFilePermissions(path).equals(mode)) {
				Files.setPosixFilePermissions(path, mode);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot restrict " + path + " to its owner", ex);
		}
	}

	static String readOrCreatePassword(Path file) throws IOException {
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		// Created with its permissions in one step, so the password is never readable by
		// others.
		FileAttribute<?>[] attributes = POSIX
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) } : new FileAttribute<?>[0];
		try (SeekableByteChannel channel = Files.newByteChannel(file,
				EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
			channel.write(ByteBuffer.wrap(password.getBytes(StandardCharsets.US_ASCII)));
			return password;
		}
		catch (FileAlreadyExistsException ex) {
			if (POSIX && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
				logger.warn("Restricting " + file + " to its owner");
				Files.setPosixFilePermissions(file, OWNER_ONLY);
			}
			String existing = Files.readString(file, StandardCharsets.US_ASCII).strip();
			if (existing.isEmpty()) {
				throw new IllegalStateException(file + " is empty: delete it to generate a new password");
			}
			return existing;
		}
	}

	/**
	 * Gives the files and directories that clients create the owner's permissions only. A
	 * file is created with its mode before MINA opens it, so it is never readable by
	 * others, not even while it is being written.
	 */
	private static final class PrivateFiles extends DefaultFtplet {

		@Override
		public FtpletResult onUploadStart(FtpSession session, FtpRequest request) throws FtpException, IOException {
			createPrivately(session, request);
			return super.onUploadStart(session, request);
		}

		@Override
		public FtpletResult onAppendStart(FtpSession session, FtpRequest request) throws FtpException, IOException {
			createPrivately(session, request);
			return super.onAppendStart(session, request);
		}

		@Override
		public FtpletResult onUploadEnd(FtpSession session, FtpRequest request) throws FtpException, IOException {
			restrictExisting(session, request, OWNER_ONLY);
			return super.onUploadEnd(session, request);
		}

		@Override
		public FtpletResult onAppendEnd(FtpSession session, FtpRequest request) throws FtpException, IOException {
			restrictExisting(session, request, OWNER_ONLY);
			return super.onAppendEnd(session, request);
		}

		@Override
		public FtpletResult onMkdirEnd(FtpSession session, FtpRequest request) throws FtpException, IOException {
			restrictExisting(session, request, OWNER_ONLY_DIRECTORY);
			return super.onMkdirEnd(session, request);
		}

		private static void createPrivately(FtpSession session, FtpRequest request) throws FtpException {
			Path file = physical(session, request);
			if (file == null || !POSIX) {
				return;
			}
			try {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			}
			catch (FileAlreadyExistsException ex) {
				// It keeps its mode, set when it was written.
			}
			catch (IOException ex) {
				// A missing or unusable directory: the command fails on its own and says
				// so.
				logger.debug("Cannot create " + file + " for its owner only: " + ex.getMessage());
			}
		}

		private static void restrictExisting(FtpSession session, FtpRequest request, Set<PosixFilePermission> mode)
				throws FtpException {
			Path path = physical(session, request);
			if (path != null && Files.exists(path)) {
				try {
					restrict(path, mode);
				}
				catch (UncheckedIOException ex) {
					logger.warn(ex.getMessage() + ": " + ex.getCause().getMessage());
				}
			}
		}

		private static Path physical(FtpSession session, FtpRequest request) throws FtpException {
			if (!request.hasArgument()) {
				return null;
			}
			FtpFile file = session.getFileSystemView().getFile(request.getArgument());
			return (file != null && file.getPhysicalFile() instanceof File physical) ? physical.toPath() : null;
		}

	}

}
