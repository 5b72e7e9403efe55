package org.roster.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientThrottleTest {

	@Test
	void ipv6ClientsShareTheBucketOfTheirSlash64() {
		ClientThrottle throttle = new ClientThrottle(30);
		for (int i = 1; i <= 30; i++) {
			assertThat(throttle.secondsToWait("2001:db8:1:2::" + Integer.toHexString(i))).isZero();
		}
		assertThat(throttle.secondsToWait("2001:db8:1:2:ffff:ffff:ffff:ffff")).as("same /64").isPositive();
		assertThat(throttle.secondsToWait("2001:db8:1:3::1")).as("the next /64").isZero();
		assertThat(throttle.secondsToWait("192.0.2.1")).isZero();
	}

	@Test
	void keysAreTheIpv4AddressOrTheIpv6Prefix() {
		assertThat(ClientThrottle.keyOf("192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(ClientThrottle.keyOf("2001:db8:0:0:1::7")).isEqualTo(ClientThrottle.keyOf("2001:db8::9"));
		assertThat(ClientThrottle.keyOf("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(ClientThrottle.keyOf("not an address:")).isEqualTo("not an address:");
	}

}
