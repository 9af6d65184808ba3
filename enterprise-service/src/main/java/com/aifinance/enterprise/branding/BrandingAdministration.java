package com.aifinance.enterprise.branding;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.organisation.Organisation;
import com.aifinance.enterprise.organisation.Organisations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changing an organisation's white label: every field validated and normalised, every change audited. */
@Service
class BrandingAdministration {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private final Brandings brandings;
    private final Organisations organisations;
    private final BrandingProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    BrandingAdministration(Brandings brandings, Organisations organisations, BrandingProperties properties,
                           AuditLog audit, Clock clock) {
        this.brandings = brandings;
        this.organisations = organisations;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** The organisation's branding, or the default: its name and the platform's look. */
    Branding current(UUID organisationId) {
        Organisation organisation = organisations.require(organisationId);
        return brandings.find(organisationId).orElse(new Branding(organisationId, organisation.name(), null, null,
                null, null, null, null, null, organisation.updatedAt(), null));
    }

    @Transactional
    Branding update(Actor actor, UUID organisationId, BrandingRequests.Update request) {
        organisations.lock(organisationId);
        Branding before = brandings.find(organisationId).orElse(null);
        String domain = customDomain(request.customDomain());
        if (domain != null) {
            brandings.findByDomain(domain).filter(other -> !other.organisationId().equals(organisationId))
                    .ifPresent(other -> {
                        throw ApiProblem.conflict(domain + " is already another organisation's domain.");
                    });
        }
        String logoUrl = logoUrl(request.logoUrl());
        Branding after = new Branding(organisationId, request.displayName().strip(), logoUrl,
                logoUrl == null && before != null ? before.logoContentType() : null,
                logoUrl == null && before != null ? before.logoSha256() : null,
                colour(request.primaryColour()), colour(request.secondaryColour()), colour(request.accentColour()),
                domain, clock.instant(), actor.subject());
        if (logoUrl != null && before != null && before.hasUploadedLogo()) {
            brandings.dropLogo(organisationId);   // a URL replaces the uploaded logo
        }
        brandings.save(after);
        audit.record(actor, organisationId, "branding.changed", null, before == null ? null : before.audited(),
                after.audited());
        return after;
    }

    @Transactional
    Branding uploadLogo(Actor actor, UUID organisationId, byte[] bytes, String contentType) {
        Brandings.Logo logo = LogoImages.validate(bytes, contentType, properties);
        Branding before = current(organisationId);
        organisations.lock(organisationId);
        brandings.save(new Branding(organisationId, before.displayName(), null, null, null, before.primaryColour(),
                before.secondaryColour(), before.accentColour(), before.customDomain(), clock.instant(),
                actor.subject()));
        brandings.saveLogo(organisationId, logo);
        Branding after = brandings.find(organisationId).orElseThrow();
        audit.record(actor, organisationId, "branding.logo_uploaded", null, before.audited(),
                Map.of("logo", "uploaded " + logo.sha256(), "contentType", logo.contentType(),
                        "bytes", bytes.length));
        return after;
    }

    @Transactional
    void removeLogo(Actor actor, UUID organisationId) {
        organisations.lock(organisationId);
        Branding before = brandings.find(organisationId).orElseThrow(() -> ApiProblem.notFound("A logo"));
        brandings.dropLogo(organisationId);
        brandings.save(new Branding(organisationId, before.displayName(), null, null, null, before.primaryColour(),
                before.secondaryColour(), before.accentColour(), before.customDomain(), clock.instant(),
                actor.subject()));
        audit.record(actor, organisationId, "branding.logo_removed", null, before.audited(), null);
    }

    /** {@code #ABC} and {@code #aabbcc} both become {@code #aabbcc}. */
    static String colour(String hex) {
        if (hex == null || hex.isBlank()) {
            return null;
        }
        String lower = hex.strip().toLowerCase(Locale.ROOT);
        if (lower.length() == 4) {
            return "#" + lower.charAt(1) + lower.charAt(1) + lower.charAt(2) + lower.charAt(2) + lower.charAt(3)
                    + lower.charAt(3);
        }
        return lower;
    }

    private String customDomain(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String domain = text.strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (!HOST.matcher(domain).matches()) {
            throw ApiProblem.invalid("customDomain must be a host name such as signals.acme.example");
        }
        for (String reserved : properties.reservedDomains()) {
            if (domain.equals(reserved) || domain.endsWith("." + reserved)) {
                throw ApiProblem.invalid(domain + " belongs to the platform");
            }
        }
        return domain;
    }

    private static String logoUrl(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(text.strip());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw ApiProblem.invalid("logoUrl must be an https URL");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw ApiProblem.invalid("logoUrl is not a URL");
        }
    }
}
