// "Where you're signed in": the list of a user's sessions (browser and system, address,
// signed in, last active, "this one"), "Sign out" per session, and ending all the others;
// shared by the profile and the admin's edit modal (createSessionList).
import { api } from './api.js';
import { t } from './i18n.js';
import { NOT_FOUND, problemType } from './problems.js';
import { toast } from './toast.js';

const language = document.documentElement.lang || 'en';

function dateTime(iso) {
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

function element(tag, { className = '', text = '' } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** "Firefox 133 on Windows", with the words for what the user agent did not tell. */
export function deviceName(session) {
  const browser = session.browser || t('js.sessions.unknownBrowser');
  return session.system ? t('js.sessions.device', browser, session.system) : browser;
}

/**
 * The session list in `root` (templates/fragments/sessions.html :: list). load(url) shows
 * the sessions at `url` (GET /profile/sessions or /users/{id}/sessions); a session ends
 * with DELETE on `url`/{id}. `endAll(url)` sends DELETE `url` and reloads.
 */
export function createSessionList(root) {
  if (!root) return null;
  const body = root.querySelector('tbody');
  const table = root.querySelector('.session-table');
  const empty = root.querySelector('.session-empty');
  const state = { url: null, loading: 0 };

  const showEmpty = () => {
    const none = body.children.length === 0;
    empty.classList.toggle('d-none', !none);
    table.classList.toggle('d-none', none);
  };

  const endButton = (session) => {
    const button = element('button', { className: 'btn btn-sm btn-outline-danger text-nowrap session-end', text: t('js.sessions.end') });
    button.type = 'button';
    button.setAttribute('aria-label', t('js.sessions.endLabel', deviceName(session)));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await api(`${state.url}/${encodeURIComponent(session.id)}`, { method: 'DELETE' });
        toast(t('js.sessions.ended', deviceName(session)));
      } catch (error) {
        // Already over (signed out or ended elsewhere): the row goes too.
        if (problemType(error) !== NOT_FOUND) {
          toast(error.problem?.detail || error.message, { error: true });
          button.disabled = false;
          return;
        }
      }
      button.closest('tr')?.remove();
      showEmpty();
      root.focus();
    });
    return button;
  };

  const row = (session) => {
    const tr = document.createElement('tr');
    tr.dataset.sessionId = session.id;
    tr.classList.add('session-row');
    const device = element('td');
    const name = element('span', { className: 'd-block session-device', text: deviceName(session) });
    if (session.userAgent) name.title = session.userAgent;
    device.append(name);
    if (session.current) {
      device.append(element('span', { className: 'badge text-bg-success session-current', text: t('js.sessions.current') }));
    }
    const actions = element('td', { className: 'text-end' });
    if (!session.current) actions.append(endButton(session));
    tr.append(device, element('td', { className: 'session-address', text: session.address || t('js.sessions.unknownAddress') }),
      element('td', { text: dateTime(session.signedInAt) }), element('td', { text: dateTime(session.lastActiveAt) }), actions);
    return tr;
  };

  const list = {
    async load(url) {
      state.url = url;
      const call = ++state.loading;
      body.replaceChildren();
      showEmpty();
      try {
        const sessions = await api(url);
        // A later load (another user in the modal) wins.
        if (call !== state.loading) return;
        body.replaceChildren(...sessions.map(row));
        showEmpty();
      } catch (error) {
        if (call === state.loading && problemType(error) !== NOT_FOUND) toast(t('js.sessions.loadFailed'), { error: true });
      }
    },
    /** DELETE `url` (all of the user's sessions, or the others), then the list again. */
    async endAll(url, button) {
      button.disabled = true;
      try {
        const answer = await api(url, { method: 'DELETE' });
        toast(t('js.sessions.endedMany', answer.ended));
        await list.load(state.url);
      } catch (error) {
        toast(error.problem?.detail || error.message, { error: true });
      } finally {
        button.disabled = false;
      }
    },
  };
  return list;
}

// --- The profile's section ----------------------------------------------------------------
const section = document.getElementById('sessions');
if (section) {
  const list = createSessionList(document.getElementById('session-list'));
  list.load('/profile/sessions');
  const others = document.getElementById('sessions-end-others');
  others.addEventListener('click', () => list.endAll('/profile/sessions?others=true', others));
}
