package org.roster.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A per-client-address token bucket (N per minute, refilled gradually). Buckets live in a
 * bounded cache, so a flood of addresses cannot exhaust memory. Per node: behind a load
 * balancer each node throttles on its own.
 */
final class ClientThrottle {

	private final int perMinute;

	private final Cache<String, Bucket> buckets;

	ClientThrottle(int perMinute) {
		this.perMinute = perMinute;
		this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
	}

	/** Zero when the request may go on, else the seconds to wait. */
	long secondsToWait(String clientAddress) {
		if (this.perMinute <= 0) {
			return 0;
		}
		Bucket bucket = this.buckets.get(keyOf(clientAddress),
				(key) -> Bucket.builder()
					.addLimit(Bandwidth.builder()
						.capacity(this.perMinute)
						.refillGreedy(this.perMinute, Duration.ofMinutes(1))
						.build())
					.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return 0;
		}
		return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
	}

	/**
	 * The bucket of an address: IPv4 addresses one each, IPv6 addresses by their /64
	 * prefix, the smallest block a single client usually gets (it could otherwise take a
	 * fresh address for every attempt).
	 */
	static String keyOf(String address) {
		if (address == null || address.indexOf(':') < 0) {
			return address;
		}
		try {
			// A literal with a colon is never looked up in DNS.
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length != 16) {
				// An IPv4-mapped IPv6 address is the IPv4 client.
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
