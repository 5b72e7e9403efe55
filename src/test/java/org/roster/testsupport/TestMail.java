package org.roster.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * The SMTP server of the tests: GreenMail in the test JVM on 127.0.0.1 at
 * {@code roster.test.smtp-port} (3025), where the {@code test} profile sends mail.
 * Register it in a test class with
 * {@code @RegisterExtension static GreenMailExtension mail = TestMail.server();}.
 */
public final class TestMail {

	public static final int PORT = Integer.getInteger("roster.test.smtp-port", 3025);

	private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");

	private TestMail() {
	}

	/** A fresh, empty server for each test method. */
	public static GreenMailExtension server() {
		return new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
	}

	/** The text/plain and text/html parts of a multipart/alternative message. */
	public static Parts parts(MimeMessage message) throws MessagingException, IOException {
		Multipart alternative = (Multipart) message.getContent();
		String text = null;
		String html = null;
		for (int i = 0; i < alternative.getCount(); i++) {
			BodyPart part = alternative.getBodyPart(i);
			if (part.isMimeType("text/plain")) {
				text = (String) part.getContent();
			}
			else if (part.isMimeType("text/html")) {
				html = (String) part.getContent();
			}
		}
		return new Parts(alternative.getContentType(), text, html);
	}

	/** The links of a part, in order (HTML entities as written: {@code &amp;} stays). */
	public static List<String> links(String body) {
		List<String> links = new ArrayList<>();
		Matcher matcher = LINK.matcher(body);
		while (matcher.find()) {
			links.add(matcher.group());
		}
		return links;
	}

	/**
	 * The one link of the text part that opens {@code path} (such as /reset-password).
	 */
	public static String link(MimeMessage message, String path) throws MessagingException, IOException {
		return links(parts(message).text()).stream()
			.filter((link) -> link.contains(path + "?token="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no link to " + path + " in the message"));
	}

	/** The token of a link ({@code ...?token=X}). */
	public static String token(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	public record Parts(String contentType, String text, String html) {
	}

}
