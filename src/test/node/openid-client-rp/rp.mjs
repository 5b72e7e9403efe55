// A relying party that signs its users in with Roster through panva's openid-client, on
// Node's own http module: the README's Node.js recipe, complete, and what
// OpenIdClientBrowserTest drives in Chromium.
//
//   ISSUER=https://roster.example.com CLIENT_ID=... CLIENT_SECRET=... PORT=3000 node rp.mjs
//
// ISSUER        Roster's public address (its issuer); http only for localhost
// CLIENT_ID     the application's client id in Roster
// CLIENT_SECRET its secret; absent for a public client (PKCE alone)
// PORT          0 (the default) picks a free port; the first line printed is "listening <port>"
//
// Register the application in Roster with the redirect URI http://127.0.0.1:<port>/callback
// and the post-logout URI http://127.0.0.1:<port>/logged-out. Every page shows its outcome
// as JSON in <pre id="result">, or openid-client's error in <pre id="error">.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import * as client from 'openid-client';

const ISSUER = required('ISSUER');
const CLIENT_ID = required('CLIENT_ID');
const CLIENT_SECRET = process.env.CLIENT_SECRET || undefined;
const PORT = Number(process.env.PORT || 0);
const SCOPE = 'openid profile email';

/** What the app knows per browser (keyed by its cookie): in memory, as a demo may. */
const sessions = new Map();

let base; // http://127.0.0.1:<port>, known once listening
let discovered; // the Configuration promise; retried after a failure

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is required`);
    process.exit(2);
  }
  return value;
}

/** Discovery once: Roster's metadata and keys, checked against ISSUER by openid-client. */
function configuration() {
  discovered ??= client
    .discovery(
      new URL(ISSUER),
      CLIENT_ID,
      CLIENT_SECRET,
      CLIENT_SECRET ? undefined : client.None(),
      local(new URL(ISSUER)) ? { execute: [client.allowInsecureRequests] } : undefined,
    )
    .catch((error) => {
      discovered = undefined;
      throw error;
    });
  return discovered;
}

/** A Roster on this machine may be reached over http; openid-client refuses it otherwise. */
function local(url) {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const routes = {
  async '/'(req, res, session) {
    page(res, 'Roster relying party', { signedIn: Boolean(session.claims) });
  },

  async '/login'(req, res, session) {
    const config = await configuration();
    session.codeVerifier = client.randomPKCECodeVerifier();
    session.state = client.randomState();
    session.nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${base}/callback`,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(session.codeVerifier),
      code_challenge_method: 'S256',
      state: session.state,
      nonce: session.nonce,
    });
    redirect(res, url);
  },

  async '/callback'(req, res, session) {
    const config = await configuration();
    // Checks the state, redeems the code with the verifier and validates the ID token
    // (signature, issuer, audience, expiry, nonce).
    const tokens = await client.authorizationCodeGrant(config, new URL(req.url, base), {
      pkceCodeVerifier: session.codeVerifier,
      expectedState: session.state,
      expectedNonce: session.nonce,
    });
    delete session.codeVerifier;
    delete session.state;
    delete session.nonce;
    session.tokens = tokens;
    session.claims = tokens.claims();
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, session.claims.sub);
    page(res, 'Signed in', {
      idToken: session.claims,
      userinfo,
      scope: tokens.scope,
      hasRefreshToken: Boolean(tokens.refresh_token),
    });
  },

  async '/userinfo'(req, res, session) {
    const { access_token } = signedIn(session);
    const config = await configuration();
    page(res, 'Userinfo', await client.fetchUserInfo(config, access_token, session.claims.sub));
  },

  async '/refresh'(req, res, session) {
    const previous = signedIn(session).refresh_token;
    const config = await configuration();
    const tokens = await client.refreshTokenGrant(config, previous);
    // Roster rotates refresh tokens: keep the new one.
    session.tokens = { ...session.tokens, ...tokens };
    page(res, 'Refreshed', {
      refreshTokenRotated: Boolean(tokens.refresh_token) && tokens.refresh_token !== previous,
      idToken: tokens.id_token ? tokens.claims() : null,
      expiresIn: tokens.expiresIn(),
    });
  },

  async '/revoke'(req, res, session) {
    const { refresh_token } = signedIn(session);
    const config = await configuration();
    await client.tokenRevocation(config, refresh_token, { token_type_hint: 'refresh_token' });
    page(res, 'Revoked', { revoked: 'refresh_token' });
  },

  async '/logout'(req, res, session) {
    const { id_token } = signedIn(session);
    const config = await configuration();
    session.logoutState = client.randomState();
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: id_token,
      post_logout_redirect_uri: `${base}/logged-out`,
      state: session.logoutState,
    });
    redirect(res, url);
  },

  async '/logged-out'(req, res, session) {
    const state = new URL(req.url, base).searchParams.get('state');
    const expected = session.logoutState;
    sessions.delete(session.id);
    page(res, 'Signed out', { stateMatches: Boolean(expected) && state === expected });
  },
};

function signedIn(session) {
  if (!session.tokens) {
    throw Object.assign(new Error('not signed in: start at /login'), { code: 'NOT_SIGNED_IN' });
  }
  return session.tokens;
}

/** The browser's session, by its cookie; a new one (and cookie) if it has none. */
function sessionOf(req, res) {
  const id = /(?:^|;\s*)rp_session=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (id && sessions.has(id)) {
    return sessions.get(id);
  }
  const session = { id: randomBytes(16).toString('base64url') };
  sessions.set(session.id, session);
  res.setHeader('Set-Cookie', `rp_session=${session.id}; Path=/; HttpOnly; SameSite=Lax`);
  return session;
}

function redirect(res, url) {
  res.writeHead(302, { Location: url.href }).end();
}

function page(res, title, result, status = 200) {
  const id = status === 200 ? 'result' : 'error';
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html(title)}</title></head>
<body><h1>${html(title)}</h1>
<pre id="${id}">${html(JSON.stringify(result, null, 2))}</pre>
<nav><a href="/login">Sign in</a> · <a href="/userinfo">Userinfo</a> · <a href="/refresh">Refresh</a> · <a href="/revoke">Revoke</a> · <a href="/logout">Sign out</a></nav>
</body></html>
`);
}

function html(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * openid-client's error as the page shows it: its code, and the provider's OAuth error or
 * (from a protected resource such as userinfo) its WWW-Authenticate challenges, if any.
 */
function describe(error) {
  return {
    code: error.code ?? error.name,
    error: error.error,
    error_description: error.error_description,
    status: error.status,
    challenges: error.code === 'OAUTH_WWW_AUTHENTICATE_CHALLENGE' ? error.cause : undefined,
    message: error.message,
  };
}

const server = http.createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://rp');
  if (pathname === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  const route = routes[pathname];
  if (!route) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  try {
    await route(req, res, sessionOf(req, res));
  } catch (error) {
    console.error(`${req.url}: ${error.code ?? error.name}: ${error.message}`);
    page(res, 'Failed', describe(error), 400);
  }
});

server.listen(PORT, '127.0.0.1', () => {
  const { port } = server.address();
  base = `http://127.0.0.1:${port}`;
  console.log(`listening ${port}`);
});
