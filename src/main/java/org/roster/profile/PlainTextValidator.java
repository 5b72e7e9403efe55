package org.roster.profile;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class PlainTextValidator implements ConstraintValidator<PlainText, String> {

	private boolean multiline;

	@Override
	public void initialize(PlainText annotation) {
		this.multiline = annotation.multiline();
	}

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || value.codePoints().allMatch(this::allowed);
	}

	private boolean allowed(int c) {
		if (c == '\n' || c == '\r' || c == '\t') {
			return this.multiline;
		}
		boolean bidiControl = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
		return !bidiControl && Character.getType(c) != Character.CONTROL;
	}

}
