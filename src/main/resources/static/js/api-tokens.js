// API tokens: the list (name and prefix, scope, dates, revoke after a confirmation in the
// row), shared by the profile and the admin's edit modal (createTokenList), and the
// profile's form that makes one and shows it once, with a copy button.
import { api } from './api.js';
import { setFieldError } from './forms.js';
import { t } from './i18n.js';
import { NOT_FOUND, VALIDATION, problemType } from './problems.js';
import { toast } from './toast.js';

const language = document.documentElement.lang || 'en';
const SCOPES = { read: t('js.token.scope.read'), write: t('js.token.scope.write') };

function date(iso) {
  return new Date(iso).toLocaleDateString(language, { dateStyle: 'medium' });
}

function dateTime(iso) {
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

function element(tag, { className = '', text = '' } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/**
 * The token list in `root` (templates/fragments/api-tokens.html :: list). load(url) shows
 * the tokens at `url` (GET /tokens or /users/{id}/tokens); a token is revoked with DELETE
 * on `url`/{id}.
 */
export function createTokenList(root) {
  if (!root) return null;
  const body = root.querySelector('tbody');
  const table = root.querySelector('.token-table');
  const empty = root.querySelector('.token-empty');
  const state = { url: null, loading: 0 };

  const showEmpty = () => {
    const none = body.children.length === 0;
    empty.classList.toggle('d-none', !none);
    table.classList.toggle('d-none', none);
  };

  const revokeButton = (token, actions) => {
    const button = element('button', { className: 'btn btn-sm btn-outline-danger token-revoke', text: t('js.token.revoke') });
    button.type = 'button';
    button.setAttribute('aria-label', t('js.token.revokeLabel', token.name));
    button.addEventListener('click', () => confirmRevoke(token, actions));
    return button;
  };

  /** The row asks before it revokes: "Revoke now" or "Keep". */
  const confirmRevoke = (token, actions) => {
    actions.replaceChildren();
    const question = element('span', { className: 'small d-block mb-1', text: t('js.token.revokeConfirm', token.name) });
    const yes = element('button', { className: 'btn btn-sm btn-danger me-1 token-revoke-confirm', text: t('js.token.revokeYes') });
    const keep = element('button', { className: 'btn btn-sm btn-outline-secondary token-keep', text: t('js.token.keep') });
    yes.type = 'button';
    keep.type = 'button';
    keep.addEventListener('click', () => {
      const again = revokeButton(token, actions);
      actions.replaceChildren(again);
      again.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      keep.disabled = true;
      try {
        await api(`${state.url}/${encodeURIComponent(token.id)}`, { method: 'DELETE' });
        toast(t('js.token.revoked', token.name));
      } catch (error) {
        // Already gone (revoked elsewhere): the row goes too.
        if (problemType(error) !== NOT_FOUND) {
          toast(error.problem?.detail || error.message, { error: true });
          yes.disabled = false;
          keep.disabled = false;
          return;
        }
      }
      actions.closest('tr')?.remove();
      showEmpty();
      root.focus();
    });
    actions.append(question, yes, keep);
    yes.focus();
  };

  const row = (token) => {
    const tr = document.createElement('tr');
    tr.dataset.tokenId = String(token.id);
    const name = element('td');
    name.append(element('span', { className: 'd-block token-name', text: token.name }),
      element('code', { className: 'small text-body-secondary', text: `${token.prefix}…` }));
    const expires = element('td');
    if (token.expired) {
      expires.append(element('span', { className: 'badge text-bg-warning', text: t('js.token.expired') }));
    } else {
      expires.textContent = token.expiresAt ? date(token.expiresAt) : t('js.token.never');
    }
    const actions = element('td', { className: 'text-end' });
    actions.append(revokeButton(token, actions));
    tr.append(name, element('td', { text: SCOPES[token.scope] || token.scope }), element('td', { text: date(token.createdAt) }),
      element('td', { text: token.lastUsedAt ? dateTime(token.lastUsedAt) : t('js.token.never') }), expires, actions);
    return tr;
  };

  return {
    async load(url) {
      state.url = url;
      const call = ++state.loading;
      body.replaceChildren();
      showEmpty();
      try {
        const tokens = await api(url);
        // A later load (another user in the modal) wins.
        if (call !== state.loading) return;
        body.replaceChildren(...tokens.map(row));
        showEmpty();
      } catch (error) {
        if (call === state.loading && problemType(error) !== NOT_FOUND) toast(t('js.token.loadFailed'), { error: true });
      }
    },
    /** A token just made, at the top. */
    add(token) {
      body.prepend(row({ ...token, lastUsedAt: null, expired: false }));
      showEmpty();
    },
  };
}

// --- The profile's section ----------------------------------------------------------------
const section = document.getElementById('api-tokens');
if (section) {
  const list = createTokenList(document.getElementById('token-list'));
  const form = document.getElementById('token-create-form');
  const name = document.getElementById('token-name');
  const scope = document.getElementById('token-scope');
  const expiry = document.getElementById('token-expiry');
  const create = document.getElementById('token-create');
  const created = document.getElementById('token-created');
  const value = document.getElementById('token-value');
  const inputs = { name, scope, expiresInDays: expiry };
  list.load('/tokens');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    Object.values(inputs).forEach((input) => setFieldError(input, ''));
    if (!name.value.trim()) {
      setFieldError(name, t('js.token.nameRequired'));
      name.focus();
      return;
    }
    create.disabled = true;
    try {
      const token = await api('/tokens', {
        method: 'POST',
        body: { name: name.value, scope: scope.value, expiresInDays: expiry.value === '' ? null : Number(expiry.value) },
      });
      value.value = token.token;
      created.classList.remove('d-none');
      list.add(token);
      form.reset();
      value.focus();
      value.select();
      toast(t('js.token.created', token.name));
    } catch (error) {
      const errors = problemType(error) === VALIDATION ? error.problem.errors || {} : {};
      const fields = Object.keys(errors).filter((field) => inputs[field]);
      fields.forEach((field) => setFieldError(inputs[field], errors[field]));
      if (fields.length) inputs[fields[0]].focus();
      else toast(error.problem?.detail || t('js.token.createFailed'), { error: true });
    } finally {
      create.disabled = false;
    }
  });

  document.getElementById('token-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value.value);
      toast(t('js.token.copied'));
    } catch {
      value.focus();
      value.select();
      toast(t('js.token.copyFailed'), { error: true });
    }
  });
}
