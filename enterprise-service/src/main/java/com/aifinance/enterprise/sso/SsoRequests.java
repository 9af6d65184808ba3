package com.aifinance.enterprise.sso;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class SsoRequests {

    private SsoRequests() {
    }

    record Configure(
            @Schema(example = "https://login.acme.example/oidc") @NotBlank @Size(max = 300) String issuer,
            @NotBlank @Size(max = 200) @Pattern(regexp = "[\\x21-\\x7e]+", message = "printable characters without spaces") String clientId,
            @Schema(description = "write-only; omit to keep the stored one", accessMode = Schema.AccessMode.WRITE_ONLY)
            @Size(min = 1, max = 500) String clientSecret,
            @Schema(example = "acme.example") @NotBlank @Size(max = 253) String emailDomain,
            @Schema(description = "members with this domain must sign in through SSO") Boolean enforced) {

        @Override
        public String toString() {
            return "Configure[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, emailDomain="
                    + emailDomain + ", enforced=" + enforced + "]";
        }
    }

    record Verify(
            @Schema(description = "platform staff only: ownership was proven another way (documented in the ticket)")
            Boolean manual) {
    }

    record MfaPolicy(@NotNull Boolean mfaRequired) {
    }
}
