package org.roster.cli;

import java.nio.file.Path;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./manage clients} in-process (as {@link ManageCommandLineTest}): applications
 * are registered with their secret shown once, listed and deleted; bad options are errors
 * that register nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientsCommandTest {

	@TempDir
	static Path dataDir;

	static String confidentialId;

	@Test
	@Order(1)
	void aConfidentialClientGetsItsSecretOnceAsJson() {
		CliRun run = CliRun.manage(dataDir, null, "clients", "create", "--name", "Wiki", "--redirect-uri",
				"https://wiki.example.com/login/oauth2/code/roster", "--redirect-uri", "http://localhost:3000/callback",
				"--scopes", "openid profile email roles", "--json");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).as("JSON alone, for scripts").startsWith("{");
		JsonNode answer = JsonMapper.builder().build().readTree(run.out());
		confidentialId = answer.get("clientId").asString();
		assertThat(confidentialId).isNotBlank();
		assertThat(answer.get("clientSecret").asString()).hasSizeGreaterThanOrEqualTo(40);
	}

	@Test
	@Order(2)
	void aPublicClientHasNoSecretAndTheListShowsBoth() {
		CliRun created = CliRun.manage(dataDir, null, "clients", "create", "--name", "Single page", "--redirect-uri",
				"https://app.example.com/", "--public", "--no-consent", "--access-token-ttl", "2m", "--id-token-ttl",
				"90s", "--refresh-token-ttl", "30d", "--reference-tokens");
		assertThat(created.exitCode()).as(created.toString()).isZero();
		assertThat(created.out()).contains("Registered 'Single page'.", "client id:").doesNotContain("secret");

		CliRun list = CliRun.manage(dataDir, null, "clients", "list");
		assertThat(list.exitCode()).as(list.toString()).isZero();
		assertThat(list.out()).contains(confidentialId + "  Wiki  confidential", "Single page  public")
			.contains("scopes: email openid profile roles")
			.contains("tokens: access 5m, ID 5m, refresh 8h")
			.contains("tokens: access 2m (reference), ID 90s, refresh 30d");
	}

	@Test
	@Order(3)
	void deletingAClientRemovesIt() {
		CliRun deleted = CliRun.manage(dataDir, null, "clients", "delete", confidentialId);
		assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
		assertThat(CliRun.manage(dataDir, null, "clients", "list").out()).doesNotContain("Wiki");
		CliRun again = CliRun.manage(dataDir, null, "clients", "delete", confidentialId);
		assertThat(again.exitCode()).isEqualTo(1);
		assertThat(again.err()).contains("No application with client id " + confidentialId);
	}

	@Test
	@Order(4)
	void badRegistrationsAreErrorsThatRegisterNothing() {
		CliRun run = CliRun.manage(dataDir, null, "clients", "create", "--name", "Bad", "--redirect-uri",
				"http://example.com/callback", "--redirect-uri", "https://ok.example.com/cb#fragment",
				"--post-logout-uri", "ftp://ok.example.com/", "--scopes", "profile admin");
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("--redirect-uri http://example.com/callback", "cb#fragment",
				"--post-logout-uri ftp://ok.example.com/", "unknown scope admin", "openid is required");
		assertThat(CliRun.manage(dataDir, null, "clients", "list").out()).doesNotContain("Bad");

		CliRun tooLong = CliRun.manage(dataDir, null, "clients", "create", "--name", "Long", "--redirect-uri",
				"https://ok.example.com/cb", "--access-token-ttl", "2h", "--refresh-token-ttl", "1m");
		assertThat(tooLong.exitCode()).as(tooLong.toString()).isEqualTo(1);
		assertThat(tooLong.err()).contains("--access-token-ttl: from 1m to 1h", "--refresh-token-ttl: from 5m to 90d");
	}

	@Test
	@Order(5)
	void keysRotateAddsAKeyThatSignsAfterTheGraceAndTheListShowsBoth() {
		CliRun first = CliRun.manage(dataDir, null, "keys", "rotate", "--grace", "0s");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		CliRun second = CliRun.manage(dataDir, null, "keys", "rotate", "--grace", "10m");
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("Added signing key", "signs from", "retire at");
		CliRun list = CliRun.manage(dataDir, null, "keys", "list");
		assertThat(list.out().lines().filter((line) -> line.contains("signs from"))).hasSize(2);
		assertThat(list.out()).contains("retires");
	}

	@ParameterizedTest
	@ValueSource(strings = { "keys", "keys rotate --grace soon", "clients", "clients create --name X",
			"clients create --redirect-uri https://a.example/", "clients delete",
			"clients create --name X --redirect-uri https://a.example/ --id-token-ttl later",
			"clients create --name X --redirect-uri https://a.example/ --secret s" })
	void wrongUsageExitsWithTwo(String commandLine) {
		CliRun run = CliRun.manage(dataDir, null, commandLine.split(" "));
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.out()).isEmpty();
	}

}
