package org.roster.avatar;

import java.util.concurrent.atomic.AtomicInteger;

/** Passes everything to a real store and counts the reads that reach it. */
class CountingImageStore implements ImageStore {

	private final ImageStore delegate;

	final AtomicInteger gets = new AtomicInteger();

	CountingImageStore(ImageStore delegate) {
		this.delegate = delegate;
	}

	@Override
	public String put(String objectName, byte[] bytes, String contentType) {
		return this.delegate.put(objectName, bytes, contentType);
	}

	@Override
	public String putNew(String directory, String extension, byte[] bytes, String contentType) {
		return this.delegate.putNew(directory, extension, bytes, contentType);
	}

	@Override
	public StoredImage get(String url) {
		this.gets.incrementAndGet();
		return this.delegate.get(url);
	}

	@Override
	public void delete(String url) {
		this.delegate.delete(url);
	}

	@Override
	public boolean owns(String url) {
		return this.delegate.owns(url);
	}

	@Override
	public String check() {
		return this.delegate.check();
	}

}
