package org.roster.cli;

import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.roster.oidc.OidcClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.springframework.context.ConfigurableApplicationContext;

@Command(name = "delete", mixinStandardHelpOptions = true,
		description = "Delete an application with its grants: its tokens stop working at once.")
class ClientsDeleteCommand implements Callable<Integer> {

	@Parameters(paramLabel = "ID", description = "The client id.")
	String clientId;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Migrations.apply(context.getBean(Flyway.class), System.out);
			if (!context.getBean(OidcClients.class).delete(this.clientId)) {
				throw new CliException("No application with client id " + this.clientId + ".");
			}
			System.out.println("Deleted application " + this.clientId + ".");
			return 0;
		}
	}

}
