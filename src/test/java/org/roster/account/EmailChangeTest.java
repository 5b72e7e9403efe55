package org.roster.account;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.roster.mail.LinkPurpose;
import org.roster.mail.MailTokens;
import org.roster.testsupport.MailFlowTestSupport;
import org.roster.testsupport.Mailbox;
import org.roster.testsupport.TestMail;
import org.roster.testsupport.Together;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.roster.account.AccountTestSupport.as;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Changing an account's address. The owner's change waits for the link mailed to the new
 * address (the account keeps the old one, and sign-in works with it, until then); its
 * confirmation tells the old address. An admin's change of someone else's applies at
 * once, unconfirmed, and mails a verification link. An admin can vouch for an address.
 */
class EmailChangeTest extends MailFlowTestSupport {

	@Test
	void theOwnersChangeWaitsForTheLinkAndTheOldAddressIsTold() throws Exception {
		User mover = this.accounts.user("mover");
		this.users.markEmailVerified(mover.getId());
		editOwnEmail(this.users.get(mover.getId()), "Mover.New@Example.org").andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value("mover@example.com"))
			.andExpect(jsonPath("$.emailVerified").value(true))
			.andExpect(jsonPath("$.pendingEmail").value("mover.new@example.org"));
		assertThat(this.users.get(mover.getId()).getEmail()).isEqualTo("mover@example.com");
		this.outbox.deliverDue();
		List<MimeMessage> sent = messagesTo("mover.new@example.org");
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).getSubject()).isEqualTo("Confirm your new email address for Roster");
		assertThat(TestMail.parts(sent.get(0)).text()).contains("mover.new@example.org")
			.contains("Until then your account keeps its current address.");
		assertThat(messagesTo("mover@example.com")).as("nothing to the old address yet").isEmpty();
		String link = TestMail.link(sent.get(0), "/confirm-email");
		assertThat(link).startsWith("https://roster.example.test/confirm-email?token=");
		String token = TestMail.token(link);

		// Until confirmed, the old address signs in and the new one does not.
		AccountTestSupport.signIn(this.mvc, "mover@example.com", AccountTestSupport.PASSWORD);
		this.mvc
			.perform(post("/login").with(csrf())
				.with(freshClient())
				.param("username", "mover.new@example.org")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(forwardedUrl("/login/failed"));

		for (int i = 0; i < 2; i++) {
			this.mvc.perform(get("/confirm-email").param("token", token).accept(MediaType.TEXT_HTML))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("mover.new@example.org")))
				.andExpect(content().string(containsString("Confirm the new address")));
		}
		assertThat(this.tokens.find(token, LinkPurpose.EMAIL).state()).isEqualTo(MailTokens.State.VALID);
		this.mvc.perform(post("/confirm-email").param("token", token).with(freshClient()))
			.andExpect(status().isForbidden());

		this.mvc.perform(post("/confirm-email").param("token", token).with(csrf()).with(freshClient()))
			.andExpect(redirectedUrl("/login?emailChanged"));
		User moved = this.users.get(mover.getId());
		assertThat(moved.getEmail()).isEqualTo("mover.new@example.org");
		assertThat(moved.isEmailVerified()).isTrue();
		AccountTestSupport.signIn(this.mvc, "mover.new@example.org", AccountTestSupport.PASSWORD);
		this.mvc
			.perform(post("/login").with(csrf())
				.with(freshClient())
				.param("username", "mover@example.com")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(forwardedUrl("/login/failed"));

		this.outbox.deliverDue();
		List<MimeMessage> notices = messagesTo("mover@example.com");
		assertThat(notices).hasSize(1);
		assertThat(notices.get(0).getSubject()).isEqualTo("The email address of your Roster account was changed");
		assertThat(TestMail.parts(notices.get(0)).text())
			.contains("changed from mover@example.com to mover.new@example.org")
			.contains("https://roster.example.test/login");

		this.mvc.perform(post("/confirm-email").param("token", token).with(csrf()).with(freshClient()))
			.andExpect(status().isGone());
		this.mvc.perform(get("/confirm-email").param("token", "made-up").accept(MediaType.TEXT_HTML))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("This link has expired or was already used")));
	}

	@Test
	void getEditUserShowsTheAddressAChangeWaitsOnUntilItIsConfirmed() throws Exception {
		User mover = this.accounts.user("waiter");
		User admin = this.accounts.admin("boss");
		editOwnEmail(mover, "waiter.first@example.org").andExpect(status().isOk());
		editOwnEmail(this.users.get(mover.getId()), "waiter.new@example.org").andExpect(status().isOk());
		// Queued (not yet sent) and sent alike: the newest request is the one waiting.
		for (int i = 0; i < 2; i++) {
			for (User viewer : new User[] { mover, admin }) {
				this.mvc.perform(get("/edit_user").param("id", mover.getId().toString()).with(as(viewer)))
					.andExpect(status().isOk())
					.andExpect(jsonPath("$.email").value("waiter@example.com"))
					.andExpect(jsonPath("$.pendingEmail").value("waiter.new@example.org"));
			}
			this.outbox.deliverDue();
		}
		String token = TestMail.token(TestMail.link(messagesTo("waiter.new@example.org").get(0), "/confirm-email"));
		this.mvc.perform(post("/confirm-email").param("token", token).with(csrf()).with(freshClient()))
			.andExpect(redirectedUrl("/login?emailChanged"));
		this.mvc.perform(get("/edit_user").param("id", mover.getId().toString()).with(as(mover)))
			.andExpect(jsonPath("$.email").value("waiter.new@example.org"))
			.andExpect(jsonPath("$.pendingEmail").doesNotExist());
	}

	@Test
	void anAddressTakenMeanwhileChangesNothingAndSaysSo() throws Exception {
		User slow = this.accounts.user("slow");
		editOwnEmail(slow, "wanted@example.org").andExpect(status().isOk());
		this.outbox.deliverDue();
		String token = TestMail.token(TestMail.link(messagesTo("wanted@example.org").get(0), "/confirm-email"));
		this.users.create(new NewUser("quick", "wanted@example.org", "hash", Role.USER));

		this.mvc
			.perform(post("/confirm-email").param("token", token)
				.with(csrf())
				.with(freshClient())
				.accept(MediaType.TEXT_HTML))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("wanted@example.org belongs to another account now")));
		assertThat(this.users.get(slow.getId()).getEmail()).isEqualTo("slow@example.com");
		this.outbox.deliverDue();
		assertThat(messagesTo("slow@example.com")).as("no notice: nothing changed").isEmpty();

		// Asking for an address another account has is refused at once, without mail.
		editOwnEmail(this.users.get(slow.getId()), "Wanted@example.org").andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("/problems/email-taken"))
			.andExpect(jsonPath("$.errors.email").value("already taken"));
	}

	@Test
	void theOwnerGetsAtMostThreeLinksAnHourAndTheRefusedEditSavesNothing() throws Exception {
		User fickle = this.accounts.user("fickle");
		for (int i = 0; i < 3; i++) {
			editOwnEmail(this.users.get(fickle.getId()), "fickle" + i + "@example.org").andExpect(status().isOk());
		}
		User before = this.users.get(fickle.getId());
		this.mvc
			.perform(put("/edit_user").param("id", before.getId().toString())
				.with(as(before))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"fickle9@example.org\", \"profile\": {\"fullName\": \"Fickle\"}, \"version\": "
						+ before.getVersion() + "}"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "3600"))
			.andExpect(jsonPath("$.type").value("/problems/too-many-requests"))
			.andExpect(jsonPath("$.detail").value(containsString("3 confirmation links in the last hour")));
		assertThat(this.users.get(fickle.getId()).getVersion()).isEqualTo(before.getVersion());
		this.mvc.perform(get("/edit_user").param("id", before.getId().toString()).with(as(before)))
			.andExpect(jsonPath("$.profile.fullName").value(""));
		this.outbox.deliverDue();
		assertThat(messagesTo("fickle9@example.org")).isEmpty();
	}

	@Test
	void anAdminsChangeAppliesAtOnceUnconfirmedWithAVerificationMail() throws Exception {
		User admin = this.accounts.admin("boss");
		User worker = this.accounts.user("worker");
		this.users.markEmailVerified(worker.getId());
		// The worker's own pending change must not overwrite the admin's later.
		editOwnEmail(this.users.get(worker.getId()), "worker.own@example.org").andExpect(status().isOk());
		this.outbox.deliverDue();
		String pending = TestMail.token(TestMail.link(messagesTo("worker.own@example.org").get(0), "/confirm-email"));

		User current = this.users.get(worker.getId());
		this.mvc
			.perform(put("/edit_user").param("id", current.getId().toString())
				.with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"Worker.Set@Example.org\", \"version\": " + current.getVersion() + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value("worker.set@example.org"))
			.andExpect(jsonPath("$.emailVerified").value(false))
			.andExpect(jsonPath("$.pendingEmail").doesNotExist());
		assertThat(this.tokens.find(pending, LinkPurpose.EMAIL).state()).isEqualTo(MailTokens.State.SPENT);

		this.outbox.deliverDue();
		List<MimeMessage> mails = messagesTo("worker.set@example.org");
		assertThat(mails).hasSize(1);
		assertThat(mails.get(0).getSubject()).isEqualTo("Confirm your email address for Roster");
		String token = TestMail.token(TestMail.link(mails.get(0), "/verify-email"));
		this.mvc.perform(post("/verify-email").param("token", token).with(csrf()).with(freshClient()))
			.andExpect(redirectedUrl("/login?verified"));
		assertThat(this.users.get(worker.getId()).isEmailVerified()).isTrue();
	}

	@Test
	void anAdminMarksAnAddressVerifiedAndTheJsonSaysWhatIsVerifiedAndInvited() throws Exception {
		User admin = this.accounts.admin("chief");
		User plain = this.accounts.user("plain");
		User guest = this.users.create(new NewUser("guest", "guest@example.com", "hash", Role.USER, false, true, null));
		String id = plain.getId().toString();

		this.mvc.perform(get("/edit_user").param("id", id).with(as(admin)))
			.andExpect(jsonPath("$.emailVerified").value(false))
			.andExpect(jsonPath("$.invited").value(false));
		this.mvc.perform(get("/edit_user").param("id", guest.getId().toString()).with(as(admin)))
			.andExpect(jsonPath("$.invited").value(true));
		String list = this.mvc
			.perform(get("/user_list?sort=username").with(as(admin)).accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((List<Boolean>) JsonPath.read(list, "$.items[?(@.username == 'guest')].invited"))
			.containsExactly(true);
		assertThat((List<Boolean>) JsonPath.read(list, "$.items[?(@.username == 'plain')].emailVerified"))
			.containsExactly(false);
		String html = this.mvc.perform(get("/user_list?sort=username").with(as(admin)).accept(MediaType.TEXT_HTML))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("invited-badge").contains(">invited<").contains(">unverified<");

		this.mvc.perform(post("/users/" + id + "/email-verification").with(as(plain)).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/users/" + id + "/email-verification").with(as(admin)))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/users/999999/email-verification").with(as(admin)).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/users/" + id + "/email-verification").with(as(admin)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.emailVerified").value(true))
			.andExpect(jsonPath("$.version").value(plain.getVersion() + 1));
		assertThat(this.users.get(plain.getId()).isEmailVerified()).isTrue();
	}

	/**
	 * Two clicks on one link at the same moment (a double submit, two tabs): one changes
	 * the address, the other finds the link used; one notice.
	 */
	@Test
	void aLinkConfirmedTwiceAtOnceChangesTheAddressOnce() throws Exception {
		User racer = this.accounts.user("racer");
		editOwnEmail(racer, "racer.new@example.org").andExpect(status().isOk());
		this.outbox.deliverDue();
		String token = TestMail.token(TestMail.link(messagesTo("racer.new@example.org").get(0), "/confirm-email"));
		List<Integer> statuses = Together.run(2,
				() -> this.mvc.perform(post("/confirm-email").param("token", token).with(csrf()).with(freshClient()))
					.andReturn()
					.getResponse()
					.getStatus());
		assertThat(statuses).containsExactlyInAnyOrder(302, 410);
		assertThat(this.users.get(racer.getId()).getEmail()).isEqualTo("racer.new@example.org");
		this.outbox.deliverDue();
		assertThat(messagesTo("racer@example.com")).hasSize(1);
	}

	private ResultActions editOwnEmail(User user, String email) throws Exception {
		return this.mvc.perform(put("/edit_user").param("id", user.getId().toString())
			.with(as(user))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"" + email + "\", \"version\": " + user.getVersion() + "}"));
	}

	private static List<MimeMessage> messagesTo(String address) {
		return Mailbox.of(smtp, address);
	}

}
