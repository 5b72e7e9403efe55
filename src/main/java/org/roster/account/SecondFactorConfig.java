package org.roster.account;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock of the authenticator codes and of recent sign-ins: a bean, so tests can move
 * time.
 */
@Configuration(proxyBeanMethods = false)
class SecondFactorConfig {

	@Bean
	Clock secondFactorClock() {
		return Clock.systemUTC();
	}

}
