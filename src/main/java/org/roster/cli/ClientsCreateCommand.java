package org.roster.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.roster.oidc.OidcClients;
import org.roster.oidc.OidcClients.Created;
import org.roster.oidc.OidcClients.InvalidClientException;
import org.roster.oidc.OidcClients.NewClient;
import org.roster.oidc.OidcClients.TokenPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

@Command(name = "create", mixinStandardHelpOptions = true,
		description = { "Register an application (applies pending migrations first) and print its client id,",
				"and for a confidential client its secret: shown this once, stored only hashed." })
class ClientsCreateCommand implements Callable<Integer> {

	@Option(names = "--name", paramLabel = "N", required = true, description = "What users see on the consent page.")
	String name;

	@Option(names = "--redirect-uri", paramLabel = "U", required = true,
			description = "Where Roster sends the user back (exact match; repeat for more).")
	List<String> redirectUris;

	@Option(names = "--post-logout-uri", paramLabel = "U",
			description = "Where Roster may send the user after signing out from the application (repeat for more).")
	List<String> postLogoutUris = new ArrayList<>();

	@Option(names = "--public", description = "A single-page or mobile app: no secret, PKCE required.")
	boolean publicClient;

	@Option(names = "--scopes", paramLabel = "S", defaultValue = "openid profile email",
			description = "Scopes it may ask for, space-separated (default: ${DEFAULT-VALUE}); known: openid profile"
					+ " email phone address roles.")
	String scopes;

	@Option(names = "--no-consent", description = "A trusted application: users are not asked to consent.")
	boolean noConsent;

	@Option(names = "--access-token-ttl", paramLabel = "D", defaultValue = "5m",
			converter = KeysRotateCommand.DurationConverter.class,
			description = "How long access tokens live, 1m to 1h (default: ${DEFAULT-VALUE}).")
	Duration accessTokenTtl;

	@Option(names = "--id-token-ttl", paramLabel = "D", defaultValue = "5m",
			converter = KeysRotateCommand.DurationConverter.class,
			description = "How long ID tokens live, 1m to 1h (default: ${DEFAULT-VALUE}).")
	Duration idTokenTtl;

	@Option(names = "--refresh-token-ttl", paramLabel = "D", defaultValue = "8h",
			converter = KeysRotateCommand.DurationConverter.class,
			description = "How long refresh tokens live, 5m to 90d (default: ${DEFAULT-VALUE}).")
	Duration refreshTokenTtl;

	@Option(names = "--reference-tokens",
			description = "Opaque access tokens, checked at introspection (a revocation ends them at once),"
					+ " instead of JWTs.")
	boolean referenceTokens;

	@Option(names = "--json", description = "Print {\"clientId\": ..., \"clientSecret\": ...} only.")
	boolean json;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Migrations.apply(context.getBean(Flyway.class), this.json ? System.err : System.out);
			Created created = context.getBean(OidcClients.class)
				.create(new NewClient(this.name, this.redirectUris, this.postLogoutUris, this.publicClient,
						Arrays.stream(this.scopes.trim().split("\\s+")).filter((scope) -> !scope.isEmpty()).toList(),
						!this.noConsent, new TokenPolicy(this.accessTokenTtl, this.idTokenTtl, this.refreshTokenTtl,
								this.referenceTokens)));
			if (this.json) {
				System.out.println(JsonMapper.builder()
					.build()
					.writeValueAsString(new ClientJson(created.clientId(), created.clientSecret())));
			}
			else {
				System.out.println("Registered '" + this.name.strip() + "'.");
				System.out.println("client id:     " + created.clientId());
				if (created.clientSecret() != null) {
					System.out.println("client secret: " + created.clientSecret()
							+ "   (shown this once; Roster keeps only its hash)");
				}
			}
			return 0;
		}
		catch (InvalidClientException ex) {
			throw new CliException(String.join("\n", ex.problems()));
		}
	}

	/** The answer of --json; the secret is null for a public client. */
	record ClientJson(String clientId, String clientSecret) {
	}

}
