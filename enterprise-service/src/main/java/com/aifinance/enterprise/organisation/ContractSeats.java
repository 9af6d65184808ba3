package com.aifinance.enterprise.organisation;

import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.UUID;

/** The seats of the organisation's contract in force on a day, when it names any: they replace the plan's limit. */
public interface ContractSeats {

    OptionalInt seatsInForce(UUID organisationId, LocalDate day);
}
