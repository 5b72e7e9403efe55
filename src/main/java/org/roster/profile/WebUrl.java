package org.roster.profile;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Empty, or an absolute {@code http}/{@code https} URL with a host: no other scheme. */
@Documented
@Constraint(validatedBy = WebUrlValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface WebUrl {

	String message() default "{validation.webUrl}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
