package org.roster.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.roster.account.AccountService;
import org.roster.account.Invitations;
import org.roster.account.RosterPrincipal;
import org.roster.admin.UserCsvReader.Row;
import org.roster.profile.ProfileData;
import org.roster.profile.ProfileService;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.web.Messages;
import org.roster.web.Sha256;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's CSV import: a dry run says per row what would happen (create, skip: the
 * username exists, or error with the reasons), and the confirmation creates the rows to
 * create, all in one transaction or none. The rules are those of "Add user": the username
 * and email formats and uniqueness ({@code account.AccountService}), the profile's
 * validation, an invited account with no password anyone knows.
 * <p>
 * The confirmation must import exactly what the admin saw, on whichever node it lands:
 * nothing is kept between the two requests. The preview's {@code planId} is the SHA-256
 * of the file and of each row's outcome; the confirmation sends the file again with it,
 * and the plan is made again in the confirming transaction. A different file, or a row
 * whose outcome changed since (someone took a username meanwhile), gives another id: the
 * confirmation is refused and creates nothing.
 */
@Service
class UserImport {

	private static final Map<String, String> PROFILE_FIELDS = Map.of("fullName", "full_name", "bio", "bio", "address",
			"address", "zipcode", "zipcode", "phone", "phone", "email", "contact_email", "website", "website");

	private final UserDirectory directory;

	private final AccountService accounts;

	private final Invitations invitations;

	private final ProfileService profiles;

	private final Validator validator;

	private final Messages messages;

	UserImport(UserDirectory directory, AccountService accounts, Invitations invitations, ProfileService profiles,
			Validator validator, Messages messages) {
		this.directory = directory;
		this.accounts = accounts;
		this.invitations = invitations;
		this.profiles = profiles;
		this.validator = validator;
		this.messages = messages;
	}

	/** What the file would do; changes nothing. */
	@Transactional(readOnly = true)
	ImportReport preview(byte[] file) {
		return plan(file).report(false, this.invitations.mailConfigured());
	}

	/**
	 * Creates the accounts of the plan {@code planId}, invited by mail when mail is
	 * configured, in one transaction.
	 * @throws ImportChangedException when the file's plan is not {@code planId} any more
	 * @throws ImportErrorsException when a row has errors (nothing is created)
	 */
	@Transactional
	ImportReport confirm(RosterPrincipal actor, byte[] file, String planId, Locale language) {
		Plan plan = plan(file);
		if (!plan.id().equals(planId)) {
			throw new ImportChangedException();
		}
		Map<String, String> errors = new LinkedHashMap<>();
		plan.rows()
			.stream()
			.filter((row) -> row.outcome() == Outcome.ERROR)
			.forEach((row) -> errors.put("line " + row.line(), String.join("; ", row.errors().values())));
		if (!errors.isEmpty()) {
			throw new ImportErrorsException(errors);
		}
		List<PlannedRow> creations = plan.rows().stream().filter((row) -> row.outcome() == Outcome.CREATE).toList();
		List<User> created = this.invitations.inviteAll(creations.stream()
			.map((row) -> new Invitations.Invitee(row.username(), row.email(), row.role()))
			.toList(), language, actor.username());
		for (int i = 0; i < created.size(); i++) {
			ProfileData profile = creations.get(i).profile();
			if (profile != null) {
				this.profiles.update(created.get(i).getId(), profile);
			}
		}
		return plan.report(true, this.invitations.mailConfigured());
	}

	private Plan plan(byte[] file) {
		List<Row> rows = UserCsvReader.read(file);
		Set<String> takenUsernames = this.directory.existing("username_key",
				rows.stream().map((row) -> key(row.get("username"))).toList());
		Set<String> takenEmails = this.directory.existing("email",
				rows.stream().map((row) -> key(row.get("email"))).toList());
		Map<String, Long> usernamesInFile = new HashMap<>();
		Map<String, Long> emailsInFile = new HashMap<>();
		List<PlannedRow> planned = new ArrayList<>(rows.size());
		for (Row row : rows) {
			planned.add(plan(row, takenUsernames, takenEmails, usernamesInFile, emailsInFile));
		}
		StringBuilder outcomes = new StringBuilder();
		planned.forEach((row) -> outcomes.append(row.line()).append(':').append(row.outcome()).append('\n'));
		byte[] outcomeBytes = outcomes.toString().getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[file.length + outcomeBytes.length];
		System.arraycopy(file, 0, all, 0, file.length);
		System.arraycopy(outcomeBytes, 0, all, file.length, outcomeBytes.length);
		return new Plan(Sha256.hex(all), planned);
	}

	private PlannedRow plan(Row row, Set<String> takenUsernames, Set<String> takenEmails,
			Map<String, Long> usernamesInFile, Map<String, Long> emailsInFile) {
		String username = strip(row.get("username"));
		String email = strip(row.get("email")).toLowerCase(Locale.ROOT);
		Map<String, String> errors = new LinkedHashMap<>();
		if (row.cellCount() != row.columnCount()) {
			errors.put("row", this.messages.get("import.row.cells", row.columnCount(), row.cellCount()));
		}
		this.accounts.formatErrors(username, email).forEach(errors::put);
		Role role = role(row.get("role"), errors);
		ProfileData profile = profile(row, errors);
		Long earlierUsername = usernamesInFile.putIfAbsent(key(username), row.line());
		if (!errors.containsKey("username") && earlierUsername != null) {
			errors.put("username", this.messages.get("import.row.twice", earlierUsername));
		}
		if (!errors.containsKey("username") && takenUsernames.contains(key(username))) {
			// An existing account is never changed by an import, whatever the row says.
			return new PlannedRow(row.line(), username, email, role, Outcome.SKIP,
					Map.of("username", this.messages.get("import.row.exists")), null);
		}
		Long earlierEmail = emailsInFile.putIfAbsent(email, row.line());
		if (!errors.containsKey("email") && earlierEmail != null) {
			errors.put("email", this.messages.get("import.row.twice", earlierEmail));
		}
		if (!errors.containsKey("email") && takenEmails.contains(email)) {
			errors.put("email", this.messages.get("validation.taken"));
		}
		return new PlannedRow(row.line(), username, email, role, errors.isEmpty() ? Outcome.CREATE : Outcome.ERROR,
				errors, profile);
	}

	private Role role(@Nullable String value, Map<String, String> errors) {
		String role = strip(value).toUpperCase(Locale.ROOT);
		if (role.isEmpty() || role.equals("USER")) {
			return Role.USER;
		}
		if (role.equals("ADMIN")) {
			return Role.ADMIN;
		}
		errors.put("role", this.messages.get("import.row.role"));
		return Role.USER;
	}

	/**
	 * The profile columns the file has (a column it lacks keeps the new account's
	 * default), checked like the edit dialog's; null when it has none.
	 */
	private @Nullable ProfileData profile(Row row, Map<String, String> errors) {
		if (UserCsvReader.PROFILE.stream().noneMatch(row::has)) {
			return null;
		}
		ProfileData profile = new ProfileData(present(row, "full_name"), present(row, "bio"), present(row, "address"),
				present(row, "zipcode"), present(row, "phone"), present(row, "contact_email"), present(row, "website"));
		for (ConstraintViolation<ProfileData> violation : this.validator.validate(profile)) {
			String column = PROFILE_FIELDS.getOrDefault(violation.getPropertyPath().toString(),
					violation.getPropertyPath().toString());
			errors.putIfAbsent(column, violation.getMessage());
		}
		return profile;
	}

	/** A column's value, "" for an empty cell of a column the file has, null without. */
	private static @Nullable String present(Row row, String column) {
		return row.has(column) ? strip(row.get(column)) : null;
	}

	private static String strip(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	private static String key(@Nullable String value) {
		return strip(value).toLowerCase(Locale.ROOT);
	}

	enum Outcome {

		CREATE, SKIP, ERROR

	}

	private record PlannedRow(long line, String username, String email, Role role, Outcome outcome,
			Map<String, String> errors, @Nullable ProfileData profile) {
	}

	private record Plan(String id, List<PlannedRow> rows) {

		ImportReport report(boolean imported, boolean mail) {
			List<ImportReport.RowReport> reports = this.rows.stream()
				.map((row) -> new ImportReport.RowReport(row.line(), row.username(), row.email(), row.role(),
						row.outcome().name().toLowerCase(Locale.ROOT), row.errors()))
				.toList();
			return new ImportReport(this.id, imported, mail, count(Outcome.CREATE), count(Outcome.SKIP),
					count(Outcome.ERROR), reports);
		}

		private int count(Outcome outcome) {
			return (int) this.rows.stream().filter((row) -> row.outcome() == outcome).count();
		}

	}

	/** The file's plan is not the one previewed: preview again. */
	static class ImportChangedException extends RuntimeException {

		ImportChangedException() {
			super("The import changed since its preview");
		}

	}

	/** Rows with errors: nothing is imported until the file is fixed. */
	static class ImportErrorsException extends RuntimeException {

		private final Map<String, String> errors;

		ImportErrorsException(Map<String, String> errors) {
			super("Rows with errors: " + errors.keySet());
			this.errors = errors;
		}

		Map<String, String> errors() {
			return this.errors;
		}

	}

}
