// The problem types the server answers with (the RFC 9457 `type` of every problem). Scripts
// switch on these, never on a title's wording.
export const VALIDATION = '/problems/validation';
export const STALE_VERSION = '/problems/stale-version';
export const EMAIL_TAKEN = '/problems/email-taken';
export const LAST_ADMIN = '/problems/last-admin';
export const OWN_ACCOUNT = '/problems/own-account';
export const NOT_FOUND = '/problems/not-found';
export const IMAGE_TOO_LARGE = '/problems/image-too-large';
export const INVALID_IMAGE = '/problems/invalid-image';
export const TOO_MANY_REQUESTS = '/problems/too-many-requests';
export const UNAUTHORIZED = '/problems/unauthorized';
export const VERSION_REQUIRED = '/problems/version-required';

const BY_STATUS = { 401: UNAUTHORIZED, 404: NOT_FOUND, 413: IMAGE_TOO_LARGE, 428: VERSION_REQUIRED, 429: TOO_MANY_REQUESTS };

/**
 * The type of a failed call's problem (an ApiError). Transitional, until every problem the
 * server sends names its type: an answer without one (or with "about:blank") gets the type
 * its status implies, field errors make it a validation problem, and the one 409 the forms
 * tell apart, a stale version, is recognised by its title. Delete this fallback then.
 */
export function problemType(error) {
  const problem = error?.problem || {};
  if (problem.type && problem.type !== 'about:blank') return problem.type;
  if (error?.status === 409 && problem.title === 'Changed by someone else') return STALE_VERSION;
  if (problem.errors && Object.keys(problem.errors).length) return VALIDATION;
  return BY_STATUS[error?.status] || null;
}
