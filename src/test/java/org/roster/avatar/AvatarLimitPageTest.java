package org.roster.avatar;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The profile page tells the browser the configured upload limit, which its pre-check
 * ({@code profile.js}) and the hint use instead of a constant.
 */
@SpringBootTest(properties = { "spring.datasource.url=jdbc:h2:mem:avatar-limit;DB_CLOSE_DELAY=-1",
		"roster.avatar.max-bytes=3MB" })
@AutoConfigureMockMvc
class AvatarLimitPageTest {

	@TempDir
	static Path dataDir;

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("roster.data-dir", () -> dataDir.toString());
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserService users;

	@Test
	void theProfilePageCarriesTheConfiguredLimit() throws Exception {
		User lena = this.users.create(new NewUser("lena", "lena@example.test", "not-a-real-hash", Role.USER));
		this.mvc.perform(get("/profile").with(AvatarApiTest.as(lena)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-avatar-max-bytes=\"3145728\"")))
			.andExpect(content().string(containsString("data-avatar-max-text=\"3 MB\"")))
			.andExpect(content().string(containsString("JPEG, PNG, GIF or WebP, up to 3 MB")));
	}

	@Test
	void limitsReadAsPeopleWriteThem() {
		assertThat(AvatarLimitModel.AvatarLimit.text(DataSize.ofMegabytes(5))).isEqualTo("5 MB");
		assertThat(AvatarLimitModel.AvatarLimit.text(DataSize.ofKilobytes(1536))).isEqualTo("1536 KB");
		assertThat(AvatarLimitModel.AvatarLimit.text(DataSize.ofBytes(1000))).isEqualTo("1000 bytes");
	}

}
