// Live "is this email free?" check against /email_exists, debounced, for registration and
// the edit-profile forms. Reports through the field's invalid-feedback and a callback.
import { api } from './api.js';
import { setFieldError } from './forms.js';
import { t } from './i18n.js';
import { TOO_MANY_REQUESTS, problemType } from './problems.js';

const DELAY_MS = 300;

/**
 * Watches an email input. options.excludeId() names the user being edited (their own
 * address is not "taken"); options.takenMessage is the text for an address in use;
 * options.onState(valid) tells the form whether it may submit.
 */
export function attachEmailCheck(input, { excludeId = () => null, takenMessage = t('js.email.registered'), onState = () => {} } = {}) {
  let timer;
  let controller;

  const show = (message) => {
    setFieldError(input, message);
    onState(!message);
  };

  const check = async () => {
    const email = input.value.trim();
    if (!email) {
      show('');
      return;
    }
    controller?.abort();
    controller = new AbortController();
    const params = new URLSearchParams({ email });
    const exclude = excludeId();
    if (exclude) params.set('excludeId', exclude);
    try {
      const result = await api(`/email_exists?${params}`, { signal: controller.signal });
      if (!result.valid) show(t('js.email.invalid'));
      else if (result.exists) show(takenMessage);
      else show('');
    } catch (error) {
      // Rate-limited: the server checks again on submit, so do not block the form.
      if (error.name !== 'AbortError' && problemType(error) === TOO_MANY_REQUESTS) {
        show('');
      }
    }
  };

  // `input` covers typing, pasting, dropping text and autofill (keyup missed all but typing).
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(check, DELAY_MS);
  });
  input.addEventListener('change', () => {
    clearTimeout(timer);
    check();
  });
  return { check, show };
}
