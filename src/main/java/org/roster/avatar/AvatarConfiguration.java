package org.roster.avatar;

import java.nio.file.Path;

import javax.net.ssl.TrustManager;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The image store: an external FTP server when {@code roster.ftp.host} is set, otherwise
 * an embedded one started with the application. Nothing here connects at start-up; the
 * pool fills on first use.
 */
@Configuration(proxyBeanMethods = false)
class AvatarConfiguration {

	@Bean(destroyMethod = "stop")
	@Conditional(NoExternalFtpServer.class)
	EmbeddedFtpServer embeddedFtpServer(@Value("${roster.data-dir:./data}") Path dataDir) {
		EmbeddedFtpServer server = EmbeddedFtpServer.inDataDir(dataDir);
		server.start();
		return server;
	}

	@Bean
	ImageStore imageStore(FtpProperties ftp, ObjectProvider<EmbeddedFtpServer> embedded,
			ObjectProvider<SslBundles> sslBundles, MeterRegistry registry) {
		if (!ftp.external()) {
			return new TimedImageStore(new FtpImageStore(embedded.getObject().clientProperties(ftp), null), registry);
		}
		TrustManager trustManager = (ftp.sslBundle() != null)
				? sslBundles.getObject().getBundle(ftp.sslBundle()).getManagers().getTrustManagers()[0] : null;
		return new TimedImageStore(new FtpImageStore(ftp, trustManager), registry);
	}

	@Bean
	AvatarImageProcessor avatarImageProcessor(AvatarProperties avatar) {
		return new AvatarImageProcessor(avatar.maxBytes().toBytes());
	}

	@Bean
	ImageStoreHealthIndicator imageStoreHealthIndicator(ImageStore imageStore) {
		return new ImageStoreHealthIndicator(imageStore);
	}

	/** Matches when no external FTP server is configured. */
	static class NoExternalFtpServer implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("roster.ftp.host"));
		}

	}

}
