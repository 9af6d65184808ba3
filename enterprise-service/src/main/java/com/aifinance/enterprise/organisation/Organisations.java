package com.aifinance.enterprise.organisation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The organisations table, and the seat limit in force for each. */
@Component
public class Organisations {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<ContractSeats> contractSeats;

    Organisations(JdbcClient jdbc, Clock clock, ObjectProvider<ContractSeats> contractSeats) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.contractSeats = contractSeats;
    }

    public Optional<Organisation> find(UUID id) {
        return jdbc.sql("select * from organisations where id = ?").param(id).query(Organisations::map).optional();
    }

    public Organisation require(UUID id) {
        return find(id).orElseThrow(() -> ApiProblem.notFound("Organisation " + id));
    }

    /** Reads the organisation and locks it until the transaction ends: seat checks must not race. */
    public Organisation lock(UUID id) {
        return jdbc.sql("select * from organisations where id = ? for update").param(id).query(Organisations::map)
                .optional().orElseThrow(() -> ApiProblem.notFound("Organisation " + id));
    }

    /** The seat limit in force today: the contract's seats if the contract in force names any, else the plan's. */
    public int seatLimit(Organisation organisation) {
        return contractSeatsToday(organisation.id()).orElse(organisation.seatLimit());
    }

    OptionalInt contractSeatsToday(UUID organisationId) {
        ContractSeats seats = contractSeats.getIfAvailable();
        return seats == null ? OptionalInt.empty()
                : seats.seatsInForce(organisationId, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    List<Organisation> all() {
        return jdbc.sql("select * from organisations order by name").query(Organisations::map).list();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select exists (select 1 from organisations where slug = ?)").param(slug)
                .query(Boolean.class).single();
    }

    void insert(Organisation organisation) {
        jdbc.sql("""
                        insert into organisations (id, name, slug, tier, seat_limit, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(organisation.id(), organisation.name(), organisation.slug(), organisation.tier(),
                        organisation.seatLimit(), Timestamp.from(organisation.createdAt()),
                        Timestamp.from(organisation.updatedAt()))
                .update();
    }

    void update(Organisation organisation) {
        jdbc.sql("update organisations set name = ?, seat_limit = ?, updated_at = ? where id = ?")
                .params(organisation.name(), organisation.seatLimit(), Timestamp.from(organisation.updatedAt()),
                        organisation.id())
                .update();
    }

    private static Organisation map(ResultSet rs, int row) throws SQLException {
        return new Organisation(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("slug"),
                rs.getString("tier"), rs.getInt("seat_limit"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
