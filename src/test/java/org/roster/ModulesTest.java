package org.roster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.DependencyDepth;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Modulith's view of the features: no cycles and no reach into another feature's
 * internals ({@code verify()}), and the features table of {@code docs/ARCHITECTURE.md}
 * names, for each feature, exactly the features its code uses.
 */
class ModulesTest {

	/**
	 * The entry point is no feature: it hands {@code ./manage} arguments to {@code cli},
	 * which starts the application from it (a cycle only through the bootstrap class).
	 */
	private static final ApplicationModules MODULES = ApplicationModules.of(RosterApplication.class,
			JavaClass.Predicates.equivalentTo(RosterApplication.class));

	private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\|.*\\| ([^|]*) \\|$", Pattern.MULTILINE);

	private static final Pattern NAME = Pattern.compile("`([a-z]+)`");

	@Test
	void modulesAreVerified() {
		MODULES.verify();
	}

	@Test
	void theFeaturesTableSaysWhatEachFeatureUses() throws IOException {
		Map<String, Set<String>> documented = new TreeMap<>();
		Matcher row = ROW.matcher(Files.readString(Path.of("docs/ARCHITECTURE.md")));
		while (row.find()) {
			Set<String> uses = new TreeSet<>();
			Matcher name = NAME.matcher(row.group(2));
			while (name.find()) {
				uses.add(name.group(1));
			}
			documented.put(row.group(1), uses);
		}
		Map<String, Set<String>> actual = new TreeMap<>();
		for (ApplicationModule module : MODULES) {
			actual.put(module.getIdentifier().toString(),
					module.getDependencies(MODULES, DependencyDepth.IMMEDIATE)
						.stream()
						.map(ApplicationModuleDependency::getTargetModule)
						.map(target -> target.getIdentifier().toString())
						.collect(Collectors.toCollection(TreeSet::new)));
		}
		assertThat(documented).as("docs/ARCHITECTURE.md's features and what they use").isEqualTo(actual);
	}

}
