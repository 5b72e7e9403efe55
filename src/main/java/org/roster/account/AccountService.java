package org.roster.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.roster.user.DuplicateUserException;
import org.roster.user.EmailAddress;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creates accounts: registration from the web and {@code create_admin} from the CLI share
 * these rules.
 */
@Service
public class AccountService {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,32}");

	private final UserService users;

	private final PasswordPolicy passwordPolicy;

	private final PasswordEncoder passwordEncoder;

	AccountService(UserService users, PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder) {
		this.users = users;
		this.passwordPolicy = passwordPolicy;
		this.passwordEncoder = passwordEncoder;
	}

	/**
	 * Checks and creates an account with the given role; throws
	 * {@link InvalidAccountException} with one message per field, or
	 * {@link DuplicateUserException}.
	 */
	public User create(String username, String email, String password, Role role) {
		Map<String, String> errors = validate(username, email, password);
		if (!errors.isEmpty()) {
			throw new InvalidAccountException(errors);
		}
		String hash = this.passwordEncoder.encode(password);
		return this.users.create(new NewUser(username.strip(), email.strip(), hash, role));
	}

	/**
	 * Field errors for a new account, before any database access except duplicate checks.
	 */
	public Map<String, String> validate(String username, String email, String password) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (username == null || !USERNAME.matcher(username.strip()).matches()) {
			errors.put("username", "3 to 32 characters: letters, digits, dot, dash or underscore.");
		}
		else if (this.users.usernameTaken(username.strip())) {
			errors.put("username", "This username is already taken.");
		}
		if (!EmailAddress.isValid(email)) {
			errors.put("email", "Enter a valid email address.");
		}
		else if (this.users.emailTaken(email, null)) {
			errors.put("email", "This email address is already registered.");
		}
		this.passwordPolicy.check(password, username, email).ifPresent((problem) -> errors.put("password", problem));
		return errors;
	}

}
