package org.roster.account;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Names the browser and system of a user agent, for "Where you're signed in". A compact
 * classifier of the major browsers and systems rather than a parser library: Yauaa, the
 * thorough one, takes seconds and a large heap to build its analyser, more than the whole
 * of Roster's start-up and idle memory, to answer a question a list of sessions needs
 * only roughly. A user agent is what the browser claims; nothing here decides access.
 */
final class UserAgents {

	/**
	 * Most specific first: Edge, Opera, Samsung Internet and Vivaldi also say Chrome and
	 * Safari; Chrome also says Safari.
	 */
	private static final List<Rule> BROWSERS = List.of(rule("Edge", "(?:Edg|EdgA|EdgiOS|Edge)/(\\d+)"),
			rule("Opera", "(?:OPR|OPT)/(\\d+)"), rule("Samsung Internet", "SamsungBrowser/(\\d+)"),
			rule("Vivaldi", "Vivaldi/(\\d+)"), rule("Firefox", "(?:Firefox|FxiOS)/(\\d+)"),
			rule("Chromium", "Chromium/(\\d+)"), rule("Chrome", "(?:HeadlessChrome|Chrome|CriOS)/(\\d+)"),
			rule("Safari", "Version/(\\d+)[^ ]* (?:Mobile/\\S+ )?Safari/"), rule("curl", "^curl/(\\d+)"));

	private static final List<Rule> SYSTEMS = List.of(rule("iOS", "iPhone|iPod"), rule("iPadOS", "iPad"),
			rule("Android", "Android"), rule("ChromeOS", "CrOS"), rule("Windows", "Windows"),
			rule("macOS", "Macintosh|Mac OS X"), rule("Linux", "Linux|X11"));

	private UserAgents() {
	}

	static Device describe(@Nullable String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return new Device(null, null);
		}
		return new Device(first(BROWSERS, userAgent, true), first(SYSTEMS, userAgent, false));
	}

	private static @Nullable String first(List<Rule> rules, String userAgent, boolean version) {
		for (Rule rule : rules) {
			Matcher matcher = rule.pattern().matcher(userAgent);
			if (matcher.find()) {
				return (version && matcher.groupCount() > 0) ? rule.name() + " " + matcher.group(1) : rule.name();
			}
		}
		return null;
	}

	private static Rule rule(String name, String pattern) {
		return new Rule(name, Pattern.compile(pattern));
	}

	private record Rule(String name, Pattern pattern) {
	}

	/**
	 * A browser such as "Firefox 133" and a system such as "Windows"; null when not
	 * recognised.
	 */
	record Device(@Nullable String browser, @Nullable String system) {
	}

}
