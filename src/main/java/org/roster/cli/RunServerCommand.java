package org.roster.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.roster.RosterApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "runserver", mixinStandardHelpOptions = true,
		description = "Serve Roster (migrates the database first). Stop with Ctrl+C.")
class RunServerCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--port", paramLabel = "P", description = "HTTP port (default: 8080, or server.port).")
	Integer port;

	@Option(names = "--host", paramLabel = "H",
			description = "Address to listen on (default: all interfaces, or server.address).")
	String host;

	@Override
	public Integer call() throws InterruptedException {
		if (this.port != null && (this.port < 0 || this.port > 65535)) {
			throw new ParameterException(this.spec.commandLine(), "--port must be between 0 and 65535");
		}
		List<String> properties = new ArrayList<>();
		if (this.port != null) {
			properties.add("--server.port=" + this.port);
		}
		if (this.host != null) {
			properties.add("--server.address=" + this.host);
		}
		CountDownLatch closed = new CountDownLatch(1);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RosterApplication.class)
			// Takes every event and picks the one it waits for: a lambda's declared event
			// type
			// cannot be read, and Spring Modulith's multicaster then hands it every
			// event.
			.listeners((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof ContextClosedEvent) {
					closed.countDown();
				}
			})
			.run(properties.toArray(String[]::new));
		if (context.isActive()) {
			closed.await();
		}
		return 0;
	}

}
