// The page of a password-reset or invitation link: the strength bar (password-strength.js).
import './password-strength.js';
