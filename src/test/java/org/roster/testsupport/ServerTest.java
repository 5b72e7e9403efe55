package org.roster.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

/**
 * Like {@link DatabaseTest}, but the application serves on a random port of a real
 * Tomcat, for tests that must see what a client on the wire sees (cookies, headers,
 * connections), which MockMvc only imitates. Add {@link OnPostgres}'s profile switch on a
 * subclass for the PostgreSQL variant.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextCustomizerFactories(CleanStartCustomizerFactory.class)
@TestExecutionListeners(listeners = FreshSchemaListener.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
public @interface ServerTest {

}
