package org.roster.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code roster.registration.email-verification} binds {@code off}, {@code optional} and
 * {@code required} in any case, defaults to {@code optional}, and any other value stops
 * the start-up with a message naming the property and the value.
 */
class RegistrationPropertiesTest {

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aValueOtherThanOffOptionalOrRequiredStopsTheStartUpSayingWhichAreValid(CapturedOutput output) {
		SpringApplication application = new SpringApplicationBuilder(Properties.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.properties("roster.registration.email-verification=sometimes")
			.build();
		assertThatException().isThrownBy(application::run);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("roster.registration.email-verification")
			.contains("\"sometimes\"")
			.contains("OFF")
			.contains("OPTIONAL")
			.contains("REQUIRED");
	}

	@Test
	void anyCaseBindsAndOptionalIsTheDefault() {
		new ApplicationContextRunner().withUserConfiguration(Properties.class)
			.withPropertyValues("roster.registration.email-verification=Required")
			.run((context) -> assertThat(context.getBean(RegistrationProperties.class).emailVerification())
				.isEqualTo(RegistrationProperties.VerificationMode.REQUIRED));
		new ApplicationContextRunner().withUserConfiguration(Properties.class)
			.withPropertyValues("roster.registration.email-verification=off")
			.run((context) -> assertThat(context.getBean(RegistrationProperties.class).emailVerification())
				.isEqualTo(RegistrationProperties.VerificationMode.OFF));
		new ApplicationContextRunner().withUserConfiguration(Properties.class)
			.run((context) -> assertThat(context.getBean(RegistrationProperties.class).emailVerification())
				.as("the default")
				.isEqualTo(RegistrationProperties.VerificationMode.OPTIONAL));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RegistrationProperties.class)
	static class Properties {

	}

}
