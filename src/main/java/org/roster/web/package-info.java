/**
 * Shared web helpers: the layout model, the problem types and the translation of failures
 * into problem details (Spring MVC, unmatched routes, {@code /error}), forwarded headers
 * from trusted proxies.
 * <p>
 * Public API: {@link org.roster.web.ProblemType}, {@link org.roster.web.Problems},
 * {@link org.roster.web.ProblemResponses}, {@link org.roster.web.ProxyProperties},
 * {@link org.roster.web.Messages}, {@link org.roster.web.TranslatableException},
 * {@link org.roster.web.JsMessages} (for the layout), {@link org.roster.web.Sha256}.
 * <p>
 * May use: no feature; every feature may use it.
 */
@NullMarked
package org.roster.web;

import org.jspecify.annotations.NullMarked;
