package org.roster.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.roster.oidc.OidcClients;
import org.roster.oidc.OidcClients.ClientSummary;
import org.roster.oidc.OidcClients.TokenPolicy;
import picocli.CommandLine.Command;

import org.springframework.context.ConfigurableApplicationContext;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered applications.")
class ClientsListCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Migrations.apply(context.getBean(Flyway.class), System.out);
			OidcClients registered = context.getBean(OidcClients.class);
			List<ClientSummary> clients = registered.list();
			if (clients.isEmpty()) {
				System.out.println("No applications yet: ./manage clients create --name N --redirect-uri U");
			}
			for (ClientSummary client : clients) {
				System.out.println(client.clientId() + "  " + client.name() + "  "
						+ (client.publicClient() ? "public" : "confidential") + (client.disabled() ? " (disabled)" : "")
						+ "  scopes: " + String.join(" ", client.scopes()) + "  redirect: "
						+ String.join(" ", client.redirectUris())
						+ registered.find(client.clientId())
							.map((found) -> "  tokens: " + describe(found.tokens()))
							.orElse(""));
			}
			return 0;
		}
	}

	private static String describe(TokenPolicy tokens) {
		return "access " + OidcClients.format(tokens.accessToken()) + (tokens.referenceTokens() ? " (reference)" : "")
				+ ", ID " + OidcClients.format(tokens.idToken()) + ", refresh "
				+ OidcClients.format(tokens.refreshToken());
	}

}
