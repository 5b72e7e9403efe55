package org.roster.account;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A passkey's label: what its owner calls it in the list (1 to 64 characters). */
final class PasskeyLabels {

	private PasskeyLabels() {
	}

	/** The label stripped; throws {@link InvalidLabelException} if empty or too long. */
	static String check(@Nullable String label) {
		String stripped = (label != null) ? label.strip() : "";
		if (stripped.isEmpty()) {
			throw new InvalidLabelException("passkey.label.required");
		}
		if (stripped.length() > Passkeys.MAX_LABEL || stripped.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidLabelException("passkey.label.invalid");
		}
		return stripped;
	}

	/** A label the owner must change (400, {@code errors.label}). */
	static final class InvalidLabelException extends RuntimeException {

		private final String key;

		InvalidLabelException(String key) {
			super(key);
			this.key = key;
		}

		String key() {
			return this.key;
		}

		Map<String, String> errorKeys() {
			return Map.of("label", this.key);
		}

	}

}
