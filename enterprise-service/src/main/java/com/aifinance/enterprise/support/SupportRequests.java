package com.aifinance.enterprise.support;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class SupportRequests {

    private SupportRequests() {
    }

    record SetTier(@NotNull @Pattern(regexp = "basic|pro|enterprise", message = "must be basic, pro or enterprise") String tier) {
    }

    record AssignManager(
            @NotBlank @Size(max = 100) String name,
            @NotBlank @Email @Size(max = 320) String email,
            @Schema(example = "+442071234567") @NotBlank @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +442071234567") String phone,
            @Schema(description = "the manager's platform user, if they have one") @Size(max = 200) String userId) {
    }

    record Open(
            @NotBlank @Size(max = 200) String subject,
            @NotBlank @Size(max = 10_000) String description,
            @NotNull @Pattern(regexp = "low|normal|high|urgent", message = "must be low, normal, high or urgent") String priority) {
    }

    record Reply(@NotBlank @Size(max = 10_000) String body) {
    }
}
