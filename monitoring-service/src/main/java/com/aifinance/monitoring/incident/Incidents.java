package com.aifinance.monitoring.incident;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.monitoring.health.CheckResult;
import com.aifinance.monitoring.health.HealthChecks;
import com.aifinance.monitoring.health.HealthCycleCompleted;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incidents: opened by hand by ops, or automatically when a service fails {@code down-checks} readiness checks in a
 * row (not during the monitor's own start-up grace); every change is on the timeline and alerted. An automatic incident resolves itself after {@code up-checks}
 * passed checks in a row; a manual one only by hand.
 */
@Component
public class Incidents {

    static final String MONITOR = "monitor";

    private final JdbcClient jdbc;
    private final HealthChecks checks;
    private final IncidentAlerts alerts;
    private final IncidentProperties properties;
    private final Clock clock;
    private final Instant openAutomaticallyFrom;
    private volatile long openCount;

    Incidents(JdbcClient jdbc, HealthChecks checks, IncidentAlerts alerts, IncidentProperties properties, Clock clock,
              MeterRegistry meters) {
        this.jdbc = jdbc;
        this.checks = checks;
        this.alerts = alerts;
        this.properties = properties;
        this.clock = clock;
        this.openAutomaticallyFrom = clock.instant().plus(properties.startupGrace());
        Gauge.builder("monitor.incidents.open", this, incidents -> incidents.openCount)
                .description("Incidents not yet resolved").register(meters);
    }

    /** Looks at a finished health cycle: opens incidents for services that stay down, resolves recovered ones. */
    @EventListener
    @Transactional
    public void onCycle(HealthCycleCompleted cycle) {
        for (CheckResult result : cycle.results()) {
            if (!result.up() && !cycle.at().isBefore(openAutomaticallyFrom)) {
                List<Boolean> recent = checks.recentStatuses(result.service(), properties.downChecks());
                if (recent.size() == properties.downChecks() && !recent.contains(true)) {
                    openAutomatically(result);
                }
            } else if (result.up()) {
                openAutomaticFor(result.service()).ifPresent(incident -> {
                    List<Boolean> recent = checks.recentStatuses(result.service(), properties.upChecks());
                    if (recent.size() == properties.upChecks() && !recent.contains(false)) {
                        resolve(incident.id(), result.service() + " passed its last " + properties.upChecks()
                                + " readiness checks; resolved automatically.", MONITOR);
                    }
                });
            }
        }
        refreshOpenCount();
    }

    @Transactional
    public Incident open(String service, String title, String severity, String message, String author) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into incidents (id, service, title, severity, status, automatic, opened_by, opened_at)
                        values (?, ?, ?, ?, 'investigating', false, ?, ?)""")
                .params(id, service, title, severity, author, Timestamp.from(now)).update();
        addToTimeline(id, now, "investigating", message, author);
        Incident incident = find(id).orElseThrow();
        alerts.announce(incident, "opened", message, null);
        refreshOpenCount();
        return incident;
    }

    /** Adds an update (a new status and what is known) to an open incident. */
    @Transactional
    public Incident update(UUID id, String status, String message, String author) {
        Incident incident = lockOpen(id);
        Instant now = clock.instant();
        jdbc.sql("update incidents set status = ? where id = ?").params(status, id).update();
        addToTimeline(id, now, status, message, author);
        Incident updated = find(id).orElseThrow();
        alerts.announce(updated, "updated", message, null);
        return updated;
    }

    @Transactional
    public Incident resolve(UUID id, String resolution, String author) {
        lockOpen(id);
        Instant now = clock.instant();
        jdbc.sql("update incidents set status = 'resolved', resolved_at = ?, resolution = ? where id = ?")
                .params(Timestamp.from(now), resolution, id).update();
        addToTimeline(id, now, "resolved", resolution, author);
        Incident resolved = find(id).orElseThrow();
        alerts.announce(resolved, "resolved", resolution, null);
        refreshOpenCount();
        return resolved;
    }

    @Transactional(readOnly = true)
    public Optional<Incident> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(this::incident).optional();
    }

    /** Incidents not resolved yet, newest first. */
    @Transactional(readOnly = true)
    public List<Incident> open() {
        return jdbc.sql(SELECT + " where status <> 'resolved' order by opened_at desc").query(this::incident).list();
    }

    /** Incidents opened in {@code [from, to)} or still open then, newest first. */
    @Transactional(readOnly = true)
    public List<Incident> between(Instant from, Instant to) {
        return jdbc.sql(SELECT + """
                         where opened_at < ? and (resolved_at is null or resolved_at >= ?)
                        order by opened_at desc limit 1000""")
                .params(Timestamp.from(to), Timestamp.from(from)).query(this::incident).list();
    }

    private void openAutomatically(CheckResult failing) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int created = jdbc.sql("""
                        insert into incidents (id, service, title, severity, status, automatic, opened_by, opened_at)
                        values (?, ?, ?, 'major', 'investigating', true, ?, ?)
                        on conflict (service) where automatic and status <> 'resolved' do nothing""")
                .params(id, failing.service(), failing.service() + " is down", MONITOR, Timestamp.from(now))
                .update();
        if (created == 0) {
            return; // already open (here or by another monitor instance)
        }
        String message = failing.service() + " failed its last " + properties.downChecks()
                + " readiness checks; we are investigating.";
        addToTimeline(id, now, "investigating", message, MONITOR);
        alerts.announce(find(id).orElseThrow(), "opened", message, failing.detail());
    }

    private Optional<Incident> openAutomaticFor(String service) {
        return jdbc.sql(SELECT + " where service = ? and automatic and status <> 'resolved'").param(service)
                .query(this::incident).optional();
    }

    private Incident lockOpen(UUID id) {
        Incident incident = jdbc.sql(SELECT + " where id = ? for update").param(id).query(this::incident).optional()
                .orElseThrow(() -> ApiProblem.notFound("Incident " + id));
        if (incident.resolved()) {
            throw ApiProblem.conflict("Incident " + id + " is resolved; open a new one.");
        }
        return incident;
    }

    private void addToTimeline(UUID id, Instant at, String status, String message, String author) {
        jdbc.sql("insert into incident_updates (incident_id, at, status, message, author) values (?, ?, ?, ?, ?)")
                .params(id, Timestamp.from(at), status, message, author).update();
    }

    private void refreshOpenCount() {
        openCount = jdbc.sql("select count(*) from incidents where status <> 'resolved'").query(Long.class).single();
    }

    private static final String SELECT = """
            select id, service, title, severity, status, automatic, opened_by, opened_at, resolved_at, resolution
            from incidents""";

    private Incident incident(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        List<Incident.Update> updates = jdbc.sql("""
                        select at, status, message, author from incident_updates where incident_id = ? order by at, id""")
                .param(id)
                .query((u, n) -> new Incident.Update(u.getTimestamp("at").toInstant(), u.getString("status"),
                        u.getString("message"), u.getString("author")))
                .list();
        return new Incident(id, rs.getString("service"), rs.getString("title"), rs.getString("severity"),
                rs.getString("status"), rs.getBoolean("automatic"), rs.getString("opened_by"),
                rs.getTimestamp("opened_at").toInstant(), resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getString("resolution"), updates);
    }
}
