package com.aifinance.subscription.authserver;

import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * What a registered client is, kept in its client settings: the dashboards' login client, a platform service, or an
 * institutional client of an organisation. The kind decides the roles and tier its tokens carry.
 */
enum ClientKind {
    DASHBOARD, SERVICE, INSTITUTIONAL;

    static final String SETTING = "aifa.client-kind";
    static final String ORGANISATION_SETTING = "aifa.organisation-id";

    static Optional<ClientKind> of(RegisteredClient client) {
        Object kind = client.getClientSettings().getSetting(SETTING);
        return kind == null ? Optional.empty() : Optional.of(valueOf(kind.toString()));
    }

    static Optional<String> organisationOf(RegisteredClient client) {
        Object organisation = client.getClientSettings().getSetting(ORGANISATION_SETTING);
        return Optional.ofNullable(organisation).map(Object::toString);
    }
}
