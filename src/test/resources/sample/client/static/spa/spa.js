// A public client of Roster, with nothing but the browser: the authorization code flow with
// PKCE (S256, WebCrypto), the code exchanged at the token endpoint with fetch (CORS), the
// claims from userinfo, renewal and RP-initiated logout. Roster gives public clients no
// refresh token: "Renew" asks again with prompt=none, which Roster answers at once while
// the user is signed in there (login_required once they are not).

const config = await (await fetch('config.json')).json();
const discovery = await (await fetch(config.issuer + '/.well-known/openid-configuration')).json();
const redirectUri = new URL('./', location.href).href;
const pending = 'roster-pending';

const status = document.getElementById('spa-status');
const claimsList = document.getElementById('spa-claims');
const buttons = {
  signIn: document.getElementById('sign-in'),
  renew: document.getElementById('renew'),
  signOut: document.getElementById('sign-out'),
};

// In memory only: a reload forgets the tokens (the next sign-in is silent while the Roster
// session lasts).
let idToken = null;

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function authorize(prompt) {
  const request = { verifier: random(), state: random(), nonce: random() };
  sessionStorage.setItem(pending, JSON.stringify(request));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(request.verifier)));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri,
    scope: 'openid profile email roles', state: request.state, nonce: request.nonce,
    code_challenge: challenge, code_challenge_method: 'S256', ...(prompt ? { prompt } : {}),
  });
  location.assign(url);
}

function signOut() {
  const request = { logoutState: random() };
  sessionStorage.setItem(pending, JSON.stringify(request));
  const url = new URL(discovery.end_session_endpoint);
  url.search = new URLSearchParams({
    id_token_hint: idToken, post_logout_redirect_uri: redirectUri, state: request.logoutState,
  });
  location.assign(url);
}

function payload(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
}

async function exchange(code, request) {
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: redirectUri,
      client_id: config.clientId, code_verifier: request.verifier,
    }),
  });
  const tokens = await response.json();
  if (!response.ok) {
    throw new Error('the token endpoint said ' + tokens.error);
  }
  // Straight from the token endpoint: the checks that matter are whose and for whom.
  const claims = payload(tokens.id_token);
  const audience = [].concat(claims.aud);
  if (claims.iss !== discovery.issuer || !audience.includes(config.clientId) || claims.nonce !== request.nonce) {
    throw new Error('the ID token is not for this sign-in');
  }
  return tokens;
}

async function userinfo(accessToken) {
  const response = await fetch(discovery.userinfo_endpoint, {
    headers: { Authorization: 'Bearer ' + accessToken },
  });
  if (!response.ok) {
    throw new Error('userinfo said ' + response.status + ' ' + (response.headers.get('WWW-Authenticate') || ''));
  }
  return response.json();
}

function show(claims) {
  claimsList.replaceChildren();
  for (const [name, value] of Object.entries(claims)) {
    const term = document.createElement('dt');
    term.textContent = name;
    const detail = document.createElement('dd');
    detail.id = 'spa-' + name;
    detail.textContent = Array.isArray(value) ? value.join(', ') : String(value);
    claimsList.append(term, detail);
  }
  claimsList.hidden = false;
}

function signedIn(signedIn) {
  buttons.signIn.hidden = signedIn;
  buttons.renew.hidden = !signedIn;
  buttons.signOut.hidden = !signedIn;
}

buttons.signIn.addEventListener('click', () => authorize());
buttons.renew.addEventListener('click', () => authorize('none'));
buttons.signOut.addEventListener('click', signOut);

async function start() {
  const answer = new URLSearchParams(location.search);
  const request = JSON.parse(sessionStorage.getItem(pending) || '{}');
  sessionStorage.removeItem(pending);
  history.replaceState(null, '', redirectUri);
  signedIn(false);
  if (!answer.has('state')) {
    status.textContent = 'Not signed in.';
  }
  else if (answer.get('state') === request.logoutState) {
    status.textContent = 'Signed out of Roster.';
  }
  else if (answer.get('state') !== request.state) {
    status.textContent = 'That answer was not for this page.';
  }
  else if (answer.has('error')) {
    status.textContent = 'Roster did not sign you in: ' + answer.get('error');
  }
  else {
    const tokens = await exchange(answer.get('code'), request);
    idToken = tokens.id_token;
    show(await userinfo(tokens.access_token));
    status.textContent = 'Signed in, tokens until ' + new Date(payload(tokens.access_token).exp * 1000).toISOString() + '.';
    signedIn(true);
  }
}

start().catch((error) => {
  status.textContent = 'Something went wrong: ' + error.message;
  signedIn(false);
});
