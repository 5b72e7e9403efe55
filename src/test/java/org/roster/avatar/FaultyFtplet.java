package org.roster.avatar;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;

/**
 * Makes chosen FTP commands of an embedded server fail the next times they come, the way
 * a broken network or a server in trouble would, and counts the commands it sees.
 */
final class FaultyFtplet extends DefaultFtplet {

	enum Fault {

		/** Closes the control connection instead of running the command. */
		DROP,

		/** STOR only: keeps the first {@value #PART} bytes, then drops the connection. */
		DROP_MIDWAY,

		/** Answers 550 without running the command. */
		REFUSE

	}

	static final int PART = 64 * 1024;

	private final Map<String, Deque<Fault>> planned = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

	/** Bytes the last {@link Fault#DROP_MIDWAY} left in a file. */
	final AtomicLong keptBytes = new AtomicLong();

	/** The next times {@code command} comes, in order. */
	void plan(String command, Fault... faults) {
		Deque<Fault> queue = this.planned.computeIfAbsent(command, (name) -> new ArrayDeque<>());
		synchronized (queue) {
			queue.addAll(List.of(faults));
		}
	}

	int seen(String command) {
		AtomicInteger count = this.seen.get(command);
		return (count != null) ? count.get() : 0;
	}

	void reset() {
		this.planned.clear();
		this.seen.clear();
		this.keptBytes.set(0);
	}

	@Override
	public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
		String command = request.getCommand().toUpperCase(Locale.ROOT);
		this.seen.computeIfAbsent(command, (name) -> new AtomicInteger()).incrementAndGet();
		Fault fault = next(command);
		if (fault == null) {
			return super.beforeCommand(session, request);
		}
		return switch (fault) {
			case DROP -> FtpletResult.DISCONNECT;
			case REFUSE -> {
				session.write(new DefaultFtpReply(FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN, "Refused by test"));
				yield FtpletResult.SKIP;
			}
			case DROP_MIDWAY -> {
				receivePart(session, request.getArgument());
				yield FtpletResult.DISCONNECT;
			}
		};
	}

	private Fault next(String command) {
		Deque<Fault> queue = this.planned.get(command);
		if (queue == null) {
			return null;
		}
		synchronized (queue) {
			return queue.pollFirst();
		}
	}

	private void receivePart(FtpSession session, String path) throws FtpException, IOException {
		FtpFile file = session.getFileSystemView().getFile(path);
		session.write(new DefaultFtpReply(FtpReply.REPLY_150_FILE_STATUS_OKAY, "Send the data"));
		DataConnection data;
		try {
			data = session.getDataConnection().openConnection();
		}
		catch (Exception ex) {
			throw new IOException("No data connection", ex);
		}
		try (OutputStream out = new Truncating(file.createOutputStream(0))) {
			data.transferFromClient(session, out);
		}
		catch (IOException expected) {
			// The point: the transfer ends halfway.
		}
		finally {
			session.getDataConnection().closeDataConnection();
		}
		this.keptBytes.set(file.getSize());
	}

	/** Writes {@link #PART} bytes, then fails. */
	private static final class Truncating extends FilterOutputStream {

		private int written;

		Truncating(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			int allowed = Math.min(length, PART - this.written);
			this.out.write(bytes, offset, allowed);
			this.written += allowed;
			if (allowed < length) {
				throw new IOException("Connection dropped by test");
			}
		}

	}

}
