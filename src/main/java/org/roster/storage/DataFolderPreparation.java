package org.roster.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Before any bean (H2, the embedded FTP server) writes there: creates the data folder for
 * its owner only, warns when an existing one is open to other users, and says in one line
 * where the data and the database are. Runs as a bean factory post-processor so that it
 * comes first, in the server and in every command.
 */
@Component
class DataFolderPreparation implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final Log logger = LogFactory.getLog(DataFolderPreparation.class);

	private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

	private static final Pattern CREDENTIAL_SETTING = Pattern.compile("(?i)([;?&](?:user|password)=)[^;&]*");

	// Set through EnvironmentAware: post-processors are built before constructor
	// injection
	// is available.
	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		Path dataDir = Path.of(this.environment.getRequiredProperty("roster.data-dir")).toAbsolutePath().normalize();
		String url = this.environment.getProperty("spring.datasource.url");
		Optional<H2Database> h2 = H2Database.of(url);
		Set<Path> folders = new LinkedHashSet<>();
		// Without an external FTP server the embedded one keeps its files in the data
		// folder;
		// with PostgreSQL and an external FTP server nothing is written there.
		if (!StringUtils.hasText(this.environment.getProperty("roster.ftp.host"))) {
			folders.add(dataDir);
		}
		h2.ifPresent((database) -> folders.add(database.folder()));
		for (Path folder : folders) {
			prepare(folder).ifPresent(logger::warn);
		}
		logger.info("Data folder " + dataDir + "; database " + withoutCredentials(url));
	}

	private static Optional<String> prepare(Path folder) {
		try {
			return PrivateFiles.prepareFolder(folder);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create the data folder " + folder + " (" + ex
					+ "); set roster.data-dir (ROSTER_DATA_DIR) to a folder Roster may write");
		}
	}

	/** The JDBC URL for a log line: user names and passwords in it are masked. */
	static String withoutCredentials(String url) {
		if (url == null) {
			return "(not configured)";
		}
		String masked = USER_INFO.matcher(url).replaceFirst("//***@");
		return CREDENTIAL_SETTING.matcher(masked).replaceAll("$1***");
	}

}
