package org.roster.testsupport;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Stand-ins for profile photos: a head and shoulders on a diagonal gradient. */
public final class Pictures {

	private Pictures() {
	}

	/** A PNG of the given size whose top-left corner has the colour {@code from}. */
	public static byte[] portrait(int size, Color from, Color to) {
		BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.scale(size / 256.0, size / 256.0);
		graphics.setPaint(new GradientPaint(0, 0, from, 256, 256, to));
		graphics.fillRect(0, 0, 256, 256);
		graphics.setColor(new Color(255, 255, 255, 200));
		graphics.fillOval(88, 52, 80, 80);
		graphics.fillOval(48, 148, 160, 140);
		graphics.dispose();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
