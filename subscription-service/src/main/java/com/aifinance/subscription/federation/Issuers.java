package com.aifinance.subscription.federation;

import java.net.URI;
import java.net.URISyntaxException;

/** What an OIDC issuer we log users in with must look like. */
final class Issuers {

    private Issuers() {
    }

    /**
     * An {@code https} URL without credentials, query or fragment. Plain {@code http} only on the loopback
     * interface (a developer's or a test's own issuer): anything else could be read or changed on the way.
     */
    static String requireUsable(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("issuer is not a URL: " + issuer, e);
        }
        boolean loopbackHttp = "http".equals(uri.getScheme())
                && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || loopbackHttp)) {
            throw new IllegalArgumentException("issuer must be an https URL: " + issuer);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("issuer may not have credentials, a query or a fragment: " + issuer);
        }
        return uri.toString();
    }
}
