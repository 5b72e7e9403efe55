package org.roster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Roster's entry point. Without arguments it serves the web application; with arguments
 * it runs the {@code manage} command line (see {@code org.roster.cli}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RosterApplication {

	public static void main(String[] args) {
		if (args.length > 0) {
			System.exit(org.roster.cli.ManageCommandLine.run(args));
		}
		SpringApplication.run(RosterApplication.class, args);
	}

}
