package org.roster.oidc;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes expired grants every {@code roster.oidc.cleanup-interval} (10 minutes), in
 * batches so the table is never locked long; several nodes doing it at once only share
 * the work. One-shot {@code ./manage} commands do not.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "roster.cli", havingValue = "false", matchIfMissing = true)
class GrantCleanup {

	private static final Log logger = LogFactory.getLog(GrantCleanup.class);

	private final Grants grants;

	GrantCleanup(Grants grants) {
		this.grants = grants;
	}

	@Scheduled(fixedDelayString = "${roster.oidc.cleanup-interval:10m}",
			initialDelayString = "${roster.oidc.cleanup-interval:10m}")
	void deleteExpired() {
		Instant now = Instant.now();
		int deleted = 0;
		int batch;
		do {
			batch = this.grants.deleteExpired(now);
			deleted += batch;
		}
		while (batch == Grants.BATCH);
		if (deleted > 0) {
			logger.info("Deleted " + deleted + " expired grants of applications");
		}
	}

}
