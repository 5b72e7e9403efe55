package org.roster;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.data.repository.Repository;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure of {@code org.roster} (docs/ARCHITECTURE.md): one package per feature,
 * depending downwards only: {@code user} at the bottom, then {@code profile}, then
 * {@code account} and {@code avatar}, then {@code admin}, with {@code cli} on top;
 * {@code web} and {@code storage} are shared helpers that use no feature. One rule per
 * row of the features table, saying exactly what that row says; a package missing from
 * the table fails {@link #everyClassIsInAKnownFeature}.
 */
@AnalyzeClasses(packages = "org.roster", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	private static final String ROSTER = "org.roster..";

	@ArchTest
	static final ArchRule featuresHaveNoCycles = slices().matching("org.roster.(*)..")
		.namingSlices("feature $1")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule everyClassIsInAKnownFeature = classes().that()
		.resideInAPackage(ROSTER)
		.should()
		.resideInAnyPackage("org.roster", "org.roster.user..", "org.roster.profile..", "org.roster.account..",
				"org.roster.admin..", "org.roster.avatar..", "org.roster.cli..", "org.roster.web..",
				"org.roster.storage..", "org.roster.mail..", "org.roster.token..", "org.roster.oidc..",
				"org.roster.activity..")
		.because("a new package gets its row in docs/ARCHITECTURE.md and its dependency rule here");

	@ArchTest
	static final ArchRule userUsesNoOtherFeature = mayUseOnly("user")
		.because("every feature builds on users; users know nothing of them (they talk through events)");

	@ArchTest
	static final ArchRule profileUsesOnlyUser = mayUseOnly("profile", "user")
		.because("the profile follows its user through the user's events and nothing else");

	@ArchTest
	static final ArchRule accountUsesUserProfileAndWeb = mayUseOnly("account", "user", "profile", "avatar", "mail",
			"activity", "web")
		.because("the self-service area shows the profile; a provider's picture becomes the avatar; security answers"
				+ " with the shared problems");

	@ArchTest
	static final ArchRule adminUsesTheFeaturesBelowIt = mayUseOnly("admin", "user", "profile", "account", "avatar",
			"mail", "storage", "activity", "web");

	@ArchTest
	static final ArchRule oidcUsesUserProfileAvatarAccountAndWeb = mayUseOnly("oidc", "user", "profile", "avatar",
			"account", "activity", "web")
		.because("the provider signs in account's principal on account's sign-in page and tells applications the"
				+ " profile; nothing depends on it");

	@ArchTest
	static final ArchRule tokenUsesUserAccountAndWeb = mayUseOnly("token", "user", "account", "activity", "web")
		.because("a token signs in the account's principal under the account's route rules; "
				+ "account knows nothing of tokens (it publishes AccessEndedEvent)");

	@ArchTest
	static final ArchRule avatarUsesUserProfileAndWeb = mayUseOnly("avatar", "user", "profile", "activity", "web");

	@ArchTest
	static final ArchRule activityUsesUserStorageAndWeb = mayUseOnly("activity", "user", "web", "storage")
		.because("every feature writes the log, so the log knows no feature but the users it names"
				+ " (and which database it runs on)");

	@ArchTest
	static final ArchRule cliUsesTheApplicationUserAccountAndAvatar = noClasses().that()
		.resideInAPackage("org.roster.cli..")
		.should()
		.dependOnClassesThat(resideInAPackage(ROSTER)
			.and(not(resideInAnyPackage("org.roster", "org.roster.cli..", "org.roster.user..", "org.roster.account..",
					"org.roster.avatar..", "org.roster.mail..", "org.roster.oidc.."))));

	@ArchTest
	static final ArchRule theWebHelpersUseNoFeature = mayUseOnly("web")
		.because("error translation and layout helpers are shared by every feature");

	@ArchTest
	static final ArchRule mailUsesStorageAndWeb = mayUseOnly("mail", "storage", "web")
		.because("mail is written for other features; what it needs of a user comes in the message");

	@ArchTest
	static final ArchRule storageUsesNoFeature = mayUseOnly("storage")
		.because("the data folder and the database engine concern the whole schema, not one feature");

	@ArchTest
	static final ArchRule onlyTheEntryPointUsesTheCommandLine = noClasses().that()
		.resideInAPackage(ROSTER)
		.and()
		.resideOutsideOfPackage("org.roster.cli..")
		.and()
		.doNotBelongToAnyOf(RosterApplication.class)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.roster.cli..")
		.because("cli is an entry point: it may use every feature, no feature uses it");

	@ArchTest
	static final ArchRule nothingButEntryPointsUsesTheApplicationClass = noClasses().that()
		.resideInAPackage(ROSTER)
		.and()
		.resideOutsideOfPackages("org.roster", "org.roster.cli..")
		.should()
		.dependOnClassesThat()
		.belongToAnyOf(RosterApplication.class);

	@ArchTest
	static final ArchRule usersAndProfilesKnowNothingOfTheWeb = noClasses().that()
		.resideInAnyPackage("org.roster.user..", "org.roster.profile..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "org.springframework.ui..",
				"org.springframework.http..")
		.because("HTTP concerns (status codes, requests) belong to the web layer; the domain throws exceptions");

	@ArchTest
	static final ArchRule repositoriesArePackagePrivate = classes().that()
		.areAssignableTo(Repository.class)
		.should()
		.notBePublic()
		.because("a feature's tables are reached through its service, so events and guards are never bypassed");

	@ArchTest
	static final ArchRule controllersArePackagePrivate = classes().that()
		.areMetaAnnotatedWith(Controller.class)
		.should()
		.notBePublic()
		.allowEmptyShould(true)
		.because("controllers are found by component scanning; nothing calls them directly");

	@ArchTest
	static final ArchRule onlyTheCommandLinePrints = noClasses().that()
		.resideOutsideOfPackage("org.roster.cli..")
		.should(ACCESS_STANDARD_STREAMS)
		.because("the server logs; only the command line talks to a terminal");

	@ArchTest
	static final ArchRule onlyTheWebHelpersBuildProblems = noClasses().that()
		.resideOutsideOfPackage("org.roster.web..")
		.should()
		.callCodeUnitWhere(DescribedPredicate.describe("a constructor or factory of ProblemDetail",
				(JavaCall<?> call) -> call.getTargetOwner().isAssignableTo(ProblemDetail.class)
						&& (call.getName().equals(JavaConstructor.CONSTRUCTOR_NAME)
								|| call.getName().startsWith("forStatus"))))
		.because("every problem gets its catalogued type, title and status from web.Problems");

	@ArchTest
	static final ArchRule exceptionsCarryNoHttpStatus = noFields().that()
		.areDeclaredInClassesThat()
		.areAssignableTo(Throwable.class)
		.should()
		.haveRawType(assignableTo(HttpStatusCode.class))
		.because("the advice of each feature decides the status of a domain failure");

	@ArchTest
	static final ArchRule everyAdminHandlerSaysWhoMayCallIt = methods().that()
		.areDeclaredInClassesThat()
		.resideInAnyPackage("org.roster.admin..", "org.roster.activity..")
		.and()
		.areMetaAnnotatedWith(RequestMapping.class)
		.should()
		.beAnnotatedWith(PreAuthorize.class)
		.because("a reader of an admin route sees its rule on the handler, not only in SecurityConfig's URL list");

	@ArchTest
	static final ArchRule constructorInjectionOnly = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

	/**
	 * The features table of docs/ARCHITECTURE.md, one row: {@code feature} depends on no
	 * {@code org.roster} package but itself and {@code allowed}.
	 */
	private static ArchRule mayUseOnly(String feature, String... allowed) {
		String[] packages = new String[allowed.length + 1];
		packages[0] = "org.roster." + feature + "..";
		for (int i = 0; i < allowed.length; i++) {
			packages[i + 1] = "org.roster." + allowed[i] + "..";
		}
		return noClasses().that()
			.resideInAPackage("org.roster." + feature + "..")
			.should()
			.dependOnClassesThat(resideInAPackage(ROSTER).and(not(resideInAnyPackage(packages))));
	}

}
