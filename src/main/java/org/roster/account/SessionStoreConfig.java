package org.roster.account;

import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Wraps the session repository that Spring Boot configures (Spring Session JDBC, shared
 * by every node) so that it writes a session's access time at most once a minute. A
 * post-processor rather than a bean of our own: Boot backs off from configuring the JDBC
 * repository as soon as another session repository is declared.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfig {

	static final Duration ACCESS_TIME_RESOLUTION = Duration.ofMinutes(1);

	@Bean
	static BeanPostProcessor sparseSessionTouches() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof JdbcIndexedSessionRepository jdbc)
						? new SparseTouchSessionRepository<>(jdbc, jdbc, ACCESS_TIME_RESOLUTION) : bean;
			}

		};
	}

}
