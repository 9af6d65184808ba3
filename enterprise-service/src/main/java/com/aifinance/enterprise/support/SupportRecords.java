package com.aifinance.enterprise.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The support tables. */
@Component
class SupportRecords {

    private final JdbcClient jdbc;

    SupportRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Settings(SupportTier tier, AccountManager accountManager) {
    }

    record AccountManager(String name, String email, String phone, String userId) {
    }

    record Message(UUID id, String author, boolean fromStaff, String body, Instant createdAt) {
    }

    Optional<Settings> settings(UUID organisationId) {
        return jdbc.sql("select * from support_settings where organisation_id = ?").param(organisationId)
                .query((rs, row) -> new Settings(SupportTier.of(rs.getString("tier")),
                        rs.getString("account_manager_name") == null ? null : new AccountManager(
                                rs.getString("account_manager_name"), rs.getString("account_manager_email"),
                                rs.getString("account_manager_phone"), rs.getString("account_manager_user"))))
                .optional();
    }

    void saveSettings(UUID organisationId, Settings settings, Instant at, String by) {
        AccountManager manager = settings.accountManager();
        jdbc.sql("""
                        insert into support_settings (organisation_id, tier, account_manager_name, account_manager_email,
                            account_manager_phone, account_manager_user, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (organisation_id) do update set tier = excluded.tier,
                            account_manager_name = excluded.account_manager_name,
                            account_manager_email = excluded.account_manager_email,
                            account_manager_phone = excluded.account_manager_phone,
                            account_manager_user = excluded.account_manager_user,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(organisationId, settings.tier().code(), manager == null ? null : manager.name(),
                        manager == null ? null : manager.email(), manager == null ? null : manager.phone(),
                        manager == null ? null : manager.userId(), Timestamp.from(at), by)
                .update();
    }

    Ticket insert(Ticket ticket) {
        long number = jdbc.sql("""
                        insert into support_tickets (id, organisation_id, subject, description, priority, support_tier,
                            opened_by, opened_by_email, opened_at, first_response_due, resolution_due)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning number""")
                .params(ticket.id(), ticket.organisationId(), ticket.subject(), ticket.description(), ticket.priority(),
                        ticket.tier().code(), ticket.openedBy(), ticket.openedByEmail(),
                        Timestamp.from(ticket.openedAt()), Timestamp.from(ticket.firstResponseDue()),
                        Timestamp.from(ticket.resolutionDue()))
                .query(Long.class).single();
        return find(ticket.id()).filter(found -> found.number() == number).orElseThrow();
    }

    Optional<Ticket> find(UUID id) {
        return jdbc.sql("select * from support_tickets where id = ?").param(id).query(SupportRecords::map).optional();
    }

    List<Ticket> of(UUID organisationId) {
        return jdbc.sql("select * from support_tickets where organisation_id = ? order by opened_at desc limit 500")
                .param(organisationId).query(SupportRecords::map).list();
    }

    /** The desk's queue: unresolved first by due time, optionally only those in breach. */
    List<Ticket> queue(boolean breachedOnly, boolean includeResolved) {
        return jdbc.sql("""
                        select * from support_tickets
                        where (? or resolved_at is null)
                          and (not ? or first_response_breached_at is not null or resolution_breached_at is not null)
                        order by resolved_at nulls first, least(coalesce(first_responded_at, first_response_due),
                                                                 resolution_due) limit 500""")
                .params(includeResolved, breachedOnly).query(SupportRecords::map).list();
    }

    /** First-response clocks that have run out, not yet flagged; locked so one instance flags each. */
    List<Ticket> firstResponseOverdue(Instant now) {
        return jdbc.sql("""
                        select * from support_tickets where first_responded_at is null and resolved_at is null
                          and first_response_breached_at is null and first_response_due <= ?
                        for update skip locked""")
                .param(Timestamp.from(now)).query(SupportRecords::map).list();
    }

    List<Ticket> resolutionOverdue(Instant now) {
        return jdbc.sql("""
                        select * from support_tickets where resolved_at is null and resolution_breached_at is null
                          and resolution_due <= ? for update skip locked""")
                .param(Timestamp.from(now)).query(SupportRecords::map).list();
    }

    long countInBreach() {
        return jdbc.sql("""
                        select count(*) from support_tickets where resolved_at is null
                          and (first_response_breached_at is not null or resolution_breached_at is not null)""")
                .query(Long.class).single();
    }

    void markFirstResponseBreached(UUID id, Instant at) {
        jdbc.sql("update support_tickets set first_response_breached_at = ? where id = ?")
                .params(Timestamp.from(at), id).update();
    }

    void markResolutionBreached(UUID id, Instant at) {
        jdbc.sql("update support_tickets set resolution_breached_at = ? where id = ?")
                .params(Timestamp.from(at), id).update();
    }

    void markFirstResponse(UUID id, Instant at) {
        jdbc.sql("update support_tickets set first_responded_at = ? where id = ? and first_responded_at is null")
                .params(Timestamp.from(at), id).update();
    }

    void markResolved(UUID id, Instant at) {
        jdbc.sql("update support_tickets set resolved_at = ? where id = ? and resolved_at is null")
                .params(Timestamp.from(at), id).update();
    }

    void insertMessage(UUID ticketId, Message message) {
        jdbc.sql("""
                        insert into support_ticket_messages (id, ticket_id, author, from_staff, body, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(message.id(), ticketId, message.author(), message.fromStaff(), message.body(),
                        Timestamp.from(message.createdAt()))
                .update();
    }

    List<Message> messages(UUID ticketId) {
        return jdbc.sql("select * from support_ticket_messages where ticket_id = ? order by created_at")
                .param(ticketId)
                .query((rs, row) -> new Message(rs.getObject("id", UUID.class), rs.getString("author"),
                        rs.getBoolean("from_staff"), rs.getString("body"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private static Ticket map(ResultSet rs, int row) throws SQLException {
        return new Ticket(rs.getObject("id", UUID.class), rs.getLong("number"),
                rs.getObject("organisation_id", UUID.class), rs.getString("subject"), rs.getString("description"),
                rs.getString("priority"), SupportTier.of(rs.getString("support_tier")), rs.getString("opened_by"),
                rs.getString("opened_by_email"), rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("first_response_due").toInstant(), rs.getTimestamp("resolution_due").toInstant(),
                instant(rs, "first_responded_at"), instant(rs, "resolved_at"),
                instant(rs, "first_response_breached_at"), instant(rs, "resolution_breached_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
