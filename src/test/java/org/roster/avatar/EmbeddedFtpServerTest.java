package org.roster.avatar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedFtpServerTest {

	@TempDir
	Path dataDir;

	@Test
	void thePasswordIsGeneratedOnceAndReadableByTheOwnerOnly() throws IOException {
		Path file = this.dataDir.resolve("ftp-password");
		String password = EmbeddedFtpServer.readOrCreatePassword(file);
		assertThat(password).hasSize(32).matches("[A-Za-z0-9_-]+");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(EmbeddedFtpServer.readOrCreatePassword(file)).isEqualTo(password);
	}

	@Test
	void aPasswordFileOthersCanReadIsRestricted() throws IOException {
		Path file = Files.writeString(this.dataDir.resolve("ftp-password"), "kept-Pa55-word\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		assertThat(EmbeddedFtpServer.readOrCreatePassword(file)).isEqualTo("kept-Pa55-word");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void servesFilesFromTheDataFolderOnLoopbackWithTheStoredPassword() {
		EmbeddedFtpServer server = EmbeddedFtpServer.inDataDir(this.dataDir);
		server.start();
		FtpProperties defaults = new FtpProperties(null, 21, null, null, "/", false, null, null, Duration.ofSeconds(2),
				Duration.ofSeconds(5), 2);
		FtpProperties client = server.clientProperties(defaults);
		try (FtpImageStore store = new FtpImageStore(client, null)) {
			assertThat(client.host()).isEqualTo("127.0.0.1");
			assertThat(client.password()).isNotBlank();
			store.put("avatars/1/a.png", FtpImageStoreTest.bytes("a"), "image/png");
			assertThat(this.dataDir.resolve("ftp/avatars/1/a.png")).hasContent("a");
			assertThat(client.toString()).doesNotContain(client.password());
		}
		finally {
			server.stop();
		}
	}

	@Test
	void filesAndDirectoriesAreTheOwnersOnlyWhateverTheUmask() throws IOException {
		// The surefire JVM runs with the machine's umask (022 here): without the embedded
		// server's care, files would be rw-r--r-- and directories rwxr-xr-x.
		Path root = Files.createDirectories(this.dataDir.resolve("ftp"));
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
		EmbeddedFtpServer server = EmbeddedFtpServer.inDataDir(this.dataDir);
		server.start();
		FtpProperties defaults = new FtpProperties(null, 21, null, null, "/", false, null, null, Duration.ofSeconds(2),
				Duration.ofSeconds(5), 2);
		try (FtpImageStore store = new FtpImageStore(server.clientProperties(defaults), null)) {
			String url = store.putNew("avatars/1", "png", FtpImageStoreTest.noise(200 * 1024, 1), "image/png");
			store.put("avatars/1/same.png", FtpImageStoreTest.bytes("first"), "image/png");
			store.put("avatars/1/same.png", FtpImageStoreTest.bytes("second"), "image/png");
			assertThat(mode(root)).isEqualTo("rwx------");
			assertThat(mode(root.resolve("avatars"))).isEqualTo("rwx------");
			assertThat(mode(root.resolve("avatars/1"))).isEqualTo("rwx------");
			assertThat(mode(root.resolve("avatars/1/same.png"))).isEqualTo("rw-------");
			assertThat(mode(root.resolve(url.substring(url.indexOf("avatars/"))))).isEqualTo("rw-------");
		}
		finally {
			server.stop();
		}
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
