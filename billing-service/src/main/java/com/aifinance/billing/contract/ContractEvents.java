package com.aifinance.billing.contract;

import com.aifinance.common.events.EventEnvelope;
import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * What billing takes from enterprise-service ({@code aifa.enterprise}, consumer group {@code billing-service}):
 * {@code contract.signed} and {@code contract.renewed} schedule (and, when due, raise) the bank-transfer invoices of
 * the contract's instalments; {@code contract.expired} stops those not yet due. Other enterprise events are ignored.
 */
@Configuration(proxyBeanMethods = false)
class ContractEvents {

    private static final Logger log = LoggerFactory.getLogger(ContractEvents.class);

    private final ContractInvoicing invoicing;
    private final MeterRegistry meters;

    ContractEvents(ContractInvoicing invoicing, MeterRegistry meters) {
        this.invoicing = invoicing;
        this.meters = meters;
    }

    @Bean
    EventSubscription enterpriseContractEvents() {
        return EventSubscription.to(EventStreams.ENTERPRISE, this::handle);
    }

    void handle(EventEnvelope event) {
        try {
            switch (event.type()) {
                case "contract.signed", "contract.renewed" -> invoicing.signed(ContractTerms.from(event.data()));
                case "contract.expired" -> expired(event);
                default -> {
                    // organisations, members, clients, SSO …: nothing billing invoices
                }
            }
        } catch (ContractEventRefused refused) {
            // counted per attempt; after the backbone's retries the entry is dead-lettered with this reason
            meters.counter("billing_contract_events_refused", "reason", refused.reason()).increment();
            log.error("Refusing {} {}: {}", event.type(), event.id(), refused.getMessage());
            throw refused;
        }
    }

    private void expired(EventEnvelope event) {
        JsonNode data = event.data();
        String contractId = data.path("contractId").asString(null);
        if (contractId == null || contractId.isBlank()) {
            throw new ContractEventRefused("malformed", "the event lacks contractId");
        }
        ContractTerms terms;
        try {
            terms = ContractTerms.from(data);
        } catch (ContractEventRefused incomplete) {
            terms = null; // enough for a contract billing knows; an unknown one needs the full terms
        }
        invoicing.expired(contractId, terms, event.time());
    }
}
