package com.aifinance.enterprise.organisation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.aifinance.enterprise.access.OrgRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The members table. */
@Component
public class Members {

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Member> of(UUID organisationId) {
        return jdbc.sql("select * from members where organisation_id = ? order by joined_at, user_id")
                .param(organisationId).query(Members::map).list();
    }

    /** Members holding one of {@code roles}: who receives contract and support messages. */
    public List<Member> withRoles(UUID organisationId, Set<OrgRole> roles) {
        return of(organisationId).stream().filter(member -> roles.contains(member.role())).toList();
    }

    public Optional<Member> find(UUID organisationId, String userId) {
        return jdbc.sql("select * from members where organisation_id = ? and user_id = ?")
                .params(organisationId, userId).query(Members::map).optional();
    }

    /** Wherever the user is a member (a user belongs to at most one organisation). */
    public Optional<Member> findAnywhere(String userId) {
        return jdbc.sql("select * from members where user_id = ?").param(userId).query(Members::map).optional();
    }

    int count(UUID organisationId) {
        return jdbc.sql("select count(*) from members where organisation_id = ?").param(organisationId)
                .query(Integer.class).single();
    }

    long countWithRole(UUID organisationId, OrgRole role) {
        return jdbc.sql("select count(*) from members where organisation_id = ? and role = ?")
                .params(organisationId, role.code()).query(Long.class).single();
    }

    boolean emailTaken(UUID organisationId, String email) {
        return jdbc.sql("select exists (select 1 from members where organisation_id = ? and lower(email) = lower(?))")
                .params(organisationId, email).query(Boolean.class).single();
    }

    void insert(Member member) {
        jdbc.sql("""
                        insert into members (organisation_id, user_id, email, role, joined_at, invited_by)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(member.organisationId(), member.userId(), member.email(), member.role().code(),
                        Timestamp.from(member.joinedAt()), member.invitedBy())
                .update();
    }

    void updateRole(Member member) {
        jdbc.sql("update members set role = ? where organisation_id = ? and user_id = ?")
                .params(member.role().code(), member.organisationId(), member.userId()).update();
    }

    void delete(Member member) {
        jdbc.sql("delete from members where organisation_id = ? and user_id = ?")
                .params(member.organisationId(), member.userId()).update();
    }

    private static Member map(ResultSet rs, int row) throws SQLException {
        return new Member(rs.getObject("organisation_id", UUID.class), rs.getString("user_id"), rs.getString("email"),
                OrgRole.fromCode(rs.getString("role")), rs.getTimestamp("joined_at").toInstant(),
                rs.getString("invited_by"));
    }
}
