package org.roster.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Replaces Boot's error controller (it backs off when one is defined). */
@Configuration(proxyBeanMethods = false)
class ErrorControllerConfig {

	@Bean
	ProblemErrorController problemErrorController(ErrorAttributes errorAttributes, WebProperties web,
			ObjectProvider<ErrorViewResolver> views, ProblemTexts texts) {
		return new ProblemErrorController(errorAttributes, web, views.orderedStream().toList(), texts);
	}

}
