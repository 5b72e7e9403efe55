package org.roster.profile;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface ProfileRepository extends JpaRepository<UserProfile, Long> {

	Optional<UserProfile> findByUserId(long userId);

}
