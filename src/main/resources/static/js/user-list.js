// Admin console (/user_list): filters submit as you pick them; each row's status switch,
// Unlock, Edit and Delete talk to the JSON routes and update the row in place; "Add user"
// invites someone (POST /users) and reloads the list, newest first; "Import CSV" is
// user-import.js.
import { api } from './api.js';
import { attachEmailCheck } from './email-check.js';
import { clearFieldErrors, readForm, sentence, setFieldError, showFieldErrors } from './forms.js';
import { number, t } from './i18n.js';
import { toast } from './toast.js';
import { EMAIL_TAKEN, NOT_FOUND, USERNAME_TAKEN, VALIDATION, problemType } from './problems.js';
import { createEditUserModal } from './user-edit-modal.js';
import './user-import.js';

const page = document.getElementById('user-list-page');
const rows = document.getElementById('user-rows');

// --- Toolbar: the selects apply at once; the search box on Enter or "Search". ---------------
const filters = document.getElementById('user-filters');
filters?.querySelectorAll('[data-auto-submit]').forEach((select) => {
  select.addEventListener('change', () => filters.requestSubmit());
});
filters?.addEventListener('submit', () => {
  // Keep the URL short: leave out empty fields and those at their default (data-default).
  filters.querySelectorAll('input[name], select[name]').forEach((field) => {
    if (!field.value || field.value === field.dataset.default) field.disabled = true;
  });
});
// Back/forward cache: re-enable fields disabled just before submitting.
window.addEventListener('pageshow', () => {
  filters?.querySelectorAll('[name]').forEach((field) => {
    field.disabled = false;
  });
});

// --- Row helpers --------------------------------------------------------------------------
const rowOf = (element) => element.closest('tr[data-user-id]');
const usernameOf = (row) => row.dataset.username;

function setCount(total) {
  const count = document.getElementById('user-count');
  if (!count) return;
  count.dataset.total = String(total);
  count.textContent = total === 1 ? t('js.users.one') : t('js.users.other', number(total));
}

function setStatus(row, status) {
  const toggle = row.querySelector('.status-toggle');
  const label = row.querySelector('.status-label');
  const active = status === 'ACTIVE';
  toggle.checked = active;
  label.textContent = t(active ? 'status.ACTIVE' : 'status.SUSPENDED');
  row.classList.toggle('user-row-suspended', !active);
}

function clearLock(row, failedLogins = 0) {
  row.querySelector('.failed-count').textContent = String(failedLogins);
  row.querySelector('.lock-badge')?.remove();
  row.querySelector('.btn-unlock')?.remove();
}

function setRole(row, role) {
  const badge = row.querySelector('.role-badge');
  const admin = role === 'ADMIN';
  badge.dataset.role = role;
  badge.textContent = t(admin ? 'role.ADMIN' : 'role.USER');
  badge.classList.toggle('text-bg-primary', admin);
  badge.classList.toggle('text-bg-secondary', !admin);
}

/** Brings a row up to date with a /edit_user answer. */
function updateRow(details) {
  const row = rows?.querySelector(`tr[data-user-id="${CSS.escape(String(details.id))}"]`);
  if (!row) return;
  row.dataset.version = String(details.version);
  const email = row.querySelector('.cell-email');
  email.textContent = details.email;
  email.title = details.email;
  row.querySelector('.unverified-badge')?.classList.toggle('d-none', Boolean(details.emailVerified));
  row.querySelector('.invited-badge')?.classList.toggle('d-none', !details.invited);
  row.querySelector('.cell-fullname').textContent = details.profile?.fullName || '';
  setRole(row, details.role);
  setStatus(row, details.status);
  if (!details.locked) clearLock(row, details.failedLogins);
  else row.querySelector('.failed-count').textContent = String(details.failedLogins);
  const avatar = row.querySelector('img.avatar');
  if (avatar && details.profile?.imageUrl && avatar.getAttribute('src') !== details.profile.imageUrl) {
    avatar.src = details.profile.imageUrl;
  }
}

/**
 * Takes a row out of the table and the count (its user is gone) and returns what should
 * get the focus instead: the next row's Edit button, or the page title.
 */
function removeRow(row) {
  const next = row.nextElementSibling || row.previousElementSibling;
  row.remove();
  const count = document.getElementById('user-count');
  // "More than 1,000 users" stays true with one fewer.
  if (count?.dataset.exact !== 'false') setCount(Math.max(0, Number(count?.dataset.total || 1) - 1));
  showEmptyStateIfNoRows();
  return next?.querySelector('.btn-edit') || document.getElementById('user-list-title');
}

/** An action answered 404: the user was deleted elsewhere, so the row leaves the table. */
function userGone(row, { focus = true } = {}) {
  const name = usernameOf(row);
  const target = row.isConnected ? removeRow(row) : null;
  toast(t('js.users.gone', name), { error: true });
  if (focus) target?.focus();
  return target;
}

function showEmptyStateIfNoRows() {
  if (rows && rows.querySelector('tr[data-user-id]')) return;
  document.querySelector('#user-table')?.closest('.table-responsive')?.classList.add('d-none');
  document.getElementById('user-empty')?.classList.remove('d-none');
  if (Number(document.getElementById('user-count')?.dataset.total) === 0) {
    document.getElementById('user-paging')?.classList.add('d-none');
  }
}

// --- Status switch ------------------------------------------------------------------------
async function changeStatus(toggle) {
  const row = rowOf(toggle);
  const wanted = toggle.checked ? 'ACTIVE' : 'SUSPENDED';
  const previous = toggle.checked ? 'SUSPENDED' : 'ACTIVE';
  // Disabling the switch drops its focus to <body>; it gets it back when the answer comes.
  const hadFocus = document.activeElement === toggle;
  toggle.disabled = true;
  row.setAttribute('aria-busy', 'true');
  try {
    const answer = await api('/update_status', { method: 'PUT', body: { id: Number(row.dataset.userId), status: wanted } });
    setStatus(row, answer.status);
    if (answer.status === 'ACTIVE') clearLock(row);
    toast(t(answer.status === 'ACTIVE' ? 'js.users.nowActive' : 'js.users.nowSuspended', usernameOf(row)));
  } catch (error) {
    if (problemType(error) === NOT_FOUND) {
      userGone(row, { focus: hadFocus });
      return;
    }
    setStatus(row, previous);
    toast(error.problem?.detail || error.message, { error: true });
  } finally {
    toggle.disabled = false;
    row.removeAttribute('aria-busy');
    if (hadFocus && toggle.isConnected && focusIsLost()) toggle.focus();
  }
}

/** True when nothing (or only the page itself) has the focus, as after disabling the focused control. */
function focusIsLost() {
  return !document.activeElement || document.activeElement === document.body;
}

// --- Unlock -------------------------------------------------------------------------------
async function unlock(button) {
  const row = rowOf(button);
  button.disabled = true;
  try {
    const details = await api(`/unlock_user?id=${encodeURIComponent(row.dataset.userId)}`, { method: 'PUT' });
    row.querySelector('.btn-edit')?.focus();
    clearLock(row, details.failedLogins);
    updateRow(details);
    toast(t('js.users.unlocked', usernameOf(row)));
  } catch (error) {
    if (problemType(error) === NOT_FOUND) {
      userGone(row);
      return;
    }
    button.disabled = false;
    if (focusIsLost()) button.focus();
    toast(error.problem?.detail || error.message, { error: true });
  }
}

// --- Delete -------------------------------------------------------------------------------
const deleteElement = document.getElementById('delete-user-modal');
const deleteModal = deleteElement ? window.bootstrap.Modal.getOrCreateInstance(deleteElement) : null;
const deleteName = document.getElementById('delete-user-name');
const deleteConfirm = document.getElementById('delete-confirm');
const deleteCancel = document.getElementById('delete-cancel');
let deleting = null; // { row, opener }

function askDelete(button) {
  const row = rowOf(button);
  deleting = { row, opener: button };
  deleteName.textContent = usernameOf(row);
  deleteConfirm.disabled = false;
  deleteModal.show();
}

// The safe choice has the focus: Enter or Space on opening does not delete.
deleteElement?.addEventListener('shown.bs.modal', () => deleteCancel.focus());
deleteElement?.addEventListener('hidden.bs.modal', () => {
  const target = deleting?.focusAfter || deleting?.opener;
  deleting = null;
  if (target?.isConnected) target.focus();
});

deleteConfirm?.addEventListener('click', async () => {
  if (!deleting) return;
  const { row } = deleting;
  const name = usernameOf(row);
  deleteConfirm.disabled = true;
  try {
    await api(`/delete_user?id=${encodeURIComponent(row.dataset.userId)}`, { method: 'DELETE' });
    deleting.focusAfter = removeRow(row);
    deleteModal.hide();
    toast(t('js.users.deleted', name));
  } catch (error) {
    if (problemType(error) === NOT_FOUND) deleting.focusAfter = userGone(row, { focus: false });
    else toast(error.problem?.detail || error.message, { error: true });
    deleteModal.hide();
  }
});

// --- Edit ---------------------------------------------------------------------------------
const editModal = createEditUserModal({
  onSaved: updateRow,
  onLoaded: updateRow,
  onGone: (id) => {
    const row = rows?.querySelector(`tr[data-user-id="${CSS.escape(String(id))}"]`);
    return row ? userGone(row, { focus: false }) : null;
  },
});

// --- Add user (an invitation) ---------------------------------------------------------------
// The list reloads to show the new row; the toast waits in sessionStorage for the new page.
const PENDING_TOAST = 'roster.userList.toast';
const addElement = document.getElementById('add-user-modal');
const addForm = document.getElementById('add-user-form');
const addFields = document.getElementById('add-user-fields');
const addSave = document.getElementById('add-user-save');
const addAlert = document.getElementById('add-user-alert');
const addEmail = document.getElementById('add-email');
let addEmailOk = true;

function showAddAlert(message) {
  addAlert.textContent = message;
  addAlert.classList.toggle('d-none', !message);
}

if (addElement && addForm) {
  attachEmailCheck(addEmail, {
    takenMessage: t('js.email.taken'),
    onState: (valid) => {
      addEmailOk = valid;
    },
  });
  addElement.addEventListener('show.bs.modal', () => {
    addForm.reset();
    clearFieldErrors(addForm);
    showAddAlert('');
    addEmailOk = true;
  });
  addElement.addEventListener('shown.bs.modal', () => document.getElementById('add-username').focus());
  // A refused answer stays under its field until the field is changed (the email check
  // keeps its own).
  addForm.addEventListener('input', (event) => {
    if (event.target !== addEmail && event.target.classList.contains('is-invalid')) setFieldError(event.target, '');
  });
  addForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (addSave.disabled) return;
    if (!addEmailOk) {
      addEmail.focus();
      return;
    }
    clearFieldErrors(addForm);
    showAddAlert('');
    const { username, email, role, profile } = readForm(addForm);
    const body = { username, email, role };
    if (profile?.fullName) body.profile = { fullName: profile.fullName };
    const spinner = addSave.querySelector('.spinner-border');
    addSave.disabled = true;
    spinner.classList.remove('d-none');
    addFields.disabled = true;
    try {
      const created = await api('/users', { method: 'POST', body });
      sessionStorage.setItem(PENDING_TOAST, t('js.users.invited', created.username, created.email));
      window.location.assign('/user_list');
    } catch (error) {
      addFields.disabled = false; // a disabled input cannot take the focus
      const problem = error.problem || {};
      switch (problemType(error)) {
        case VALIDATION:
        case USERNAME_TAKEN:
        case EMAIL_TAKEN: {
          const unmatched = showFieldErrors(addForm, problem.errors || {});
          showAddAlert(unmatched.length ? unmatched.map(sentence).join(' ') : t('js.form.correctFields'));
          break;
        }
        default:
          showAddAlert(problem.detail || error.message);
      }
      addSave.disabled = false;
      spinner.classList.add('d-none');
    }
  });
}

const pendingToast = sessionStorage.getItem(PENDING_TOAST);
if (pendingToast) {
  sessionStorage.removeItem(PENDING_TOAST);
  toast(pendingToast);
}

// --- One listener for all rows ------------------------------------------------------------
rows?.addEventListener('change', (event) => {
  if (event.target.matches('.status-toggle')) changeStatus(event.target);
});
rows?.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button || button.disabled) return;
  const row = rowOf(button);
  if (button.matches('.btn-unlock')) unlock(button);
  else if (button.matches('.btn-delete')) askDelete(button);
  else if (button.matches('.btn-edit')) {
    editModal?.open(Number(row.dataset.userId), {
      self: row.dataset.self === 'true' || row.dataset.userId === page?.dataset.currentUserId,
      username: usernameOf(row),
      opener: button,
    });
  }
});

// Tooltips on the explanations of what an admin cannot do to their own row.
document.querySelectorAll('#user-rows .self-hint').forEach((element) => {
  window.bootstrap.Tooltip.getOrCreateInstance(element);
});
