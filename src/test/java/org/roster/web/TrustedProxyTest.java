package org.roster.web;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Forwarded headers from the proxies of {@code roster.proxy.trusted} (the default, no
 * proxy, is tested on a real server in {@link ForwardedHeadersServerTest}).
 */
class TrustedProxyTest {

	/** Requests to {@code /email_exists}, throttled per client address like sign-ins. */
	static int refusedOf(MockMvc mvc, String peer, int requests, String forwardedPrefix) throws Exception {
		int refused = 0;
		for (int i = 0; i < requests; i++) {
			int n = i;
			MockHttpServletRequestBuilder request = get("/email_exists").param("email", "a@example.com").with((r) -> {
				r.setRemoteAddr(peer);
				return r;
			});
			if (forwardedPrefix != null) {
				request.header("X-Forwarded-For", forwardedPrefix + n);
			}
			if (mvc.perform(request).andReturn().getResponse().getStatus() == 429) {
				refused++;
			}
		}
		return refused;
	}

	@Nested
	@DatabaseTest
	@TestPropertySource(properties = "roster.proxy.trusted=10.77.0.0/16, 2001:db8:77::/48")
	class WithTrustedProxies {

		@Autowired
		MockMvc mvc;

		@Test
		void aTrustedProxyPassesTheClientAddressOn() throws Exception {
			assertThat(refusedOf(this.mvc, "10.77.0.1", 40, "198.51.100.")).as("a bucket per client").isZero();
			assertThat(refusedOf(this.mvc, "2001:db8:77::1", 40, "198.51.101.")).isZero();
			assertThat(refusedOf(this.mvc, "10.78.0.1", 40, "198.51.102.")).as("not a trusted proxy")
				.isGreaterThanOrEqualTo(5);
		}

		@Test
		void theClientIsTheRightMostAddressThatIsNoTrustedProxy() throws Exception {
			// Whatever the client puts first, the proxy's appended address decides.
			int refused = 0;
			for (int i = 0; i < 40; i++) {
				String header = "198.51.100." + i + ", 192.0.2.9, 10.77.5.5";
				int status = this.mvc.perform(get("/email_exists").param("email", "a@example.com").with((r) -> {
					r.setRemoteAddr("10.77.0.1");
					return r;
				}).header("X-Forwarded-For", header)).andReturn().getResponse().getStatus();
				if (status == 429) {
					refused++;
				}
			}
			assertThat(refused).as("every request is 192.0.2.9").isGreaterThanOrEqualTo(5);
		}

		@Test
		void httpsBehindTheProxyMakesCookiesSecure() throws Exception {
			MvcResult page = this.mvc.perform(get("/login").with((r) -> {
				r.setRemoteAddr("10.77.0.3");
				return r;
			})
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "roster.example.com")
				.accept("text/html")).andReturn();
			assertThat(page.getResponse().getCookie("ROSTER_CSRF").getSecure()).isTrue();
		}

	}

}
