// The admin console's "Edit user" modal: the shared edit form (profile-form.js) plus what
// only an admin has: the user's name in the title, the role select (locked on one's own
// account), "Mark verified" for an unconfirmed address, a user deleted meanwhile, and the
// focus returning to the row that opened it.
import { api } from './api.js';
import { t } from './i18n.js';
import { createProfileForm } from './profile-form.js';
import { NOT_FOUND, problemType } from './problems.js';
import { toast } from './toast.js';

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
  const verification = document.getElementById('edit-verification');
  const markVerified = document.getElementById('edit-mark-verified');
  const state = { id: null, self: false, opener: null, focusAfter: null };

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
      // One's own new address waits for the link sent to it (pendingEmail).
      saved: (details) => (details.pendingEmail
        ? t('js.editUser.savedEmailPending', details.username, details.pendingEmail)
        : t('js.editUser.saved', details.username)),
    },
    onLoaded(details) {
      title.textContent = details.username;
      role.disabled = state.self;
      roleHelp.classList.toggle('d-none', !state.self);
      showVerification(details);
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
      form.open(id);
    },
  };
}
