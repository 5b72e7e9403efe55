package org.roster.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.roster.mail.LinkPurpose;
import org.roster.mail.MailTokens;
import org.roster.testsupport.MailFlowTestSupport;
import org.roster.testsupport.Mailbox;
import org.roster.testsupport.TestMail;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code roster.registration.email-verification = required}: the right password of an
 * unconfirmed account is refused with a clear message and a "send the link again" button
 * that works for that account only, for a few minutes; it is not a failed password; the
 * sign-in works once the address is confirmed.
 */
@TestPropertySource(properties = "roster.registration.email-verification=required")
class RequiredVerificationTest extends MailFlowTestSupport {

	private static final Pattern PROOF = Pattern.compile("name=\"proof\" value=\"([^\"]+)\"");

	@Autowired
	AccountService accountService;

	@Test
	void signInWaitsForTheConfirmedAddressAndTheButtonSendsANewLinkThatVoidsTheOld() throws Exception {
		this.mvc
			.perform(post("/register").with(csrf())
				.with(freshClient())
				.param("username", "waiter")
				.param("email", "waiter@example.org")
				.param("password", AccountTestSupport.PASSWORD)
				.param("passwordConfirm", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/login?registered"));
		this.mvc.perform(get("/login?registered").accept(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("Open the link we sent to your email address to confirm it")));
		this.outbox.deliverDue();
		String first = TestMail.token(TestMail.link(messagesTo("waiter@example.org").get(0), "/verify-email"));

		String refused = refusedSignIn("waiter");
		assertThat(refused).contains("Confirm your email address first")
			.contains("action=\"/verify-email/resend\"")
			.contains("Send the link again")
			.contains("value=\"waiter\"");
		User waiter = this.users.findByLogin("waiter").orElseThrow();
		assertThat(waiter.getFailedLogins()).as("the right password is no failure").isZero();
		assertThat(waiter.getLastLoginAt()).isNull();

		this.mvc.perform(post("/verify-email/resend").param("proof", proof(refused)).with(csrf()).with(freshClient()))
			.andExpect(redirectedUrl("/login?linkSent"));
		this.mvc.perform(get("/login?linkSent").accept(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("We sent a new link to your email address.")));
		this.outbox.deliverDue();
		List<MimeMessage> mails = messagesTo("waiter@example.org");
		assertThat(mails).hasSize(2);
		String second = TestMail.token(TestMail.link(mails.get(1), "/verify-email"));
		assertThat(this.tokens.find(first, LinkPurpose.VERIFY).state()).as("the old link is void")
			.isEqualTo(MailTokens.State.SPENT);

		this.mvc.perform(post("/verify-email").param("token", second).with(csrf()).with(freshClient()))
			.andExpect(redirectedUrl("/login?verified"));
		AccountTestSupport.signIn(this.mvc, "waiter", AccountTestSupport.PASSWORD);
		assertThat(this.users.get(waiter.getId()).getLastLoginAt()).isNotNull();
	}

	@Test
	void onlyTheRightPasswordLearnsAboutTheUnconfirmedAddress() throws Exception {
		User quiet = this.accounts.user("quiet");
		String wrong = AccountTestSupport.failedSignInPage(this.mvc, login("quiet", "not-the-password").andReturn());
		assertThat(wrong).contains("Incorrect username or password").doesNotContain("resend-form");
		assertThat(this.users.get(quiet.getId()).getFailedLogins()).isOne();

		for (int i = 0; i < 4; i++) {
			login("quiet", "not-the-password");
		}
		String locked = AccountTestSupport.failedSignInPage(this.mvc,
				login("quiet", AccountTestSupport.PASSWORD).andReturn());
		assertThat(locked).as("a lock refuses even the right password, alike")
			.contains("Incorrect username or password")
			.doesNotContain("resend-form");

		User suspended = this.accounts.user("benched");
		this.users.changeStatus(suspended.getId(), UserStatus.SUSPENDED);
		assertThat(AccountTestSupport.failedSignInPage(this.mvc,
				login("benched", AccountTestSupport.PASSWORD).andReturn()))
			.contains("This account is suspended")
			.doesNotContain("resend-form");
	}

	@Test
	void theProofIsForOneAccountForAFewMinutesAndDiesWithAPasswordChange() throws Exception {
		User owner = this.accounts.user("owner");
		User other = this.accounts.user("other");
		String proof = proof(refusedSignIn("owner"));
		String[] parts = proof.split("\\.");
		String otherAccount = other.getId() + "." + parts[1] + "." + parts[2];
		String later = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
		for (String bad : new String[] { otherAccount, later, proof + "x" }) {
			this.mvc.perform(post("/verify-email/resend").param("proof", bad).with(csrf()).with(freshClient()))
				.andExpect(status().isBadRequest());
		}
		String expired = new ResendProof(this.users,
				Clock.fixed(Instant.now().minus(ResendProof.VALID_FOR).minusSeconds(1), ZoneOffset.UTC))
			.issue(this.users.get(owner.getId()));
		this.mvc.perform(post("/verify-email/resend").param("proof", expired).with(csrf()).with(freshClient()))
			.andExpect(status().isBadRequest());
		assertThat(this.db.count("mail_outbox", "user_id IN (?, ?)", owner.getId(), other.getId())).isZero();

		this.users.changePasswordHash(owner.getId(), this.encoder.encode("another-long-passphrase-81"));
		this.mvc.perform(post("/verify-email/resend").param("proof", proof).with(csrf()).with(freshClient()))
			.andExpect(status().isBadRequest());
		assertThat(this.db.count("mail_outbox", "user_id = ?", owner.getId())).isZero();
	}

	@Test
	void theButtonSendsAtMostThreeLinksAnHour() throws Exception {
		this.accounts.user("eager");
		String proof = proof(refusedSignIn("eager"));
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(post("/verify-email/resend").param("proof", proof).with(csrf()).with(freshClient()))
				.andExpect(redirectedUrl("/login?linkSent"));
		}
		this.mvc
			.perform(post("/verify-email/resend").param("proof", proof)
				.with(csrf())
				.with(freshClient())
				.accept(MediaType.TEXT_HTML))
			.andExpect(status().isTooManyRequests())
			.andExpect(content().string(containsString("3 confirmation links in the last hour")));
		this.outbox.deliverDue();
		assertThat(messagesTo("eager@example.com")).hasSize(3);
	}

	@Test
	void theOperatorsAdminFromTheShellCanSignInAtOnce() throws Exception {
		User admin = this.accountService.create("operator", "ops@example.org", AccountTestSupport.PASSWORD, Role.ADMIN);
		assertThat(admin.isEmailVerified()).isTrue();
		AccountTestSupport.signIn(this.mvc, "operator", AccountTestSupport.PASSWORD);
	}

	private String refusedSignIn(String username) throws Exception {
		ResultActions refused = login(username, AccountTestSupport.PASSWORD).andExpect(forwardedUrl("/login/failed"));
		return AccountTestSupport.failedSignInPage(this.mvc, refused.andReturn());
	}

	private ResultActions login(String username, String password) throws Exception {
		return this.mvc.perform(post("/login").with(csrf())
			.with(freshClient())
			.param("username", username)
			.param("password", password));
	}

	private static String proof(String page) {
		Matcher matcher = PROOF.matcher(page);
		assertThat(matcher.find()).as("a resend form with a proof").isTrue();
		return matcher.group(1);
	}

	private static List<MimeMessage> messagesTo(String address) {
		return Mailbox.of(smtp, address);
	}

}
