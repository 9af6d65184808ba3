package com.aifinance.enterprise.branding;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class BrandingRequests {

    static final String COLOUR = "#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})";
    static final String COLOUR_MESSAGE = "must be a hex colour such as #1a73e8 or #fff";

    private BrandingRequests() {
    }

    /** The whole white label; an uploaded logo is kept unless {@code logoUrl} replaces it. */
    record Update(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]+", message = "must not contain control characters") String displayName,
            @Schema(description = "an https URL, instead of an uploaded logo") @Size(max = 500) String logoUrl,
            @Schema(example = "#1a73e8") @Pattern(regexp = COLOUR, message = COLOUR_MESSAGE) String primaryColour,
            @Pattern(regexp = COLOUR, message = COLOUR_MESSAGE) String secondaryColour,
            @Pattern(regexp = COLOUR, message = COLOUR_MESSAGE) String accentColour,
            @Schema(example = "signals.acme.example", description = "a host name pointed (CNAME) at the platform")
            @Size(max = 253) String customDomain) {
    }
}
