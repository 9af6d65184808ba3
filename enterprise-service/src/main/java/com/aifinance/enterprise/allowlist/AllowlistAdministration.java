package com.aifinance.enterprise.allowlist;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.audit.AuditLog;
import com.aifinance.enterprise.network.IpAddresses;
import com.aifinance.enterprise.organisation.Organisations;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saving an allowlist: validated, locked against concurrent saves, published as {@code allowlist.changed} (the
 * gateway's cache follows within seconds) and audited. A list that would shut out the administrator saving it needs
 * {@code confirmLockout}.
 */
@Service
class AllowlistAdministration {

    static final URI LOCKOUT = ProblemTypes.of("allowlist-lockout");

    private final Allowlists allowlists;
    private final Organisations organisations;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    AllowlistAdministration(Allowlists allowlists, Organisations organisations, AuditLog audit, Outbox outbox,
                            Clock clock, MeterRegistry meters) {
        this.allowlists = allowlists;
        this.organisations = organisations;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    Allowlist replace(Actor actor, UUID organisationId, AllowlistRequests.Replace request) {
        List<AllowlistRules.Parsed> parsed = AllowlistRules.parse(request.entries());
        organisations.lock(organisationId);
        // platform staff are not organisation members, so the organisation's list never applies to them
        boolean locksOutCaller = !actor.isOps() && !parsed.isEmpty() && !allows(parsed, actor.address());
        if (locksOutCaller && !request.lockoutConfirmed()) {
            throw new ApiProblem(HttpStatus.CONFLICT, LOCKOUT, "This list would lock you out",
                    "Your address " + actor.address() + " is not in the new list, so you could not reach the "
                            + "platform after saving it. Add it, or resend with confirmLockout: true.",
                    Map.of("yourAddress", String.valueOf(actor.address())));
        }
        Allowlist before = allowlists.find(organisationId).orElse(null);
        List<Allowlist.Entry> entries = parsed.stream()
                .map(entry -> new Allowlist.Entry(entry.cidr().toString(), entry.label())).toList();
        Instant now = clock.instant();
        long version = allowlists.replace(organisationId, entries, now, actor.subject());
        Allowlist after = new Allowlist(organisationId, entries, version, now, actor.subject());
        outbox.publish(EventStreams.ENTERPRISE, "allowlist.changed", "organisation-" + organisationId,
                new AllowlistChanged(organisationId.toString(), after.cidrs(), actor.subject(), version));
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("entries", entries);
        audited.put("lockoutConfirmed", locksOutCaller);
        audit.record(actor, organisationId, "allowlist.changed", null,
                before == null ? null : Map.of("entries", before.entries()), audited);
        meters.counter("enterprise_allowlist_changes_total").increment();
        return after;
    }

    static boolean allows(List<AllowlistRules.Parsed> entries, String address) {
        Optional<InetAddress> parsed = IpAddresses.parseFromNetwork(address);
        return parsed.isPresent() && entries.stream().anyMatch(entry -> entry.cidr().contains(parsed.get()));
    }

    /** {@code allowlist.changed}: the whole list, so a consumer never needs the previous one. */
    record AllowlistChanged(String organisationId, List<String> cidrs, String changedBy, long version) {
    }
}
