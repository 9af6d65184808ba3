package com.aifinance.analytics.entitlement;

import java.net.URI;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Advanced analytics is a Pro and Enterprise entitlement (checked by {@code @PreAuthorize} on the tier) that ops can
 * switch off at runtime with the {@code advanced_analytics} flag; ops users always have it.
 */
@Component
public class AdvancedAnalyticsAccess {

    public static final URI FEATURE_DISABLED = ProblemTypes.of("feature-disabled");

    private final FeatureFlags flags;

    AdvancedAnalyticsAccess(FeatureFlags flags) {
        this.flags = flags;
    }

    /** Refuses the current caller when the flag is off for their tier. */
    public void require() {
        Caller caller = Caller.current().orElseThrow(() -> new IllegalStateException("no authenticated caller"));
        if (caller.hasRole("ops")) {
            return;
        }
        if (!flags.enabled(FeatureFlags.ADVANCED_ANALYTICS, caller.tier())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, FEATURE_DISABLED, "Feature disabled",
                    "Advanced analytics is switched off for the " + caller.tier() + " tier at the moment.");
        }
    }
}
