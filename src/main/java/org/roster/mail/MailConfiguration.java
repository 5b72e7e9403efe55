package org.roster.mail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.web.PublicUrl;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Chooses the transport: Spring Boot configures a {@link JavaMailSender} when
 * {@code spring.mail.host} is set, and then mail goes to that SMTP server; otherwise to
 * {@code data/outbox/}. Adds the resolver of the mails' plain-text templates.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

	private static final Log logger = LogFactory.getLog(MailConfiguration.class);

	@Bean
	MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, PublicUrl publicUrl,
			@Value("${roster.data-dir:./data}") Path dataDir) {
		JavaMailSender sender = smtp.getIfAvailable();
		if (sender == null) {
			return new FolderTransport(dataDir.resolve("outbox"));
		}
		SmtpTransport transport = new SmtpTransport(sender);
		if (publicUrl.isDefault()) {
			logger.warn("Mail goes to " + transport.describe() + " but roster.public-url is still " + PublicUrl.DEFAULT
					+ ": the links in it only work on this machine. Set ROSTER_PUBLIC_URL "
					+ "to the address users open Roster at.");
		}
		return transport;
	}

	/** {@code mail/*.txt}: Thymeleaf's text mode, before the HTML resolver. */
	@Bean
	SpringResourceTemplateResolver mailTextTemplateResolver() {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setPrefix("classpath:/templates/");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setResolvablePatterns(Set.of("mail/*.txt"));
		resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
		resolver.setCheckExistence(true);
		resolver.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return resolver;
	}

}
