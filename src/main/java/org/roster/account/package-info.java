/**
 * Accounts and security: the filter chain, sign-in and lockout (every password check),
 * registration, invitations, address verification and change (the pages of the mailed
 * links), password policy and hashing, passwords set through mailed links
 * ({@code /forgot-password}, {@code /reset-password}), throttling, sessions and their
 * revocation, the CSRF token store; and the self-service area: the {@code /profile} page,
 * the password change, {@code GET /email_exists} and deleting one's own account; second
 * factors (authenticator apps, recovery codes, the sign-in's code page).
 * <p>
 * Public API: {@link org.roster.account.AccountService},
 * {@link org.roster.account.Invitations}, {@link org.roster.account.PasswordResets},
 * {@link org.roster.account.EmailVerification},
 * {@link org.roster.account.MailLimitException},
 * {@link org.roster.account.OwnAccountDeletion},
 * {@link org.roster.account.PasswordPolicy}, {@link org.roster.account.SessionRevoker},
 * {@link org.roster.account.CurrentUser}, {@link org.roster.account.RosterPrincipal},
 * {@link org.roster.account.SecondFactors}, {@link org.roster.account.RecentSignIn}, the
 * {@code @access} rules ({@link org.roster.account.AccessRules}).
 * <p>
 * May use: {@code user}, {@code profile} (the profile page), {@code mail} (reset links,
 * invitations, verification and address-change mail, the notices), {@code web}.
 */
@NullMarked
package org.roster.account;

import org.jspecify.annotations.NullMarked;
