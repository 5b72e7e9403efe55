package org.roster.avatar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvatarImageProcessorTest {

	private static final int MB = 1024 * 1024;

	private final AvatarImageProcessor processor = new AvatarImageProcessor(5 * MB);

	@Test
	void refusesTextWhateverItsName() {
		byte[] text = "just some text, saved as avatar.png\n".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(InvalidImageException.class).isThrownBy(() -> this.processor.process(text))
			.satisfies((ex) -> assertThat(ex).isNotInstanceOf(ImageTooLargeException.class))
			.satisfies((ex) -> assertThat(ex.key()).isEqualTo("problem.invalid-image.format"));
	}

	@Test
	void refusesAnEmptyUpload() {
		assertThatExceptionOfType(InvalidImageException.class).isThrownBy(() -> this.processor.process(new byte[0]))
			.satisfies((ex) -> assertThat(ex).isNotInstanceOf(ImageTooLargeException.class));
	}

	@Test
	void refusesMoreThanTheLimitWith413() {
		byte[] big = Arrays.copyOf(png(image(10, 10, Color.RED)), 6 * MB);
		assertThatExceptionOfType(ImageTooLargeException.class).isThrownBy(() -> this.processor.process(big))
			.satisfies((ex) -> assertThat(ex.key()).isEqualTo("problem.image-too-large.limit"))
			.satisfies((ex) -> assertThat(ex.getArguments()).containsExactly("5 MB"));
	}

	@Test
	void refusesHugeDimensionsFromTheHeaderWithoutDecoding() {
		// A valid signature and IHDR claiming 10000×10000 and no pixel data at all: only
		// a
		// header check can give this answer, decoding would call the file damaged.
		byte[] bomb = pngHeaderOnly(10_000, 10_000);
		assertThat(bomb).hasSizeLessThan(64);
		assertThatExceptionOfType(InvalidImageException.class).isThrownBy(() -> this.processor.process(bomb))
			.satisfies((ex) -> assertThat(ex).isNotInstanceOf(ImageTooLargeException.class))
			.satisfies((ex) -> assertThat(ex.key()).isEqualTo("problem.invalid-image.dimensions"))
			.satisfies((ex) -> assertThat(ex.getArguments()).containsExactly(4096, 10_000, 10_000));
	}

	@Test
	void refusesADamagedImage() {
		byte[] png = png(image(64, 64, Color.RED));
		byte[] truncated = Arrays.copyOf(png, 40);
		assertThatExceptionOfType(InvalidImageException.class).isThrownBy(() -> this.processor.process(truncated))
			.satisfies((ex) -> assertThat(ex).isNotInstanceOf(ImageTooLargeException.class))
			.withMessageContaining("damaged");
	}

	@Test
	void pngBecomesA256PixelSquarePng() throws IOException {
		ProcessedImage result = this.processor.process(png(image(300, 120, Color.GREEN)));
		assertThat(result.contentType()).isEqualTo("image/png");
		assertThat(result.extension()).isEqualTo("png");
		assertSquare(result.bytes());
	}

	@Test
	void smallImagesAreScaledUp() throws IOException {
		assertSquare(this.processor.process(png(image(16, 16, Color.GREEN))).bytes());
	}

	@Test
	void gifCommentWithAScriptIsNotCarriedOver() throws IOException {
		byte[] gif = withGifComment(encode(image(32, 32, Color.BLUE), "gif"), "<script>alert(1)</script>");
		assertThat(contains(gif, "<script>")).isTrue();
		ProcessedImage result = this.processor.process(gif);
		assertThat(result.contentType()).isEqualTo("image/png");
		assertThat(contains(result.bytes(), "<script")).isFalse();
		assertThat(contains(result.bytes(), "alert")).isFalse();
		assertSquare(result.bytes());
	}

	@Test
	void jpegStaysJpegWithoutExifAndUpright() throws IOException {
		// 200×100, red left and blue right, with EXIF saying "rotate 90° clockwise to
		// view".
		BufferedImage picture = image(200, 100, Color.RED);
		Graphics2D graphics = picture.createGraphics();
		graphics.setColor(Color.BLUE);
		graphics.fillRect(100, 0, 100, 100);
		graphics.dispose();
		byte[] jpeg = withExif(encode(picture, "jpeg"), 6, "SecretCam");
		assertThat(contains(jpeg, "Exif")).isTrue();
		ProcessedImage result = this.processor.process(jpeg);
		assertThat(result.contentType()).isEqualTo("image/jpeg");
		assertThat(result.extension()).isEqualTo("jpg");
		assertThat(contains(result.bytes(), "Exif")).isFalse();
		assertThat(contains(result.bytes(), "SecretCam")).isFalse();
		BufferedImage avatar = assertSquare(result.bytes());
		// Turned upright: red on top, blue below.
		assertThat(isReddish(avatar.getRGB(128, 30))).isTrue();
		assertThat(isBluish(avatar.getRGB(128, 225))).isTrue();
	}

	@Test
	void webpIsAcceptedAndBecomesPng() throws IOException {
		for (String fixture : new String[] { "red-blue-lossless.webp", "red-blue-lossy.webp" }) {
			ProcessedImage result = this.processor.process(resource(fixture));
			assertThat(result.contentType()).isEqualTo("image/png");
			BufferedImage avatar = assertSquare(result.bytes());
			assertThat(isReddish(avatar.getRGB(30, 128))).as(fixture).isTrue();
			assertThat(isBluish(avatar.getRGB(225, 128))).as(fixture).isTrue();
		}
	}

	private static BufferedImage assertSquare(byte[] bytes) throws IOException {
		BufferedImage avatar = ImageIO.read(new ByteArrayInputStream(bytes));
		assertThat(avatar.getWidth()).isEqualTo(256);
		assertThat(avatar.getHeight()).isEqualTo(256);
		return avatar;
	}

	static BufferedImage image(int width, int height, Color color) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(color);
		graphics.fillRect(0, 0, width, height);
		graphics.dispose();
		return image;
	}

	static byte[] png(BufferedImage image) {
		try {
			return encode(image, "png");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] encode(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, out)).isTrue();
		return out.toByteArray();
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream in = AvatarImageProcessorTest.class.getResourceAsStream(name)) {
			return in.readAllBytes();
		}
	}

	private static byte[] pngHeaderOnly(int width, int height) {
		ByteBuffer ihdr = ByteBuffer.allocate(17);
		ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height);
		ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
		CRC32 crc = new CRC32();
		crc.update(ihdr.array());
		ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
		png.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
		return png.array();
	}

	/** Inserts a comment extension right after the header and the global color table. */
	private static byte[] withGifComment(byte[] gif, String comment) {
		int packed = gif[10] & 0xFF;
		int offset = 13 + (((packed & 0x80) != 0) ? 3 * (1 << ((packed & 7) + 1)) : 0);
		byte[] text = comment.getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(gif, 0, offset);
		out.write(new byte[] { 0x21, (byte) 0xFE, (byte) text.length }, 0, 3);
		out.write(text, 0, text.length);
		out.write(0);
		out.write(gif, offset, gif.length - offset);
		return out.toByteArray();
	}

	/**
	 * Inserts an EXIF segment (camera make and orientation) right after the SOI marker.
	 */
	private static byte[] withExif(byte[] jpeg, int orientation, String make) {
		byte[] makeBytes = (make + "\0").getBytes(StandardCharsets.US_ASCII);
		ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + makeBytes.length);
		tiff.put(new byte[] { 'M', 'M', 0, 42 }).putInt(8).putShort((short) 2);
		tiff.putShort((short) 0x010F).putShort((short) 2).putInt(makeBytes.length).putInt(8 + 2 + 2 * 12 + 4);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putInt(0).put(makeBytes);
		byte[] header = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
		int length = 2 + header.length + tiff.capacity();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(new byte[] { (byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length }, 0, 4);
		out.write(header, 0, header.length);
		out.write(tiff.array(), 0, tiff.capacity());
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	private static boolean contains(byte[] bytes, String text) {
		return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
	}

	private static boolean isReddish(int rgb) {
		Color color = new Color(rgb);
		return color.getRed() > 200 && color.getBlue() < 60;
	}

	private static boolean isBluish(int rgb) {
		Color color = new Color(rgb);
		return color.getBlue() > 200 && color.getRed() < 60;
	}

}
