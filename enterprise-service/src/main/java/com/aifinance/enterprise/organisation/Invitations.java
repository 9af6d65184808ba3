package com.aifinance.enterprise.organisation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.enterprise.access.OrgRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The invitations table. */
@Component
class Invitations {

    private final JdbcClient jdbc;

    Invitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Invitation invitation, byte[] tokenHash) {
        jdbc.sql("""
                        insert into invitations (id, organisation_id, email, role, token_hash, invited_by, created_at,
                                                 expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(invitation.id(), invitation.organisationId(), invitation.email(), invitation.role().code(),
                        tokenHash, invitation.invitedBy(), Timestamp.from(invitation.createdAt()),
                        Timestamp.from(invitation.expiresAt()))
                .update();
    }

    Optional<Invitation> lockByTokenHash(byte[] tokenHash) {
        return jdbc.sql("select * from invitations where token_hash = ? for update").param(tokenHash)
                .query(Invitations::map).optional();
    }

    Optional<Invitation> findByTokenHash(byte[] tokenHash) {
        return jdbc.sql("select * from invitations where token_hash = ?").param(tokenHash)
                .query(Invitations::map).optional();
    }

    Optional<Invitation> find(UUID id) {
        return jdbc.sql("select * from invitations where id = ?").param(id).query(Invitations::map).optional();
    }

    List<Invitation> of(UUID organisationId) {
        return jdbc.sql("select * from invitations where organisation_id = ? order by created_at desc")
                .param(organisationId).query(Invitations::map).list();
    }

    /** Invitations still waiting at {@code now}: each holds a seat. */
    int countOpen(UUID organisationId, Instant now) {
        return jdbc.sql("""
                        select count(*) from invitations
                        where organisation_id = ? and accepted_at is null and revoked_at is null and expires_at > ?""")
                .params(organisationId, Timestamp.from(now)).query(Integer.class).single();
    }

    /** Re-inviting an address replaces its open invitations, so only the newest link works. */
    int revokeOpenFor(UUID organisationId, String email, Instant now) {
        return jdbc.sql("""
                        update invitations set revoked_at = ?
                        where organisation_id = ? and lower(email) = lower(?) and accepted_at is null
                          and revoked_at is null""")
                .params(Timestamp.from(now), organisationId, email).update();
    }

    void markAccepted(UUID id, String userId, Instant now) {
        jdbc.sql("update invitations set accepted_at = ?, accepted_by = ? where id = ?")
                .params(Timestamp.from(now), userId, id).update();
    }

    void markRevoked(UUID id, Instant now) {
        jdbc.sql("update invitations set revoked_at = ? where id = ?").params(Timestamp.from(now), id).update();
    }

    private static Invitation map(ResultSet rs, int row) throws SQLException {
        return new Invitation(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getString("email"), OrgRole.fromCode(rs.getString("role")), rs.getString("invited_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                instant(rs.getTimestamp("accepted_at")), rs.getString("accepted_by"),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
