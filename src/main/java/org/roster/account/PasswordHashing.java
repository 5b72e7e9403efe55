package org.roster.account;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with OWASP's minimum (19 MiB, 2 iterations, 1 lane) behind a delegating
 * encoder: hashes carry their algorithm id, so bcrypt hashes still verify and are
 * upgraded on the next successful login. The hash is computed by the reference C library
 * where it loads ({@link NativeArgon2PasswordEncoder}). At most one hash per core runs at
 * a time ({@link CoreBoundPasswordEncoder}).
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

	static final String CURRENT = "argon2";

	@Bean
	PasswordEncoder passwordEncoder() {
		PasswordEncoder argon2 = new NativeArgon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
		PasswordEncoder delegating = new DelegatingPasswordEncoder(CURRENT,
				Map.of(CURRENT, argon2, "bcrypt", new BCryptPasswordEncoder(12)));
		return new CoreBoundPasswordEncoder(delegating, Runtime.getRuntime().availableProcessors());
	}

}
