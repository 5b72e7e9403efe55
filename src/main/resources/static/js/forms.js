// Helpers shared by the modal forms: fill inputs from JSON, read them back, and show a
// problem's `errors: {field: message}` under the matching inputs. Inputs are found by
// their `name`, which follows the JSON paths the server reports (`email`, `profile.phone`).

/** The element that shows an input's error: the id in aria-describedby ending in "error". */
export function feedbackFor(input) {
  const id = (input.getAttribute('aria-describedby') || '').split(/\s+/).find((part) => part.endsWith('error'));
  return (id && document.getElementById(id)) || input.parentElement?.querySelector('.invalid-feedback') || null;
}

/** "not a valid email address" → "Not a valid email address." */
export function sentence(message) {
  const text = String(message || '').trim();
  if (!text) return '';
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

export function setFieldError(input, message) {
  const feedback = feedbackFor(input);
  input.classList.toggle('is-invalid', Boolean(message));
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  if (feedback) feedback.textContent = message ? sentence(message) : '';
}

export function clearFieldErrors(form) {
  form.querySelectorAll('[name]').forEach((input) => setFieldError(input, ''));
}

/**
 * Shows each error under its input. Returns the messages that matched no input, so the
 * caller can show them elsewhere. Focuses the first invalid input.
 */
export function showFieldErrors(form, errors = {}) {
  const unmatched = [];
  let first = null;
  Object.entries(errors || {}).forEach(([name, message]) => {
    const input = form.elements.namedItem(name);
    if (input instanceof HTMLElement) {
      setFieldError(input, message);
      first = first || input;
    } else {
      unmatched.push(`${name}: ${message}`);
    }
  });
  first?.focus();
  return unmatched;
}

/** Sets every named input from a nested object: name "profile.bio" reads values.profile.bio. */
export function fillForm(form, values) {
  form.querySelectorAll('[name]').forEach((input) => {
    const value = input.name.split('.').reduce((object, key) => (object == null ? undefined : object[key]), values);
    input.value = value == null ? '' : String(value);
  });
}

/** The enabled named inputs as a nested object, trimmed (textareas keep inner line breaks). */
export function readForm(form) {
  const result = {};
  form.querySelectorAll('[name]').forEach((input) => {
    if (input.disabled) return;
    const path = input.name.split('.');
    let target = result;
    path.slice(0, -1).forEach((key) => {
      target[key] = target[key] || {};
      target = target[key];
    });
    target[path[path.length - 1]] = input.value.trim();
  });
  return result;
}

/** Only http(s) addresses become links; anything else stays text. */
export function httpUrl(value) {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname && !url.username && !url.password
      ? url.href
      : null;
  } catch {
    return null;
  }
}
