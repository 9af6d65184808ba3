package com.aifinance.common.embedded;

/** A reason why an embedded server could not be started, worded for the person who ran the command. */
public class EmbeddedInfrastructureException extends RuntimeException {

    public EmbeddedInfrastructureException(String message) {
        super(message);
    }

    public EmbeddedInfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
