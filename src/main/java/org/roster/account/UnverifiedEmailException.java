package org.roster.account;

import org.springframework.security.authentication.AccountStatusException;

/**
 * The right password of an account whose address is not confirmed yet, while verification
 * is required. It carries the proof that lets the sign-in page offer "send the link
 * again" for this account only ({@link ResendProof}).
 */
final class UnverifiedEmailException extends AccountStatusException {

	private static final long serialVersionUID = 1L;

	private final String proof;

	UnverifiedEmailException(String messageKey, String proof) {
		super(messageKey);
		this.proof = proof;
	}

	String proof() {
		return this.proof;
	}

}
