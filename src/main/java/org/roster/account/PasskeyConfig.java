package org.roster.account;

import java.util.Set;

import org.roster.web.PublicUrl;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * Spring Security's passkey parts on Roster's database (tables {@code user_entities} and
 * {@code user_credentials}, migration V14), bound to {@code roster.public-url}: its host
 * is the relying-party id, its origin the only one accepted. Passkeys are made and used
 * with user verification (a PIN or biometric on the device): a passkey sign-in counts as
 * two factors.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfig {

	@Bean
	JdbcPublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcTemplate jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	JdbcUserCredentialRepository passkeyCredentials(JdbcTemplate jdbc) {
		return new JdbcUserCredentialRepository(jdbc);
	}

	@Bean
	Webauthn4JRelyingPartyOperations passkeyRelyingParty(JdbcPublicKeyCredentialUserEntityRepository userEntities,
			JdbcUserCredentialRepository credentials, PublicUrl publicUrl) {
		Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(userEntities, credentials,
				PublicKeyCredentialRpEntity.builder().id(publicUrl.host()).name("Roster").build(),
				Set.of(publicUrl.origin()));
		operations.setCustomizeCreationOptions(
				(options) -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
					.residentKey(ResidentKeyRequirement.REQUIRED)
					.userVerification(UserVerificationRequirement.REQUIRED)
					.build()));
		operations
			.setCustomizeRequestOptions((options) -> options.userVerification(UserVerificationRequirement.REQUIRED));
		return operations;
	}

}
