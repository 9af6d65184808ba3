package com.aifinance.enterprise.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.aifinance.common.web.ApiProblem;
import com.fasterxml.jackson.annotation.JsonValue;

/** A member's role in an organisation, and the access-token role that carries it ({@code org_owner} …). */
public enum OrgRole {
    OWNER, ADMIN, ANALYST, BILLING;

    /** As stored and as the API spells it: {@code owner}, {@code admin}, {@code analyst}, {@code billing}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As the access token's {@code roles} claim spells it. */
    public String claim() {
        return "org_" + code();
    }

    public static OrgRole fromCode(String code) {
        return Arrays.stream(values()).filter(role -> role.code().equals(code)).findFirst()
                .orElseThrow(() -> ApiProblem.invalid("role must be one of owner, admin, analyst, billing"));
    }

    public static Optional<OrgRole> fromClaim(String claim) {
        return Arrays.stream(values()).filter(role -> role.claim().equals(claim)).findFirst();
    }
}
