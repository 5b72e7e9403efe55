// The admin console's "Edit user" modal: filled from GET /edit_user?id=N, saved with
// PUT /edit_user?id=N {email, role, profile, version}. Field errors go under their inputs,
// a stale version offers a reload, and the account email is checked as it is typed.
import { api } from './api.js';
import { attachEmailCheck } from './email-check.js';
import { toast } from './toast.js';
import { clearFieldErrors, fillForm, readForm, sentence, showFieldErrors } from './forms.js';

const STALE_TITLE = 'Changed by someone else';

/**
 * onSaved(details) and onLoaded(details) let the page update the row from the server's
 * answer (a reload after a conflict also brings the row up to date). onGone(id) is told
 * when the user no longer exists (404); the modal closes and focuses what it returns.
 */
export function createEditUserModal({ onSaved = () => {}, onLoaded = () => {}, onGone = () => null } = {}) {
  const element = document.getElementById('edit-user-modal');
  if (!element) return null;
  const modal = window.bootstrap.Modal.getOrCreateInstance(element);
  const form = document.getElementById('edit-user-form');
  const fields = document.getElementById('edit-user-fields');
  const loading = document.getElementById('edit-user-loading');
  const title = document.getElementById('edit-user-name');
  const alert = document.getElementById('edit-user-alert');
  const alertText = document.getElementById('edit-user-alert-text');
  const reload = document.getElementById('edit-reload');
  const save = document.getElementById('edit-save');
  const spinner = save.querySelector('.spinner-border');
  const email = document.getElementById('edit-email');
  const role = document.getElementById('edit-role');
  const roleHelp = document.getElementById('edit-role-help');

  const state = { id: null, version: null, self: false, emailOk: true, loading: false, saving: false, opener: null, focusAfter: null, request: null, shown: false };

  const gone = () => {
    state.focusAfter = onGone(state.id);
    // Bootstrap ignores hide() while the dialog is still opening.
    if (state.shown) {
      state.shown = false;
      modal.hide();
    } else {
      element.addEventListener('shown.bs.modal', () => modal.hide(), { once: true });
    }
  };

  const updateSave = () => {
    save.disabled = state.loading || state.saving || !state.emailOk || state.id == null;
  };

  const emailCheck = attachEmailCheck(email, {
    excludeId: () => state.id,
    takenMessage: 'Already taken.',
    onState: (valid) => {
      state.emailOk = valid;
      updateSave();
    },
  });

  const hideAlert = () => {
    alert.classList.add('d-none');
    alertText.textContent = '';
    reload.classList.add('d-none');
  };

  const showAlert = (message, { offerReload = false } = {}) => {
    alertText.textContent = message;
    reload.classList.toggle('d-none', !offerReload);
    alert.classList.remove('d-none');
  };

  const setLoading = (on) => {
    state.loading = on;
    loading.classList.toggle('d-none', !on);
    fields.disabled = on;
    fields.classList.toggle('d-none', on && state.version == null);
    updateSave();
  };

  const fill = (details) => {
    state.version = details.version;
    title.textContent = details.username;
    fillForm(form, details);
    role.disabled = state.self;
    roleHelp.classList.toggle('d-none', !state.self);
  };

  const load = async () => {
    state.request?.abort();
    const request = new AbortController();
    state.request = request;
    hideAlert();
    clearFieldErrors(form);
    state.emailOk = true;
    setLoading(true);
    try {
      const details = await api(`/edit_user?id=${encodeURIComponent(state.id)}`, { signal: request.signal });
      if (request.signal.aborted) return;
      fill(details);
      onLoaded(details);
      setLoading(false);
      if (state.shown) email.focus();
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.status === 404) {
        gone();
        return;
      }
      setLoading(false);
      fields.disabled = true;
      save.disabled = true;
      showAlert(error.problem?.detail || error.message || 'Could not load this user.', { offerReload: true });
    }
  };

  const submit = async (event) => {
    event.preventDefault();
    if (save.disabled) return;
    hideAlert();
    clearFieldErrors(form);
    const values = readForm(form);
    const body = { email: values.email, profile: values.profile, version: state.version };
    if (!state.self && values.role) body.role = values.role;
    state.saving = true;
    spinner.classList.remove('d-none');
    fields.disabled = true;
    updateSave();
    try {
      const details = await api(`/edit_user?id=${encodeURIComponent(state.id)}`, { method: 'PUT', body });
      state.version = details.version;
      onSaved(details);
      modal.hide();
      toast(`Saved changes to ${details.username}.`);
    } catch (error) {
      const problem = error.problem || {};
      if (error.status === 404) {
        gone();
        return;
      }
      if (error.status === 409 && problem.title === STALE_TITLE) {
        showAlert('This user was changed by someone else — reload to see the latest version, then make your change again.', { offerReload: true });
      } else if (problem.errors && Object.keys(problem.errors).length) {
        fields.disabled = false;
        const unmatched = showFieldErrors(form, problem.errors);
        showAlert(unmatched.length ? unmatched.map(sentence).join(' ') : 'Please correct the highlighted fields.');
        if (problem.errors.email) state.emailOk = true; // let them edit and try again
      } else {
        showAlert(problem.detail || error.message || 'Could not save the changes.');
      }
    } finally {
      state.saving = false;
      spinner.classList.add('d-none');
      fields.disabled = false;
      updateSave();
      // Disabling Save while the request ran dropped the focus out of the dialog, where
      // Esc no longer reaches it: bring it back to Save (or the dialog).
      if (state.shown && !element.contains(document.activeElement)) {
        (save.disabled ? element : save).focus();
      }
    }
  };

  form.addEventListener('submit', submit);
  reload.addEventListener('click', () => load());
  element.addEventListener('shown.bs.modal', () => {
    state.shown = true;
    if (!state.loading && !fields.disabled) email.focus();
  });
  element.addEventListener('hidden.bs.modal', () => {
    state.shown = false;
    state.request?.abort();
    const target = state.focusAfter || state.opener;
    state.id = null;
    state.opener = null;
    state.focusAfter = null;
    if (target?.isConnected) target.focus();
  });

  return {
    /** Opens the modal for user `id`; `self` locks the role select; focus returns to `opener`. */
    open(id, { self = false, username = '', opener = null } = {}) {
      state.id = id;
      state.self = self;
      state.version = null;
      state.opener = opener;
      title.textContent = username || 'user';
      form.reset();
      emailCheck.show('');
      modal.show();
      load();
    },
  };
}
