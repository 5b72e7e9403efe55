package org.roster.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

/**
 * A full application test (MockMvc available) against H2 in memory, starting from a
 * freshly migrated, empty schema (Flyway clean + migrate before the class).
 * <p>
 * All classes with this annotation and nothing else that changes the context
 * configuration share one cached Spring context. To run the same tests on PostgreSQL too,
 * add an empty subclass annotated with {@link OnPostgres}:
 *
 * <pre class="code">
 * &#64;DatabaseTest
 * class UserServiceTest { &#64;Autowired UserService users; &#64;Test void ... }
 *
 * &#64;OnPostgres
 * class UserServicePostgresTest extends UserServiceTest { }
 * </pre>
 *
 * Do not make test classes {@code @Transactional} when they check commits, rollbacks or
 * concurrency; use {@link TestDatabase} to look at rows and empty tables.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@ContextCustomizerFactories(CleanStartCustomizerFactory.class)
@TestExecutionListeners(listeners = FreshSchemaListener.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
public @interface DatabaseTest {

}
