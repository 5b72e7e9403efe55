package org.roster.testsupport;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** What one address received on a test's SMTP server ({@link TestMail#server()}). */
public final class Mailbox {

	private Mailbox() {
	}

	/** The messages to {@code address}, in the order they arrived. */
	public static List<MimeMessage> of(GreenMailExtension server, String address) {
		return Arrays.stream(server.getReceivedMessages()).filter((message) -> {
			try {
				return message.getAllRecipients()[0].toString().equals(address);
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

}
