package org.roster.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.roster.account.InvalidAccountException;
import org.roster.account.Invitations;
import org.roster.mail.Outbox;
import org.roster.user.DuplicateUserException;
import org.roster.user.Role;
import org.roster.user.User;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "invite", mixinStandardHelpOptions = true,
		description = { "Create an account and mail its owner an invitation (applies pending migrations first).",
				"The link lets them choose their own password; it works once, for roster.mail.invite-ttl (7 days).",
				"Mail goes to spring.mail.host, or without it into the outbox folder of the data folder." })
class UsersInviteCommand implements Callable<Integer> {

	@Option(names = "--username", paramLabel = "U", required = true,
			description = "3-32 characters: letters, digits, . _ -")
	String username;

	@Option(names = "--email", paramLabel = "E", required = true, description = "Where the invitation goes.")
	String email;

	@Option(names = "--role", paramLabel = "ROLE", defaultValue = "USER", description = "USER (default) or ADMIN.")
	Role role;

	@Option(names = "--language", paramLabel = "LANG", defaultValue = "en", converter = LanguageConverter.class,
			description = "The invitation's language, kept as the account's (its later mail follows it): en (default) or de.")
	Locale language;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Migrations.apply(context.getBean(Flyway.class), System.out);
			User user = context.getBean(Invitations.class)
				.invite(this.username, this.email, this.role, this.language, null);
			// A one-shot command has no scheduler: deliver now, before the JVM ends.
			Outbox outbox = context.getBean(Outbox.class);
			outbox.deliverDue();
			String who = "'" + user.getUsername() + "' (" + user.getRole() + ", id " + user.getId() + ")";
			if (outbox.waitingFor(user.getId()) == 0) {
				System.out.println("Invited " + who + ": invitation sent to " + user.getEmail() + ".");
			}
			else {
				System.out.println("Invited " + who + ": the invitation to " + user.getEmail()
						+ " could not be delivered yet and waits in the outbox: the server (./manage runserver) retries it"
						+ " with back-off; its log says why.");
			}
			return 0;
		}
		catch (InvalidAccountException ex) {
			throw new CliException(String.join(" ",
					ex.errors().entrySet().stream().map((entry) -> entry.getKey() + ": " + entry.getValue()).toList()));
		}
		catch (DuplicateUserException ex) {
			throw new CliException(ex.getMessage());
		}
	}

	/** A language the site has messages in; anything else is wrong usage (exit 2). */
	static final class LanguageConverter implements ITypeConverter<Locale> {

		// web.LocaleConfig.SUPPORTED, which the command line does not depend on.
		private static final List<Locale> SUPPORTED = List.of(Locale.GERMAN, Locale.ENGLISH);

		@Override
		public Locale convert(String value) {
			String wanted = value.strip().toLowerCase(Locale.ROOT);
			return SUPPORTED.stream()
				.filter((language) -> language.getLanguage().equals(wanted))
				.findFirst()
				.orElseThrow(() -> new TypeConversionException("'" + value + "' is not supported: "
						+ String.join(" or ", SUPPORTED.stream().map(Locale::getLanguage).toList())));
		}

	}

}
