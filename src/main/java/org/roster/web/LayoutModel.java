package org.roster.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** Values every page's layout needs (Thymeleaf 3.1 no longer exposes the request). */
@ControllerAdvice
class LayoutModel {

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI();
	}

	/**
	 * The footer's language links: this page again with every query parameter it has (a
	 * mailed link's token, the user list's filters) and the language. After a form post
	 * there is none to keep: the link opens the form's page.
	 */
	@ModelAttribute("languageLinks")
	Map<String, String> languageLinks(HttpServletRequest request) {
		String query = request.getQueryString();
		Map<String, String> links = new LinkedHashMap<>();
		for (Locale language : LocaleConfig.SUPPORTED) {
			UriComponentsBuilder link = UriComponentsBuilder.newInstance();
			if (query != null && HttpMethod.GET.matches(request.getMethod())) {
				link.query(query);
			}
			links.put(language.getLanguage(),
					link.replaceQueryParam("lang", language.getLanguage()).build().toUriString());
		}
		return links;
	}

}
