// The problem types the server answers with (the RFC 9457 `type` of every problem, listed in
// docs/API.md). Scripts switch on these, never on a title's wording.
export const VALIDATION = '/problems/validation';
export const STALE_VERSION = '/problems/stale-version';
export const EMAIL_TAKEN = '/problems/email-taken';
export const USERNAME_TAKEN = '/problems/username-taken';
export const NOT_INVITED = '/problems/not-invited';
export const NOT_FOUND = '/problems/not-found';
export const TOO_MANY_REQUESTS = '/problems/too-many-requests';

/** The type of a failed call's problem (an ApiError), or null when it had none. */
export function problemType(error) {
  return error?.problem?.type ?? null;
}
export const CONFIRMATION_REQUIRED = '/problems/confirmation-required';
