package org.roster.avatar;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link FirstAvatarUploads} with the application's embedded FTP server. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:first-upload-embedded;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class FirstAvatarUploadTest extends FirstAvatarUploads {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("roster.data-dir", () -> dataDir.toString());
	}

}
