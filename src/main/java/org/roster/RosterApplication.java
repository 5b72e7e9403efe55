package org.roster;

import org.roster.cli.ManageCommandLine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Roster's entry point. Without arguments it serves the web application; with arguments,
 * or when started by {@code ./manage} ({@code roster.manage=true}), it runs the
 * {@code manage} command line (see {@code org.roster.cli}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RosterApplication {

	/**
	 * Where H2's server for {@code AUTO_SERVER=TRUE} listens unless the user says
	 * otherwise: H2 binds every interface by default.
	 */
	static final String H2_BIND_ADDRESS = "127.0.0.1";

	public static void main(String[] args) {
		bindH2ToLoopback();
		if (args.length > 0 || Boolean.getBoolean("roster.manage")) {
			System.exit(ManageCommandLine.run(args));
		}
		SpringApplication.run(RosterApplication.class, args);
	}

	/**
	 * H2 reads {@code h2.bindAddress} once, when its SysProperties class loads, so this
	 * must run before anything touches H2.
	 */
	static void bindH2ToLoopback() {
		if (System.getProperty("h2.bindAddress") == null) {
			System.setProperty("h2.bindAddress", H2_BIND_ADDRESS);
		}
	}

}
