package org.roster.cli;

import java.util.concurrent.Callable;

import org.roster.avatar.ImageStore;
import org.roster.avatar.ImageStoreException;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;

@Command(name = "check", mixinStandardHelpOptions = true,
		description = "Connect to the avatar store (roster.ftp.*, or the embedded server), write, read back and delete a probe file.")
class FtpCheckCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = CliContext.start()) {
			System.out.println(context.getBean(ImageStore.class).check());
			return 0;
		}
		catch (ImageStoreException ex) {
			throw new CliException("image store check failed: " + ex.getMessage());
		}
	}

}
