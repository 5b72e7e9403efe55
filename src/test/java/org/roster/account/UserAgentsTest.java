package org.roster.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The browsers and systems "Where you're signed in" names. */
class UserAgentsTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome 131 | Windows
					Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86 | Edge 131 | Windows
					Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15 | Safari 18 | macOS
					Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox 133 | Linux
					Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36 | Samsung Internet 26 | Android
					Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1 | Chrome 131 | iOS
					Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15 | Firefox 133 | iPadOS
					Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome 131 | ChromeOS
					Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0 | Opera 115 | Windows
					Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/142.0.0.0 Safari/537.36 | Chrome 142 | Linux
					curl/8.5.0 | curl 8 |
					""")
	void namesTheBrowserAndTheSystem(String userAgent, String browser, String system) {
		assertThat(UserAgents.describe(userAgent)).isEqualTo(new UserAgents.Device(browser, system));
	}

	@Test
	void whatItDoesNotKnowIsNull() {
		assertThat(UserAgents.describe("Java-http-client/17.0.13")).isEqualTo(new UserAgents.Device(null, null));
		assertThat(UserAgents.describe("")).isEqualTo(new UserAgents.Device(null, null));
		assertThat(UserAgents.describe(null)).isEqualTo(new UserAgents.Device(null, null));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0:0:0:0:0:0:0:1 | ::1
			2001:db8:0:0:0:0:0:5 | 2001:db8::5
			2001:0db8:0:1:0:0:0:0 | 2001:db8:0:1::
			0:0:0:0:0:0:0:0 | ::
			2001:db8:1:2:3:4:5:6 | 2001:db8:1:2:3:4:5:6
			198.51.100.7 | 198.51.100.7
			""")
	void addressesAreWrittenShort(String address, String shown) {
		assertThat(SignInDevice.address(address)).isEqualTo(shown);
	}

	@Test
	void aRecordedUserAgentIsTrimmedAndCut() {
		assertThat(SignInDevice.trimmed("  Firefox\u0000/1 \n")).isEqualTo("Firefox/1");
		assertThat(SignInDevice.trimmed("x".repeat(1000))).hasSize(SignInDevice.MAX_USER_AGENT);
		assertThat(SignInDevice.trimmed(null)).isEmpty();
	}

}
