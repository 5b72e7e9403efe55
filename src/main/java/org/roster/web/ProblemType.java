package org.roster.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The catalogue of problem types Roster answers with (docs/API.md, Problem types): the
 * stable part of every error a client may switch on. The path never changes once
 * published. Title and default detail here are the English fallbacks: clients get them
 * from the message bundles in their language ({@code problem.<name>.title}, see
 * {@code ProblemTexts}).
 */
public enum ProblemType {

	/** Field checks failed; the problem has {@code errors: {field: message}}. */
	VALIDATION("validation", HttpStatus.BAD_REQUEST, "Invalid input", "Some fields are not valid."),

	/** Malformed JSON, a parameter of the wrong type or a missing parameter. */
	BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request", "This request is not well formed."),

	/** A {@code /user_list} parameter outside what the route accepts. */
	INVALID_QUERY("invalid-query", HttpStatus.BAD_REQUEST, "Invalid query", "A query parameter is not valid."),

	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized", "Sign in first."),

	/**
	 * An API token that is malformed, unknown, expired or revoked (RFC 6750
	 * invalid_token).
	 */
	INVALID_TOKEN("invalid-token", HttpStatus.UNAUTHORIZED, "Invalid token",
			"The API token is wrong, expired or revoked."),

	/** An API token of scope {@code read} on a request that changes something. */
	INSUFFICIENT_SCOPE("insufficient-scope", HttpStatus.FORBIDDEN, "Insufficient scope",
			"This token's scope does not allow this request."),

	/**
	 * An API token on a route that takes only a session: pages, the token routes,
	 * password, email and sign-in changes, the mailed links.
	 */
	TOKEN_REFUSED("token-refused", HttpStatus.FORBIDDEN, "Not with an API token",
			"This route does not accept API tokens. Sign in instead."),

	/** Not allowed for this caller, or a missing or stale CSRF token. */
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden", "You may not do this."),

	/** An unknown user id or an unknown address. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found", "There is nothing at this address."),

	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
			"This address does not accept this method."),

	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
			"This address cannot answer in a format the request accepts."),

	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
			"This address does not accept a body of this content type."),

	STALE_VERSION("stale-version", HttpStatus.CONFLICT, "Changed by someone else", "Changed by someone else — reload."),

	VERSION_REQUIRED("version-required", HttpStatus.PRECONDITION_REQUIRED, "Version required",
			"Send the version you edited (field 'version') so concurrent changes are not lost."),

	EMAIL_TAKEN("email-taken", HttpStatus.CONFLICT, "Email already taken", "This email address is already registered."),

	USERNAME_TAKEN("username-taken", HttpStatus.CONFLICT, "Username already taken",
			"This username is already registered."),

	/**
	 * Resending an invitation to an account whose owner has already chosen a password.
	 */
	NOT_INVITED("not-invited", HttpStatus.CONFLICT, "Not invited",
			"This account has no pending invitation: its owner has already chosen a password."),

	/** The change would leave no active admin. */
	LAST_ADMIN("last-admin", HttpStatus.CONFLICT, "Last active admin", "There must remain an active admin."),

	/** An admin suspending, demoting or deleting themself. */
	OWN_ACCOUNT("own-account", HttpStatus.CONFLICT, "Not allowed on your own account",
			"An admin cannot do this to their own account."),

	IMAGE_TOO_LARGE("image-too-large", HttpStatus.CONTENT_TOO_LARGE, "Image too large", "The image is too large."),

	INVALID_IMAGE("invalid-image", HttpStatus.BAD_REQUEST, "Invalid image", "This is not an acceptable image."),

	IMAGE_STORE_UNAVAILABLE("image-store-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Image store unavailable",
			"The image store cannot be reached right now. Try again later."),

	IMAGE_STORE_FAILED("image-store-failed", HttpStatus.BAD_GATEWAY, "Image store failed",
			"The image store could not complete the request."),

	/**
	 * A new passkey the browser sent that is not acceptable: malformed, its challenge
	 * unknown or used, signed for another origin, or already registered.
	 */
	INVALID_PASSKEY("invalid-passkey", HttpStatus.BAD_REQUEST, "Passkey not accepted",
			"This passkey could not be added. Try again."),

	/**
	 * A passkey sign-in that is refused (unknown passkey, bad signature, account state).
	 */
	PASSKEY_REFUSED("passkey-refused", HttpStatus.UNAUTHORIZED, "Passkey sign-in refused",
			"This passkey did not sign you in."),

	/**
	 * A change to how the account signs in, without the current password and without a
	 * recent sign-in.
	 */
	CONFIRMATION_REQUIRED("confirmation-required", HttpStatus.FORBIDDEN, "Confirmation required",
			"Confirm with your current password first."),

	TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
			"Too many attempts from your address. Try again later."),

	/**
	 * A CSV import that is not such a file: not UTF-8, binary, malformed, empty, an
	 * unknown, doubled or missing column.
	 */
	INVALID_CSV("invalid-csv", HttpStatus.BAD_REQUEST, "Not an importable CSV file",
			"This file is not a CSV file with the columns of Roster's export."),

	/** A CSV import over 10 000 rows or the upload limit. */
	IMPORT_TOO_LARGE("import-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "Import too large",
			"An import has at most 10 000 rows."),

	/**
	 * A CSV import confirmed with a plan that is not the file's any more (another file,
	 * or accounts changed since the dry run).
	 */
	IMPORT_CHANGED("import-changed", HttpStatus.CONFLICT, "Import changed",
			"The file or the accounts changed since the preview. Preview it again."),

	/** Anything unexpected: logged, never explained. */
	SERVER_ERROR("server-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
			"Something went wrong on our side. It has been logged.");

	private final URI type;

	private final HttpStatus status;

	private final String title;

	private final String detail;

	ProblemType(String name, HttpStatus status, String title, String detail) {
		this.type = URI.create("/problems/" + name);
		this.status = status;
		this.title = title;
		this.detail = detail;
	}

	/**
	 * The {@code type} member: a relative URI reference such as
	 * {@code /problems/not-found}.
	 */
	public URI type() {
		return this.type;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/** What the problem says when the code that raises it has nothing more precise. */
	public String defaultDetail() {
		return this.detail;
	}

	/**
	 * The type of a failure known only by its status (Spring MVC's own exceptions, the
	 * container's error dispatch): the generic type of that status, else bad-request for
	 * a 4xx and server-error for the rest.
	 */
	/** The catalogued type of this {@code type} URI, or null. */
	static ProblemType of(URI type) {
		for (ProblemType candidate : values()) {
			if (candidate.type.equals(type)) {
				return candidate;
			}
		}
		return null;
	}

	static ProblemType forStatus(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> BAD_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> IMAGE_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> TOO_MANY_REQUESTS;
			default -> status.is4xxClientError() ? BAD_REQUEST : SERVER_ERROR;
		};
	}

}
