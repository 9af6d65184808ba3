package com.aifinance.subscription.lifecycle;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tier a user has now: their own live subscription's (trialing, active, or past due while billing retries), else
 * their organisation's, else {@code none}. This is what the access token's {@code tier} claim says.
 */
@Component
public class Tiers {

    public static final String NONE = "none";

    private final JdbcClient jdbc;

    Tiers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String currentTier(UUID userId, UUID organisationId) {
        return jdbc.sql("""
                        select p.tier from subscriptions s join plans p on p.code = s.plan_code
                        where s.status in ('trialing', 'active', 'past_due')
                          and (s.user_id = :user or (:org::uuid is not null and s.organisation_id = :org))
                        order by (s.user_id = :user) desc, case p.tier when 'enterprise' then 0 when 'pro' then 1 else 2 end
                        limit 1""")
                .param("user", userId).param("org", organisationId)
                .query(String.class).optional().orElse(NONE);
    }
}
