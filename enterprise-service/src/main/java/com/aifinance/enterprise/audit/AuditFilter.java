package com.aifinance.enterprise.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.aifinance.common.web.ApiProblem;

/**
 * What to select from the audit log; every field is optional.
 *
 * @param action an exact action ({@code member.removed}) or a prefix ending in {@code *} ({@code member.*})
 * @param from   inclusive
 * @param to     exclusive
 */
record AuditFilter(UUID organisationId, String actor, String action, Instant from, Instant to) {

    AuditFilter {
        if (action != null && !action.matches("[a-z_]+(\\.[a-z_]+)*(\\.\\*)?|[a-z_]+\\*")) {
            throw ApiProblem.invalid("action must look like member.removed or member.*");
        }
        if (actor != null && (actor.isBlank() || actor.length() > 200)) {
            throw ApiProblem.invalid("actor must be 1-200 characters");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.invalid("from must be before to");
        }
    }

    /** The SQL condition and its parameters, in order. */
    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (organisationId != null) {
            conditions.add("organisation_id = ?");
            params.add(organisationId);
        }
        if (actor != null) {
            conditions.add("actor_subject = ?");
            params.add(actor);
        }
        if (action != null) {
            if (action.endsWith("*")) {
                conditions.add("action like ?");
                params.add(action.substring(0, action.length() - 1).replace("_", "\\_") + "%");
            } else {
                conditions.add("action = ?");
                params.add(action);
            }
        }
        if (from != null) {
            conditions.add("occurred_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            conditions.add("occurred_at < ?");
            params.add(Timestamp.from(to));
        }
        return new Where(conditions.isEmpty() ? "true" : String.join(" and ", conditions), params);
    }

    record Where(String sql, List<Object> params) {
    }
}
