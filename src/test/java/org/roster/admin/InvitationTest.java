package org.roster.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.mail.LinkPurpose;
import org.roster.mail.MailTokens;
import org.roster.testsupport.MailFlowTestSupport;
import org.roster.testsupport.TestMail;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserStatus;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.roster.account.AccountTestSupport.as;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Add user" and the edit modal's mailed links, against a real SMTP server: the invited
 * account has no password anyone knows until its owner chooses one through the link; an
 * admin resends the invitation (the old link stops working) or sends a reset link, and
 * never sees or sets a password.
 */
class InvitationTest extends MailFlowTestSupport {

	static final String CHOSEN = "velvet-harbour-quantum-71";

	User admin;

	@BeforeEach
	void setUp() {
		this.admin = this.accounts.admin("boss");
	}

	@Test
	void anInvitedUserChoosesTheirPasswordThroughTheMailAndSignsIn() throws Exception {
		String answer = invite("""
				{"username": "Carol", "email": " Carol@Example.com ", "role": "USER",
				 "profile": {"fullName": "Carol Shaw"}}""").andExpect(status().isCreated())
			.andExpect(jsonPath("$.username").value("Carol"))
			.andExpect(jsonPath("$.email").value("carol@example.com"))
			.andExpect(jsonPath("$.role").value("USER"))
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.invited").value(true))
			.andExpect(jsonPath("$.profile.fullName").value("Carol Shaw"))
			.andExpect(jsonPath("$.profile.email").value("carol@example.com"))
			.andExpect(jsonPath("$.password").doesNotExist())
			.andExpect(jsonPath("$.passwordHash").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString();
		User carol = this.users.findByLogin("carol").orElseThrow();
		assertThat(answer).contains("\"id\":" + carol.getId());
		assertThat(carol.isInvited()).isTrue();
		assertThat(carol.isEmailVerified()).isFalse();
		assertThat(carol.getPasswordHash()).startsWith("{argon2}");
		// Nobody can sign in before the invitation is accepted.
		this.mvc
			.perform(post("/login").with(csrf()).with(freshClient()).param("username", "carol").param("password", ""))
			.andExpect(status().isOk());
		assertThat(carol.getLanguage().getLanguage()).as("the admin's language").isEqualTo("en");

		MimeMessage mail = onlyMail();
		assertThat(mail.getSubject()).isEqualTo("You are invited to Roster");
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("carol@example.com");
		TestMail.Parts parts = TestMail.parts(mail);
		assertThat(parts.text()).contains("Hello Carol,")
			.contains("boss invited you to Roster.")
			.contains("Your username is Carol.")
			.contains("The link works once, for 7 days.");
		assertThat(parts.html()).contains("boss invited you to Roster.").contains("Choose your password");
		String link = TestMail.link(mail, "/reset-password");
		assertThat(link).startsWith("https://roster.example.test/reset-password?token=");
		assertThat(TestMail.links(parts.html())).contains(link);
		String token = TestMail.token(link);
		MailTokens.Lookup lookup = this.tokens.find(token, LinkPurpose.INVITE);
		assertThat(lookup.state()).isEqualTo(MailTokens.State.VALID);
		assertThat(Duration.between(Instant.now(), lookup.token().expiresAt()).toHours()).isCloseTo(7 * 24, within(1L));

		String form = this.mvc.perform(get("/reset-password").param("token", token))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(form).contains("Choose your password")
			.contains("Welcome to Roster, Carol. Choose a password to finish setting up your account.")
			.contains("Save my password")
			.contains("id=\"password-strength\"")
			.doesNotContain("Choose a new password");
		choosePassword(token).andExpect(redirectedUrl("/login?passwordSet"));
		User accepted = this.users.get(carol.getId());
		assertThat(accepted.isInvited()).isFalse();
		assertThat(accepted.isEmailVerified()).isTrue();
		AccountTestSupport.signIn(this.mvc, "carol", CHOSEN);
		this.mvc.perform(get("/edit_user").param("id", String.valueOf(carol.getId())).with(as(this.admin)))
			.andExpect(jsonPath("$.invited").value(false));
		this.mvc.perform(get("/reset-password").param("token", token)).andExpect(status().isGone());
	}

	@Test
	void theInvitationIsWrittenInTheAdminsLanguage() throws Exception {
		this.mvc
			.perform(post("/users").with(csrf())
				.with(as(this.admin))
				.header("Accept-Language", "de")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\": \"dora\", \"email\": \"dora@example.com\", \"role\": \"ADMIN\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/edit_user?id=")))
			.andExpect(jsonPath("$.role").value("ADMIN"));
		User dora = this.users.findByLogin("dora").orElseThrow();
		assertThat(dora.getLanguage().getLanguage()).isEqualTo("de");
		assertThat(dora.getRole()).isEqualTo(Role.ADMIN);
		MimeMessage mail = onlyMail();
		assertThat(mail.getSubject()).isEqualTo("Ihre Einladung zu Roster");
		assertThat(TestMail.parts(mail).text()).contains("Hallo dora,")
			.contains("boss hat Sie zu Roster eingeladen.")
			.contains("7 Tage");
	}

	@Test
	void badInputGetsProblemDetailsAndCreatesNothing() throws Exception {
		invite("{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/validation"))
			.andExpect(jsonPath("$.errors.username").value("required"))
			.andExpect(jsonPath("$.errors.email").value("required"))
			.andExpect(jsonPath("$.errors.role").value("required"));
		invite("{\"username\": \"x\", \"email\": \"not-an-address\", \"role\": \"USER\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/validation"))
			.andExpect(jsonPath("$.errors.username").value(org.hamcrest.Matchers.startsWith("3 to 32 characters")))
			.andExpect(jsonPath("$.errors.email").value("Enter a valid email address."));
		invite("{\"username\": \"BOSS\", \"email\": \"new@example.com\", \"role\": \"USER\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("/problems/username-taken"))
			.andExpect(jsonPath("$.errors.username").value("already taken"));
		invite("{\"username\": \"newcomer\", \"email\": \"BOSS@example.com\", \"role\": \"USER\"}")
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("/problems/email-taken"))
			.andExpect(jsonPath("$.errors.email").value("already taken"));
		invite("{\"username\": \"newcomer\", \"email\": \"new@example.com\", \"role\": \"BOSS\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/bad-request"));
		invite("{\"username\": \"newcomer\", \"email\": \"new@example.com\", \"role\": \"USER\","
				+ " \"profile\": {\"website\": \"ftp://x.example\"}}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors['profile.website']").exists());
		// Only these fields bind: no password, status or invitation flag can be posted
		// in.
		invite("{\"username\": \"sneaky\", \"email\": \"sneaky@example.com\", \"role\": \"USER\"," + " \"password\": \""
				+ CHOSEN + "\", \"invited\": false, \"status\": \"SUSPENDED\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.invited").value(true))
			.andExpect(jsonPath("$.status").value("ACTIVE"));
		assertThat(this.encoder.matches(CHOSEN, this.users.findByLogin("sneaky").orElseThrow().getPasswordHash()))
			.isFalse();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM users").query(Integer.class).single()).isEqualTo(2);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Integer.class).single())
			.as("only the accepted invitation is queued")
			.isOne();
	}

	@Test
	void onlyAdminsInviteResendAndSendResetLinks() throws Exception {
		User plain = this.accounts.user("plain");
		String body = "{\"username\": \"eve\", \"email\": \"eve@example.com\", \"role\": \"ADMIN\"}";
		// Builders keep what they were given: a fresh one for each request.
		List<Supplier<MockHttpServletRequestBuilder>> requests = List.of(
				() -> post("/users").contentType(MediaType.APPLICATION_JSON).content(body),
				() -> post("/users/{id}/invitation", plain.getId()),
				() -> post("/users/{id}/password-reset", plain.getId()));
		for (Supplier<MockHttpServletRequestBuilder> request : requests) {
			this.mvc.perform(request.get().with(csrf()).with(as(plain)).accept(MediaType.APPLICATION_JSON))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.type").value("/problems/forbidden"));
			this.mvc.perform(request.get().with(csrf()).accept(MediaType.APPLICATION_JSON))
				.andExpect(status().isUnauthorized());
		}
		this.mvc.perform(post("/users").with(as(this.admin)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isForbidden());
		assertThat(this.users.findByLogin("eve")).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Integer.class).single()).isZero();
	}

	@Test
	void resendingAnInvitationVoidsTheOldLink() throws Exception {
		User frank = invited("frank");
		String first = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		smtp.purgeEmailFromAllMailboxes();

		this.mvc.perform(post("/users/{id}/invitation", frank.getId()).with(csrf()).with(as(this.admin)))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.id").value(frank.getId()))
			.andExpect(jsonPath("$.email").value("frank@example.com"));
		String second = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		assertThat(second).isNotEqualTo(first);
		this.mvc.perform(get("/reset-password").param("token", first)).andExpect(status().isGone());
		this.mvc.perform(get("/reset-password").param("token", second)).andExpect(status().isOk());

		choosePassword(second).andExpect(redirectedUrl("/login?passwordSet"));
		this.mvc.perform(post("/users/{id}/invitation", frank.getId()).with(csrf()).with(as(this.admin)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("/problems/not-invited"))
			.andExpect(jsonPath("$.title").value("Not invited"));
		this.mvc.perform(post("/users/{id}/invitation", 999_999).with(csrf()).with(as(this.admin)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("/problems/not-found"));
	}

	@Test
	void anAdminSendsAResetLinkAndNeverSeesThePassword() throws Exception {
		User grace = this.accounts.user("grace");
		String answer = this.mvc
			.perform(post("/users/{id}/password-reset", grace.getId()).with(csrf()).with(as(this.admin)))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.email").value("grace@example.com"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		MimeMessage mail = onlyMail();
		assertThat(mail.getSubject()).isEqualTo("Reset your Roster password");
		String token = TestMail.token(TestMail.link(mail, "/reset-password"));
		assertThat(answer).doesNotContain(token);
		assertThat(this.tokens.find(token, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.VALID);
		this.mvc.perform(post("/users/{id}/password-reset", 999_999).with(csrf()).with(as(this.admin)))
			.andExpect(status().isNotFound());
	}

	@Test
	void anInvitedUserWhoAsksForAResetLinkAcceptsTheInvitationWithIt() throws Exception {
		invited("heidi");
		this.outbox.deliverDue();
		smtp.purgeEmailFromAllMailboxes();
		this.mvc.perform(post("/forgot-password").with(csrf()).with(freshClient()).param("login", "heidi"))
			.andExpect(status().isOk());
		String token = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		choosePassword(token).andExpect(redirectedUrl("/login?passwordSet"));
		assertThat(this.users.findByLogin("heidi").orElseThrow().isInvited()).isFalse();
	}

	@Test
	void anInvitationOfAnAccountSuspendedSinceSetsNothingAndStaysUnused() throws Exception {
		User judy = invited("judy");
		String token = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		this.users.changeStatus(judy.getId(), UserStatus.SUSPENDED);

		String form = body(
				this.mvc.perform(get("/reset-password").param("token", token)).andExpect(status().isForbidden()));
		assertThat(form).contains("This account is suspended").doesNotContain("Choose your password");
		choosePassword(token).andExpect(status().isForbidden());
		User after = this.users.get(judy.getId());
		assertThat(after.isInvited()).isTrue();
		assertThat(after.getPasswordHash()).isEqualTo(judy.getPasswordHash());
		assertThat(this.tokens.find(token, LinkPurpose.INVITE).state()).isEqualTo(MailTokens.State.VALID);
	}

	@Test
	void theAdminListMarksInvitedUsers() throws Exception {
		invited("ivan");
		this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON).with(as(this.admin)))
			.andExpect(jsonPath("$.items[?(@.username == 'ivan')].invited").value(true))
			.andExpect(jsonPath("$.items[?(@.username == 'boss')].invited").value(false));
		String page = this.mvc.perform(get("/user_list").accept(MediaType.TEXT_HTML).with(as(this.admin)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("invited-badge").contains("id=\"add-user-modal\"");
	}

	/** An account invited as USER at username@example.com. */
	private User invited(String username) throws Exception {
		invite("{\"username\": \"" + username + "\", \"email\": \"" + username + "@example.com\", \"role\": \"USER\"}")
			.andExpect(status().isCreated());
		return this.users.findByLogin(username).orElseThrow();
	}

	/** The link's form sent with {@link #CHOSEN} twice. */
	private ResultActions choosePassword(String token) throws Exception {
		return this.mvc.perform(post("/reset-password").with(csrf())
			.with(freshClient())
			.param("token", token)
			.param("password", CHOSEN)
			.param("passwordConfirm", CHOSEN));
	}

	private ResultActions invite(String json) throws Exception {
		return this.mvc.perform(
				post("/users").with(csrf()).with(as(this.admin)).contentType(MediaType.APPLICATION_JSON).content(json));
	}

}
