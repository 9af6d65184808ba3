package com.aifinance.subscription.lifecycle;

import java.util.UUID;

/** In-process: a subscription of this user (and organisation, when set) changed; caches of what they may use are stale. */
public record SubscriptionChanged(UUID userId, UUID organisationId) {
}
