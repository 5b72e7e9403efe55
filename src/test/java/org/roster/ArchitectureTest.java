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
 * {@code account} (which may use the shared {@code web} helpers), then {@code admin} and
 * {@code avatar}, with {@code cli} on top. Written so that new packages are checked too.
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
	static final ArchRule userDependsOnNoOtherFeature = noClasses().that()
		.resideInAPackage("org.roster.user..")
		.should()
		.dependOnClassesThat(resideInAPackage(ROSTER).and(not(resideInAPackage("org.roster.user.."))))
		.because("every feature builds on users; users know nothing of them (they talk through events)");

	@ArchTest
	static final ArchRule profileDependsOnlyOnUser = noClasses().that()
		.resideInAPackage("org.roster.profile..")
		.should()
		.dependOnClassesThat(
				resideInAPackage(ROSTER).and(not(resideInAnyPackage("org.roster.profile..", "org.roster.user.."))))
		.because("the profile follows its user through the user's events and nothing else");

	@ArchTest
	static final ArchRule coreFeaturesDoNotDependOnTheLayersAbove = noClasses().that()
		.resideInAnyPackage("org.roster.user..", "org.roster.profile..", "org.roster.account..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.roster.admin..", "org.roster.avatar..", "org.roster.cli..");

	@ArchTest
	static final ArchRule theWebHelpersDependOnNoFeature = noClasses().that()
		.resideInAPackage("org.roster.web..")
		.should()
		.dependOnClassesThat(resideInAPackage(ROSTER).and(not(resideInAPackage("org.roster.web.."))))
		.because("error translation and layout helpers are shared by every feature");

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
		.resideInAPackage("org.roster.admin..")
		.and()
		.areMetaAnnotatedWith(RequestMapping.class)
		.should()
		.beAnnotatedWith(PreAuthorize.class)
		.because("a reader of an admin route sees its rule on the handler, not only in SecurityConfig's URL list");

	@ArchTest
	static final ArchRule constructorInjectionOnly = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

}
