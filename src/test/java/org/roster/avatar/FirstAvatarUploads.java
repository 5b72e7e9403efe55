package org.roster.avatar;

import java.awt.image.BufferedImage;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.roster.profile.ProfileService;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * New users upload their first avatar, a photo-like image whose re-encoded file is large
 * (random noise does not compress), through {@code POST /users/{id}/image}. Each upload
 * creates the user's folder on the FTP server; they used to fail about one in three with
 * a broken pipe. The subclasses choose the FTP server.
 */
abstract class FirstAvatarUploads {

	private static final int USERS = 50;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserService users;

	@Autowired
	private ProfileService profiles;

	@Autowired
	private ImageStore store;

	@Test
	void everyFirstUploadOfALargeImageIsStoredWhole() throws Exception {
		Random random = new Random(42);
		for (int i = 0; i < USERS; i++) {
			String name = "first" + i;
			User user = this.users.create(new NewUser(name, name + "@example.test", "not-a-real-hash", Role.USER));
			byte[] photo = AvatarImageProcessorTest.png(noise(256, random));
			this.mvc
				.perform(multipart("/users/{id}/image", user.getId())
					.file(new MockMultipartFile("image", "photo.png", "image/png", photo))
					.with(AvatarApiTest.as(user)))
				.andExpect(status().isOk());

			byte[] stored = this.store.get(this.profiles.findImage(user.getId()).orElseThrow()).bytes();
			assertThat(stored.length).as("re-encoded size").isGreaterThanOrEqualTo(100 * 1024);
			byte[] served = this.mvc.perform(get("/users/{id}/image", user.getId()).with(AvatarApiTest.as(user)))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsByteArray();
			assertThat(stored).as("stored avatar of user %d", i).isEqualTo(served);
		}
	}

	private static BufferedImage noise(int size, Random random) {
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				image.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		return image;
	}

}
