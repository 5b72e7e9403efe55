package org.roster.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.roster.oidc.SigningKeys;
import org.roster.oidc.SigningKeys.Rotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

@Command(name = "rotate", mixinStandardHelpOptions = true,
		description = { "Add a signing key (applies pending migrations first). It is published at once, signs after",
				"the grace period, and the keys signing now retire once the tokens they signed have expired." })
class KeysRotateCommand implements Callable<Integer> {

	@Option(names = "--grace", paramLabel = "D", defaultValue = "10m", converter = DurationConverter.class,
			description = "How long applications have to fetch the new key before it signs: 30s, 10m, 1h"
					+ " (default: ${DEFAULT-VALUE}).")
	Duration grace;

	@Override
	public Integer call() {
		if (this.grace.isNegative()) {
			throw new CliException("--grace must not be negative.");
		}
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Migrations.apply(context.getBean(Flyway.class), System.out);
			Rotation rotation = context.getBean(SigningKeys.class).rotate(this.grace);
			System.out.println("Added signing key " + rotation.kid() + ": published now, signs from "
					+ rotation.activatesAt() + "; the keys before it retire at " + rotation.olderRetireAt() + ".");
			return 0;
		}
	}

	/** Spring Boot's duration format, as in application.properties. */
	static final class DurationConverter implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			return DurationStyle.detectAndParse(value);
		}

	}

}
