package com.aifinance.enterprise.organisation;

import java.time.Instant;
import java.util.UUID;

/**
 * An enterprise or institutional customer.
 *
 * @param tier      {@code enterprise} or {@code institutional}
 * @param seatLimit the plan's seat limit (an active contract's seats take precedence, see {@link ContractSeats})
 */
public record Organisation(UUID id, String name, String slug, String tier, int seatLimit, Instant createdAt,
                           Instant updatedAt) {
}
