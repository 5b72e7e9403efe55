package org.roster.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class TrustedProxyConfig {

	/** First of all filters: sessions, the throttle and security see the real client. */
	@Bean
	FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(ProxyProperties properties) {
		FilterRegistrationBean<TrustedProxyFilter> registration = new FilterRegistrationBean<>(
				new TrustedProxyFilter(properties.trusted()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
