package org.roster.avatar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The FTP server that keeps avatar files ({@code roster.ftp.*}). Without a host the
 * application runs its own embedded server under the data folder.
 *
 * @param host the server's host name or address; unset means the embedded server
 * @param port the control port
 * @param username the login name (required with a host)
 * @param password the login password (required with a host)
 * @param baseDir the directory under which {@code avatars/} is created
 * @param tls whether to use explicit FTPS (AUTH TLS, then a protected data channel)
 * @param sslBundle the name of a Spring SSL bundle ({@code spring.ssl.bundle.*}) whose
 * trust material verifies the server's certificate; unset means the JVM's default trust
 * store
 * @param publicBaseUrl the prefix of the stored URLs instead of
 * {@code ftp://host:port/base-dir}, e.g. the HTTP address under which the same files are
 * published; it keeps the stored URLs valid if the FTP host is renamed
 * @param connectTimeout how long to wait for the TCP connection and for a free pooled
 * connection
 * @param dataTimeout how long a read on the control or the data connection may block
 * @param poolSize how many logged-in connections this node keeps at most
 */
@ConfigurationProperties("roster.ftp")
public record FtpProperties(String host, @DefaultValue("21") int port, String username, String password,
		@DefaultValue("/") String baseDir, @DefaultValue("false") boolean tls, String sslBundle, String publicBaseUrl,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration dataTimeout,
		@DefaultValue("4") int poolSize) {

	public FtpProperties {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("roster.ftp.port must be between 1 and 65535");
		}
		if (poolSize < 1) {
			throw new IllegalArgumentException("roster.ftp.pool-size must be at least 1");
		}
		if (StringUtils.hasText(host) && (!StringUtils.hasText(username) || password == null)) {
			throw new IllegalArgumentException(
					"roster.ftp.username and roster.ftp.password are required when roster.ftp.host is set");
		}
	}

	/** Whether an external server is configured (otherwise the embedded one runs). */
	boolean external() {
		return StringUtils.hasText(this.host);
	}

	// The generated toString would print the password wherever the properties are logged.
	@Override
	public String toString() {
		return "FtpProperties[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "******" : null) + ", baseDir=" + this.baseDir + ", tls=" + this.tls
				+ ", sslBundle=" + this.sslBundle + ", publicBaseUrl=" + this.publicBaseUrl + ", connectTimeout="
				+ this.connectTimeout + ", dataTimeout=" + this.dataTimeout + ", poolSize=" + this.poolSize + "]";
	}

}
