package org.roster.account;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * What "Where you're signed in" shows of a session, recorded once at sign-in as session
 * attributes: the browser's user agent (trimmed), the client address (as
 * {@code web.TrustedProxyFilter} resolved it) and the time. Plain JDK types rather than a
 * class of ours: the session is serialised into the database, and a renamed class would
 * make every stored session unreadable.
 * <p>
 * Every kind of sign-in calls {@link #record} once its authentication succeeded (the
 * password form and a provider's sign-in through {@link SignInConfirmation}); a new kind
 * of sign-in adds the one call.
 */
public final class SignInDevice {

	static final String USER_AGENT = "roster.signIn.userAgent";

	static final String ADDRESS = "roster.signIn.address";

	static final String SIGNED_IN_AT = "roster.signIn.at";

	/** Longer user agents are cut: no browser needs more, and the row stays small. */
	static final int MAX_USER_AGENT = 256;

	private SignInDevice() {
	}

	/** Records this request's browser, address and time in its (new) session. */
	public static void record(HttpServletRequest request) {
		HttpSession session = request.getSession();
		session.setAttribute(USER_AGENT, trimmed(request.getHeader(HttpHeaders.USER_AGENT)));
		session.setAttribute(ADDRESS, address(request.getRemoteAddr()));
		session.setAttribute(SIGNED_IN_AT, Instant.now().toEpochMilli());
	}

	/**
	 * An IPv6 address in its short form ({@code ::1}, not Tomcat's
	 * {@code 0:0:0:0:0:0:0:1}); anything else as it is.
	 */
	static String address(String address) {
		String[] groups = address.split(":", -1);
		if (groups.length != 8) {
			return address;
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int start = 0; start < 8; start++) {
			int length = 0;
			while (start + length < 8 && groups[start + length].matches("0+")) {
				length++;
			}
			if (length > bestLength) {
				bestStart = start;
				bestLength = length;
			}
		}
		StringBuilder shortened = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				shortened.append((i == 0) ? "::" : ":");
				i += bestLength - 1;
				continue;
			}
			shortened.append(groups[i].replaceFirst("^0+(?=.)", ""));
			if (i < 7) {
				shortened.append(':');
			}
		}
		return shortened.toString();
	}

	static String trimmed(@Nullable String userAgent) {
		if (userAgent == null) {
			return "";
		}
		// Control characters have no business in a header a page shows.
		String clean = userAgent.replaceAll("\\p{Cntrl}", "").strip();
		return (clean.length() > MAX_USER_AGENT) ? clean.substring(0, MAX_USER_AGENT) : clean;
	}

}
