package com.aifinance.enterprise.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.naming.NamingException;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.organisation.Organisation;
import com.aifinance.enterprise.organisation.Organisations;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SSO configuration and MFA policy. An SSO configuration routes every login of its e-mail domain to the
 * organisation's identity provider, so it only takes effect after the organisation proves it owns the domain
 * (a DNS TXT record, or platform staff confirming by other means); otherwise one customer could capture another
 * company's users.
 */
@Service
class SsoAdministration {

    static final URI DOMAIN_CLAIMED = ProblemTypes.of("domain-claimed");
    static final URI DOMAIN_NOT_VERIFIED = ProblemTypes.of("domain-not-verified");
    static final URI MFA_MANDATORY = ProblemTypes.of("mfa-mandatory");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SsoConfigurations configurations;
    private final Organisations organisations;
    private final SecretCipher cipher;
    private final DnsTxtRecords dns;
    private final SsoProperties properties;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    SsoAdministration(SsoConfigurations configurations, Organisations organisations, SecretCipher cipher,
                      DnsTxtRecords dns, SsoProperties properties, AuditLog audit, Outbox outbox, Clock clock,
                      MeterRegistry meters) {
        this.configurations = configurations;
        this.organisations = organisations;
        this.cipher = cipher;
        this.dns = dns;
        this.properties = properties;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    SsoConfiguration configure(Actor actor, UUID organisationId, SsoRequests.Configure request) {
        organisations.lock(organisationId);
        String issuer = issuer(request.issuer());
        String domain = domain(request.emailDomain());
        configurations.findByDomain(domain).filter(other -> !other.organisationId().equals(organisationId))
                .ifPresent(other -> {
                    throw new ApiProblem(HttpStatus.CONFLICT, DOMAIN_CLAIMED, "Domain claimed",
                            "Another organisation already uses " + domain + " for SSO.");
                });
        SsoConfiguration before = configurations.find(organisationId).orElse(null);
        String ciphertext;
        if (request.clientSecret() != null) {
            ciphertext = cipher.encrypt(request.clientSecret(), context(organisationId));
        } else if (before != null) {
            ciphertext = before.clientSecretCiphertext();
        } else {
            throw ApiProblem.invalid("clientSecret is required the first time SSO is configured");
        }
        boolean sameDomain = before != null && before.emailDomain().equals(domain);
        Instant now = clock.instant();
        SsoConfiguration after = new SsoConfiguration(organisationId, issuer, request.clientId(), ciphertext, domain,
                Boolean.TRUE.equals(request.enforced()), sameDomain ? before.verificationToken() : newToken(),
                sameDomain ? before.verifiedAt() : null, sameDomain ? before.verifiedBy() : null, now,
                actor.subject());
        configurations.save(after);
        if (before != null && before.verified() && !sameDomain) {
            publish(before, false);   // the old domain's logins no longer go to this provider
        }
        if (after.verified()) {
            publish(after, true);
        }
        Map<String, Object> audited = new LinkedHashMap<>(after.audited());
        audited.put("clientSecretChanged", request.clientSecret() != null);
        audit.record(actor, organisationId, "sso.configured", domain, before == null ? null : before.audited(),
                audited);
        return after;
    }

    /** Checks the TXT record {@code _aifa-verification.<domain>}; platform staff may confirm ownership manually. */
    @Transactional
    SsoConfiguration verify(Actor actor, UUID organisationId, boolean manual) {
        organisations.lock(organisationId);
        SsoConfiguration configuration = configurations.find(organisationId)
                .orElseThrow(() -> ApiProblem.notFound("The SSO configuration"));
        if (configuration.verified()) {
            return configuration;
        }
        if (manual && !actor.isOps()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    "Only platform staff can confirm domain ownership without DNS.");
        }
        String method = manual ? "manual" : "dns";
        if (!manual) {
            List<String> records;
            try {
                records = dns.lookup(configuration.txtRecordName());
            } catch (NamingException e) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                        "DNS lookup failed", "DNS could not be queried for " + configuration.txtRecordName()
                        + "; try again in a few minutes.");
            }
            if (!records.contains(configuration.txtRecordValue())) {
                meters.counter("enterprise_sso_domain_verifications_total", "outcome", "not_found").increment();
                throw new ApiProblem(HttpStatus.CONFLICT, DOMAIN_NOT_VERIFIED, "Domain not verified",
                        "No TXT record " + configuration.txtRecordName() + " with the value "
                                + configuration.txtRecordValue() + " was found; DNS changes can take a while.",
                        Map.of("txtRecordName", configuration.txtRecordName(),
                                "txtRecordValue", configuration.txtRecordValue()));
            }
        }
        SsoConfiguration verified = new SsoConfiguration(organisationId, configuration.issuer(),
                configuration.clientId(), configuration.clientSecretCiphertext(), configuration.emailDomain(),
                configuration.enforced(), configuration.verificationToken(), clock.instant(),
                actor.subject() + " (" + method + ")", configuration.updatedAt(), configuration.updatedBy());
        configurations.save(verified);
        publish(verified, true);
        audit.record(actor, organisationId, "sso.domain_verified", configuration.emailDomain(),
                configuration.audited(), Map.of("method", method, "verified", true));
        meters.counter("enterprise_sso_domain_verifications_total", "outcome", method).increment();
        return verified;
    }

    @Transactional
    void remove(Actor actor, UUID organisationId) {
        organisations.lock(organisationId);
        SsoConfiguration before = configurations.find(organisationId)
                .orElseThrow(() -> ApiProblem.notFound("The SSO configuration"));
        configurations.delete(organisationId);
        if (before.verified()) {
            publish(before, false);
        }
        audit.record(actor, organisationId, "sso.removed", before.emailDomain(), before.audited(), null);
    }

    /** Enterprise organisations must use MFA (the tier promises it); others choose. */
    @Transactional
    boolean setMfaRequired(Actor actor, UUID organisationId, boolean required) {
        Organisation organisation = organisations.lock(organisationId);
        if (!required && "enterprise".equals(organisation.tier())) {
            throw new ApiProblem(HttpStatus.CONFLICT, MFA_MANDATORY, "MFA is mandatory",
                    "Enterprise organisations always require multi-factor authentication.");
        }
        boolean before = configurations.mfaRequired(organisationId);
        configurations.saveMfaPolicy(organisationId, required, clock.instant(), actor.subject());
        if (before != required) {
            outbox.publish(EventStreams.ENTERPRISE, "mfa_policy.changed", "organisation-" + organisationId,
                    new MfaPolicyChanged(organisationId.toString(), required, actor.subject()));
            audit.record(actor, organisationId, "mfa_policy.changed", null, Map.of("mfaRequired", before),
                    Map.of("mfaRequired", required));
        }
        return required;
    }

    String decryptSecret(SsoConfiguration configuration) {
        return cipher.decrypt(configuration.clientSecretCiphertext(), context(configuration.organisationId()));
    }

    private void publish(SsoConfiguration configuration, boolean enabled) {
        outbox.publish(EventStreams.ENTERPRISE, "sso.configured", "organisation-" + configuration.organisationId(),
                new SsoConfigured(configuration.organisationId().toString(), configuration.emailDomain(),
                        configuration.issuer(), configuration.clientId(), configuration.enforced(), enabled));
    }

    private String issuer(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw ApiProblem.invalid("issuer is not a URL");
        }
        boolean localHttp = "http".equals(uri.getScheme()) && properties.allowHttpIssuers()
                && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        if (!("https".equals(uri.getScheme()) || localHttp) || uri.getHost() == null) {
            throw ApiProblem.invalid("issuer must be an https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ApiProblem.invalid("issuer may not have credentials, a query or a fragment");
        }
        return uri.toString();
    }

    private String domain(String text) {
        String domain = text.strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw ApiProblem.invalid("emailDomain must be a domain name such as acme.example");
        }
        if (properties.sharedDomains().contains(domain)) {
            throw ApiProblem.invalid(domain + " is a public e-mail provider; SSO needs the organisation's own domain");
        }
        return domain;
    }

    private static String context(UUID organisationId) {
        return "sso-client-secret:" + organisationId;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The secret travels by the internal API only, never in an event. */
    record SsoConfigured(String organisationId, String emailDomain, String issuer, String clientId, boolean enforced,
                         boolean enabled) {
    }

    record MfaPolicyChanged(String organisationId, boolean mfaRequired, String changedBy) {
    }
}
