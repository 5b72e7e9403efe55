package org.roster.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.storage.PrivateFiles;

/**
 * Without an SMTP server (the two-command default), each message becomes an {@code .eml}
 * file in {@code data/outbox/}, owner-only, which any mail program opens: Django's file
 * backend, for trying Roster out. The log names the file, never the link inside.
 */
class FolderTransport implements MailTransport {

	private static final Log logger = LogFactory.getLog(FolderTransport.class);

	private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

	private final Path folder;

	private final Session session = Session.getInstance(new Properties());

	private final AtomicLong sequence = new AtomicLong();

	FolderTransport(Path folder) {
		this.folder = folder.toAbsolutePath().normalize();
	}

	@Override
	public MimeMessage createMessage() {
		return new MimeMessage(this.session);
	}

	@Override
	public void send(MimeMessage message) throws MessagingException {
		try {
			PrivateFiles.prepareFolder(this.folder).ifPresent(logger::warn);
			Path file = this.folder.resolve(
					NAME.format(LocalDateTime.now(ZoneOffset.UTC)) + "-" + this.sequence.incrementAndGet() + ".eml");
			message.saveChanges();
			try (OutputStream out = Files.newOutputStream(file)) {
				PrivateFiles.restrict(file);
				message.writeTo(out);
			}
			logger.info("No SMTP server configured (spring.mail.host): mail \"" + message.getSubject()
					+ "\" written to " + file);
		}
		catch (IOException ex) {
			throw new MessagingException("Cannot write to " + this.folder + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String describe() {
		return "folder " + this.folder;
	}

}
