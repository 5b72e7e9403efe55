// Live password-strength bar: zxcvbn (same algorithm as the server) scores 0..4 on every
// keystroke; the bar's width and colour go from a narrow red to a full green.
const LEVELS = [
  { label: 'Very weak', colour: 'bg-danger', width: 10 },
  { label: 'Weak', colour: 'bg-danger', width: 25 },
  { label: 'Fair', colour: 'bg-warning', width: 50 },
  { label: 'Good', colour: 'bg-info', width: 75 },
  { label: 'Strong', colour: 'bg-success', width: 100 },
];
const COLOURS = ['bg-danger', 'bg-warning', 'bg-info', 'bg-success'];

function personalInputs(selector) {
  if (!selector) return [];
  return selector.split(',').flatMap((s) => {
    const value = document.querySelector(s.trim())?.value?.trim() || '';
    if (!value) return [];
    return value.includes('@') ? [value.slice(0, value.indexOf('@'))] : [value];
  });
}

export function attachStrengthMeter(input) {
  const meter = document.querySelector(input.dataset.strengthMeter);
  if (!meter || typeof window.zxcvbn !== 'function') return;
  const bar = meter.querySelector('.strength-bar');
  const progress = meter.querySelector('[role="progressbar"]');
  const label = meter.querySelector('.strength-label');
  const hint = meter.querySelector('.strength-hint');

  const update = () => {
    const password = input.value;
    COLOURS.forEach((c) => bar.classList.remove(c));
    if (!password) {
      bar.style.width = '0%';
      bar.classList.add('bg-danger');
      bar.dataset.score = '0';
      progress.setAttribute('aria-valuenow', '0');
      label.textContent = 'Type a password';
      hint.textContent = '';
      return;
    }
    const personal = personalInputs(input.dataset.strengthInputs);
    if (input.dataset.strengthUsername) personal.push(input.dataset.strengthUsername);
    const result = window.zxcvbn(password.slice(0, 128), personal);
    const level = LEVELS[result.score];
    bar.style.width = `${level.width}%`;
    bar.classList.add(level.colour);
    bar.dataset.score = String(result.score);
    progress.setAttribute('aria-valuenow', String(result.score));
    progress.setAttribute('aria-valuetext', level.label);
    label.textContent = password.length < 8 ? `${level.label} · at least 8 characters` : level.label;
    hint.textContent = result.feedback.warning || result.feedback.suggestions[0] || '';
  };
  input.addEventListener('input', update);
  update();
}

document.querySelectorAll('[data-strength-meter]').forEach(attachStrengthMeter);
