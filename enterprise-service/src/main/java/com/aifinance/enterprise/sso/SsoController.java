package com.aifinance.enterprise.sso;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.access.Permission;
import com.aifinance.enterprise.organisation.Organisations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprise")
@Tag(name = "SSO and MFA", description = "An organisation's OIDC login for its e-mail domain, and its MFA policy")
class SsoController {

    private final SsoConfigurations configurations;
    private final SsoAdministration administration;
    private final Organisations organisations;
    private final OrganisationAccess access;

    SsoController(SsoConfigurations configurations, SsoAdministration administration, Organisations organisations,
                  OrganisationAccess access) {
        this.configurations = configurations;
        this.administration = administration;
        this.organisations = organisations;
        this.access = access;
    }

    @GetMapping("/organisations/{organisationId}/sso")
    @Operation(summary = "The organisation's SSO configuration (the client secret is never returned)")
    SsoView sso(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.MANAGE_SECURITY);
        return view(configurations.find(organisationId).orElseThrow(() -> ApiProblem.notFound("The SSO configuration")));
    }

    @PutMapping("/organisations/{organisationId}/sso")
    @Operation(summary = "Configure SSO", description = "Owners and admins. The issuer must be https; the client "
            + "secret is stored encrypted and never returned or logged; the e-mail domain must be the "
            + "organisation's own (not a public provider, not claimed by another organisation). A new domain must "
            + "be verified (DNS TXT record) before logins use it; sso.configured is published once it is.")
    SsoView configure(@PathVariable UUID organisationId, @Valid @RequestBody SsoRequests.Configure request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        return view(administration.configure(actor, organisationId, request));
    }

    @PostMapping("/organisations/{organisationId}/sso/domain-verification")
    @Operation(summary = "Verify the e-mail domain",
            description = "Looks up the TXT record _aifa-verification.<domain>; 409 domain-not-verified until it "
                    + "holds the expected value. Platform staff may pass manual: true.")
    SsoView verify(@PathVariable UUID organisationId,
                   @Valid @RequestBody(required = false) SsoRequests.Verify request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        return view(administration.verify(actor, organisationId, request != null
                && Boolean.TRUE.equals(request.manual())));
    }

    @DeleteMapping("/organisations/{organisationId}/sso")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove SSO (published as sso.configured with enabled false)")
    void remove(@PathVariable UUID organisationId) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        administration.remove(actor, organisationId);
    }

    @GetMapping("/organisations/{organisationId}/mfa-policy")
    @Operation(summary = "Whether every member must use MFA")
    MfaView mfa(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.VIEW_ORGANISATION);
        organisations.require(organisationId);
        return new MfaView(organisationId, configurations.mfaRequired(organisationId));
    }

    @PutMapping("/organisations/{organisationId}/mfa-policy")
    @Operation(summary = "Require MFA of every member, or not", description = "Owners and admins; enterprise "
            + "organisations cannot turn it off (409 mfa-mandatory). Publishes mfa_policy.changed.")
    MfaView setMfa(@PathVariable UUID organisationId, @Valid @RequestBody SsoRequests.MfaPolicy request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_SECURITY);
        return new MfaView(organisationId, administration.setMfaRequired(actor, organisationId, request.mfaRequired()));
    }

    @GetMapping("/internal/sso")
    @Operation(summary = "The verified SSO login for an e-mail domain, with the client secret (platform services)",
            description = "For subscription-service's login: 404 when no organisation has verified the domain.")
    ResponseEntity<LoginSso> loginSso(@RequestParam String emailDomain) {
        access.requireService("sso.read");
        SsoConfiguration configuration = configurations.findByDomain(emailDomain.strip().toLowerCase(Locale.ROOT))
                .filter(SsoConfiguration::verified)
                .orElseThrow(() -> ApiProblem.notFound("SSO for " + emailDomain));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new LoginSso(
                configuration.organisationId(), configuration.emailDomain(), configuration.issuer(),
                configuration.clientId(), administration.decryptSecret(configuration), configuration.enforced(),
                configurations.mfaRequired(configuration.organisationId())));
    }

    @GetMapping("/internal/organisations/{organisationId}/security-policy")
    @Operation(summary = "An organisation's MFA and SSO policy, without secrets (platform services)")
    SecurityPolicy policy(@PathVariable UUID organisationId) {
        access.requireService("security_policy.read");
        organisations.require(organisationId);
        SsoConfiguration sso = configurations.find(organisationId).filter(SsoConfiguration::verified).orElse(null);
        return new SecurityPolicy(organisationId, configurations.mfaRequired(organisationId),
                sso == null ? null : sso.emailDomain(), sso != null && sso.enforced());
    }

    private static SsoView view(SsoConfiguration configuration) {
        return new SsoView(configuration.organisationId(), configuration.issuer(), configuration.clientId(), true,
                configuration.emailDomain(), configuration.enforced(),
                new DomainVerification(configuration.verified() ? "verified" : "pending",
                        configuration.txtRecordName(), configuration.txtRecordValue(), configuration.verifiedAt()),
                configuration.updatedAt(), configuration.updatedBy());
    }

    record SsoView(UUID organisationId, String issuer, String clientId, boolean clientSecretSet, String emailDomain,
                   boolean enforced, DomainVerification domainVerification, Instant updatedAt, String updatedBy) {
    }

    /** Publish {@code txtRecordValue} as a TXT record named {@code txtRecordName}, then ask for verification. */
    record DomainVerification(String status, String txtRecordName, String txtRecordValue, Instant verifiedAt) {
    }

    record MfaView(UUID organisationId, boolean mfaRequired) {
    }

    record LoginSso(UUID organisationId, String emailDomain, String issuer, String clientId, String clientSecret,
                    boolean enforced, boolean mfaRequired) {

        @Override
        public String toString() {
            return "LoginSso[organisationId=" + organisationId + ", emailDomain=" + emailDomain + ", clientSecret=***]";
        }
    }

    record SecurityPolicy(UUID organisationId, boolean mfaRequired, String ssoEmailDomain, boolean ssoEnforced) {
    }
}
