package com.aifinance.enterprise.branding;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.access.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/enterprise")
@Tag(name = "White label", description = "An organisation's name, logo, colours and custom domain")
class BrandingController {

    private final BrandingAdministration administration;
    private final Brandings brandings;
    private final OrganisationAccess access;

    BrandingController(BrandingAdministration administration, Brandings brandings, OrganisationAccess access) {
        this.administration = administration;
        this.brandings = brandings;
        this.access = access;
    }

    @GetMapping("/branding")
    @Operation(summary = "The branding of the caller's own organisation (for the dashboard)")
    BrandingView mine() {
        Actor actor = access.requireMember(Permission.VIEW_ORGANISATION);
        return view(administration.current(actor.organisationId().orElseThrow()));
    }

    @GetMapping("/branding/domains/{domain}")
    @Operation(summary = "The branding served on a custom domain (public: the login page needs it)")
    ResponseEntity<BrandingView> byDomain(@PathVariable String domain) {
        Branding branding = brandings.findByDomain(domain.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ApiProblem.notFound("Branding for " + domain));
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(view(branding));
    }

    @GetMapping("/branding/logos/{organisationId}")
    @Operation(summary = "An uploaded logo (public)")
    ResponseEntity<byte[]> logo(@PathVariable UUID organisationId) {
        Brandings.Logo logo = brandings.logo(organisationId).orElseThrow(() -> ApiProblem.notFound("A logo"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(logo.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .eTag('"' + logo.sha256() + '"')
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'")
                .body(logo.bytes());
    }

    @GetMapping("/organisations/{organisationId}/branding")
    @Operation(summary = "An organisation's branding")
    BrandingView branding(@PathVariable UUID organisationId) {
        access.require(organisationId, Permission.VIEW_ORGANISATION);
        return view(administration.current(organisationId));
    }

    @PutMapping("/organisations/{organisationId}/branding")
    @Operation(summary = "Change the branding", description = "Owners and admins. Colours are hex (#rgb or #rrggbb, "
            + "stored as #rrggbb); the custom domain is a host name no other organisation uses.")
    BrandingView update(@PathVariable UUID organisationId, @Valid @RequestBody BrandingRequests.Update request) {
        Actor actor = access.require(organisationId, Permission.MANAGE_BRANDING);
        return view(administration.update(actor, organisationId, request));
    }

    @PutMapping(path = "/organisations/{organisationId}/branding/logo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a logo", description = "A PNG or JPEG of at most 512 KB and 16-2048 pixels a side, "
            + "in the multipart part named file; replaces a logo URL.")
    BrandingView uploadLogo(@PathVariable UUID organisationId, @RequestParam("file") MultipartFile file)
            throws IOException {
        Actor actor = access.require(organisationId, Permission.MANAGE_BRANDING);
        return view(administration.uploadLogo(actor, organisationId, file.getBytes(), file.getContentType()));
    }

    @DeleteMapping("/organisations/{organisationId}/branding/logo")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the uploaded logo")
    void removeLogo(@PathVariable UUID organisationId) {
        Actor actor = access.require(organisationId, Permission.MANAGE_BRANDING);
        administration.removeLogo(actor, organisationId);
    }

    private static BrandingView view(Branding branding) {
        String logo = branding.hasUploadedLogo()
                ? "/api/enterprise/branding/logos/" + branding.organisationId() + "?v=" + branding.logoSha256().substring(0, 12)
                : branding.logoUrl();
        return new BrandingView(branding.organisationId(), branding.displayName(), logo, branding.primaryColour(),
                branding.secondaryColour(), branding.accentColour(), branding.customDomain());
    }

    /** @param logoUrl the uploaded logo's path (versioned by its hash), the configured URL, or null */
    record BrandingView(UUID organisationId, String displayName, String logoUrl, String primaryColour,
                        String secondaryColour, String accentColour, String customDomain) {
    }
}
