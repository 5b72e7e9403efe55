// The admin list's "Import CSV": the file is checked first (a dry run: what each row would
// do, every error), then "Import" sends the same file with the dry run's planId, so the
// server imports exactly what was shown or refuses (the file or the accounts changed).
import { api } from './api.js';
import { setFieldError } from './forms.js';
import { number, t } from './i18n.js';
import { problemType, VALIDATION } from './problems.js';

const IMPORT_CHANGED = '/problems/import-changed';
const OUTCOME_BADGES = { create: 'text-bg-success', skip: 'text-bg-secondary', error: 'text-bg-danger' };

const modal = document.getElementById('import-users-modal');
if (modal) {
  const form = document.getElementById('import-users-form');
  const file = document.getElementById('import-file');
  const alert = document.getElementById('import-alert');
  const result = document.getElementById('import-result');
  const summary = document.getElementById('import-summary');
  const mail = document.getElementById('import-mail');
  const fix = document.getElementById('import-fix');
  const done = document.getElementById('import-done');
  const body = document.querySelector('#import-rows tbody');
  const check = document.getElementById('import-check');
  const confirm = document.getElementById('import-confirm');
  const state = { planId: null, imported: false };

  const showAlert = (message) => {
    alert.textContent = message || '';
    alert.classList.toggle('d-none', !message);
  };

  const reset = () => {
    state.planId = null;
    showAlert('');
    setFieldError(file, '');
    result.classList.add('d-none');
    confirm.classList.add('d-none');
    done.classList.add('d-none');
    check.classList.remove('d-none');
    body.replaceChildren();
  };

  const cell = (text, className = '') => {
    const td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = text;
    return td;
  };

  const row = (item) => {
    const tr = document.createElement('tr');
    tr.dataset.outcome = item.outcome;
    const outcome = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = `badge ${OUTCOME_BADGES[item.outcome] || 'text-bg-light'} import-outcome`;
    badge.textContent = t(`js.import.outcome.${item.outcome}`);
    outcome.append(badge);
    const reasons = Object.entries(item.reasons || {}).map(([column, reason]) => `${column}: ${reason}`).join('; ');
    tr.append(cell(String(item.line)), cell(item.username, 'text-break'), cell(item.email, 'text-break'),
      cell(t(`role.${item.role}`)), outcome, cell(reasons, 'small import-reasons'));
    return tr;
  };

  const show = (report) => {
    summary.textContent = t('js.import.summary', number(report.create), number(report.skip), number(report.errors));
    mail.textContent = t(report.mail ? 'js.import.willMail' : 'js.import.willNotMail');
    body.replaceChildren(...report.rows.map(row));
    result.classList.remove('d-none');
    const blocked = report.errors > 0 || report.create === 0;
    fix.textContent = report.errors > 0 ? t('js.import.fixErrors') : t('js.import.nothing');
    fix.classList.toggle('d-none', !blocked || report.imported);
    confirm.textContent = t('js.import.confirm', number(report.create));
    confirm.classList.toggle('d-none', blocked || report.imported);
    state.planId = blocked ? null : report.planId;
  };

  const upload = (extra = {}) => {
    const data = new FormData();
    data.append('file', file.files[0]);
    Object.entries(extra).forEach(([name, value]) => data.append(name, value));
    return data;
  };

  const failed = (error) => {
    const problem = error.problem || {};
    if (problemType(error) === VALIDATION && problem.errors) {
      showAlert(`${problem.detail} ${Object.entries(problem.errors).map(([k, v]) => `${k}: ${v}`).join('; ')}`);
    } else if (problemType(error) === IMPORT_CHANGED) {
      confirm.classList.add('d-none');
      showAlert(problem.detail || error.message);
    } else {
      result.classList.add('d-none');
      setFieldError(file, problem.detail || t('js.import.failed'));
      file.focus();
    }
  };

  modal.addEventListener('show.bs.modal', () => {
    form.reset();
    reset();
  });
  // After an import the list has new rows: it loads again when the dialog closes.
  modal.addEventListener('hidden.bs.modal', () => {
    if (state.imported) window.location.assign('/user_list');
  });
  file.addEventListener('change', reset);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    reset();
    if (!file.files.length) {
      setFieldError(file, t('js.import.chooseFile'));
      file.focus();
      return;
    }
    check.disabled = true;
    try {
      show(await api('/users/import?dryRun=true', { method: 'POST', body: upload() }));
      (state.planId ? confirm : summary).focus?.();
    } catch (error) {
      failed(error);
    } finally {
      check.disabled = false;
    }
  });

  confirm.addEventListener('click', async () => {
    if (!state.planId) return;
    confirm.disabled = true;
    check.disabled = true;
    showAlert('');
    try {
      const report = await api('/users/import', { method: 'POST', body: upload({ planId: state.planId }) });
      state.imported = true;
      show(report);
      check.classList.add('d-none');
      done.textContent = t(report.mail ? 'js.import.doneMail' : 'js.import.doneNoMail', number(report.create));
      done.classList.remove('d-none');
      done.focus?.();
    } catch (error) {
      failed(error);
    } finally {
      confirm.disabled = false;
      check.disabled = false;
    }
  });
}
