package com.aifinance.subscription.authserver;

import java.util.List;

import org.springframework.stereotype.Component;

/** The external identity providers offered on the login page (none until federated login is configured). */
@Component
class FederatedProviders {

    List<Provider> available() {
        return List.of();
    }

    record Provider(String id, String name) {
    }
}
