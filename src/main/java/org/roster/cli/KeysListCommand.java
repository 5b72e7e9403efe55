package org.roster.cli;

import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.roster.oidc.SigningKeys;
import org.roster.oidc.SigningKeys.KeyInfo;
import picocli.CommandLine.Command;

import org.springframework.context.ConfigurableApplicationContext;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the published signing keys.")
class KeysListCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Migrations.apply(context.getBean(Flyway.class), System.out);
			for (KeyInfo key : context.getBean(SigningKeys.class).list()) {
				System.out.println(key.kid() + "  created " + key.createdAt() + "  signs from " + key.activatesAt()
						+ ((key.retiresAt() != null) ? "  retires " + key.retiresAt() : ""));
			}
			return 0;
		}
	}

}
