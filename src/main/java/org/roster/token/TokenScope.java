package org.roster.token;

import java.util.Locale;

import org.roster.account.CurrentUser;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a token may do: {@code read}, the GET (and HEAD) requests of the JSON routes its
 * user may call; {@code write}, all of them. Stored and sent in lower case.
 */
enum TokenScope {

	READ, WRITE;

	static final String PATTERN = "read|write";

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	static TokenScope of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	/** The authority of {@code account.CurrentUser#viaApiToken}: {@code SCOPE_read}. */
	SimpleGrantedAuthority authority() {
		return new SimpleGrantedAuthority(CurrentUser.SCOPE_PREFIX + value());
	}

}
