package com.aifinance.enterprise.allowlist;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

final class AllowlistRequests {

    private AllowlistRequests() {
    }

    record Replace(
            @Schema(description = "the whole new list; empty removes the restriction")
            @NotNull @Size(max = AllowlistRules.MAX_ENTRIES) List<@Valid @NotNull Entry> entries,
            @Schema(description = "must be true to save a list that does not contain the caller's own address")
            Boolean confirmLockout) {

        boolean lockoutConfirmed() {
            return Boolean.TRUE.equals(confirmLockout);
        }
    }

    record Entry(
            @Schema(example = "203.0.113.0/24") @NotNull @Size(max = 60) String cidr,
            @Schema(example = "London office") @Size(max = 100) String label) {
    }
}
