package org.roster.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Where finished messages go: an SMTP server, or the outbox folder without one. */
interface MailTransport {

	MimeMessage createMessage();

	void send(MimeMessage message) throws MessagingException;

	/** For the log and health: "smtp host:port" or the folder. */
	String describe();

}
