package org.roster.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.roster.account.ExternalProviders.Provider;
import org.roster.user.DuplicateUserException;
import org.roster.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
class RegistrationController {

	private final AccountService accounts;

	private final Messages messages;

	private final ExternalProviders providers;

	RegistrationController(AccountService accounts, Messages messages, ExternalProviders providers) {
		this.accounts = accounts;
		this.messages = messages;
		this.providers = providers;
	}

	/** One button per configured provider; none without. */
	@ModelAttribute("externalProviders")
	List<Provider> externalProviders() {
		return this.providers.all();
	}

	@InitBinder("form")
	void allowOnlyFormFields(WebDataBinder binder) {
		binder.setAllowedFields("username", "email", "password", "passwordConfirm");
	}

	@GetMapping("/register")
	String form(Model model) {
		model.addAttribute("form", RegistrationForm.empty());
		model.addAttribute("errors", Map.of());
		return "register";
	}

	@PostMapping("/register")
	String register(@ModelAttribute("form") RegistrationForm form, Locale locale, Model model) {
		Map<String, String> errors = new LinkedHashMap<>(
				this.accounts.validate(form.username(), form.email(), form.password()));
		if (form.password() != null && !form.password().equals(form.passwordConfirm())) {
			errors.putIfAbsent("passwordConfirm", this.messages.get("register.passwordConfirm.differs"));
		}
		if (errors.isEmpty()) {
			try {
				this.accounts.register(form.username(), form.email(), form.password(), locale);
				// The login page confirms for ?registered; a flash message would say it
				// twice.
				return "redirect:/login?registered";
			}
			catch (DuplicateUserException ex) {
				errors.put(ex.getField(), this.messages.get("account.duplicate." + ex.getField()));
			}
			catch (InvalidAccountException ex) {
				errors.putAll(ex.errors());
			}
		}
		model.addAttribute("form", form.withoutPasswords());
		model.addAttribute("errors", errors);
		return "register";
	}

}
