/**
 * Mail: the transactional outbox ({@code mail_outbox}), its sender (SMTP from
 * {@code spring.mail.*}, or {@code .eml} files in {@code data/outbox/} without it), the
 * Thymeleaf templates of the messages, and the one-time tokens of mailed links
 * ({@code mail_tokens}, stored hashed).
 * <p>
 * Public API: {@link org.roster.mail.Outbox}, {@link org.roster.mail.OutgoingMail},
 * {@link org.roster.mail.LinkPurpose}, {@link org.roster.mail.MailTokens},
 * {@link org.roster.mail.MailProperties}.
 * <p>
 * May use: {@code storage}, {@code web}.
 */
@NullMarked
package org.roster.mail;

import org.jspecify.annotations.NullMarked;
