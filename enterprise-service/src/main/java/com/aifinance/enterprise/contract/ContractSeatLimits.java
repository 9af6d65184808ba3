package com.aifinance.enterprise.contract;

import java.time.LocalDate;
import java.util.OptionalInt;
import java.util.UUID;

import com.aifinance.enterprise.organisation.ContractSeats;
import org.springframework.stereotype.Component;

/** Seats granted by the contract in force replace the plan's seat limit. */
@Component
class ContractSeatLimits implements ContractSeats {

    private final Contracts contracts;

    ContractSeatLimits(Contracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public OptionalInt seatsInForce(UUID organisationId, LocalDate day) {
        return contracts.inForce(organisationId, day).filter(contract -> contract.seats() != null)
                .map(contract -> OptionalInt.of(contract.seats())).orElse(OptionalInt.empty());
    }
}
