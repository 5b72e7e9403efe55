package org.roster.account;

import java.time.Instant;

import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.mail.LinkPurpose;
import org.roster.mail.MailTokens;
import org.roster.testsupport.MailFlowTestSupport;
import org.roster.testsupport.TestMail;
import org.roster.user.User;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.as;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Forgot your password?" end to end against a real SMTP server: the request, the mail,
 * the form (opening it uses nothing up), the new password (sessions end, the lock goes, a
 * notice follows), and every way a link can be wrong, none of which changes anything.
 */
class PasswordResetTest extends MailFlowTestSupport {

	static final String NEW_PASSWORD = "violet-harbour-engine-93";

	@Autowired
	PasswordResets resets;

	User alice;

	@BeforeEach
	void setUp() {
		this.alice = this.accounts.user("alice");
	}

	@Test
	void forgotMailFormNewPasswordSessionsEndLockGoesNoticeFollows() throws Exception {
		Cookie laptop = AccountTestSupport.signIn(this.mvc, "alice", AccountTestSupport.PASSWORD);
		Cookie phone = AccountTestSupport.signIn(this.mvc, "alice", AccountTestSupport.PASSWORD);
		for (int i = 0; i < 5; i++) {
			this.users.recordFailedLogin(this.alice.getId());
		}
		this.users.lockUntil(this.alice.getId(), Instant.now().plusSeconds(600));

		String sent = forgot("alice", freshClient()).andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(sent).contains("Check your mail").contains("If an account has this username or email address");
		MimeMessage mail = onlyMail();
		assertThat(mail.getSubject()).isEqualTo("Reset your Roster password");
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
		String link = TestMail.link(mail, "/reset-password");
		assertThat(link).startsWith("https://roster.example.test/reset-password?token=");
		String token = TestMail.token(link);

		// Opening the link (twice: a scanner, then the person) uses nothing up.
		for (int i = 0; i < 2; i++) {
			String form = this.mvc.perform(get("/reset-password").param("token", token))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(form).contains("Choose a new password")
				.contains("name=\"token\" value=\"" + token + "\"")
				.contains("id=\"password-strength\"")
				.contains("data-password-min-score=\"3\"")
				.contains("/js/reset-password.js")
				.doesNotContain("Welcome to Roster");
		}
		assertThat(this.tokens.find(token, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.VALID);

		// The server's policy, with the registration's messages; the token stays usable.
		String weak = choose(token, "password1", "password1").andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(weak).contains("This password is too easy to guess")
			.contains("name=\"token\" value=\"" + token + "\"");
		String differs = choose(token, NEW_PASSWORD, NEW_PASSWORD + "x").andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(differs).contains("The two passwords differ.");
		assertThat(
				choose(token, "alice-alice-alice", "alice-alice-alice").andReturn().getResponse().getContentAsString())
			.contains("must not contain your username");
		assertThat(this.users.get(this.alice.getId()).getPasswordHash()).isEqualTo(this.alice.getPasswordHash());
		assertThat(this.tokens.find(token, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.VALID);

		choose(token, NEW_PASSWORD, NEW_PASSWORD).andExpect(redirectedUrl("/login?passwordSet"));

		User after = this.users.get(this.alice.getId());
		assertThat(after.getFailedLogins()).isZero();
		assertThat(after.getLockedUntil()).isNull();
		assertThat(after.isEmailVerified()).as("the mail reached its owner").isTrue();
		assertThat(this.encoder.matches(NEW_PASSWORD, after.getPasswordHash())).isTrue();
		for (Cookie session : new Cookie[] { laptop, phone }) {
			this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andExpect(redirectedUrl("/login"));
		}
		this.mvc.perform(get("/login").param("passwordSet", ""))
			.andExpect(status().isOk())
			.andExpect((result) -> assertThat(result.getResponse().getContentAsString())
				.contains("Your password is set. Sign in with it."));
		AccountTestSupport.signIn(this.mvc, "alice", NEW_PASSWORD);

		assertThat(this.tokens.find(token, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.SPENT);
		this.mvc.perform(get("/reset-password").param("token", token)).andExpect(status().isGone());

		smtp.purgeEmailFromAllMailboxes();
		MimeMessage notice = onlyMail();
		assertThat(notice.getSubject()).isEqualTo("Your Roster password was changed");
		assertThat(TestMail.parts(notice).text()).contains("Hello alice,");
	}

	@Test
	void unknownLinksGet400SpentOnes410AndNothingChanges() throws Exception {
		String hash = this.alice.getPasswordHash();
		for (String token : new String[] { null, "", "garbage", "A".repeat(43), "A".repeat(44) }) {
			String page = this.mvc
				.perform((token == null) ? get("/reset-password") : get("/reset-password").param("token", token))
				.andExpect(status().isBadRequest())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("This link has expired or was already used")
				.contains("href=\"/forgot-password\"")
				.contains("Request a new link");
			choose((token == null) ? "" : token, NEW_PASSWORD, NEW_PASSWORD).andExpect(status().isBadRequest());
		}

		forgot("alice", freshClient());
		String first = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		// An expired link.
		this.jdbc.sql("UPDATE mail_tokens SET expires_at = ?")
			.param(java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
			.update();
		this.mvc.perform(get("/reset-password").param("token", first)).andExpect(status().isGone());
		choose(first, NEW_PASSWORD, NEW_PASSWORD).andExpect(status().isGone());

		// A link voided by a newer one.
		smtp.purgeEmailFromAllMailboxes();
		forgot("alice", freshClient());
		String second = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		smtp.purgeEmailFromAllMailboxes();
		forgot("alice", freshClient());
		String third = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		choose(second, NEW_PASSWORD, NEW_PASSWORD).andExpect(status().isGone());
		assertThat(this.users.get(this.alice.getId()).getPasswordHash()).isEqualTo(hash);

		// A used one: the second use changes nothing.
		choose(third, NEW_PASSWORD, NEW_PASSWORD).andExpect(redirectedUrl("/login?passwordSet"));
		String setHash = this.users.get(this.alice.getId()).getPasswordHash();
		choose(third, "another-quiet-lantern-58", "another-quiet-lantern-58").andExpect(status().isGone());
		assertThat(this.users.get(this.alice.getId()).getPasswordHash()).isEqualTo(setHash);

		// An invitation link of someone else's account is not a reset of alice's.
		assertThat(this.tokens.find(third, LinkPurpose.INVITE).state()).isEqualTo(MailTokens.State.UNKNOWN);
	}

	@Test
	void theLoginIsTheUsernameOrTheEmailInAnyCase() throws Exception {
		forgot("ALICE@Example.com", freshClient());
		forgot("  Alice ", freshClient());
		this.outbox.deliverDue();
		assertThat(smtp.getReceivedMessages()).hasSize(2);
	}

	@Test
	void anEmptyLoginIsAFieldErrorAndAnUnknownOneSendsNothing() throws Exception {
		String page = forgot(" ", freshClient()).andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Enter your username or email address.").doesNotContain("Check your mail");
		forgot("nobody", freshClient()).andExpect(status().isOk());
		forgot("nobody@example.com", freshClient()).andExpect(status().isOk());
		forgot("x".repeat(10_000), freshClient()).andExpect(status().isOk());
		assertThat(this.outbox.deliverDue()).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void aSuspendedAccountGetsNoMail() throws Exception {
		this.users.changeStatus(this.alice.getId(), UserStatus.SUSPENDED);
		String page = forgot("alice", freshClient()).andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Check your mail");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Integer.class).single()).isZero();
		assertThat(this.outbox.deliverDue()).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void aResetLinkOfAnAccountSuspendedSinceSetsNothingAndStaysUnused() throws Exception {
		forgot("alice", freshClient());
		String token = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		this.users.changeStatus(this.alice.getId(), UserStatus.SUSPENDED);
		String hash = this.users.get(this.alice.getId()).getPasswordHash();
		int mails = this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Integer.class).single();

		String form = body(
				this.mvc.perform(get("/reset-password").param("token", token)).andExpect(status().isForbidden()));
		assertThat(form).contains("This account is suspended")
			.contains("Contact an administrator.")
			.doesNotContain("name=\"password\"")
			.doesNotContain("Request a new link");
		String answer = body(choose(token, NEW_PASSWORD, NEW_PASSWORD).andExpect(status().isForbidden()));
		assertThat(answer).contains("This account is suspended");
		// Suspended between the form's check and the transaction: the same refusal.
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.resets.complete(token, LinkPurpose.RESET, this.encoder.encode(NEW_PASSWORD)))
			.isInstanceOf(SuspendedAccountException.class);

		assertThat(this.users.get(this.alice.getId()).getPasswordHash()).isEqualTo(hash);
		assertThat(this.tokens.find(token, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.VALID);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Integer.class).single())
			.as("no password-changed notice")
			.isEqualTo(mails);
		// Reinstated, the same link works.
		this.users.changeStatus(this.alice.getId(), UserStatus.ACTIVE);
		choose(token, NEW_PASSWORD, NEW_PASSWORD).andExpect(redirectedUrl("/login?passwordSet"));
	}

	@Test
	void atMostThreeLinkMailsAnHourPerAccountAndThePageDoesNotTell() throws Exception {
		String firstPage = null;
		for (int i = 0; i < 5; i++) {
			String page = forgot("alice", freshClient()).andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			firstPage = (firstPage != null) ? firstPage : page;
			assertThat(withoutCsrf(page)).isEqualTo(withoutCsrf(firstPage));
		}
		assertThat(this.outbox.deliverDue()).isEqualTo(3);
		assertThat(smtp.getReceivedMessages()).hasSize(3);
		// An hour later the account may get one again.
		this.jdbc.sql("UPDATE mail_outbox SET created_at = ?")
			.param(java.sql.Timestamp.from(Instant.now().minusSeconds(3601)))
			.update();
		forgot("alice", freshClient());
		assertThat(this.outbox.deliverDue()).isEqualTo(1);
	}

	@Test
	void thePasswordChangeOnTheProfileVoidsResetLinksAndSendsTheNotice() throws Exception {
		forgot("alice", freshClient());
		String token = TestMail.token(TestMail.link(onlyMail(), "/reset-password"));
		smtp.purgeEmailFromAllMailboxes();
		Cookie session = AccountTestSupport.signIn(this.mvc, "alice", AccountTestSupport.PASSWORD);
		this.mvc
			.perform(post("/profile/password").with(csrf())
				.with(freshClient())
				.cookie(session)
				.param("currentPassword", AccountTestSupport.PASSWORD)
				.param("newPassword", NEW_PASSWORD)
				.param("newPasswordConfirm", NEW_PASSWORD))
			.andExpect(redirectedUrl("/profile"));
		assertThat(this.tokens.find(token, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.SPENT);
		this.mvc.perform(get("/reset-password").param("token", token)).andExpect(status().isGone());
		MimeMessage notice = onlyMail();
		assertThat(notice.getSubject()).isEqualTo("Your Roster password was changed");
		assertThat(notice.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
	}

	@Test
	void anSmtpOutageDuringTheRequestDelaysTheMailWhichArrivesOnce() throws Exception {
		smtp.stop();
		forgot("alice", freshClient()).andExpect(status().isOk());
		assertThat(this.outbox.deliverDue()).isZero();
		smtp.start();
		this.jdbc.sql("UPDATE mail_outbox SET next_attempt_at = ?")
			.param(java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
			.update();
		assertThat(this.outbox.deliverDue()).isEqualTo(1);
		assertThat(this.outbox.deliverDue()).isZero();
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).as("exactly once").hasSize(1);
		String token = TestMail.token(TestMail.link(received[0], "/reset-password"));
		choose(token, NEW_PASSWORD, NEW_PASSWORD).andExpect(redirectedUrl("/login?passwordSet"));
	}

	@Test
	void aForgedHostNeverReachesTheLink() throws Exception {
		this.mvc
			.perform(post("/forgot-password").with(csrf())
				.with(freshClient())
				.header("Host", "evil.example")
				.header("X-Forwarded-Host", "evil.example")
				.header("X-Forwarded-Proto", "http")
				.param("login", "alice"))
			.andExpect(status().isOk());
		MimeMessage mail = onlyMail();
		assertThat(TestMail.link(mail, "/reset-password"))
			.startsWith("https://roster.example.test/reset-password?token=");
		assertThat(TestMail.parts(mail).text()).doesNotContain("evil.example");
		assertThat(TestMail.parts(mail).html()).doesNotContain("evil.example");
	}

	@Test
	void askingForAndUsingLinksDrawsFromThePasswordCheckThrottle() throws Exception {
		RequestPostProcessor client = freshClient();
		// 30 a minute, refilled gradually: 50 requests in a few seconds meet the limit.
		java.util.Set<Integer> forgotStatuses = new java.util.HashSet<>();
		java.util.Set<Integer> resetStatuses = new java.util.HashSet<>();
		for (int i = 0; i < 25; i++) {
			forgotStatuses.add(forgot("nobody-" + i, client).andReturn().getResponse().getStatus());
			resetStatuses.add(
					this.mvc
						.perform(post("/reset-password").with(csrf())
							.with(client)
							.param("token", "garbage")
							.param("password", NEW_PASSWORD)
							.param("passwordConfirm", NEW_PASSWORD))
						.andReturn()
						.getResponse()
						.getStatus());
		}
		assertThat(forgotStatuses).containsExactlyInAnyOrder(200, 429);
		assertThat(resetStatuses).containsExactlyInAnyOrder(400, 429);
		// Form posts get the 429 error page (the container renders it; see
		// ErrorPagesTest).
		forgot("alice", client).andExpect(status().isTooManyRequests());
		this.mvc.perform(post("/login").with(csrf()).with(client).param("username", "alice").param("password", "x"))
			.andExpect(status().isTooManyRequests());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Integer.class).single()).isZero();
		// Signed in or not, the page is the same; a signed-in user may ask too.
		this.mvc.perform(get("/forgot-password").with(as(this.alice))).andExpect(status().isOk());
	}

	@Test
	void theMailIsWrittenInTheAccountsLanguage() throws Exception {
		this.users.recordLanguage(this.alice.getId(), java.util.Locale.GERMAN);
		// The page follows the visitor, the mail its recipient.
		forgot("alice", freshClient());
		MimeMessage mail = onlyMail();
		assertThat(mail.getSubject()).isEqualTo("Ihr Roster-Passwort zurücksetzen");
		String token = TestMail.token(TestMail.link(mail, "/reset-password"));
		String form = this.mvc.perform(get("/reset-password").param("token", token).header("Accept-Language", "de"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(form).contains("Neues Passwort wählen");
	}

	private ResultActions forgot(String login, RequestPostProcessor client) throws Exception {
		return this.mvc.perform(post("/forgot-password").with(csrf()).with(client).param("login", login));
	}

	private ResultActions choose(String token, String password, String confirm) throws Exception {
		return this.mvc.perform(post("/reset-password").with(csrf())
			.with(freshClient())
			.param("token", token)
			.param("password", password)
			.param("passwordConfirm", confirm));
	}

	static String withoutCsrf(String page) {
		return page.replaceAll("name=\"_csrf\" content=\"[^\"]*\"", "name=\"_csrf\" content=\"\"")
			.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"\"");
	}

}
