package org.roster.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.bastiaanjansen.otp.HMACAlgorithm;
import com.bastiaanjansen.otp.HOTPGenerator;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The phone of the browser tests: reads the set-up page's QR code as a camera would (the
 * PNG decoded with ZXing) and makes the codes of its key.
 */
final class AuthenticatorApp {

	private final String secret;

	private AuthenticatorApp(String secret) {
		this.secret = secret;
	}

	/** Scans the QR code of an {@code <img src="data:image/png;base64,...">}. */
	static AuthenticatorApp scan(String imageSource) throws IOException {
		assertThat(imageSource).startsWith("data:image/png;base64,");
		byte[] png = Base64.getDecoder().decode(imageSource.substring(imageSource.indexOf(',') + 1));
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		Result result;
		try {
			// The page's image is a pure code (drawn, not photographed): read it as one.
			// The
			// general detector's search for finder patterns misses on some contents.
			result = new QRCodeReader().decode(
					new BinaryBitmap(
							new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))),
					Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
		}
		catch (ReaderException ex) {
			throw new AssertionError("no QR code in the image", ex);
		}
		URI uri = URI.create(result.getText());
		assertThat(uri.getScheme()).isEqualTo("otpauth");
		assertThat(uri.getHost()).isEqualTo("totp");
		String query = uri.getRawQuery();
		assertThat(query).contains("issuer=Roster").contains("digits=6").contains("period=30");
		String secret = query.replaceAll(".*secret=([A-Z2-7]+).*", "$1");
		return new AuthenticatorApp(secret);
	}

	/** The code for now, {@code steps} 30-second steps later. */
	String code(int steps) {
		long step = Math.floorDiv(Instant.now().getEpochSecond(), 30) + steps;
		return new HOTPGenerator.Builder(this.secret.getBytes(StandardCharsets.US_ASCII)).withPasswordLength(6)
			.withAlgorithm(HMACAlgorithm.SHA1)
			.build()
			.generate(step);
	}

	String secret() {
		return this.secret;
	}

}
