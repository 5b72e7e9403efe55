package org.roster.account;

import java.util.Set;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.as;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Passkey routes without a browser: what they refuse and how (problem details, never a
 * 500), the confirmation they need, the rename and removal forms with their notice mail,
 * and passkeys going with their user. Real passkeys are made and used in
 * {@code PasskeyBrowserTest}.
 */
@DatabaseTest
class PasskeyApiTest {

	private static final String JUNK_ASSERTION = """
			{"id": "AAAAAAAAAAAAAAAAAAAAAA", "rawId": "AAAAAAAAAAAAAAAAAAAAAA", "type": "public-key",
			 "response": {"authenticatorData": "AAAA", "clientDataJSON": "AAAA", "signature": "AAAA"},
			 "clientExtensionResults": {}}""";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Autowired
	PublicKeyCredentialUserEntityRepository userEntities;

	@Autowired
	UserCredentialRepository credentials;

	@Autowired
	Passkeys passkeys;

	AccountTestSupport accounts;

	TestDatabase database;

	@BeforeEach
	void setUp() {
		this.accounts = new AccountTestSupport(this.users, this.encoder);
		this.database = new TestDatabase(this.dataSource);
		this.database.deleteAllUsers();
		this.database.jdbc().update("DELETE FROM mail_outbox");
	}

	@Test
	void signInOptionsAreForDiscoverablePasskeysWithUserVerification() throws Exception {
		this.mvc.perform(post("/webauthn/authenticate/options").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.challenge").isString())
			.andExpect(jsonPath("$.rpId").value("roster.example.test"))
			.andExpect(jsonPath("$.userVerification").value("required"))
			.andExpect(jsonPath("$.allowCredentials").isEmpty());
	}

	@Test
	void junkSignInsAreRefusedWithAProblem() throws Exception {
		for (String body : new String[] { "", "not json", "{}", "[1, 2]", JUNK_ASSERTION }) {
			this.mvc
				.perform(post("/login/webauthn").with(csrf())
					.contentType(MediaType.APPLICATION_JSON)
					.accept(MediaType.APPLICATION_JSON)
					.content(body))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.type").value("/problems/passkey-refused"))
				.andExpect(jsonPath("$.detail")
					.value("This passkey did not sign you in. It may have been removed, or belong to another site."));
		}
		// With options waiting (so a challenge exists): an unknown credential is refused
		// too.
		MvcResult options = this.mvc.perform(post("/webauthn/authenticate/options").with(csrf()))
			.andExpect(status().isOk())
			.andReturn();
		Cookie session = AccountTestSupport.sessionCookie(options);
		this.mvc
			.perform(post("/login/webauthn").with(csrf())
				.cookie(session)
				.contentType(MediaType.APPLICATION_JSON)
				.content(JUNK_ASSERTION))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("/problems/passkey-refused"));
		this.mvc
			.perform(post("/login/webauthn").cookie(session)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content(JUNK_ASSERTION))
			.andExpect(status().isForbidden());
	}

	@Test
	void springsOwnRegistrationRoutesAreClosed() throws Exception {
		User bob = this.accounts.user("bob");
		this.mvc
			.perform(post("/webauthn/register").with(as(bob))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.content("{\"publicKey\": {}}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("/problems/forbidden"));
		this.mvc
			.perform(delete("/webauthn/register/AAAAAAAAAAAAAAAAAAAAAA").with(as(bob))
				.with(csrf())
				.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isForbidden());
	}

	@Test
	void creationOptionsNeedTheCurrentPasswordOrARecentSignIn() throws Exception {
		User bob = this.accounts.user("bob");
		this.mvc.perform(post(PasskeyController.OPTIONS_PATH).with(csrf()).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(post(PasskeyController.OPTIONS_PATH).with(as(bob)).with(csrf()))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("/problems/confirmation-required"))
			.andExpect(jsonPath("$.detail").value("Confirm with your current password first (or sign in again)."));
		this.mvc
			.perform(post(PasskeyController.OPTIONS_PATH).with(as(bob))
				.with(csrf())
				.with(freshClient())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"currentPassword\": \"guess-guess-guess\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/validation"))
			.andExpect(jsonPath("$.errors.currentPassword").value("The password is not right."));
		this.mvc
			.perform(post(PasskeyController.OPTIONS_PATH).with(as(bob))
				.with(csrf())
				.with(freshClient())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"currentPassword\": \"" + AccountTestSupport.PASSWORD + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rp.id").value("roster.example.test"))
			.andExpect(jsonPath("$.user.name").value("bob"))
			.andExpect(jsonPath("$.authenticatorSelection.residentKey").value("required"))
			.andExpect(jsonPath("$.authenticatorSelection.userVerification").value("required"))
			.andExpect(jsonPath("$.challenge").isString());
		// A fresh sign-in is confirmation enough.
		Cookie session = AccountTestSupport.signIn(this.mvc, "bob", AccountTestSupport.PASSWORD);
		this.mvc.perform(post(PasskeyController.OPTIONS_PATH).cookie(session).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.user.name").value("bob"));
	}

	@Test
	void junkRegistrationsAreRefusedWithAProblem() throws Exception {
		this.accounts.user("bob");
		Cookie session = AccountTestSupport.signIn(this.mvc, "bob", AccountTestSupport.PASSWORD);
		// No options asked for yet.
		register(session, "{\"label\": \"Laptop\", \"credential\": " + credential("AAAA") + "}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/invalid-passkey"))
			.andExpect(jsonPath("$.detail")
				.value("Start again with \"Add a passkey\": this answer belongs to no pending request."));
		for (String body : new String[] { "", "not json", "[]", "{\"label\": \"Laptop\"}",
				"{\"label\": \"Laptop\", \"credential\": 42}",
				"{\"label\": \"Laptop\", \"credential\": {\"id\": \"x\"}}",
				"{\"label\": \"Laptop\", \"credential\": {\"id\": \"AAAA\", \"rawId\": \"AAAA\", \"type\": \"public-key\","
						+ " \"response\": {}, \"clientExtensionResults\": {}}}" }) {
			this.mvc.perform(post(PasskeyController.OPTIONS_PATH).cookie(session).with(csrf()))
				.andExpect(status().isOk());
			register(session, body).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.type").value("/problems/invalid-passkey"))
				.andExpect(jsonPath("$.detail").value("This passkey could not be added. Try again."));
		}
		// Well formed, but no authenticator made it: the challenge and signature do not
		// hold.
		this.mvc.perform(post(PasskeyController.OPTIONS_PATH).cookie(session).with(csrf())).andExpect(status().isOk());
		register(session, "{\"label\": \"Laptop\", \"credential\": " + credential("o2NmbXRkbm9uZQ") + "}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/invalid-passkey"));
		// The label is checked first.
		for (String label : new String[] { "\"\"", "\"   \"", "null", "\"" + "x".repeat(65) + "\"" }) {
			register(session, "{\"label\": " + label + ", \"credential\": " + credential("AAAA") + "}")
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.type").value("/problems/validation"))
				.andExpect(jsonPath("$.errors.label").isString());
		}
		assertThat(this.database.count("user_credentials")).isZero();
		assertThat(this.database.count("mail_outbox")).isZero();
	}

	@Test
	void registeringNeedsARecentConfirmation() throws Exception {
		User bob = this.accounts.user("bob");
		this.mvc
			.perform(post(PasskeyController.PATH).with(as(bob))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"label\": \"Laptop\", \"credential\": " + credential("AAAA") + "}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("/problems/confirmation-required"));
	}

	@Test
	void renamingAndRemovingNeedTheCurrentPasswordAndSendANotice() throws Exception {
		User bob = this.accounts.user("bob");
		User eve = this.accounts.user("eve");
		String bobs = seedPasskey(bob, "Phone");
		String eves = seedPasskey(eve, "Eve's key");
		// No password, not recent: refused on the passkey's row.
		this.mvc
			.perform(post("/profile/passkeys/{id}/label", bobs).with(as(bob)).with(csrf()).param("label", "Old phone"))
			.andExpect(redirectedUrl("/profile#passkeys"))
			.andExpect(flash().attribute(PasskeyPageController.ERROR, new PasskeyPageController.PasskeyError(bobs,
					java.util.Map.of("currentPassword", "Enter your current password to change your passkeys."))));
		// Another user's passkey is as unknown as a made-up one.
		for (String id : new String[] { eves, "AAAAAAAAAAAAAAAAAAAAAA", "-_-_-_-_-_-_-_-_-_-_", "x" }) {
			this.mvc
				.perform(post("/profile/passkeys/{id}/delete", id).with(as(bob))
					.with(csrf())
					.with(freshClient())
					.param("currentPassword", AccountTestSupport.PASSWORD))
				.andExpect(redirectedUrl("/profile#passkeys"))
				.andExpect(flash().attribute(PasskeyPageController.ERROR, new PasskeyPageController.PasskeyError(id,
						java.util.Map.of("passkey", "You have no passkey with this id."))));
		}
		assertThat(this.passkeys.hasAny(eve.getId())).isTrue();
		this.mvc
			.perform(post("/profile/passkeys/{id}/label", bobs).with(as(bob))
				.with(csrf())
				.with(freshClient())
				.param("label", " Old phone ")
				.param("currentPassword", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/profile#passkeys"))
			.andExpect(flash().attribute("flash", "Passkey renamed to Old phone."));
		assertThat(this.credentials.findByCredentialId(Bytes.fromBase64(bobs)).getLabel()).isEqualTo("Old phone");
		assertThat(mailTemplates(bob)).containsExactly("passkey-renamed");
		this.mvc
			.perform(post("/profile/passkeys/{id}/delete", bobs).with(as(bob))
				.with(csrf())
				.with(freshClient())
				.param("currentPassword", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/profile#passkeys"))
			.andExpect(flash().attribute("flash", "Passkey removed. It no longer signs you in."));
		assertThat(this.passkeys.hasAny(bob.getId())).isFalse();
		assertThat(mailTemplates(bob)).containsExactly("passkey-renamed", "passkey-removed");
	}

	@Test
	void aRecentSignInNeedsNoPasswordForAChange() throws Exception {
		User bob = this.accounts.user("bob");
		String id = seedPasskey(bob, "Phone");
		Cookie session = AccountTestSupport.signIn(this.mvc, "bob", AccountTestSupport.PASSWORD);
		String profile = this.mvc.perform(get("/profile").cookie(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(profile).contains("Phone", "not used to sign in yet").doesNotContain("passkey-password-0");
		this.mvc.perform(post("/profile/passkeys/{id}/label", id).cookie(session).with(csrf()).param("label", ""))
			.andExpect(flash().attribute(PasskeyPageController.ERROR,
					new PasskeyPageController.PasskeyError(id, java.util.Map.of("label", "Give the passkey a name."))));
		this.mvc.perform(post("/profile/passkeys/{id}/label", id).cookie(session).with(csrf()).param("label", "Tablet"))
			.andExpect(flash().attribute("flash", "Passkey renamed to Tablet."));
		assertThat(this.passkeys.of(bob)).extracting(Passkeys.Passkey::label).containsExactly("Tablet");
	}

	@Test
	void passkeysGoWithTheirUser() {
		User bob = this.accounts.user("bob");
		User eve = this.accounts.user("eve");
		seedPasskey(bob, "Phone");
		seedPasskey(bob, "Laptop");
		seedPasskey(eve, "Key");
		assertThat(this.passkeys.hasAny(bob.getId())).isTrue();
		this.users.delete(bob.getId());
		assertThat(this.database.count("user_entities", "name = ?", "bob")).isZero();
		assertThat(this.database.count("user_credentials")).isOne();
		// A new account of the same name starts without passkeys.
		User newBob = this.accounts.user("bob");
		assertThat(this.passkeys.hasAny(newBob.getId())).isFalse();
		this.passkeys.removeAll(eve.getId());
		assertThat(this.database.count("user_credentials")).isZero();
		assertThat(this.passkeys.hasAny(eve.getId())).isFalse();
	}

	private org.springframework.test.web.servlet.ResultActions register(Cookie session, String body) throws Exception {
		return this.mvc.perform(post(PasskeyController.PATH).cookie(session)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private static String credential(String attestationObject) {
		return """
				{"id": "AAAAAAAAAAAAAAAAAAAAAA", "rawId": "AAAAAAAAAAAAAAAAAAAAAA", "type": "public-key",
				 "response": {"attestationObject": "%s", "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0",
				              "transports": ["internal"]},
				 "clientExtensionResults": {}, "authenticatorAttachment": "platform"}""".formatted(attestationObject);
	}

	/**
	 * A stored passkey of the user (no real key: renaming and removing never check it).
	 */
	private String seedPasskey(User user, String label) {
		var entity = this.userEntities.findByUsername(user.getUsername());
		if (entity == null) {
			entity = ImmutablePublicKeyCredentialUserEntity.builder()
				.id(Bytes.random())
				.name(user.getUsername())
				.displayName(user.getUsername())
				.build();
			this.userEntities.save(entity);
		}
		Bytes id = Bytes.random();
		this.credentials.save(ImmutableCredentialRecord.builder()
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.credentialId(id)
			.userEntityUserId(entity.getId())
			.publicKey(new ImmutablePublicKeyCose(new byte[] { 1, 2, 3 }))
			.signatureCount(0)
			.uvInitialized(true)
			.transports(Set.of())
			.backupEligible(false)
			.backupState(false)
			.label(label)
			.build());
		return id.toBase64UrlString();
	}

	private java.util.List<String> mailTemplates(User user) {
		return this.database.jdbc()
			.queryForList("SELECT template FROM mail_outbox WHERE user_id = ? ORDER BY id", String.class, user.getId());
	}

}
