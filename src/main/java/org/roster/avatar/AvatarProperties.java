package org.roster.avatar;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Avatar upload limits ({@code roster.avatar.*}).
 *
 * @param maxBytes the largest accepted upload; keep
 * {@code spring.servlet.multipart.max-file-size} at least as large
 */
@ConfigurationProperties("roster.avatar")
public record AvatarProperties(@DefaultValue("5MB") DataSize maxBytes) {

}
