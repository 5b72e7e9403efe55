package org.roster.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import org.h2.tools.TriggerAdapter;

/**
 * Keeps {@code user_counts} exact on H2, as the PostgreSQL migration's trigger function
 * does there: one counter per role, status and whether the address is verified (V8). H2
 * calls it for every inserted, updated and deleted user row; an update that leaves the
 * three alone (a sign-in, a failed attempt, a profile edit) writes nothing.
 */
public class H2UserCountsTrigger extends TriggerAdapter {

	@Override
	public void fire(Connection connection, ResultSet oldRow, ResultSet newRow) throws SQLException {
		Key before = (oldRow != null) ? Key.of(oldRow) : null;
		Key after = (newRow != null) ? Key.of(newRow) : null;
		if (Objects.equals(before, after)) {
			return;
		}
		if (before != null) {
			add(connection, before, -1);
		}
		if (after != null) {
			add(connection, after, 1);
		}
	}

	private static void add(Connection connection, Key key, int delta) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE user_counts SET n = n + ? WHERE role = ? AND status = ? AND email_verified = ?")) {
			update.setInt(1, delta);
			update.setString(2, key.role());
			update.setString(3, key.status());
			update.setBoolean(4, key.emailVerified());
			update.executeUpdate();
		}
	}

	private record Key(String role, String status, boolean emailVerified) {

		static Key of(ResultSet row) throws SQLException {
			return new Key(row.getString("ROLE"), row.getString("STATUS"), row.getBoolean("EMAIL_VERIFIED"));
		}

	}

}
