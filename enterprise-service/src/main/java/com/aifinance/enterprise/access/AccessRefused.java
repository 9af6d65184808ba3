package com.aifinance.enterprise.access;

import java.util.UUID;

/**
 * A refused attempt, published as a Spring application event so the audit log records it (in its own
 * transaction: the refused request rolls nothing back).
 *
 * @param targetOrganisation the organisation the attempt was aimed at, when there was one
 * @param reason             {@code other_organisation}, {@code role}, {@code not_a_member}, {@code platform_only}
 */
public record AccessRefused(Actor actor, UUID targetOrganisation, String attempted, String reason, String method,
                            String path) {
}
