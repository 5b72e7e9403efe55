package org.roster.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Puts every problem into the request's language just before it is written: the
 * {@code title} from {@code problem.<name>.title}, the catalogue's default {@code detail}
 * from {@code problem.<name>.detail}, and a {@code detail} or {@code errors} message that
 * is a bundle key (as {@code problem.not-found.user}) from that key. The {@code type}
 * never changes, so scripts switch on it in any language.
 */
@ControllerAdvice
class ProblemTexts implements ResponseBodyAdvice<Object> {

	private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9-]*(\\.[A-Za-z0-9-]+)+");

	private final MessageSource messages;

	ProblemTexts(MessageSource messages) {
		this.messages = messages;
	}

	void localize(ProblemDetail problem, Locale locale) {
		ProblemType type = ProblemType.of(problem.getType());
		if (type == null) {
			return;
		}
		String prefix = "problem." + type.type().getPath().substring("/problems/".length());
		problem.setTitle(this.messages.getMessage(prefix + ".title", null, type.title(), locale));
		String detail = problem.getDetail();
		if (type.defaultDetail().equals(detail)) {
			problem.setDetail(this.messages.getMessage(prefix + ".detail", null, detail, locale));
		}
		else {
			problem.setDetail(text(detail, locale));
		}
		if (problem.getProperties() != null && problem.getProperties().get("errors") instanceof Map<?, ?> errors) {
			Map<Object, Object> localized = new LinkedHashMap<>();
			errors.forEach((field, message) -> localized.put(field,
					(message instanceof String text) ? text(text, locale) : message));
			problem.setProperty("errors", localized);
		}
	}

	private String text(String keyOrText, Locale locale) {
		if (keyOrText == null || !KEY.matcher(keyOrText).matches()) {
			return keyOrText;
		}
		return this.messages.getMessage(keyOrText, null, keyOrText, locale);
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem) {
			localize(problem, LocaleContextHolder.getLocale());
		}
		return body;
	}

}
