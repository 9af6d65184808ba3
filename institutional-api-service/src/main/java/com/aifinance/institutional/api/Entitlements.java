package com.aifinance.institutional.api;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.institutional.marketdata.AssetClass;
import com.aifinance.institutional.signals.SignalProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may see what (docs/contracts.md, "Tiers and entitlements"): Basic subscribers get stocks after
 * {@code aifa.signals.basic-delay}; Pro and Enterprise everything in real time; institutional clients (client
 * credentials, role {@code institutional_client}, tier {@code institutional}) everything, and each endpoint needs the
 * matching scope on their token. Without a plan there is no access.
 */
@Component
class Entitlements {

    static final URI PLAN_REQUIRED = ProblemTypes.of("plan-required");
    static final URI NOT_ENTITLED = ProblemTypes.of("not-entitled");

    private final SignalProperties signals;

    Entitlements(SignalProperties signals) {
        this.signals = signals;
    }

    /** The current caller's access for an endpoint that institutional clients reach with {@code scope}. */
    Access require(String scope) {
        Caller caller = Caller.current().orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED,
                ProblemTypes.UNAUTHORIZED, "Unauthorized", "This resource needs an access token."));
        if (caller.hasRole("institutional_client")) {
            if (!"institutional".equals(caller.tier())) {
                throw forbidden(PLAN_REQUIRED, "An institutional client token must carry the institutional tier.");
            }
            if (!caller.scopes().contains(scope)) {
                throw forbidden(ProblemTypes.FORBIDDEN, "This client's token lacks the scope " + scope + ".");
            }
            return new Access(caller.subject(), caller.tier(), true, caller.organisation(),
                    EnumSet.allOf(AssetClass.class), Duration.ZERO);
        }
        if (caller.hasRole("ops")) {
            return new Access(caller.subject(), caller.tier(), false, caller.organisation(),
                    EnumSet.allOf(AssetClass.class), Duration.ZERO);
        }
        if (!caller.hasRole("subscriber") && !caller.hasRole("org_owner") && !caller.hasRole("org_admin")
                && !caller.hasRole("org_analyst")) {
            throw forbidden(ProblemTypes.FORBIDDEN, "This API is for subscribers and institutional clients.");
        }
        return switch (caller.tier()) {
            case "basic" -> new Access(caller.subject(), caller.tier(), false, caller.organisation(),
                    EnumSet.of(AssetClass.STOCK), signals.basicDelay());
            case "pro", "enterprise" -> new Access(caller.subject(), caller.tier(), false, caller.organisation(),
                    EnumSet.allOf(AssetClass.class), Duration.ZERO);
            default -> throw forbidden(PLAN_REQUIRED, "Signals need a Basic, Pro or Enterprise plan.");
        };
    }

    static ApiProblem notEntitled(AssetClass assetClass, Access access) {
        return forbidden(NOT_ENTITLED, "The " + access.tier() + " plan does not include " + assetClass.code()
                + " data; it includes " + codes(access.assetClasses()) + ".");
    }

    private static String codes(Set<AssetClass> classes) {
        return String.join(", ", classes.stream().map(AssetClass::code).sorted().toList());
    }

    private static ApiProblem forbidden(URI type, String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, type, "Forbidden", detail);
    }
}
