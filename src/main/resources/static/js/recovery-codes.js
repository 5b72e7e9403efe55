// The copy button of the recovery-codes page (templates/recovery-codes.html): shown only
// where the clipboard can be written; the download link works without it.
import { t } from './i18n.js';
import { toast } from './toast.js';

const button = document.getElementById('copy-recovery-codes');
if (button && navigator.clipboard) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.codes.split(' ').join('\n'));
      toast(t('js.recovery.copied'));
    } catch {
      toast(t('js.recovery.copyFailed'), { error: true });
    }
  });
}
