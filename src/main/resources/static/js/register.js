// Registration page: strength bar (password-strength.js) and the live email check.
import './password-strength.js';
import { attachEmailCheck } from './email-check.js';
import { t } from './i18n.js';

const email = document.querySelector('#register-form [data-email-check]');
if (email) {
  attachEmailCheck(email, { takenMessage: t('js.email.registeredLong') });
}
