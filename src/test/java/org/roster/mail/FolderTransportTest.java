package org.roster.mail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without SMTP, mail becomes {@code .eml} files in {@code data/outbox/} that only the
 * owner can read; the log names the file and not the link inside.
 */
@ExtendWith(OutputCaptureExtension.class)
class FolderTransportTest {

	@TempDir
	Path data;

	@Test
	void writesOwnerOnlyEmlFilesAndLogsWhereWithoutTheLink(CapturedOutput output) throws Exception {
		FolderTransport transport = new FolderTransport(this.data.resolve("outbox"));
		MimeMessage message = transport.createMessage();
		message.setFrom(new InternetAddress("no-reply@localhost"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("alice@example.com"));
		message.setSubject("Reset your Roster password");
		message.setText("Open https://roster.example.test/reset-password?token=SECRET-TOKEN-VALUE");
		transport.send(message);

		Path outbox = this.data.resolve("outbox");
		List<Path> files;
		try (var listing = Files.list(outbox)) {
			files = listing.toList();
		}
		assertThat(files).singleElement().satisfies((file) -> assertThat(file.toString()).endsWith(".eml"));
		Path file = files.get(0);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (InputStream in = Files.newInputStream(file)) {
			MimeMessage read = new MimeMessage(Session.getInstance(new Properties()), in);
			assertThat(read.getSubject()).isEqualTo("Reset your Roster password");
			assertThat((String) read.getContent()).contains("token=SECRET-TOKEN-VALUE");
		}
		assertThat(output.getOut()).contains("written to " + file).doesNotContain("SECRET-TOKEN-VALUE");
		assertThat(transport.describe()).isEqualTo("folder " + outbox);
	}

}
