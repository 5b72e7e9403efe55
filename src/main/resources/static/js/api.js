import { t } from './i18n.js';

// Every state-changing call carries the CSRF token from the page's meta tags.
const token = document.querySelector('meta[name="_csrf"]')?.content;
const header = document.querySelector('meta[name="_csrf_header"]')?.content;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || t('js.request.failed', status));
    this.status = status;
    this.problem = problem || {};
  }
}

/** fetch() with the CSRF header, JSON in and out, and problem details turned into ApiError. */
export async function api(url, { method = 'GET', body, headers = {}, signal } = {}) {
  const init = { method, signal, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET' && method !== 'HEAD' && token && header) {
    init.headers[header] = token;
  }
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, { detail: t('js.session.ended') });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export function csrfHeaders() {
  return token && header ? { [header]: token } : {};
}
