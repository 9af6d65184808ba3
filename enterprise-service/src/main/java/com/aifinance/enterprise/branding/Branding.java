package com.aifinance.enterprise.branding;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An organisation's white label. The logo is either uploaded ({@code logoContentType}, bytes kept apart) or an
 * https URL, never both.
 */
record Branding(UUID organisationId, String displayName, String logoUrl, String logoContentType, String logoSha256,
                String primaryColour, String secondaryColour, String accentColour, String customDomain,
                Instant updatedAt, String updatedBy) {

    boolean hasUploadedLogo() {
        return logoContentType != null;
    }

    Map<String, Object> audited() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("displayName", displayName);
        view.put("logo", hasUploadedLogo() ? "uploaded " + logoSha256 : logoUrl);
        view.put("primaryColour", primaryColour);
        view.put("secondaryColour", secondaryColour);
        view.put("accentColour", accentColour);
        view.put("customDomain", customDomain);
        return view;
    }
}
