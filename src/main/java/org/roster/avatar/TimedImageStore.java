package org.roster.avatar;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The image store with the latency of each FTP operation measured
 * ({@code roster.ftp.operations}, by operation and outcome), for the metrics endpoint.
 */
final class TimedImageStore implements ImageStore, AutoCloseable {

	private final ImageStore store;

	private final MeterRegistry registry;

	TimedImageStore(ImageStore store, MeterRegistry registry) {
		this.store = store;
		this.registry = registry;
	}

	@Override
	public String putNew(String directory, String extension, byte[] bytes, String contentType) {
		return timed("put", () -> this.store.putNew(directory, extension, bytes, contentType));
	}

	@Override
	public String put(String objectName, byte[] bytes, String contentType) {
		return timed("put", () -> this.store.put(objectName, bytes, contentType));
	}

	@Override
	public StoredImage get(String url) {
		return timed("get", () -> this.store.get(url));
	}

	@Override
	public void delete(String url) {
		timed("delete", () -> {
			this.store.delete(url);
			return null;
		});
	}

	@Override
	public boolean owns(String url) {
		return this.store.owns(url);
	}

	@Override
	public String check() {
		return this.store.check();
	}

	@Override
	public void close() throws Exception {
		if (this.store instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public String toString() {
		return this.store.toString();
	}

	private <T> T timed(String operation, Supplier<T> call) {
		long start = System.nanoTime();
		String outcome = "failure";
		try {
			T result = call.get();
			outcome = "success";
			return result;
		}
		finally {
			Timer.builder("roster.ftp.operations")
				.description("Operations on the image store's FTP server")
				.tag("operation", operation)
				.tag("outcome", outcome)
				.register(this.registry)
				.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		}
	}

}
