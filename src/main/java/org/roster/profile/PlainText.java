package org.roster.profile;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text without control characters (line breaks and tabs only where {@link #multiline()})
 * and without the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
 * that can make a name or bio display as something else than it is.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	boolean multiline() default false;

	String message() default "{validation.plainText}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
