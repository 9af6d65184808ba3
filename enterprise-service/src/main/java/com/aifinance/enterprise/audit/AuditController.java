package com.aifinance.enterprise.audit;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.aifinance.enterprise.access.Actor;
import com.aifinance.enterprise.access.OrganisationAccess;
import com.aifinance.enterprise.access.Permission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/enterprise")
@Validated
@Tag(name = "Audit log", description = "Every administrative action and every refused attempt, append-only")
class AuditController {

    private static final int EXPORT_BATCH = 1_000;
    private static final List<String> CSV_HEADER = List.of("id", "occurred_at", "organisation_id", "actor_subject",
            "actor_organisation", "actor_roles", "actor_address", "action", "target", "outcome", "before", "after");

    private final AuditQueries queries;
    private final OrganisationAccess access;
    private final AuditLog log;

    AuditController(AuditQueries queries, OrganisationAccess access, AuditLog log) {
        this.queries = queries;
        this.access = access;
        this.log = log;
    }

    @GetMapping("/organisations/{organisationId}/audit")
    @Operation(summary = "An organisation's audit log, newest first",
            description = "Owners, admins and platform staff. Filters combine; action may end in * for a prefix.")
    AuditPage organisationLog(
            @PathVariable UUID organisationId,
            @Parameter(description = "the actor's subject") @RequestParam(required = false) String actor,
            @Parameter(description = "member.removed, or member.* for every member action") @RequestParam(required = false) String action,
            @Parameter(description = "inclusive, ISO-8601") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @Parameter(description = "exclusive, ISO-8601") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        access.require(organisationId, Permission.VIEW_AUDIT);
        return page(new AuditFilter(organisationId, actor, action, from, to), page, size);
    }

    @GetMapping(path = "/organisations/{organisationId}/audit/export", produces = "text/csv")
    @Operation(summary = "Export an organisation's audit log as CSV",
            description = "Same filters as the log; cells that a spreadsheet would evaluate as formulas are escaped.")
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable UUID organisationId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        Actor exporter = access.require(organisationId, Permission.VIEW_AUDIT);
        AuditFilter filter = new AuditFilter(organisationId, actor, action, from, to);
        // exporting the log is itself an action worth knowing about
        log.record(exporter, organisationId, "audit.exported", null, null, filter);
        StreamingResponseBody body = output -> {
            Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
            CsvWriter csv = new CsvWriter(writer);
            csv.row(CSV_HEADER);
            long beforeId = Long.MAX_VALUE;
            List<AuditEntry> batch;
            do {
                batch = queries.findBefore(filter, beforeId, EXPORT_BATCH);
                for (AuditEntry entry : batch) {
                    csv.row(cells(entry));
                    beforeId = entry.id();
                }
            } while (batch.size() == EXPORT_BATCH);
            writer.flush();
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + organisationId + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(body);
    }

    @GetMapping("/audit")
    @Operation(summary = "The platform-wide audit log (platform staff)")
    AuditPage platformLog(
            @RequestParam(required = false) UUID organisationId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        access.requireOps(Permission.VIEW_AUDIT);
        return page(new AuditFilter(organisationId, actor, action, from, to), page, size);
    }

    private AuditPage page(AuditFilter filter, int page, int size) {
        return new AuditPage(queries.find(filter, (long) page * size, size), page, size, queries.count(filter));
    }

    private static List<String> cells(AuditEntry entry) {
        return new ArrayList<>(Arrays.asList(String.valueOf(entry.id()), entry.occurredAt().toString(),
                entry.organisationId() == null ? null : entry.organisationId().toString(), entry.actorSubject(),
                entry.actorOrganisation(), entry.actorRoles(), entry.actorAddress(), entry.action(), entry.target(),
                entry.outcome(), entry.before() == null ? null : entry.before().toString(),
                entry.after() == null ? null : entry.after().toString()));
    }

    record AuditPage(List<AuditEntry> items, int page, int size, long total) {
    }
}
