package com.aifinance.dashboard.layout;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Reply;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The white label of the user's organisation (enterprise-service's branding API), cached in Redis for a few minutes
 * so a page does not call enterprise-service; saving the branding evicts it. Without an organisation, or while
 * enterprise-service cannot be reached, the platform's own look applies.
 */
@Component
public class Branding {

    private static final Duration CACHE = Duration.ofMinutes(5);
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** The look of a page; colours are validated hex values, so they can go into CSS as they are. */
    public record Theme(String organisationId, String displayName, String logoUrl, String primaryColour,
                        String secondaryColour, String accentColour) {

        static final Theme PLATFORM = new Theme(null, "AI Finance Agency", null, null, null, null);

        public boolean custom() {
            return organisationId != null;
        }

        Theme safe() {
            return new Theme(organisationId, displayName == null || displayName.isBlank() ? PLATFORM.displayName : displayName,
                    logoUrl, colour(primaryColour), colour(secondaryColour), colour(accentColour));
        }

        private static String colour(String value) {
            return value != null && COLOUR.matcher(value).matches() ? value.toLowerCase(java.util.Locale.ROOT) : null;
        }
    }

    private final Downstream downstream;
    private final StringRedisTemplate redis;
    private final JsonMapper json;

    Branding(Downstream downstream, StringRedisTemplate redis, JsonMapper json) {
        this.downstream = downstream;
        this.redis = redis;
        this.json = json;
    }

    public Theme of(CurrentUser user) {
        if (user == null || user.organisation() == null) {
            return Theme.PLATFORM;
        }
        String key = key(user.organisation());
        try {
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                return json.readValue(cached, Theme.class);
            }
        } catch (RuntimeException redisDown) {
            // the page still renders, with a fresh lookup
        }
        Reply<Theme> reply = downstream.get(Downstream.Service.ENTERPRISE, Theme.class, "/api/enterprise/branding");
        Theme theme = Optional.ofNullable(reply.body()).map(Theme::safe).orElse(Theme.PLATFORM);
        if (reply.ok()) {
            try {
                redis.opsForValue().set(key, json.writeValueAsString(theme), CACHE);
            } catch (RuntimeException redisDown) {
                // not cached this time
            }
        }
        return theme;
    }

    /** After a change of the organisation's branding. */
    public void evict(String organisationId) {
        redis.delete(key(organisationId));
    }

    private static String key(String organisationId) {
        return "aifa:dashboard:branding:" + organisationId;
    }
}
