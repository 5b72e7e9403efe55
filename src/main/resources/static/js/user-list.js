// Admin console (/user_list): filters submit as you pick them; each row's status switch,
// Unlock, Edit and Delete talk to the JSON routes and update the row in place.
import { api } from './api.js';
import { number, t } from './i18n.js';
import { toast } from './toast.js';
import { NOT_FOUND, problemType } from './problems.js';
import { createEditUserModal } from './user-edit-modal.js';

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
  setCount(Math.max(0, Number(count?.dataset.total || 1) - 1));
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
