package org.roster.web;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The language of pages and messages: the {@code ROSTER_LANG} cookie set by the footer's
 * switcher ({@code ?lang=de}), else the first supported language of
 * {@code Accept-Language}, else English. Adding a language: a
 * {@code messages_xx.properties} and an entry in {@link #SUPPORTED}.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfig implements WebMvcConfigurer {

	static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

	static final String COOKIE = "ROSTER_LANG";

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new SupportedCookieLocaleResolver();
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite("Lax");
		resolver.setCookieHttpOnly(true);
		resolver.setDefaultLocaleFunction(LocaleConfig::fromAcceptLanguage);
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageSwitch());
	}

	static Locale supported(Locale wanted) {
		if (wanted == null) {
			return null;
		}
		return SUPPORTED.stream()
			.filter((locale) -> locale.getLanguage().equals(wanted.getLanguage()))
			.findFirst()
			.orElse(null);
	}

	private static Locale fromAcceptLanguage(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			for (Locale wanted : Collections.list(request.getLocales())) {
				Locale locale = supported(wanted);
				if (locale != null) {
					return locale;
				}
			}
		}
		return Locale.ENGLISH;
	}

	/**
	 * Only a supported language is kept: a tampered cookie falls back to Accept-Language.
	 */
	private static final class SupportedCookieLocaleResolver extends CookieLocaleResolver {

		SupportedCookieLocaleResolver() {
			super(COOKIE);
		}

		@Override
		public LocaleContext resolveLocaleContext(HttpServletRequest request) {
			LocaleContext resolved = super.resolveLocaleContext(request);
			Locale locale = supported(resolved.getLocale());
			return (locale != null) ? resolved : () -> fromAcceptLanguage(request);
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return resolveLocaleContext(request).getLocale();
		}

	}

	/**
	 * {@code ?lang=de} on any page (a GET) stores the language in the cookie; an
	 * unsupported or malformed value is ignored (Spring's {@code LocaleChangeInterceptor}
	 * would store any language).
	 */
	private static final class LanguageSwitch implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			// Links only: reading a parameter of a POST would parse its body, and a
			// multipart upload over the limit would fail here instead of as a 413.
			if (!"GET".equals(request.getMethod())) {
				return true;
			}
			String lang = request.getParameter("lang");
			Locale locale = (lang != null) ? supported(Locale.forLanguageTag(lang)) : null;
			if (locale != null) {
				LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
				if (resolver != null) {
					resolver.setLocale(request, response, locale);
				}
			}
			return true;
		}

	}

}
