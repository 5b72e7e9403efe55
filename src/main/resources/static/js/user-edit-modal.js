// The admin console's "Edit user" modal: the shared edit form (profile-form.js) plus what
// only an admin has: the user's name in the title, the role select (locked on one's own
// account), "Mark verified" for an unconfirmed address, the mailed links (resend an
// invitation, send a password-reset link: an admin never sees or sets a password), the
// user's sessions (sessions.js) and API tokens (api-tokens.js), a user deleted meanwhile, and the focus returning to
// the row that opened it.
import { api } from './api.js';
import { createTokenList } from './api-tokens.js';
import { createSessionList } from './sessions.js';
import { t } from './i18n.js';
import { NOT_FOUND, NOT_INVITED, problemType } from './problems.js';
import { createProfileForm } from './profile-form.js';
import { toast } from './toast.js';

const language = document.documentElement.lang || 'en';

/**
 * The modal's "Second factor": what the user has, and its removal after a confirmation in
 * place (DELETE /users/{id}/second-factors; the user is mailed).
 */
function createSecondFactors(state, username) {
  const text = document.getElementById('edit-second-factors-text');
  const remove = document.getElementById('edit-remove-second-factors');
  const confirm = document.getElementById('edit-remove-second-factors-confirm');
  const yes = document.getElementById('edit-remove-second-factors-yes');
  const keep = document.getElementById('edit-remove-second-factors-keep');

  const show = (factors) => {
    confirm.classList.add('d-none');
    const any = factors.authenticator || factors.recoveryCodesLeft > 0;
    remove.classList.toggle('d-none', !any);
    text.textContent = factors.authenticator
      ? t('js.secondFactors.authenticator',
        new Date(factors.authenticatorSince).toLocaleDateString(language, { dateStyle: 'medium' }),
        factors.recoveryCodesLeft)
      : t('js.secondFactors.none');
  };

  const load = async (id) => {
    text.textContent = '';
    remove.classList.add('d-none');
    confirm.classList.add('d-none');
    try {
      const factors = await api(`/users/${encodeURIComponent(id)}/second-factors`);
      if (state.id === id) show(factors);
    } catch {
      if (state.id === id) text.textContent = t('js.secondFactors.loadFailed');
    }
  };

  remove.addEventListener('click', () => {
    remove.classList.add('d-none');
    confirm.classList.remove('d-none');
    yes.focus();
  });
  keep.addEventListener('click', () => {
    confirm.classList.add('d-none');
    remove.classList.remove('d-none');
    remove.focus();
  });
  yes.addEventListener('click', async () => {
    const id = state.id;
    yes.disabled = true;
    try {
      await api(`/users/${encodeURIComponent(id)}/second-factors`, { method: 'DELETE' });
      toast(t('js.secondFactors.removed', username()));
      show({ authenticator: false, recoveryCodesLeft: 0 });
      text.focus();
    } catch (error) {
      toast(error.problem?.detail || error.message, { error: true });
    } finally {
      yes.disabled = false;
    }
  });
  return { load };
}

/**
 * onSaved(details) and onLoaded(details) let the page update the row from the server's
 * answer (a reload after a conflict also brings the row up to date). onGone(id) is told
 * when the user no longer exists (404); the modal closes and focuses what it returns.
 */
export function createEditUserModal({ onSaved = () => {}, onLoaded = () => {}, onGone = () => null } = {}) {
  const element = document.getElementById('edit-user-modal');
  if (!element) return null;
  const title = document.getElementById('edit-user-name');
  const role = document.getElementById('edit-role');
  const roleHelp = document.getElementById('edit-role-help');
  const resend = document.getElementById('edit-resend-invitation');
  const reset = document.getElementById('edit-send-reset');
  const invitedText = document.getElementById('edit-invited-text');
  const resetText = document.getElementById('edit-reset-text');
  const verification = document.getElementById('edit-verification');
  const markVerified = document.getElementById('edit-mark-verified');
  const state = { id: null, self: false, opener: null, focusAfter: null };
  const tokens = createTokenList(document.getElementById('edit-token-list'));
  const secondFactors = createSecondFactors(state, () => title.textContent);
  const sessions = createSessionList(document.getElementById('edit-session-list'));
  const endAllSessions = document.getElementById('edit-sessions-end-all');
  endAllSessions?.addEventListener('click',
    () => sessions.endAll(`/users/${encodeURIComponent(state.id)}/sessions`, endAllSessions));

  /** An invited user gets the invitation again; anyone else a reset link. Null: not loaded. */
  const showPasswordActions = (invited) => {
    resend.classList.toggle('d-none', invited !== true);
    invitedText.classList.toggle('d-none', invited !== true);
    reset.classList.toggle('d-none', invited !== false);
    resetText.classList.toggle('d-none', invited !== false);
  };

  const showVerification = (details) => {
    verification?.classList.toggle('d-none', Boolean(details.emailVerified));
  };

  const form = createProfileForm({
    elements: {
      modal: element,
      form: document.getElementById('edit-user-form'),
      fields: document.getElementById('edit-user-fields'),
      save: document.getElementById('edit-save'),
      alert: document.getElementById('edit-user-alert'),
      alertText: document.getElementById('edit-user-alert-text'),
      reload: document.getElementById('edit-reload'),
      loading: document.getElementById('edit-user-loading'),
    },
    prefix: 'edit-',
    messages: {
      stale: t('js.editUser.stale'),
      loadFailed: t('js.editUser.loadFailed'),
      saveFailed: t('js.editUser.saveFailed'),
      // One's own new address waits for the link just sent to it (pendingEmail).
      saved: (details, linkSent) => (linkSent
        ? t('js.editUser.savedEmailPending', details.username, details.pendingEmail)
        : t('js.editUser.saved', details.username)),
    },
    onLoaded(details) {
      title.textContent = details.username;
      role.disabled = state.self;
      roleHelp.classList.toggle('d-none', !state.self);
      showPasswordActions(details.invited);
      showVerification(details);
      secondFactors.load(state.id);
      onLoaded(details);
    },
    onSaved(details) {
      showVerification(details);
      onSaved(details);
    },
    onGone() {
      state.focusAfter = onGone(state.id);
      form.close();
    },
    onHidden() {
      const target = state.focusAfter || state.opener;
      state.id = null;
      state.opener = null;
      state.focusAfter = null;
      if (target?.isConnected) target.focus();
    },
  });

  /** POST /users/{id}/invitation or /password-reset: the server queues the mail (202). */
  const sendLink = async (button, path, sentKey) => {
    const id = state.id;
    button.disabled = true;
    try {
      const answer = await api(`/users/${encodeURIComponent(id)}/${path}`, { method: 'POST' });
      toast(t(sentKey, answer.email));
    } catch (error) {
      if (problemType(error) === NOT_FOUND) {
        state.focusAfter = onGone(id);
        form.close();
        return;
      }
      // Accepted meanwhile: the user has a password now, so a reset link is what helps.
      if (problemType(error) === NOT_INVITED) showPasswordActions(false);
      toast(error.problem?.detail || error.message, { error: true });
    } finally {
      button.disabled = false;
      // Disabling the button dropped the focus out of the dialog: bring it back.
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && element.classList.contains('show')) (button.classList.contains('d-none') ? element : button).focus();
    }
  };
  resend.addEventListener('click', () => sendLink(resend, 'invitation', 'js.editUser.invitationSent'));
  reset.addEventListener('click', () => sendLink(reset, 'password-reset', 'js.editUser.resetSent'));

  markVerified?.addEventListener('click', async () => {
    if (state.id == null) return;
    markVerified.disabled = true;
    try {
      const details = await api(`/users/${encodeURIComponent(state.id)}/email-verification`, { method: 'POST' });
      form.setVersion(details.version);
      showVerification(details);
      onSaved(details);
      toast(t('js.editUser.markedVerified', details.username));
      document.getElementById('edit-accountEmail')?.focus();
    } catch (error) {
      if (problemType(error) === NOT_FOUND) {
        state.focusAfter = onGone(state.id);
        form.close();
        return;
      }
      toast(error.problem?.detail || error.message, { error: true });
    } finally {
      markVerified.disabled = false;
    }
  });

  return {
    /** Opens the modal for user `id`; `self` locks the role select; focus returns to `opener`. */
    open(id, { self = false, username = '', opener = null } = {}) {
      state.id = id;
      state.self = self;
      state.opener = opener;
      title.textContent = username || t('js.editUser.untitled');
      showPasswordActions(null);
      tokens?.load(`/users/${encodeURIComponent(id)}/tokens`);
      sessions?.load(`/users/${encodeURIComponent(id)}/sessions`);
      form.open(id);
    },
  };
}
