package org.roster.browser;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.roster.oidc.OidcClients.Created;

/**
 * panva's openid-client as a relying party: {@code src/test/node/openid-client-rp/rp.mjs}
 * run with the machine's Node.js, one process per {@link #start}, stopped after the test;
 * its output goes to the test's log when the test fails. Without {@code node} on the PATH
 * or the package's installed {@code node_modules}, the class is skipped with a one-line
 * reason, or fails when {@code CI=true}. Nothing is installed at test time.
 */
final class OpenIdClientRp
		implements ExecutionCondition, BeforeAllCallback, AfterTestExecutionCallback, AfterEachCallback {

	static final Path DIRECTORY = Path.of("src", "test", "node", "openid-client-rp");

	private static final String INSTALL = "npm ci --prefix src/test/node/openid-client-rp";

	private static final long START_SECONDS = 20;

	private final List<Running> running = new ArrayList<>();

	/** A free port on the loopback interface, for a server to be started on it next. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The relying party's address on {@code port}, as rp.mjs derives it. */
	static String address(int port) {
		return "http://127.0.0.1:" + port;
	}

	/**
	 * Starts rp.mjs on {@code port} for a client registered with its {@code /callback}
	 * and {@code /logged-out} addresses, and waits until it listens.
	 * @return its address
	 */
	String start(int port, String issuer, Created client) {
		ProcessBuilder builder = new ProcessBuilder(node().toString(), "rp.mjs").directory(DIRECTORY.toFile())
			.redirectErrorStream(true);
		builder.environment().put("ISSUER", issuer);
		builder.environment().put("CLIENT_ID", client.clientId());
		builder.environment().put("PORT", String.valueOf(port));
		if (client.clientSecret() != null) {
			builder.environment().put("CLIENT_SECRET", client.clientSecret());
		}
		else {
			builder.environment().remove("CLIENT_SECRET");
		}
		Running rp;
		try {
			rp = new Running(address(port), builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.running.add(rp);
		String first;
		try {
			first = rp.firstLine.get(START_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			first = null;
		}
		if (!("listening " + port).equals(first)) {
			throw new IllegalStateException("rp.mjs did not start on port " + port + ":\n" + rp.output());
		}
		return rp.address;
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String missing = missing();
		if (missing == null || ci()) {
			return ConditionEvaluationResult.enabled("Node.js and openid-client found, or CI (which fails without)");
		}
		return ConditionEvaluationResult.disabled("openid-client tests skipped: " + missing + " (" + INSTALL
				+ " with Node.js installed; with CI=true they fail instead)");
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		String missing = missing();
		if (missing != null) {
			throw new IllegalStateException(
					"CI=true but " + missing + ": the openid-client tests must run in CI (" + INSTALL + ")");
		}
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		if (context.getExecutionException().isPresent()) {
			this.running.forEach((rp) -> System.out.println("openid-client RP at " + rp.address + ":\n" + rp.output()));
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws InterruptedException {
		for (Running rp : this.running) {
			rp.process.destroy();
			if (!rp.process.waitFor(5, TimeUnit.SECONDS)) {
				rp.process.destroyForcibly();
			}
		}
		this.running.clear();
	}

	private static @Nullable String missing() {
		if (node() == null) {
			return "no node on the PATH";
		}
		if (!Files.isDirectory(DIRECTORY.resolve("node_modules").resolve("openid-client"))) {
			return "no " + DIRECTORY.resolve("node_modules");
		}
		return null;
	}

	private static @Nullable Path node() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path node = Path.of(directory, "node");
			if (!directory.isEmpty() && Files.isExecutable(node)) {
				return node;
			}
		}
		return null;
	}

	private static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/** A started rp.mjs: its first line, and all it printed so far. */
	private static final class Running {

		final String address;

		final Process process;

		final CompletableFuture<String> firstLine = new CompletableFuture<>();

		private final StringBuilder output = new StringBuilder();

		Running(String address, Process process) {
			this.address = address;
			this.process = process;
			Thread reader = new Thread(this::read, "openid-client-rp " + address);
			reader.setDaemon(true);
			reader.start();
		}

		private void read() {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = lines.readLine(); line != null; line = lines.readLine()) {
					synchronized (this.output) {
						this.output.append(line).append('\n');
					}
					this.firstLine.complete(line);
				}
			}
			catch (IOException ex) {
				// The process was stopped: what it printed until then is kept.
			}
			this.firstLine.complete(null);
		}

		String output() {
			synchronized (this.output) {
				return this.output.toString();
			}
		}

	}

}
