package org.roster.account;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * Records a session's last access at most once per {@code resolution}. Spring Session
 * writes the session row whenever the access time changes, that is on every request: a
 * database write (and a log flush) for each click, image and JSON call of a signed-in
 * user. Sessions last hours, so an expiry up to a minute early costs nothing, and a
 * request that changes nothing else now writes nothing. Every other change (attributes,
 * id rotation, timeout) is saved as before.
 */
final class SparseTouchSessionRepository<S extends Session> implements
		FindByIndexNameSessionRepository<SparseTouchSessionRepository.SparseTouchSession<S>>, DisposableBean {

	private final FindByIndexNameSessionRepository<S> delegate;

	private final DisposableBean lifecycle;

	private final Duration resolution;

	/**
	 * @param lifecycle what to stop with the application (the JDBC repository's
	 * expired-session clean-up)
	 */
	SparseTouchSessionRepository(FindByIndexNameSessionRepository<S> delegate, DisposableBean lifecycle,
			Duration resolution) {
		this.delegate = delegate;
		this.lifecycle = lifecycle;
		this.resolution = resolution;
	}

	@Override
	public void destroy() throws Exception {
		this.lifecycle.destroy();
	}

	@Override
	public SparseTouchSession<S> createSession() {
		return wrap(this.delegate.createSession());
	}

	@Override
	public void save(SparseTouchSession<S> session) {
		this.delegate.save(session.delegate);
	}

	@Override
	public SparseTouchSession<S> findById(String id) {
		S session = this.delegate.findById(id);
		return (session != null) ? wrap(session) : null;
	}

	@Override
	public void deleteById(String id) {
		this.delegate.deleteById(id);
	}

	@Override
	public Map<String, SparseTouchSession<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, SparseTouchSession<S>> sessions = new LinkedHashMap<>();
		this.delegate.findByIndexNameAndIndexValue(indexName, indexValue)
			.forEach((id, session) -> sessions.put(id, wrap(session)));
		return sessions;
	}

	private SparseTouchSession<S> wrap(S session) {
		return new SparseTouchSession<>(session, this.resolution);
	}

	static final class SparseTouchSession<S extends Session> implements Session {

		private final S delegate;

		private final Duration resolution;

		private SparseTouchSession(S delegate, Duration resolution) {
			this.delegate = delegate;
			this.resolution = resolution;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime.isBefore(this.delegate.getLastAccessedTime().plus(this.resolution))) {
				this.delegate.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public String getId() {
			return this.delegate.getId();
		}

		@Override
		public String changeSessionId() {
			return this.delegate.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.delegate.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.delegate.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.delegate.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.delegate.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.delegate.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.delegate.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.delegate.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.delegate.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.delegate.isExpired();
		}

	}

}
