package com.aifinance.enterprise.organisation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.Outbox;
import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrgRole;
import com.aifinance.enterprise.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local platform's demo organisation. subscription-service (the identity provider, started first) seeds the demo
 * users and writes them to {@code ${AIFA_LOCAL_DIR}/data/demo-credentials.json}, putting the enterprise admin in an
 * organisation whose id it chose; this opens that organisation here and seats its members with the role their token
 * carries, so the enterprise pages have something to administer. Idempotent: what exists is left as it is (a member
 * removed through the API stays removed until the credentials file is regenerated).
 */
@Component
@ConditionalOnProperty(prefix = "aifa.demo", name = "enabled", havingValue = "true")
class DemoOrganisation implements ApplicationRunner {

    static final String NAME = "Demo Capital";
    static final String SLUG = "demo-capital";
    static final int SEAT_LIMIT = 10;
    private static final Logger log = LoggerFactory.getLogger(DemoOrganisation.class);

    private final Organisations organisations;
    private final Members members;
    private final AuditLog audit;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final Path credentials;

    DemoOrganisation(Organisations organisations, Members members, AuditLog audit, Outbox outbox,
                     TransactionTemplate transactions, JsonMapper json, Clock clock,
                     @Value("${aifa.local-dir:${AIFA_LOCAL_DIR:.local}}") String localDirectory) {
        this.organisations = organisations;
        this.members = members;
        this.audit = audit;
        this.outbox = outbox;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.credentials = Path.of(localDirectory).toAbsolutePath().resolve("data/demo-credentials.json");
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!Files.isRegularFile(credentials)) {
            log.warn("Demo data is enabled but {} does not exist (subscription-service writes it): no demo organisation",
                    credentials);
            return;
        }
        JsonNode demo = json.readTree(credentials.toFile());
        Actor actor = Actor.system("demo-data");
        int seated = 0;
        for (JsonNode user : demo.path("users")) {
            String organisation = user.path("organisationId").asString(null);
            Optional<OrgRole> role = roleOf(user);
            if (organisation == null || role.isEmpty()) {
                continue;
            }
            UUID organisationId = UUID.fromString(organisation);
            Boolean added = transactions.execute(status -> seat(actor, organisationId, user, role.get()));
            seated += Boolean.TRUE.equals(added) ? 1 : 0;
        }
        log.info("Demo organisation {} ready ({} members seated now)", NAME, seated);
    }

    private boolean seat(Actor actor, UUID organisationId, JsonNode user, OrgRole role) {
        Instant now = clock.instant();
        if (organisations.find(organisationId).isEmpty()) {
            Organisation organisation = new Organisation(organisationId, NAME, SLUG, "enterprise", SEAT_LIMIT, now, now);
            organisations.insert(organisation);
            outbox.publish(EventStreams.ENTERPRISE, "organisation.created",
                    OrganisationEvents.subject(organisationId),
                    new OrganisationEvents.OrganisationCreated(organisationId.toString(), NAME, "enterprise",
                            SEAT_LIMIT));
            audit.record(actor, organisationId, "organisation.created", SLUG, null, organisation);
        }
        String userId = user.path("userId").asString();
        if (members.findAnywhere(userId).isPresent()) {
            return false;
        }
        Member member = new Member(organisationId, userId, user.path("email").asString(), role, now, actor.subject());
        members.insert(member);
        audit.record(actor, organisationId, "member.added", member.email(), null, member);
        return true;
    }

    /** The highest organisation role among the user's token roles ({@code org_admin} → admin). */
    private static Optional<OrgRole> roleOf(JsonNode user) {
        Optional<OrgRole> best = Optional.empty();
        for (JsonNode claim : user.path("roles")) {
            Optional<OrgRole> role = OrgRole.fromClaim(claim.asString());
            if (role.isPresent() && (best.isEmpty() || role.get().ordinal() < best.get().ordinal())) {
                best = role;
            }
        }
        return best;
    }
}
