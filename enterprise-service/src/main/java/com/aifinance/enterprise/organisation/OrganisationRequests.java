package com.aifinance.enterprise.organisation;

import com.aifinance.enterprise.access.OrgRole;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the organisation API. */
final class OrganisationRequests {

    private OrganisationRequests() {
    }

    record Create(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lower-case letters, digits and dashes, 2-63 long") String slug,
            @NotNull @Pattern(regexp = "enterprise|institutional", message = "must be enterprise or institutional") String tier,
            @NotNull @Min(1) @Max(100_000) Integer seatLimit,
            @Schema(description = "invited as the first owner") @NotBlank @Email @Size(max = 320) String ownerEmail) {
    }

    record Update(
            @Size(min = 1, max = 200) String name,
            @Min(1) @Max(100_000) Integer seatLimit) {
    }

    record Invite(
            @NotBlank @Email @Size(max = 320) String email,
            @NotNull @Pattern(regexp = "owner|admin|analyst|billing", message = "must be owner, admin, analyst or billing") String role) {

        OrgRole orgRole() {
            return OrgRole.fromCode(role);
        }
    }

    record ChangeRole(
            @NotNull @Pattern(regexp = "owner|admin|analyst|billing", message = "must be owner, admin, analyst or billing") String role) {

        OrgRole orgRole() {
            return OrgRole.fromCode(role);
        }
    }

    record Accept(@NotBlank @Size(min = 20, max = 200) String token) {
    }
}
