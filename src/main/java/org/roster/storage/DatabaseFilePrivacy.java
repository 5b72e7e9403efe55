package org.roster.storage;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes the H2 file database's files owner-only once the database is open: the data file
 * holds the password hashes, the lock file the key to the auto server. H2 creates them
 * with the process's umask, which {@code java -jar} does not choose. The data source
 * opens the database as soon as it is built (it would at its first use a moment later
 * anyway); the files are checked again at shutdown, for a trace file H2 started
 * meanwhile.
 */
@Component
class DatabaseFilePrivacy implements BeanPostProcessor, ApplicationListener<ContextClosedEvent> {

	private static final Log logger = LogFactory.getLog(DatabaseFilePrivacy.class);

	private final Optional<H2Database> database;

	DatabaseFilePrivacy(Environment environment) {
		this.database = H2Database.of(environment.getProperty("spring.datasource.url"));
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && this.database.isPresent()) {
			try (Connection connection = dataSource.getConnection()) {
				restrict();
			}
			catch (SQLException ex) {
				// The first real use of the database reports it.
			}
		}
		return bean;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		restrict();
	}

	private void restrict() {
		this.database.ifPresent((h2) -> h2.files().forEach((file) -> {
			try {
				PrivateFiles.restrict(file);
			}
			catch (IOException ex) {
				// Someone else's file, say: Roster goes on, the owner is told.
				logger.warn("Cannot make " + file + " private (" + ex + "): run chmod 600 " + file);
			}
		}));
	}

}
