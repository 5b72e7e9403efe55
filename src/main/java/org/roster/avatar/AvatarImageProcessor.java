package org.roster.avatar;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

import org.springframework.util.unit.DataSize;

/**
 * Turns an upload into an avatar: checks what the bytes are (never the file name),
 * refuses images too large to decode safely, crops the middle square, scales it to
 * {@value #SIZE}×{@value #SIZE} and encodes it afresh, so no metadata or hidden payload
 * of the upload survives. JPEG stays JPEG; PNG, GIF and WebP become PNG.
 */
final class AvatarImageProcessor {

	static final int SIZE = 256;

	static final int MAX_DIMENSION = 4096;

	private static final float JPEG_QUALITY = 0.85f;

	private final long maxBytes;

	AvatarImageProcessor(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	ProcessedImage process(byte[] upload) {
		if (upload == null || upload.length == 0) {
			throw new InvalidImageException("problem.invalid-image.missing");
		}
		if (upload.length > this.maxBytes) {
			throw new ImageTooLargeException(AvatarLimitModel.AvatarLimit.text(DataSize.ofBytes(this.maxBytes)));
		}
		Format format = Format.of(upload).orElseThrow(() -> new InvalidImageException("problem.invalid-image.format"));
		BufferedImage image = decode(upload, format);
		boolean jpeg = format == Format.JPEG;
		try {
			BufferedImage square = Thumbnails.of(image)
				.size(SIZE, SIZE)
				.crop(Positions.CENTER)
				.imageType(jpeg ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB)
				.asBufferedImage();
			return jpeg ? new ProcessedImage(encode(square, "jpeg"), "image/jpeg", "jpg")
					: new ProcessedImage(encode(square, "png"), "image/png", "png");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot encode an image in memory", ex);
		}
	}

	private static BufferedImage decode(byte[] upload, Format format) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mimeType);
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + format.mimeType);
		}
		ImageReader reader = readers.next();
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
			// Only JPEG metadata is read, for the orientation a camera recorded.
			reader.setInput(in, true, format != Format.JPEG);
			// The header gives the size; refuse before decoding allocates memory for it.
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
				throw new InvalidImageException("problem.invalid-image.dimensions", MAX_DIMENSION, width, height);
			}
			BufferedImage image = reader.read(0);
			return (format == Format.JPEG) ? uprightJpeg(reader, image) : image;
		}
		catch (InvalidImageException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// Decoders fail in many ways on hostile input; none of them is the server's
			// fault.
			throw new InvalidImageException("problem.invalid-image.damaged");
		}
		finally {
			reader.dispose();
		}
	}

	/** Applies the EXIF orientation, which re-encoding would otherwise lose. */
	private static BufferedImage uprightJpeg(ImageReader reader, BufferedImage image) {
		try {
			Orientation orientation = ExifUtils.getExifOrientation(reader, 0);
			return (orientation != null && orientation != Orientation.TOP_LEFT)
					? ExifFilterUtils.getFilterForOrientation(orientation).apply(image) : image;
		}
		catch (IOException | RuntimeException ex) {
			// A broken EXIF block costs the orientation, not the upload.
			return image;
		}
	}

	private static byte[] encode(BufferedImage image, String formatName) throws IOException {
		ImageWriter writer = ImageIO.getImageWritersByFormatName(formatName).next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam parameters = writer.getDefaultWriteParam();
			if (parameters.canWriteCompressed() && "jpeg".equals(formatName)) {
				parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				parameters.setCompressionQuality(JPEG_QUALITY);
			}
			// No metadata is handed over, so none of the upload's (EXIF, comments, text)
			// is
			// written.
			writer.write(null, new IIOImage(image, null, null), parameters);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/** The accepted formats, recognised by their leading bytes. */
	private enum Format {

		JPEG("image/jpeg"), PNG("image/png"), GIF("image/gif"), WEBP("image/webp");

		private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

		private final String mimeType;

		Format(String mimeType) {
			this.mimeType = mimeType;
		}

		static Optional<Format> of(byte[] bytes) {
			if (startsWith(bytes, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
				return Optional.of(JPEG);
			}
			if (startsWith(bytes, 0, PNG_SIGNATURE)) {
				return Optional.of(PNG);
			}
			if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
				return Optional.of(GIF);
			}
			if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
				return Optional.of(WEBP);
			}
			return Optional.empty();
		}

		private static byte[] ascii(String text) {
			return text.getBytes(StandardCharsets.US_ASCII);
		}

		private static boolean startsWith(byte[] bytes, int offset, byte... prefix) {
			return bytes.length >= offset + prefix.length
					&& Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
		}

	}

}
