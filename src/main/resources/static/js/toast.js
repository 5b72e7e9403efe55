// Small Bootstrap toasts for the outcome of background actions.
import { t } from './i18n.js';

export function toast(message, { error = false } = {}) {
  const container = document.getElementById('toasts');
  if (!container) return;
  const element = document.createElement('div');
  element.className = `toast align-items-center border-0 text-bg-${error ? 'danger' : 'success'}`;
  element.setAttribute('role', error ? 'alert' : 'status');
  const row = document.createElement('div');
  row.className = 'd-flex';
  const body = document.createElement('div');
  body.className = 'toast-body';
  body.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn-close btn-close-white me-2 m-auto';
  close.setAttribute('data-bs-dismiss', 'toast');
  close.setAttribute('aria-label', t('action.close'));
  row.append(body, close);
  element.append(row);
  container.append(element);
  element.addEventListener('hidden.bs.toast', () => element.remove());
  new window.bootstrap.Toast(element, { delay: error ? 8000 : 4000 }).show();
}
