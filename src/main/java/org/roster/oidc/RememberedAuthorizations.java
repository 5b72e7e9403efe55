package org.roster.oidc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.roster.web.Sha256;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Reads an authorization row into its object once per content: the row is read from the
 * database on every request as before (so a grant ended or revoked on any node ends at
 * once), but when every column is what it was, the object parsed from it last time is
 * handed back instead of parsing its JSON again — most of the CPU of a userinfo, refresh
 * or introspection request. {@link OAuth2Authorization} is immutable, so sharing it is
 * safe.
 */
final class RememberedAuthorizations implements RowMapper<OAuth2Authorization> {

	private final RowMapper<OAuth2Authorization> parser;

	private final Cache<String, OAuth2Authorization> parsed = Caffeine.newBuilder()
		.maximumSize(2_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	RememberedAuthorizations(RowMapper<OAuth2Authorization> parser) {
		this.parser = parser;
	}

	@Override
	public OAuth2Authorization mapRow(ResultSet row, int rowNum) throws SQLException {
		String content = content(row);
		OAuth2Authorization known = this.parsed.getIfPresent(content);
		if (known != null) {
			return known;
		}
		OAuth2Authorization authorization = this.parser.mapRow(row, rowNum);
		if (authorization != null) {
			this.parsed.put(content, authorization);
		}
		return authorization;
	}

	/** Every column's value, hashed: equal only for the same row in the same state. */
	private static String content(ResultSet row) throws SQLException {
		ResultSetMetaData columns = row.getMetaData();
		StringBuilder all = new StringBuilder(4096);
		for (int i = 1; i <= columns.getColumnCount(); i++) {
			String value = row.getString(i);
			// The length first, so that no two different rows join into the same text.
			all.append((value != null) ? value.length() : -1).append(':').append((value != null) ? value : "");
		}
		return Sha256.hex(all.toString());
	}

}
