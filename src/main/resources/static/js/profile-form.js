// The edit form behind My profile and the admin's Edit user modal, both with the fields of
// templates/fragments/profile-fields.html: filled from GET /edit_user?id=N when the modal
// opens, saved with PUT /edit_user?id=N {email, role?, profile, version}. Field errors go
// under their inputs, a stale version offers a reload, and the account email is checked as
// it is typed. Each page adds what is its own through the hooks.
import { api } from './api.js';
import { attachEmailCheck } from './email-check.js';
import { clearFieldErrors, fillForm, readForm, sentence, showFieldErrors } from './forms.js';
import { EMAIL_TAKEN, NOT_FOUND, STALE_VERSION, VALIDATION, problemType } from './problems.js';
import { t } from './i18n.js';
import { toast } from './toast.js';

/**
 * elements: modal, form, fields (the fieldset), save, alert, alertText, reload and,
 * optionally, loading (shown instead of the fields during the first load).
 * prefix: the fields' id prefix. messages: stale, loadFailed, saveFailed and saved(details,
 * linkSent), linkSent when this save asked for a new address (pendingEmail).
 * onLoaded(details) and onSaved(details) let the page show the server's answer; onGone()
 * is told of a 404 (without it the alert shows the problem); onHidden() runs once the
 * modal has closed.
 */
export function createProfileForm({ elements, prefix, messages, onLoaded = () => {}, onSaved = () => {}, onGone = null, onHidden = () => {} }) {
  const { modal: element, form, fields, save, alert, alertText, reload, loading = null } = elements;
  const modal = window.bootstrap.Modal.getOrCreateInstance(element);
  const spinner = save.querySelector('.spinner-border');
  const email = document.getElementById(`${prefix}accountEmail`);
  const state = { id: null, version: null, emailOk: true, loading: false, saving: false, shown: false, request: null };

  const updateSave = () => {
    save.disabled = state.loading || state.saving || !state.emailOk || state.version == null;
  };

  const emailCheck = attachEmailCheck(email, {
    excludeId: () => state.id,
    takenMessage: t('js.email.taken'),
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
    loading?.classList.toggle('d-none', !on);
    fields.disabled = on;
    if (loading) fields.classList.toggle('d-none', on && state.version == null);
    updateSave();
  };

  /** Closes the modal, also while it is still opening (Bootstrap ignores hide() then). */
  const close = () => {
    if (state.shown) {
      state.shown = false; // nothing may take the focus back into a closing dialog
      modal.hide();
    } else {
      element.addEventListener('shown.bs.modal', () => modal.hide(), { once: true });
    }
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
      state.version = details.version;
      fillForm(form, details);
      onLoaded(details);
      setLoading(false);
      if (state.shown) email.focus();
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (onGone && problemType(error) === NOT_FOUND) {
        onGone();
        return;
      }
      state.version = null;
      setLoading(false);
      fields.disabled = true;
      updateSave();
      showAlert(error.problem?.detail || error.message || messages.loadFailed, { offerReload: true });
    }
  };

  const showSaveError = (error) => {
    const problem = error.problem || {};
    switch (problemType(error)) {
      case STALE_VERSION:
        showAlert(messages.stale, { offerReload: true });
        break;
      case VALIDATION:
      case EMAIL_TAKEN: {
        fields.disabled = false; // a disabled input cannot take the focus
        const unmatched = showFieldErrors(form, problem.errors || { email: problem.detail });
        showAlert(unmatched.length ? unmatched.map(sentence).join(' ') : t('js.form.correctFields'));
        break;
      }
      default:
        showAlert(problem.detail || error.message || messages.saveFailed);
    }
  };

  const submit = async (event) => {
    event.preventDefault();
    if (save.disabled) return;
    hideAlert();
    clearFieldErrors(form);
    // A disabled input (the role of one's own account) is left out, so it is not changed.
    const { email: address, role, profile } = readForm(form);
    const body = { email: address, profile, version: state.version };
    if (role) body.role = role;
    state.saving = true;
    spinner?.classList.remove('d-none');
    fields.disabled = true;
    updateSave();
    try {
      const details = await api(`/edit_user?id=${encodeURIComponent(state.id)}`, { method: 'PUT', body });
      state.version = details.version;
      onSaved(details);
      modal.hide();
      // pendingEmail is in every answer while a change waits: the toast mentions the link
      // only when this save asked for that address (the server lowercases it).
      const linkSent = Boolean(details.pendingEmail) && address?.trim().toLowerCase() === details.pendingEmail;
      toast(messages.saved(details, linkSent));
    } catch (error) {
      if (onGone && problemType(error) === NOT_FOUND) {
        onGone();
        return;
      }
      showSaveError(error);
    } finally {
      state.saving = false;
      spinner?.classList.add('d-none');
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
  element.addEventListener('show.bs.modal', () => {
    form.reset();
    emailCheck.show('');
    state.version = null;
    load();
  });
  element.addEventListener('shown.bs.modal', () => {
    state.shown = true;
    if (!state.loading && !fields.disabled) email.focus();
  });
  element.addEventListener('hidden.bs.modal', () => {
    state.shown = false;
    state.request?.abort();
    onHidden();
  });

  return {
    /** Edits user `id` from the next opening of the modal on. */
    setUser(id) {
      state.id = id;
    },
    /** Takes the version of an answer another action got (the next save sends it). */
    setVersion(version) {
      state.version = version;
      updateSave();
    },
    /** Opens the modal for user `id`. */
    open(id) {
      state.id = id;
      modal.show();
    },
    close,
  };
}
