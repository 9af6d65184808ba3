package com.aifinance.enterprise.branding;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The brandings table. */
@Component
class Brandings {

    private static final String COLUMNS = """
            organisation_id, display_name, logo_url, logo_content_type, logo_sha256, primary_colour,
            secondary_colour, accent_colour, custom_domain, updated_at, updated_by""";

    private final JdbcClient jdbc;

    Brandings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Branding> find(UUID organisationId) {
        return jdbc.sql("select " + COLUMNS + " from brandings where organisation_id = ?").param(organisationId)
                .query(Brandings::map).optional();
    }

    Optional<Branding> findByDomain(String domain) {
        return jdbc.sql("select " + COLUMNS + " from brandings where custom_domain = ?").param(domain)
                .query(Brandings::map).optional();
    }

    Optional<Logo> logo(UUID organisationId) {
        return jdbc.sql("""
                        select logo_content_type, logo_bytes, logo_sha256 from brandings
                        where organisation_id = ? and logo_bytes is not null""")
                .param(organisationId)
                .query((rs, row) -> new Logo(rs.getString("logo_content_type"), rs.getBytes("logo_bytes"),
                        rs.getString("logo_sha256")))
                .optional();
    }

    /** Saves everything but the logo bytes, which {@link #saveLogo} and {@link #dropLogo} handle. */
    void save(Branding branding) {
        jdbc.sql("""
                        insert into brandings (organisation_id, display_name, logo_url, primary_colour, secondary_colour,
                                               accent_colour, custom_domain, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (organisation_id) do update set display_name = excluded.display_name,
                            logo_url = excluded.logo_url, primary_colour = excluded.primary_colour,
                            secondary_colour = excluded.secondary_colour, accent_colour = excluded.accent_colour,
                            custom_domain = excluded.custom_domain, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by""")
                .params(branding.organisationId(), branding.displayName(), branding.logoUrl(),
                        branding.primaryColour(), branding.secondaryColour(), branding.accentColour(),
                        branding.customDomain(), Timestamp.from(branding.updatedAt()), branding.updatedBy())
                .update();
    }

    void saveLogo(UUID organisationId, Logo logo) {
        jdbc.sql("""
                        update brandings set logo_url = null, logo_content_type = ?, logo_bytes = ?, logo_sha256 = ?
                        where organisation_id = ?""")
                .params(logo.contentType(), logo.bytes(), logo.sha256(), organisationId).update();
    }

    void dropLogo(UUID organisationId) {
        jdbc.sql("""
                        update brandings set logo_content_type = null, logo_bytes = null, logo_sha256 = null
                        where organisation_id = ?""")
                .param(organisationId).update();
    }

    record Logo(String contentType, byte[] bytes, String sha256) {
    }

    private static Branding map(ResultSet rs, int row) throws SQLException {
        return new Branding(rs.getObject("organisation_id", UUID.class), rs.getString("display_name"),
                rs.getString("logo_url"), rs.getString("logo_content_type"), rs.getString("logo_sha256"),
                rs.getString("primary_colour"), rs.getString("secondary_colour"), rs.getString("accent_colour"),
                rs.getString("custom_domain"), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
