package org.roster.avatar;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link FirstAvatarUploads} with vsftpd (see {@link ExternalFtpServerTest} for when it
 * runs), in a base directory of its own so that every user's folder is new.
 */
@EnabledIf(value = "org.roster.avatar.ExternalFtpServerTest#requested",
		disabledReason = "external FTP tests off: run .ci/ftp-server.sh, then set ROSTER_TEST_EXTERNAL_FTP=true")
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:first-upload-external;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class FirstAvatarUploadExternalFtpTest extends FirstAvatarUploads {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void ftp(DynamicPropertyRegistry registry) {
		registry.add("roster.data-dir", () -> dataDir.toString());
		registry.add("roster.ftp.host", () -> ExternalFtpServerTest.HOST);
		registry.add("roster.ftp.port", () -> ExternalFtpServerTest.PORT);
		registry.add("roster.ftp.username", () -> ExternalFtpServerTest.USER);
		registry.add("roster.ftp.password", () -> ExternalFtpServerTest.PASSWORD);
		registry.add("roster.ftp.base-dir", () -> "/roster-first-upload-" + UUID.randomUUID());
	}

}
