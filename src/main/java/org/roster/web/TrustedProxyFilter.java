package org.roster.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Believes {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} and {@code -Port} only
 * from the proxies of {@code roster.proxy.trusted}, the way Keycloak's
 * {@code --proxy-headers} and django-axes do: from any other peer they are ignored, so a
 * client cannot pick a fresh throttle bucket per request by making up an address. The
 * client is the right-most address of {@code X-Forwarded-For} that is not a trusted proxy
 * (proxies append what they saw, so what stands left of that may be made up).
 */
final class TrustedProxyFilter extends OncePerRequestFilter {

	private final List<IpAddressMatcher> proxies;

	TrustedProxyFilter(List<String> trusted) {
		this.proxies = trusted.stream()
			.map(String::strip)
			.filter(StringUtils::hasText)
			.map(IpAddressMatcher::new)
			.toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(isTrusted(request.getRemoteAddr()) ? new ForwardedRequest(request, this) : request, response);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return this.proxies.isEmpty();
	}

	boolean isTrusted(String address) {
		try {
			return address != null && this.proxies.stream().anyMatch((proxy) -> proxy.matches(address));
		}
		catch (IllegalArgumentException ex) {
			// Not an IP address (a made-up X-Forwarded-For entry): not a proxy of ours.
			return false;
		}
	}

	/** The request as the trusted proxy received it. */
	private static final class ForwardedRequest extends HttpServletRequestWrapper {

		private final String remoteAddr;

		private final String scheme;

		private final String host;

		private final int port;

		ForwardedRequest(HttpServletRequest request, TrustedProxyFilter filter) {
			super(request);
			this.remoteAddr = client(request, filter);
			String proto = scheme(last(request.getHeader("X-Forwarded-Proto")));
			this.scheme = (proto != null) ? proto : request.getScheme();
			String forwardedHost = last(request.getHeader("X-Forwarded-Host"));
			this.host = (forwardedHost != null) ? withoutPort(forwardedHost) : request.getServerName();
			this.port = port(request, last(request.getHeader("X-Forwarded-Port")), proto != null);
		}

		private int port(HttpServletRequest request, String forwardedPort, boolean forwardedScheme) {
			if (forwardedPort != null) {
				try {
					return Integer.parseInt(forwardedPort);
				}
				catch (NumberFormatException ex) {
					// A proxy sending garbage gets the scheme's default port.
				}
			}
			if (forwardedScheme) {
				return "https".equals(this.scheme) ? 443 : 80;
			}
			return request.getServerPort();
		}

		private static String client(HttpServletRequest request, TrustedProxyFilter filter) {
			String forwardedFor = request.getHeader("X-Forwarded-For");
			if (!StringUtils.hasText(forwardedFor)) {
				return request.getRemoteAddr();
			}
			String[] hops = StringUtils.tokenizeToStringArray(forwardedFor, ",");
			for (int i = hops.length - 1; i >= 0; i--) {
				if (!filter.isTrusted(hops[i]) || i == 0) {
					return hops[i];
				}
			}
			return request.getRemoteAddr();
		}

		private static String scheme(String proto) {
			String scheme = (proto != null) ? proto.toLowerCase(Locale.ROOT) : null;
			return ("https".equals(scheme) || "http".equals(scheme)) ? scheme : null;
		}

		/** The value the nearest proxy set, for headers that proxies may append to. */
		private static String last(String header) {
			if (!StringUtils.hasText(header)) {
				return null;
			}
			String[] values = StringUtils.tokenizeToStringArray(header, ",");
			return (values.length > 0) ? values[values.length - 1] : null;
		}

		private static String withoutPort(String host) {
			if (host.startsWith("[")) {
				int end = host.indexOf(']');
				return (end > 0) ? host.substring(0, end + 1) : host;
			}
			int colon = host.indexOf(':');
			return (colon > 0 && colon == host.lastIndexOf(':')) ? host.substring(0, colon) : host;
		}

		@Override
		public String getRemoteAddr() {
			return this.remoteAddr;
		}

		@Override
		public String getRemoteHost() {
			return this.remoteAddr;
		}

		@Override
		public String getScheme() {
			return this.scheme;
		}

		@Override
		public boolean isSecure() {
			return "https".equals(this.scheme);
		}

		@Override
		public String getServerName() {
			return this.host;
		}

		@Override
		public int getServerPort() {
			return this.port;
		}

		@Override
		public StringBuffer getRequestURL() {
			StringBuffer url = new StringBuffer(this.scheme).append("://").append(this.host);
			boolean defaultPort = ("https".equals(this.scheme) && this.port == 443)
					|| ("http".equals(this.scheme) && this.port == 80);
			if (!defaultPort) {
				url.append(':').append(this.port);
			}
			return url.append(getRequestURI());
		}

	}

}
