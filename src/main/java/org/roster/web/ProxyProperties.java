package org.roster.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.proxy.trusted} (env {@code ROSTER_PROXY_TRUSTED}): the addresses or CIDR
 * blocks of the reverse proxies whose {@code X-Forwarded-*} headers Roster believes.
 * Empty by default: every client is its direct peer, whatever headers it sends.
 */
@ConfigurationProperties("roster.proxy")
public record ProxyProperties(@DefaultValue List<String> trusted) {

}
