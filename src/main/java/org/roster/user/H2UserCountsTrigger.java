package org.roster.user;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;

import org.h2.tools.TriggerAdapter;

/**
 * Keeps {@code user_counts} exact on H2, as the PostgreSQL migration's trigger function
 * does there. H2 calls it for every inserted, updated and deleted user row; an update
 * that leaves role and status alone writes nothing.
 */
public class H2UserCountsTrigger extends TriggerAdapter {

	@Override
	public void fire(Connection connection, ResultSet oldRow, ResultSet newRow) throws SQLException {
		String oldRole = (oldRow != null) ? oldRow.getString("ROLE") : null;
		String oldStatus = (oldRow != null) ? oldRow.getString("STATUS") : null;
		String newRole = (newRow != null) ? newRow.getString("ROLE") : null;
		String newStatus = (newRow != null) ? newRow.getString("STATUS") : null;
		if (Objects.equals(oldRole, newRole) && Objects.equals(oldStatus, newStatus)) {
			return;
		}
		if (oldRow != null) {
			add(connection, oldRole, oldStatus, -1);
		}
		if (newRow != null) {
			add(connection, newRole, newStatus, 1);
		}
	}

	private static void add(Connection connection, String role, String status, int delta) throws SQLException {
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE user_counts SET n = n + ? WHERE role = ? AND status = ?")) {
			update.setInt(1, delta);
			update.setString(2, role);
			update.setString(3, status);
			update.executeUpdate();
		}
	}

}
