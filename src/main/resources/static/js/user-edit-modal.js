// The admin console's "Edit user" modal: the shared edit form (profile-form.js) plus what
// only an admin has: the user's name in the title, the role select (locked on one's own
// account), a user deleted meanwhile, and the focus returning to the row that opened it.
import { t } from './i18n.js';
import { createProfileForm } from './profile-form.js';

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
  const state = { id: null, self: false, opener: null, focusAfter: null };

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
      saved: (details) => t('js.editUser.saved', details.username),
    },
    onLoaded(details) {
      title.textContent = details.username;
      role.disabled = state.self;
      roleHelp.classList.toggle('d-none', !state.self);
      onLoaded(details);
    },
    onSaved,
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
