package org.roster.account;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.roster.account.ExternalIdentities.Identity;
import org.roster.account.ExternalProviders.Provider;
import org.roster.account.ExternalSignIns.LinkIntent;
import org.roster.account.ExternalSignIns.Notice;
import org.roster.account.ExternalSignIns.PendingSignIn;
import org.roster.user.DuplicateUserException;
import org.roster.user.EmailAddress;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.Messages;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The person's side of signing in with another account: the page that asks what to do
 * when the provider account cannot simply sign in ({@code /login/external}: give an
 * address, or sign in with the password of the account to link), and the profile's
 * "Sign-in methods" (link, remove).
 */
@Controller
class ExternalSignInController {

	static final String PENDING_PATH = "/login/external";

	static final String EMAIL_PATH = PENDING_PATH + "/email";

	static final String CANCEL_PATH = PENDING_PATH + "/cancel";

	static final String METHODS_PATH = "/profile/sign-in-methods";

	private final ExternalSignIns signIns;

	private final ExternalSignInHandler handler;

	private final ExternalProviders providers;

	private final ExternalIdentities identities;

	private final UserService users;

	private final Messages messages;

	ExternalSignInController(ExternalSignIns signIns, ExternalSignInHandler handler, ExternalProviders providers,
			ExternalIdentities identities, UserService users, Messages messages) {
		this.signIns = signIns;
		this.handler = handler;
		this.providers = providers;
		this.identities = identities;
		this.users = users;
		this.messages = messages;
	}

	@GetMapping(PENDING_PATH)
	String pending(HttpServletRequest request, Model model) {
		PendingSignIn pending = pendingOf(request);
		if (pending == null) {
			return "redirect:/login";
		}
		return page(pending, (pending.account().email() != null) ? pending.account().email() : "", Map.of(), model);
	}

	@PostMapping(EMAIL_PATH)
	@Nullable String giveAddress(@RequestParam(name = "email", required = false) @Nullable String email,
			HttpServletRequest request, HttpServletResponse response, Locale locale, Model model)
			throws IOException, ServletException {
		PendingSignIn pending = pendingOf(request);
		if (pending == null) {
			return "redirect:/login";
		}
		String address = (email != null) ? email.strip() : "";
		if (!EmailAddress.isValid(address)) {
			return page(pending, address, Map.of("email", this.messages.get("account.email.invalid")), model);
		}
		User user;
		try {
			if (this.users.emailTaken(address, null)) {
				throw new DuplicateUserException("email");
			}
			user = this.signIns.createWithGivenAddress(pending.account(), address, locale);
		}
		catch (DuplicateUserException ex) {
			String key = "email".equals(ex.getField()) ? "external.email.taken" : "account.username.taken";
			return page(pending, address, Map.of("email", this.messages.get(key)), model);
		}
		if (this.signIns.mustVerifyBeforeSignIn() && !user.isEmailVerified()) {
			request.getSession().removeAttribute(ExternalSignIns.PENDING);
			return "redirect:/login?registered";
		}
		this.handler.signIn(request, response, user, null);
		return null;
	}

	@PostMapping(CANCEL_PATH)
	String cancel(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ExternalSignIns.PENDING);
		}
		return "redirect:/login";
	}

	/** Starts the provider's round trip for the signed-in user, who asked to link it. */
	@PostMapping(METHODS_PATH + "/{registrationId}")
	String link(@PathVariable String registrationId, HttpServletRequest request) {
		Provider provider = provider(registrationId);
		RosterPrincipal principal = CurrentUser.require();
		boolean linked = this.identities.ofUser(principal.id())
			.stream()
			.anyMatch((identity) -> identity.provider().equals(registrationId));
		if (linked) {
			notice(request, new Notice("account.external.notice.alreadyLinked", provider.name(), false));
			return "redirect:/profile#sign-in-methods";
		}
		request.getSession()
			.setAttribute(ExternalSignIns.LINK_INTENT, new LinkIntent(principal.id(), registrationId, Instant.now()));
		return "redirect:" + provider.startPath();
	}

	/**
	 * Removes a link, unless it is the account's only way in (no password of its own, one
	 * link): then the password comes first, through the reset mail.
	 */
	@PostMapping(METHODS_PATH + "/{registrationId}/remove")
	String unlink(@PathVariable String registrationId, HttpServletRequest request) {
		RosterPrincipal principal = CurrentUser.require();
		String name = this.providers.nameOf(registrationId);
		User user = this.users.get(principal.id());
		List<Identity> links = this.identities.ofUser(user.getId());
		boolean linked = links.stream().anyMatch((identity) -> identity.provider().equals(registrationId));
		if (!linked) {
			notice(request, new Notice("account.external.notice.notLinked", name, false));
		}
		else if (!user.hasPassword() && links.size() == 1) {
			notice(request, new Notice("account.external.notice.lastMethod", name, false));
		}
		else {
			this.identities.unlink(user.getId(), registrationId);
			notice(request, new Notice("account.external.notice.unlinked", name, true));
		}
		return "redirect:/profile#sign-in-methods";
	}

	private String page(PendingSignIn pending, String email, Map<String, String> errors, Model model) {
		model.addAttribute("pending", pending);
		model.addAttribute("account", pending.account());
		model.addAttribute("email", email);
		model.addAttribute("errors", errors);
		model.addAttribute("username",
				(pending.account().verifiedEmail() != null) ? pending.account().verifiedEmail() : "");
		return "external-sign-in";
	}

	private Provider provider(String registrationId) {
		return this.providers.find(registrationId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static void notice(HttpServletRequest request, Notice notice) {
		request.getSession().setAttribute(ExternalSignIns.NOTICE, notice);
	}

	private static @Nullable PendingSignIn pendingOf(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ExternalSignIns.PENDING) instanceof PendingSignIn pending
				&& !pending.isStale()) {
			return pending;
		}
		return null;
	}

}
