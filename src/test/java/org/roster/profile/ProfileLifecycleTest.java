package org.roster.profile;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.DuplicateUserException;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserCreatedEvent;
import org.roster.user.UserDeletedEvent;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The profile lives and dies with its user (docs/API.md, Data model): through the
 * {@code createProfileByUser} / {@code deleteProfileByUser} listeners, in the user's
 * transaction, and by the foreign key's cascade.
 */
@DatabaseTest
@RecordApplicationEvents
class ProfileLifecycleTest {

	@Autowired
	UserService users;

	@Autowired
	ProfileService profiles;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEvents events;

	@Autowired
	DataSource dataSource;

	TestDatabase db;

	@BeforeEach
	void emptyTables() {
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
	}

	@Test
	void creatingAUserCreatesItsProfileWithTheAccountEmail() {
		User user = this.users.create(new NewUser("Alice", "  Alice.Smith@Example.COM ", "hash", Role.USER));

		assertThat(user.getEmail()).isEqualTo("alice.smith@example.com");
		assertThat(this.events.stream(UserCreatedEvent.class))
			.containsExactly(new UserCreatedEvent(user.getId(), "alice.smith@example.com"));
		ProfileView profile = this.profiles.get(user.getId());
		assertThat(profile.email()).isEqualTo("alice.smith@example.com");
		assertThat(profile.fullName()).isEmpty();
		assertThat(profile.image()).isNull();
		assertThat(this.db.count("user_profiles", "user_id = ?", user.getId())).isEqualTo(1);
	}

	@Test
	void deletingAUserDeletesItsProfileAndAnnouncesTheImageToDrop() {
		User user = this.users.create(new NewUser("bob", "bob@example.com", "hash", Role.USER));
		String image = "ftp://127.0.0.1/avatars/" + user.getId() + "/0b0e.png";
		this.profiles.replaceImage(user.getId(), image);

		this.users.delete(user.getId());

		assertThat(this.events.stream(UserDeletedEvent.class))
			.containsExactly(new UserDeletedEvent(user.getId(), "bob"));
		assertThat(this.events.stream(ProfileDeletedEvent.class))
			.containsExactly(new ProfileDeletedEvent(user.getId(), image));
		assertThat(this.db.count("users", "id = ?", user.getId())).isZero();
		assertThat(this.db.count("user_profiles", "user_id = ?", user.getId())).isZero();
		assertThatExceptionOfType(ProfileNotFoundException.class).isThrownBy(() -> this.profiles.get(user.getId()));
	}

	@Test
	void deletingAUserWithoutAvatarAnnouncesNoImage() {
		User user = this.users.create(new NewUser("carol", "carol@example.com", "hash", Role.USER));

		this.users.delete(user.getId());

		assertThat(this.events.stream(ProfileDeletedEvent.class))
			.containsExactly(new ProfileDeletedEvent(user.getId(), null));
	}

	@Test
	void aRefusedDuplicateLeavesNoProfileBehind() {
		this.users.create(new NewUser("dave", "dave@example.com", "hash", Role.USER));

		assertThatExceptionOfType(DuplicateUserException.class)
			.isThrownBy(() -> this.users.create(new NewUser("dave2", "DAVE@example.com", "hash", Role.USER)));

		assertThat(this.db.count("users")).isEqualTo(1);
		assertThat(this.db.count("user_profiles")).isEqualTo(1);
		assertThat(this.events.stream(UserCreatedEvent.class)).hasSize(1);
	}

	@Test
	void aRolledBackCreationLeavesNeitherUserNorProfile() {
		Long id = this.transactions.execute((status) -> {
			User user = this.users.create(new NewUser("erin", "erin@example.com", "hash", Role.USER));
			// Inside the transaction both rows exist...
			assertThat(this.db.count("user_profiles", "user_id = ?", user.getId())).isEqualTo(1);
			status.setRollbackOnly();
			return user.getId();
		});

		// ...and after the rollback neither does.
		assertThat(this.db.count("users", "id = ?", id)).isZero();
		assertThat(this.db.count("user_profiles", "user_id = ?", id)).isZero();
		assertThat(this.users.findById(id)).isEmpty();
	}

	@Test
	void aFailureAfterCreateInTheSameTransactionUndoesBoth() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				this.users.create(new NewUser("frank", "frank@example.com", "hash", Role.USER));
				throw new IllegalStateException("something later in the transaction failed");
			}));

		assertThat(this.db.count("users")).isZero();
		assertThat(this.db.count("user_profiles")).isZero();
	}

	@Test
	void deletingTheUserRowInSqlCascadesToTheProfile() {
		User user = this.users.create(new NewUser("grace", "grace@example.com", "hash", Role.USER));
		User other = this.users.create(new NewUser("heidi", "heidi@example.com", "hash", Role.USER));

		int deleted = this.db.jdbc().update("DELETE FROM users WHERE id = ?", user.getId());

		assertThat(deleted).isEqualTo(1);
		assertThat(this.db.count("user_profiles", "user_id = ?", user.getId())).isZero();
		assertThat(this.db.count("user_profiles", "user_id = ?", other.getId())).isEqualTo(1);
	}

}
