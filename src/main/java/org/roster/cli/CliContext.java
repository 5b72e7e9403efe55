package org.roster.cli;

import org.roster.RosterApplication;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application context for one-shot commands: no web server, lazy beans (only what the
 * command asks for is built, so {@code db init} never touches JPA), quiet logs. Settings
 * go in as arguments so they win over application.properties.
 */
final class CliContext {

	private CliContext() {
	}

	static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(RosterApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.lazyInitialization(true)
			.run("--roster.cli=true", "--logging.level.root=WARN", "--logging.level.org.roster=WARN",
					"--spring.jpa.hibernate.ddl-auto=none",
					// No staleness check of event publications: it may run before the
					// command's migrations made their table, and the server does it
					// anyway.
					"--spring.modulith.events.staleness.published=0s",
					"--spring.modulith.events.staleness.processing=0s",
					"--spring.modulith.events.staleness.resubmission=0s");
	}

}
