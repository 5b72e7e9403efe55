package org.roster.profile;

import org.roster.user.UserCreatedEvent;
import org.roster.user.UserDeletedEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one profile per user. Plain (synchronous) listeners run inside the user's
 * transaction, so a rolled-back user change leaves no profile change behind.
 */
@Component
class ProfileLifecycle {

	private final ProfileRepository profiles;

	private final ApplicationEventPublisher events;

	ProfileLifecycle(ProfileRepository profiles, ApplicationEventPublisher events) {
		this.profiles = profiles;
		this.events = events;
	}

	@EventListener
	void createProfileByUser(UserCreatedEvent event) {
		this.profiles.save(new UserProfile(event.userId(), event.email()));
	}

	@EventListener
	void deleteProfileByUser(UserDeletedEvent event) {
		this.profiles.findByUserId(event.userId()).ifPresent((profile) -> {
			this.profiles.delete(profile);
			this.profiles.flush();
			this.events.publishEvent(new ProfileDeletedEvent(event.userId(), profile.getImage()));
		});
	}

}
