// The page's texts for scripts: the layout renders the js.* keys of the message bundles, in
// the page's language, into <meta name="roster-messages"> (web.JsMessages on the server).
const data = JSON.parse(document.querySelector('meta[name="roster-messages"]')?.content || '{}');
const texts = data.texts || {};
const passwordHints = data.passwordHints || {};
const language = document.documentElement.lang || 'en';

/** The text of `key` with {0}, {1}... filled from `args`; the key itself if it has none. */
export function t(key, ...args) {
  const text = texts[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (placeholder, index) => (index < args.length ? String(args[index]) : placeholder));
}

/** A whole number written for the page's language (1,234 or 1.234). */
export function number(value) {
  return Number(value).toLocaleString(language);
}

/** zxcvbn's English feedback in the page's language; '' when the language lacks it. */
export function passwordHint(english) {
  if (!english || language === 'en') return english || '';
  return passwordHints[english.replace(/\.$/, '')] || '';
}
