package com.aifinance.subscription.federation;

/** An identity provider or enterprise-service could not be asked (down, slow, or answering nonsense). */
public class FederationUnavailable extends RuntimeException {

    FederationUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    FederationUnavailable(String message) {
        super(message);
    }
}
