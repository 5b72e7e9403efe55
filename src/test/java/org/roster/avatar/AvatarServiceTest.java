package org.roster.avatar;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roster.profile.ProfileNotFoundException;
import org.roster.profile.ProfileService;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * {@link AvatarService} with a real FTP server and image pipeline; only the profile
 * (database) side is a test double.
 */
class AvatarServiceTest {

	private static final String PASSWORD = "service-Pa55-word";

	@TempDir
	static Path root;

	private static EmbeddedFtpServer server;

	private final ProfileService profiles = mock(ProfileService.class);

	private final AvatarImageProcessor processor = new AvatarImageProcessor(5 * 1024 * 1024);

	private FtpImageStore ftp;

	private CountingImageStore store;

	private AvatarService avatars;

	@BeforeAll
	static void startServer() {
		server = new EmbeddedFtpServer(root, PASSWORD, null, Map.of());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void createService() {
		this.ftp = new FtpImageStore(FtpImageStoreTest.properties("127.0.0.1", server.port(), PASSWORD, "/", null),
				null);
		this.store = new CountingImageStore(this.ftp);
		this.avatars = new AvatarService(this.store, this.processor, this.profiles);
	}

	@AfterEach
	void closeStore() {
		this.ftp.close();
	}

	@Test
	void uploadStoresASquareImageAndDeletesTheReplacedOne() {
		String old = this.ftp.put("avatars/1/old.png", png(), "image/png");
		given(this.profiles.replaceImage(eq(1L), any())).willReturn(Optional.of(old));
		String url = this.avatars.upload(1, png());
		assertThat(url).matches("ftp://127\\.0\\.0\\.1:\\d+/avatars/1/[0-9a-f-]{36}\\.png");
		verify(this.profiles).replaceImage(1, url);
		assertThat(filesOf(1)).containsExactly(url.substring(url.lastIndexOf('/') + 1));
	}

	@Test
	void aFailedDatabaseUpdateLeavesNoOrphanFile() {
		given(this.profiles.replaceImage(eq(2L), any()))
			.willThrow(new DataAccessResourceFailureException("database down"));
		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.avatars.upload(2, png()));
		assertThat(filesOf(2)).isEmpty();
	}

	@Test
	void anUnknownUserLeavesNoOrphanFile() {
		given(this.profiles.replaceImage(eq(3L), any())).willThrow(new ProfileNotFoundException(3));
		assertThatExceptionOfType(ProfileNotFoundException.class).isThrownBy(() -> this.avatars.upload(3, png()));
		assertThat(filesOf(3)).isEmpty();
	}

	@Test
	void aStoreThatIsDownLeavesTheProfileUntouched() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (FtpImageStore down = new FtpImageStore(
				FtpImageStoreTest.properties("127.0.0.1", closedPort, PASSWORD, "/", null), null)) {
			AvatarService service = new AvatarService(down, this.processor, this.profiles);
			assertThatExceptionOfType(ImageStoreUnavailableException.class).isThrownBy(() -> service.upload(4, png()));
		}
		verify(this.profiles, never()).replaceImage(anyLong(), any());
	}

	@Test
	void anInvalidImageChangesNothing() {
		assertThatExceptionOfType(InvalidImageException.class)
			.isThrownBy(() -> this.avatars.upload(5, "not an image".getBytes()));
		verify(this.profiles, never()).replaceImage(anyLong(), any());
		assertThat(filesOf(5)).isEmpty();
	}

	@Test
	void repeatedViewsAreServedFromMemory() {
		String url = this.ftp.put("avatars/6/a.png", png(), "image/png");
		given(this.profiles.findImage(6)).willReturn(Optional.of(url));
		ServedImage first = this.avatars.serve(6);
		ServedImage second = this.avatars.serve(6);
		assertThat(this.store.gets).hasValue(1);
		assertThat(second.bytes()).isEqualTo(first.bytes()).isEqualTo(png());
		assertThat(second.contentType()).isEqualTo("image/png");
		assertThat(second.etag()).isEqualTo(first.etag()).startsWith("\"").endsWith("\"");
	}

	@Test
	void aFreshUploadIsServedWithoutReadingItBack() {
		given(this.profiles.replaceImage(eq(7L), any())).willReturn(Optional.empty());
		String url = this.avatars.upload(7, png());
		given(this.profiles.findImage(7)).willReturn(Optional.of(url));
		assertThat(this.avatars.serve(7).contentType()).isEqualTo("image/png");
		assertThat(this.store.gets).hasValue(0);
	}

	@Test
	void removeDeletesTheFileAndFallsBackToTheDefault() {
		String url = this.ftp.put("avatars/8/a.png", png(), "image/png");
		given(this.profiles.findImage(8)).willReturn(Optional.of(url));
		String ownEtag = this.avatars.serve(8).etag();
		given(this.profiles.replaceImage(8, null)).willReturn(Optional.of(url));
		this.avatars.remove(8);
		assertThat(filesOf(8)).isEmpty();
		given(this.profiles.findImage(8)).willReturn(Optional.empty());
		ServedImage fallback = this.avatars.serve(8);
		assertThat(fallback.etag()).startsWith("\"default-").isNotEqualTo(ownEtag);
		assertThat(fallback.contentType()).isEqualTo("image/png");
	}

	@Test
	void urlsOutsideTheStoreAreNeverFetched() {
		given(this.profiles.findImage(9)).willReturn(Optional.of("http://169.254.169.254/latest/meta-data"));
		assertThat(this.avatars.serve(9).etag()).startsWith("\"default-");
		assertThat(this.store.gets).hasValue(0);
	}

	@Test
	void aMissingFileServesTheDefault() {
		String prefix = "ftp://127.0.0.1:" + server.port() + "/";
		given(this.profiles.findImage(10)).willReturn(Optional.of(prefix + "avatars/10/gone.png"));
		assertThat(this.avatars.serve(10).etag()).startsWith("\"default-");
	}

	private static byte[] png() {
		return AvatarImageProcessorTest.png(AvatarImageProcessorTest.image(300, 300, Color.ORANGE));
	}

	private static List<String> filesOf(long userId) {
		Path directory = root.resolve("avatars/" + userId);
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
