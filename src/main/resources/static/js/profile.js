// My profile: password-strength bar, the edit-profile modal, the avatar upload (click or
// drop, with a local preview and upload progress) and deleting one's own account.
import './password-strength.js';
import { api, csrfHeaders } from './api.js';
import { createProfileForm } from './profile-form.js';
import { toast } from './toast.js';
import { httpUrl, setFieldError } from './forms.js';
import { t } from './i18n.js';

const page = document.getElementById('profile-page');
const userId = page?.dataset.userId;

// --- Edit profile -------------------------------------------------------------------------
/** The details list beside the photo, from an /edit_user answer. */
function renderDetails(details) {
  const profile = details.profile || {};
  const set = (field, value) => {
    const cell = document.querySelector(`#profile-details [data-field="${field}"]`);
    if (cell) cell.textContent = value || '';
    return cell;
  };
  set('accountEmail', details.email);
  // "Unverified" and its resend button follow the answer (an admin may have changed it).
  document.getElementById('email-unverified')?.classList.toggle('d-none', Boolean(details.emailVerified));
  document.getElementById('resend-form')?.classList.toggle('d-none', Boolean(details.emailVerified));
  ['fullName', 'bio', 'address', 'zipcode', 'phone', 'email'].forEach((field) => set(field, profile[field]));
  const website = set('website', '');
  if (website && profile.website) {
    const href = httpUrl(profile.website);
    if (href) {
      const link = document.createElement('a');
      link.href = href;
      link.textContent = profile.website;
      link.rel = 'noopener noreferrer nofollow';
      link.target = '_blank';
      website.append(link);
    } else {
      website.textContent = profile.website;
    }
  }
  page.dataset.version = String(details.version);
}

/** Says, under the account email, which new address waits for its confirmation. */
function showPendingEmail(address) {
  const pending = document.getElementById('pending-email');
  if (!pending) return;
  pending.textContent = t('js.profile.emailPending', address);
  pending.classList.remove('d-none');
}

const editModal = document.getElementById('edit-profile-modal');
if (editModal) {
  createProfileForm({
    elements: {
      modal: editModal,
      form: document.getElementById('edit-profile-form'),
      fields: document.getElementById('edit-profile-fields'),
      save: document.getElementById('edit-profile-save'),
      alert: document.getElementById('edit-profile-alert'),
      alertText: document.getElementById('edit-profile-alert-text'),
      reload: document.getElementById('edit-profile-reload'),
    },
    prefix: 'pf-',
    messages: {
      stale: t('js.profile.stale'),
      loadFailed: t('js.profile.loadFailed'),
      saveFailed: t('js.profile.saveFailed'),
      // A new account email waits for the link sent to it; until then the account keeps
      // the old one (pendingEmail in the answer).
      saved: (details, linkSent) => (linkSent ? t('js.profile.savedEmailPending', details.pendingEmail) : t('js.profile.saved')),
    },
    onLoaded: renderDetails,
    onSaved(details) {
      renderDetails(details);
      if (details.pendingEmail) showPendingEmail(details.pendingEmail);
    },
  }).setUser(userId);
}

// --- Avatar -------------------------------------------------------------------------------
// roster.avatar.max-bytes, rendered by the page; the server enforces it anyway.
const MAX_BYTES = Number(page?.dataset.avatarMaxBytes) || Infinity;
const MAX_TEXT = page?.dataset.avatarMaxText;
const TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
const drop = document.getElementById('avatar-drop');
const fileInput = document.getElementById('avatar-input');
const avatarImage = document.getElementById('avatar-image');
const progress = document.getElementById('avatar-progress');
const progressBar = document.getElementById('avatar-progress-bar');
const avatarError = document.getElementById('avatar-error');
const removeButton = document.getElementById('avatar-remove');
let uploading = false;

const selfImages = () => document.querySelectorAll('img[data-avatar-self]');

function setAvatarSources(url) {
  selfImages().forEach((img) => {
    img.src = url;
  });
}

function setProgress(percent) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  progressBar.style.width = `${value}%`;
  progressBar.textContent = `${value}%`;
  progress.setAttribute('aria-valuenow', String(value));
  progress.setAttribute('aria-valuetext', `${value}%`);
}

function showAvatarError(message) {
  avatarError.textContent = message || '';
}

/** 1.5 for 1.5 MB, written for the page's language. */
function megabytes(bytes) {
  return (bytes / 1024 / 1024).toLocaleString(document.documentElement.lang || 'en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** Client-side pre-checks; the server checks the bytes again. */
function problemWith(file) {
  if (!TYPES.includes(file.type)) return t('js.avatar.type');
  if (file.size > MAX_BYTES) return t('js.avatar.tooLargeFile', megabytes(file.size), MAX_TEXT);
  if (file.size === 0) return t('js.avatar.empty');
  return null;
}

function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function upload(file) {
  if (uploading) return;
  showAvatarError('');
  const problem = problemWith(file);
  if (problem) {
    showAvatarError(problem);
    return;
  }
  const previous = avatarImage.getAttribute('src');
  const preview = URL.createObjectURL(file);
  avatarImage.src = preview;
  uploading = true;
  drop.classList.add('uploading');
  drop.setAttribute('aria-busy', 'true');
  setProgress(0);
  progress.classList.remove('d-none');

  const finish = () => {
    uploading = false;
    drop.classList.remove('uploading');
    drop.removeAttribute('aria-busy');
    progress.classList.add('d-none');
    fileInput.value = '';
    URL.revokeObjectURL(preview);
  };
  const fail = (message) => {
    avatarImage.src = previous;
    showAvatarError(message);
    finish();
  };

  const data = new FormData();
  data.append('image', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', `/users/${encodeURIComponent(userId)}/image`);
  xhr.setRequestHeader('Accept', 'application/json');
  Object.entries(csrfHeaders()).forEach(([name, value]) => xhr.setRequestHeader(name, value));
  xhr.upload.addEventListener('progress', (event) => {
    if (event.lengthComputable) setProgress((event.loaded / event.total) * 100);
  });
  xhr.addEventListener('load', () => {
    const body = parseJson(xhr.responseText);
    if (xhr.status === 401) {
      window.location.assign('/login');
      return;
    }
    if (xhr.status >= 200 && xhr.status < 300 && body?.imageUrl) {
      setProgress(100);
      finish();
      setAvatarSources(body.imageUrl);
      removeButton.classList.remove('d-none');
      toast(t('js.avatar.updated'));
      return;
    }
    if (xhr.status === 413 && !body?.detail) {
      fail(t('js.avatar.tooLarge', MAX_TEXT));
      return;
    }
    fail(body?.detail || body?.title || t('js.avatar.failedStatus', xhr.status));
  });
  xhr.addEventListener('error', () => fail(t('js.avatar.failedNetwork')));
  xhr.addEventListener('abort', () => fail(t('js.avatar.cancelled')));
  xhr.send(data);
}

fileInput?.addEventListener('change', () => {
  const [file] = fileInput.files || [];
  if (file) upload(file);
});

if (drop) {
  ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    drop.classList.add('dragover');
  }));
  ['dragleave', 'dragend'].forEach((type) => drop.addEventListener(type, (event) => {
    if (!drop.contains(event.relatedTarget)) drop.classList.remove('dragover');
  }));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragover');
    const [file] = event.dataTransfer?.files || [];
    if (file) upload(file);
  });
}

removeButton?.addEventListener('click', async () => {
  showAvatarError('');
  removeButton.disabled = true;
  try {
    await api(`/users/${encodeURIComponent(userId)}/image`, { method: 'DELETE' });
    setAvatarSources(`/users/${encodeURIComponent(userId)}/image?v=${Date.now()}`);
    removeButton.classList.add('d-none');
    fileInput.focus();
    toast(t('js.avatar.removed'));
  } catch (error) {
    showAvatarError(error.problem?.detail || error.message);
  } finally {
    removeButton.disabled = false;
  }
});

// --- Delete my account --------------------------------------------------------------------
const deleteForm = document.getElementById('delete-self-form');
const deletePassword = document.getElementById('delete-self-password');
const deleteConfirm = document.getElementById('delete-self-confirm');

document.getElementById('delete-self-modal')?.addEventListener('shown.bs.modal', () => deletePassword.focus());
document.getElementById('delete-self-modal')?.addEventListener('hidden.bs.modal', () => {
  deletePassword.value = '';
  setFieldError(deletePassword, '');
});

deleteForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  setFieldError(deletePassword, '');
  // "password", or "username" for an account without a password.
  const field = deletePassword.dataset.confirm || 'password';
  if (!deletePassword.value) {
    setFieldError(deletePassword, t(field === 'username' ? 'js.deleteSelf.usernameRequired' : 'js.deleteSelf.passwordRequired'));
    deletePassword.focus();
    return;
  }
  deleteConfirm.disabled = true;
  try {
    await api(`/delete_user?id=${encodeURIComponent(userId)}`, { method: 'DELETE', body: { [field]: deletePassword.value } });
    window.location = '/login?deleted';
  } catch (error) {
    const problem = error.problem || {};
    setFieldError(deletePassword, problem.errors?.[field] || problem.detail || error.message);
    deletePassword.focus();
    deleteConfirm.disabled = false;
  }
});
