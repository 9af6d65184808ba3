package com.aifinance.dashboard.enterprise;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What enterprise-service answers, as the enterprise pages read it. */
final class EnterpriseViews {

    private EnterpriseViews() {
    }

    record Organisation(String id, String name, String slug, String tier, int seatLimit, int planSeatLimit,
                        int members, int openInvitations, Instant createdAt) {

        public int seatsFree() {
            return Math.max(0, seatLimit - members - openInvitations);
        }
    }

    record Member(String organisationId, String userId, String email, String role, Instant joinedAt,
                  String invitedBy) {
    }

    record Invitation(String id, String email, String role, String status, String invitedBy, Instant createdAt,
                      Instant expiresAt, Instant acceptedAt) {
    }

    record AllowlistEntry(String cidr, String label) {
    }

    record Allowlist(String organisationId, List<AllowlistEntry> entries, long version, Instant updatedAt,
                     String updatedBy, String yourAddress, boolean yourAddressAllowed) {

        public String asText() {
            StringBuilder text = new StringBuilder();
            for (AllowlistEntry entry : entries == null ? List.<AllowlistEntry>of() : entries) {
                text.append(entry.cidr());
                if (entry.label() != null && !entry.label().isBlank()) {
                    text.append(' ').append(entry.label());
                }
                text.append('\n');
            }
            return text.toString();
        }
    }

    record Secret(String id, String status, Instant createdAt, Instant validUntil) {
    }

    record ApiClient(String clientId, String name, List<String> scopes, long quotaPerHour, String contractId,
                     String status, Instant createdAt, String createdBy, Instant revokedAt, String revocationReason,
                     Instant lastUsedAt, long requestsTotal, List<Secret> secrets) {
    }

    record IssuedClient(ApiClient client, String clientSecret, String notice) {
    }

    record BrandingView(String organisationId, String displayName, String logoUrl, String primaryColour,
                        String secondaryColour, String accentColour, String customDomain) {
    }

    record AuditEntry(long id, Instant occurredAt, String actorSubject, String actorRoles, String actorAddress,
                      String action, String target, String outcome) {
    }

    record AuditPage(List<AuditEntry> items, int page, int size, long total) {

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    record Instalment(LocalDate invoiceDate, LocalDate periodEnd, long amountMinor) {
    }

    record Contract(String id, String reference, String status, LocalDate startDate, LocalDate endDate,
                    LocalDate renewalDate, int termMonths, long annualValueMinor, long termValueMinor,
                    String currency, long requestQuotaPerMonth, Integer seats, String invoiceSchedule,
                    int paymentTermsDays, String billingEmail, List<Instalment> instalments) {
    }

    record AccountManager(String name, String email, String phone) {
    }

    record Support(String organisationId, String tier, List<String> channels, Duration firstResponseTarget,
                   Duration urgentFirstResponseTarget, Duration resolutionTarget, String phone,
                   AccountManager accountManager) {
    }

    record SlaClock(Instant due, Instant metAt, boolean breached, Duration remaining) {
    }

    record Message(String id, String author, boolean fromStaff, String body, Instant createdAt) {
    }

    record Ticket(String id, long number, String subject, String description, String priority, String status,
                  String tier, String openedBy, Instant openedAt, SlaClock firstResponse, SlaClock resolution,
                  List<Message> messages) {
    }
}
