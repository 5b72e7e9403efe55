package org.roster.profile;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class PhoneNumberValidator implements ConstraintValidator<PhoneNumber, String> {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null || value.isBlank()) {
			return true;
		}
		try {
			// "ZZ": no default region, so only numbers with a country code parse.
			return PHONES.isPossibleNumber(PHONES.parse(value.strip(), "ZZ"));
		}
		catch (NumberParseException ex) {
			return false;
		}
	}

}
