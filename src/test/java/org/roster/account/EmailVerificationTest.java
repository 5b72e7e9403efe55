package org.roster.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.roster.mail.LinkPurpose;
import org.roster.mail.MailTokens;
import org.roster.testsupport.MailFlowTestSupport;
import org.roster.testsupport.Mailbox;
import org.roster.testsupport.TestMail;
import org.roster.user.User;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.roster.account.AccountTestSupport.as;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Address verification with the default {@code roster.registration.email-verification =
 * optional}, against a real SMTP server: registration mails a link in the registration
 * page's language, opening it changes nothing until the button is pressed, a used,
 * expired or made-up link gets its page and changes nothing, the account works meanwhile
 * and its profile says "unverified" with a button that sends a new link (which voids the
 * old one), up to the per-account limit.
 */
class EmailVerificationTest extends MailFlowTestSupport {

	@Test
	void registrationMailsALinkWhosePageSpendsNothingAndWhoseButtonConfirms() throws Exception {
		register("verity", "Verity@Example.org", "de");
		User registered = this.users.findByLogin("verity").orElseThrow();
		assertThat(registered.getLanguage()).as("the registration page's language").isEqualTo(Locale.GERMAN);
		assertThat(registered.isEmailVerified()).isFalse();
		this.outbox.deliverDue();

		MimeMessage message = onlyMessageTo("verity@example.org");
		assertThat(message.getSubject()).isEqualTo("Bestätigen Sie Ihre E-Mail-Adresse für Roster");
		TestMail.Parts parts = TestMail.parts(message);
		assertThat(parts.text()).contains("Hallo verity,").contains("verity@example.org").contains("2 Tage");
		String link = TestMail.link(message, "/verify-email");
		assertThat(link).startsWith("https://roster.example.test/verify-email?token=");
		assertThat(TestMail.links(parts.html())).contains(link);
		String token = TestMail.token(link);

		// Mail scanners and link previews open the link: twice, signed out, nothing
		// spent.
		for (int i = 0; i < 2; i++) {
			this.mvc.perform(get("/verify-email").param("token", token).accept(MediaType.TEXT_HTML))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("verity@example.org")))
				.andExpect(content().string(containsString("Confirm my address")))
				.andExpect(content().string(containsString("name=\"token\"")));
		}
		assertThat(this.tokens.find(token, LinkPurpose.VERIFY).state()).isEqualTo(MailTokens.State.VALID);
		assertThat(this.users.get(registered.getId()).isEmailVerified()).isFalse();

		this.mvc.perform(post("/verify-email").param("token", token).with(csrf()).with(freshClient()))
			.andExpect(redirectedUrl("/login?verified"));
		assertThat(this.users.get(registered.getId()).isEmailVerified()).isTrue();
		this.mvc.perform(get("/login?verified").accept(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("Your email address is confirmed.")));

		// Used: the page and the button now say so (410), and nothing changes.
		this.mvc.perform(get("/verify-email").param("token", token).accept(MediaType.TEXT_HTML))
			.andExpect(status().isGone())
			.andExpect(content().string(containsString("This link has expired or was already used")))
			.andExpect(content().string(containsString("href=\"/profile\"")));
		this.mvc.perform(post("/verify-email").param("token", token).with(csrf()).with(freshClient()))
			.andExpect(status().isGone());
	}

	@Test
	void theButtonNeedsTheCsrfTokenAndSignedInUsersGetTheMessageOnTheirProfile() throws Exception {
		User ursula = this.accounts.user("ursula");
		String token = verificationToken(ursula);
		this.mvc.perform(post("/verify-email").param("token", token).with(freshClient()))
			.andExpect(status().isForbidden());
		assertThat(this.users.get(ursula.getId()).isEmailVerified()).isFalse();
		this.mvc.perform(post("/verify-email").param("token", token).with(csrf()).with(freshClient()).with(as(ursula)))
			.andExpect(redirectedUrl("/profile"))
			.andExpect(flash().attribute("flash", "Your email address ursula@example.com is confirmed."));
		assertThat(this.users.get(ursula.getId()).isEmailVerified()).isTrue();
	}

	@Test
	void madeUpExpiredAndOutdatedLinksGetTheirPageAndChangeNothing() throws Exception {
		User otto = this.accounts.user("otto");
		for (String garbage : new String[] { "", "nonsense", "A".repeat(43), "%00' or 1=1 --" }) {
			this.mvc.perform(get("/verify-email").param("token", garbage).accept(MediaType.TEXT_HTML))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("This link has expired or was already used")));
			this.mvc.perform(post("/verify-email").param("token", garbage).with(csrf()).with(freshClient()))
				.andExpect(status().isBadRequest());
		}
		this.mvc.perform(get("/verify-email").accept(MediaType.TEXT_HTML)).andExpect(status().isBadRequest());

		String expired = verificationToken(otto);
		this.db.jdbc()
			.update("UPDATE mail_tokens SET expires_at = ? WHERE user_id = ?",
					Timestamp.from(Instant.now().minusSeconds(1)), otto.getId());
		this.mvc.perform(get("/verify-email").param("token", expired).accept(MediaType.TEXT_HTML))
			.andExpect(status().isGone());
		this.mvc.perform(post("/verify-email").param("token", expired).with(csrf()).with(freshClient()))
			.andExpect(status().isGone());

		// A link to an address the account no longer has confirms nothing.
		String outdated = verificationToken(otto);
		this.db.jdbc().update("UPDATE users SET email = 'otto.new@example.com' WHERE id = ?", otto.getId());
		this.mvc.perform(post("/verify-email").param("token", outdated).with(csrf()).with(freshClient()))
			.andExpect(status().isGone());
		assertThat(this.users.get(otto.getId()).isEmailVerified()).isFalse();
		assertThat(this.tokens.find(outdated, LinkPurpose.VERIFY).state()).as("not used up either")
			.isEqualTo(MailTokens.State.VALID);
	}

	@Test
	void aForgedHostNeverReachesTheLink() throws Exception {
		this.mvc.perform(post("/register").with(csrf()).with(freshClient()).with((request) -> {
			request.setServerName("evil.example");
			request.setServerPort(443);
			request.setScheme("https");
			return request;
		})
			.header("Host", "evil.example")
			.header("X-Forwarded-Host", "evil.example")
			.header("X-Forwarded-Proto", "http")
			.param("username", "hosted")
			.param("email", "hosted@example.org")
			.param("password", AccountTestSupport.PASSWORD)
			.param("passwordConfirm", AccountTestSupport.PASSWORD)).andExpect(redirectedUrl("/login?registered"));
		this.outbox.deliverDue();
		MimeMessage message = onlyMessageTo("hosted@example.org");
		TestMail.Parts parts = TestMail.parts(message);
		assertThat(parts.text() + parts.html()).doesNotContain("evil.example");
		assertThat(TestMail.link(message, "/verify-email")).startsWith("https://roster.example.test/verify-email?");
	}

	@Test
	void theProfileSaysUnverifiedAndSendsTheLinkAgainWhichVoidsTheOldOne() throws Exception {
		register("resender", "resender@example.org", "en");
		User user = this.users.findByLogin("resender").orElseThrow();
		this.outbox.deliverDue();
		String first = TestMail.token(TestMail.link(onlyMessageTo("resender@example.org"), "/verify-email"));
		Cookie session = AccountTestSupport.signIn(this.mvc, "resender", AccountTestSupport.PASSWORD);

		this.mvc.perform(get("/profile").cookie(session).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"email-unverified\"")))
			.andExpect(content().string(containsString(">unverified<")))
			.andExpect(content().string(containsString("action=\"/verify-email/resend\"")));

		this.mvc.perform(post("/verify-email/resend").cookie(session).with(freshClient()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/verify-email/resend").cookie(session).with(csrf()).with(freshClient()))
			.andExpect(redirectedUrl("/profile"))
			.andExpect(flash().attribute("flash",
					"We sent a new link to resender@example.org. It works once; the older links no longer do."));
		this.outbox.deliverDue();
		List<MimeMessage> mails = messagesTo("resender@example.org");
		assertThat(mails).hasSize(2);
		String second = TestMail.token(TestMail.link(mails.get(1), "/verify-email"));
		assertThat(this.tokens.find(first, LinkPurpose.VERIFY).state()).isEqualTo(MailTokens.State.SPENT);
		this.mvc.perform(post("/verify-email").param("token", first).with(csrf()).with(freshClient()))
			.andExpect(status().isGone());

		this.mvc.perform(post("/verify-email").param("token", second).with(csrf()).with(freshClient()).cookie(session))
			.andExpect(redirectedUrl("/profile"));
		this.mvc.perform(get("/profile").cookie(session).accept(MediaType.TEXT_HTML))
			.andExpect(content()
				.string(containsString("class=\"badge text-bg-warning ms-1 d-none\" id=\"email-unverified\"")));
		this.mvc.perform(post("/verify-email/resend").cookie(session).with(csrf()).with(freshClient()))
			.andExpect(redirectedUrl("/profile"))
			.andExpect(flash().attribute("flash", "Your email address is already confirmed."));
		this.outbox.deliverDue();
		assertThat(messagesTo("resender@example.org")).as("no mail for a confirmed address").hasSize(2);
		assertThat(this.users.get(user.getId()).isEmailVerified()).isTrue();
	}

	@Test
	void anAccountGetsAtMostThreeLinksAnHour() throws Exception {
		register("limited", "limited@example.org", "en");
		Cookie session = AccountTestSupport.signIn(this.mvc, "limited", AccountTestSupport.PASSWORD);
		for (int i = 0; i < 2; i++) {
			this.mvc.perform(post("/verify-email/resend").cookie(session).with(csrf()).with(freshClient()))
				.andExpect(redirectedUrl("/profile"));
		}
		MvcResult refused = this.mvc
			.perform(post("/verify-email/resend").cookie(session)
				.with(csrf())
				.with(freshClient())
				.accept(MediaType.TEXT_HTML))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "3600"))
			.andExpect(content().string(containsString("Enough links for now")))
			.andExpect(content().string(containsString("3 confirmation links in the last hour")))
			.andReturn();
		assertThat(refused.getResponse().getContentAsString()).contains("href=\"/profile\"");
		this.outbox.deliverDue();
		assertThat(messagesTo("limited@example.org")).as("the registration's and two more").hasSize(3);
	}

	@Test
	void nobodyCanHaveMailSentToAnAccountWithoutItsSessionOrARefusedSignIn() throws Exception {
		User victim = this.accounts.user("victim");
		String forged = victim.getId() + "." + Instant.now().plusSeconds(600).getEpochSecond() + "." + "A".repeat(43);
		for (String proof : new String[] { null, "", Long.toString(victim.getId()), forged }) {
			var request = post("/verify-email/resend").with(csrf()).with(freshClient()).accept(MediaType.TEXT_HTML);
			if (proof != null) {
				request.param("proof", proof);
			}
			this.mvc.perform(request)
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("This button has expired.")))
				.andExpect(content().string(not(containsString("resend-form"))));
		}
		assertThat(this.db.count("mail_outbox", "user_id = ?", victim.getId())).isZero();
	}

	@Test
	void verifyingAndResendingShareTheSignInThrottleOfTheClientAddress() throws Exception {
		RequestPostProcessor client = freshClient();
		int refused = 0;
		for (int i = 0; i < 40; i++) {
			int status = this.mvc.perform(post("/verify-email").param("token", "guess-" + i).with(csrf()).with(client))
				.andReturn()
				.getResponse()
				.getStatus();
			if (status == 429) {
				refused++;
			}
		}
		assertThat(refused).as("guesses beyond 30 a minute").isGreaterThan(5);
		this.mvc.perform(post("/verify-email/resend").with(csrf()).with(client))
			.andExpect(status().isTooManyRequests());
		this.mvc.perform(post("/login").with(csrf()).with(client).param("username", "x").param("password", "y"))
			.andExpect(status().isTooManyRequests());
	}

	@Test
	void signingInRecordsTheLanguageWhenItChanged() throws Exception {
		User lena = this.accounts.user("lena");
		assertThat(lena.getLanguage()).isEqualTo(Locale.ENGLISH);
		long version = lena.getVersion();
		this.mvc
			.perform(post("/login").with(csrf())
				.with(freshClient())
				.header("Accept-Language", "en-GB,en;q=0.9")
				.param("username", "lena")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/profile"));
		assertThat(this.users.get(lena.getId()).getVersion()).as("the same language writes nothing").isEqualTo(version);
		this.mvc
			.perform(post("/login").with(csrf())
				.with(freshClient())
				.header("Accept-Language", "de-AT,de;q=0.9")
				.param("username", "lena")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/profile"));
		assertThat(this.users.get(lena.getId()).getLanguage()).isEqualTo(Locale.GERMAN);
	}

	private void register(String username, String email, String language) throws Exception {
		this.mvc
			.perform(post("/register").with(csrf())
				.with(freshClient())
				.header("Accept-Language", language)
				.param("username", username)
				.param("email", email)
				.param("password", AccountTestSupport.PASSWORD)
				.param("passwordConfirm", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/login?registered"));
	}

	/** A fresh link for the user, as "send the link again" makes it. */
	private String verificationToken(User user) throws Exception {
		int before = smtp.getReceivedMessages().length;
		this.mvc.perform(post("/verify-email/resend").with(csrf()).with(freshClient()).with(as(user)))
			.andExpect(redirectedUrl("/profile"));
		this.outbox.deliverDue();
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(before + 1);
		return TestMail.token(TestMail.link(received[received.length - 1], "/verify-email"));
	}

	private MimeMessage onlyMessageTo(String address) {
		List<MimeMessage> messages = messagesTo(address);
		assertThat(messages).hasSize(1);
		return messages.get(0);
	}

	private static List<MimeMessage> messagesTo(String address) {
		return Mailbox.of(smtp, address);
	}

}
