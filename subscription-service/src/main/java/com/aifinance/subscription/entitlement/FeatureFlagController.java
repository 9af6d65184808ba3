package com.aifinance.subscription.entitlement;

import java.util.Map;

import com.aifinance.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/subscriptions/flags")
@Tag(name = "Feature flags", description = "Runtime switches, global (kill switch) or per tier; changes are audited")
@SecurityRequirement(name = "bearer")
class FeatureFlagController {

    private final FeatureFlags flags;

    FeatureFlagController(FeatureFlags flags) {
        this.flags = flags;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('OPS', 'SERVICE')")
    @Operation(summary = "Every flag's explicit values", description = "flag -> scope (global or a tier) -> enabled; "
            + "a missing scope means the default (global: on; tier: the tier's entitlement).")
    Map<String, Map<String, Boolean>> all() {
        return flags.all();
    }

    @PutMapping("/{flag}")
    @PreAuthorize("hasRole('OPS')")
    @Operation(summary = "Set a flag globally or for one tier", description = "Publishes feature_flag.changed, "
            + "is audited and takes effect for cached entitlements at once.")
    Map<String, Map<String, Boolean>> set(@PathVariable String flag, @Valid @RequestBody FlagValue value) {
        flags.set(flag, value.tier(), value.enabled(), actor());
        return flags.all();
    }

    @DeleteMapping("/{flag}")
    @PreAuthorize("hasRole('OPS')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Return a flag to its default", description = "Without tier: the global switch (back to on).")
    void clear(@PathVariable String flag,
               @Parameter(description = "the tier whose override to remove") @RequestParam(required = false) String tier) {
        flags.clear(flag, tier, actor());
    }

    private static String actor() {
        return "ops:" + Caller.current().map(Caller::subject).orElse("unknown");
    }

    /** @param tier null for the global switch */
    record FlagValue(@NotNull Boolean enabled, String tier) {
    }
}
