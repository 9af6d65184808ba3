package com.aifinance.subscription.entitlement;

import java.util.regex.Pattern;

import com.aifinance.common.security.Caller;
import com.aifinance.common.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** "May subject X use feature Y": for the subject itself, for platform services and for ops. */
@RestController
@RequestMapping("/api/subscriptions/entitlements")
@Tag(name = "Entitlements", description = "What a user or institutional client may use (cached; flags applied)")
@SecurityRequirement(name = "bearer")
class EntitlementController {

    private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9._-]{1,100}$");

    private final Entitlements entitlements;

    EntitlementController(Entitlements entitlements) {
        this.entitlements = entitlements;
    }

    @GetMapping("/{subject}")
    @Operation(summary = "Everything a subject may use", description = "Tier, features, signal asset classes and "
            + "delay, hourly API limit, MFA policy. Allowed for the subject itself and for tokens with role service or ops.")
    Entitlement entitlement(@Parameter(description = "a user id or an institutional client id") @PathVariable String subject) {
        return find(subject);
    }

    @GetMapping("/{subject}/features/{feature}")
    @Operation(summary = "May the subject use one feature", description = "allowed, with the reason (tier default "
            + "or which flag decided). 404 for an unknown feature or subject.")
    FeatureCheck feature(@PathVariable String subject, @PathVariable String feature) {
        if (!Catalog.FEATURES.contains(feature)) {
            throw ApiProblem.notFound("Feature " + feature);
        }
        Entitlement entitlement = find(subject);
        return new FeatureCheck(subject, feature, entitlement.features().get(feature), entitlement.tier(),
                entitlements.reason(entitlement.tier(), feature));
    }

    private Entitlement find(String subject) {
        if (!SUBJECT.matcher(subject).matches()) {
            throw ApiProblem.invalid("subject must be a user id or a client id");
        }
        Caller caller = Caller.current().orElseThrow(() -> new AccessDeniedException("no caller"));
        if (!caller.subject().equals(subject) && !caller.hasRole("service") && !caller.hasRole("ops")) {
            throw new AccessDeniedException("only the subject, services and ops may read entitlements");
        }
        return entitlements.of(subject).orElseThrow(() -> ApiProblem.notFound("Subject " + subject));
    }

    record FeatureCheck(String subject, String feature, boolean allowed, String tier, String reason) {
    }
}
