package org.roster.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Delivery to the SMTP server of {@code spring.mail.*}. */
class SmtpTransport implements MailTransport {

	private final JavaMailSender sender;

	SmtpTransport(JavaMailSender sender) {
		this.sender = sender;
	}

	@Override
	public MimeMessage createMessage() {
		return this.sender.createMimeMessage();
	}

	@Override
	public void send(MimeMessage message) throws MessagingException {
		try {
			this.sender.send(message);
		}
		catch (MailException ex) {
			throw new MessagingException(ex.getMessage(), ex);
		}
	}

	@Override
	public String describe() {
		if (this.sender instanceof JavaMailSenderImpl smtp) {
			return "smtp " + smtp.getHost() + ":" + ((smtp.getPort() > 0) ? smtp.getPort() : 25);
		}
		return "smtp";
	}

}
