// The profile's passkeys: "Add a passkey" asks the server for creation options (with the
// current password unless the sign-in is recent), opens the browser's dialog and sends its
// answer with the label; the page then shows the new list. Rename and remove are forms.
import { api, ApiError } from './api.js';
import { clearFieldErrors, showFieldErrors } from './forms.js';
import { t } from './i18n.js';
import { CONFIRMATION_REQUIRED, VALIDATION, problemType } from './problems.js';
import { createCredential, supported } from './webauthn.js';

const form = document.getElementById('passkey-add-form');
const error = document.getElementById('passkey-add-error');

function fail(message) {
  error.textContent = message;
}

async function addPasskey(event) {
  event.preventDefault();
  clearFieldErrors(form);
  fail('');
  const label = form.elements.namedItem('label').value.trim();
  if (!label) {
    showFieldErrors(form, { label: t('js.passkey.labelRequired') });
    return;
  }
  const password = form.elements.namedItem('currentPassword');
  const button = document.getElementById('passkey-add');
  button.disabled = true;
  try {
    const options = await api('/profile/passkeys/options', { method: 'POST', body: { currentPassword: password ? password.value : null } });
    let credential;
    try {
      credential = await createCredential(options);
    } catch (dialog) {
      fail(dialog?.name === 'NotAllowedError' ? t('js.passkey.cancelled') : t('js.passkey.failed', dialog?.message || dialog));
      return;
    }
    await api('/profile/passkeys', { method: 'POST', body: { label, credential } });
    window.location.assign('/profile#passkeys');
    window.location.reload();
  } catch (failure) {
    if (failure instanceof ApiError && problemType(failure) === VALIDATION) {
      const unmatched = showFieldErrors(form, failure.problem.errors);
      if (unmatched.length) fail(unmatched.join(' '));
    } else if (failure instanceof ApiError && problemType(failure) === CONFIRMATION_REQUIRED) {
      fail(failure.message);
    } else {
      fail(failure.message);
    }
  } finally {
    button.disabled = false;
  }
}

if (form) {
  if (supported()) {
    form.addEventListener('submit', addPasskey);
  } else {
    document.getElementById('passkey-add').disabled = true;
    document.getElementById('passkey-unsupported').hidden = false;
  }
}
