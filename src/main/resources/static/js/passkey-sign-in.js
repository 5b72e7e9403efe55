// The sign-in page's passkeys: "Sign in with a passkey" (a discoverable credential: no
// username typed) and, where the browser supports it, passkeys offered in the username
// field's autofill (conditional mediation). Both fetch fresh request options, let the
// browser sign them, and post the assertion to /login/webauthn; its JSON says where to go.
import { csrfHeaders } from './api.js';
import { t } from './i18n.js';
import { autofillAvailable, getAssertion, supported } from './webauthn.js';

const button = document.getElementById('passkey-sign-in');
const error = document.getElementById('passkey-error');
let pending = null;
// One ceremony at a time: the session keeps one set of options, and two requests writing it
// at once could collide.
let running = Promise.resolve();
let leaving = false;

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...csrfHeaders() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
  if (!response.ok) throw new Error(data?.detail || t('js.request.failed', response.status));
  return data;
}

async function signIn(conditional) {
  // A new ceremony replaces the waiting autofill one.
  pending?.abort();
  pending = new AbortController();
  const { signal } = pending;
  const options = await post('/webauthn/authenticate/options');
  const assertion = await getAssertion(options, { conditional, signal });
  const answer = await post('/login/webauthn', assertion);
  leaving = true;
  window.location.assign(answer.redirectUrl || '/profile');
}

function show(message) {
  error.textContent = message;
  error.hidden = !message;
}

if (button && supported()) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    show('');
    button.disabled = true;
    // The autofill request gives way; if it is already past the browser's dialog, it ends first.
    pending?.abort();
    await running.catch(() => {});
    if (leaving) return;
    try {
      running = signIn(false);
      await running;
    } catch (failure) {
      if (failure?.name === 'AbortError') return;
      show(failure?.name === 'NotAllowedError' ? t('js.passkey.cancelled') : failure.message);
    } finally {
      button.disabled = false;
    }
  });
  autofillAvailable().then((available) => {
    if (!available) return;
    running = signIn(true);
    running.catch((failure) => {
      if (failure?.name !== 'AbortError' && failure?.name !== 'NotAllowedError') show(failure.message);
    });
  });
}
