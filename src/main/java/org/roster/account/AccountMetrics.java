package org.roster.account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * The account counters of the metrics endpoint: password sign-ins by outcome
 * ({@code roster.sign.ins}: success, failure — a wrong password or a lock, which the
 * sign-in page does not tell apart either — suspended, unverified), accounts locked
 * ({@code roster.lockouts}) and self-registrations ({@code roster.registrations}).
 * Sign-ins are counted from the authentication events of the sign-in chain's manager.
 */
@Component
class AccountMetrics {

	private final MeterRegistry registry;

	private final Counter lockouts;

	private final Counter registrations;

	AccountMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.lockouts = Counter.builder("roster.lockouts")
			.description("Accounts locked after failed sign-ins")
			.register(registry);
		this.registrations = Counter.builder("roster.registrations")
			.description("Accounts registered by their users")
			.register(registry);
		for (String outcome : new String[] { "success", "failure", "suspended", "unverified" }) {
			signIns(outcome);
		}
	}

	@EventListener
	void signedIn(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof PasswordSignIn) {
			signIns("success").increment();
		}
	}

	@EventListener
	void refused(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken) {
			Exception reason = event.getException();
			signIns((reason instanceof DisabledException) ? "suspended"
					: (reason instanceof UnverifiedEmailException) ? "unverified" : "failure")
				.increment();
		}
	}

	void locked() {
		this.lockouts.increment();
	}

	void registered() {
		this.registrations.increment();
	}

	private Counter signIns(String outcome) {
		return Counter.builder("roster.sign.ins")
			.description("Password sign-ins by outcome")
			.tag("method", "password")
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
