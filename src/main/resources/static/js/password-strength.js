// Live password-strength bar: zxcvbn (same algorithm as the server) scores 0..4 on every
// keystroke; the bar grows and goes red, orange, yellow, green (roster.css, by data-score),
// and the label says whether the server will accept it. The server's minimum score comes
// from the page (data-password-min-score on the meter or an ancestor).
import { passwordHint, t } from './i18n.js';

const LEVELS = ['js.strength.level.0', 'js.strength.level.1', 'js.strength.level.2', 'js.strength.level.3', 'js.strength.level.4'].map(
  (key) => t(key),
);
const WIDTHS = [10, 25, 50, 75, 100];

function personalInputs(selector) {
  if (!selector) return [];
  return selector.split(',').flatMap((s) => {
    const value = document.querySelector(s.trim())?.value?.trim() || '';
    if (!value) return [];
    return value.includes('@') ? [value.slice(0, value.indexOf('@'))] : [value];
  });
}

/** "Good or stronger is accepted", from the server's minimum score; '' when the page has none. */
function requirement(minScore) {
  if (!(minScore >= 0 && minScore < LEVELS.length)) return '';
  return t(minScore === LEVELS.length - 1 ? 'js.strength.only' : 'js.strength.orStronger', LEVELS[minScore]);
}

export function attachStrengthMeter(input) {
  const meter = document.querySelector(input.dataset.strengthMeter);
  if (!meter || typeof window.zxcvbn !== 'function') return;
  const bar = meter.querySelector('.strength-bar');
  const progress = meter.querySelector('[role="progressbar"]');
  const label = meter.querySelector('.strength-label');
  const hint = meter.querySelector('.strength-hint');
  const minAttribute = meter.closest('[data-password-min-score]')?.dataset.passwordMinScore;
  const minScore = minAttribute == null ? NaN : Number(minAttribute);
  const needed = requirement(minScore);

  const update = () => {
    const password = input.value;
    if (!password) {
      bar.style.width = '0%';
      bar.dataset.score = '0';
      delete bar.dataset.accepted;
      meter.dataset.score = '';
      progress.setAttribute('aria-valuenow', '0');
      progress.removeAttribute('aria-valuetext');
      label.textContent = needed ? t('js.strength.emptyNeeds', needed) : t('password.strength.empty');
      hint.textContent = '';
      return;
    }
    const personal = personalInputs(input.dataset.strengthInputs);
    if (input.dataset.strengthUsername) personal.push(input.dataset.strengthUsername);
    const result = window.zxcvbn(password.slice(0, 128), personal);
    const level = LEVELS[result.score];
    const accepted = password.length >= 8 && !(result.score < minScore);
    bar.style.width = `${WIDTHS[result.score]}%`;
    bar.dataset.score = String(result.score);
    bar.dataset.accepted = String(accepted);
    meter.dataset.score = String(result.score);
    progress.setAttribute('aria-valuenow', String(result.score));
    progress.setAttribute('aria-valuetext', level);
    if (password.length < 8) label.textContent = t('js.strength.tooShort', level);
    else if (!needed) label.textContent = level;
    else label.textContent = accepted ? t('js.strength.accepted', level) : t('js.strength.needs', level, needed);
    hint.textContent = passwordHint(result.feedback.warning || result.feedback.suggestions[0]);
  };
  input.addEventListener('input', update);
  update();
}

document.querySelectorAll('[data-strength-meter]').forEach(attachStrengthMeter);
