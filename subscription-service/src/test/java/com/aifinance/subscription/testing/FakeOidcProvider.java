package com.aifinance.subscription.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenID Connect provider on a local port, speaking the protocol as Google and LinkedIn do: a discovery document,
 * an authorization endpoint that "logs in" whoever the test named and redirects back with a code, a token endpoint
 * (client authentication, single-use codes bound to the redirect URI, PKCE) issuing an RS256-signed ID token with the
 * request's nonce, a userinfo endpoint and the JWKS. It records what it was sent, so tests can check the client.
 */
public final class FakeOidcProvider implements AutoCloseable {

    private static final JsonMapper JSON = new JsonMapper();

    private final MockWebServer server = new MockWebServer();
    private final String clientId;
    private final String clientSecret;
    private final boolean secretPostOnly;
    private final boolean pkce;
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Person> accessTokens = new ConcurrentHashMap<>();
    private final List<HttpUrl> authorizationRequests = new CopyOnWriteArrayList<>();
    private final List<TokenRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile Person next;

    /**
     * @param secretPostOnly the token endpoint takes the client secret only in the form, as LinkedIn's does
     * @param pkce           the provider announces (and then checks) PKCE with S256, as Google does
     */
    public FakeOidcProvider(String clientId, String clientSecret, boolean secretPostOnly, boolean pkce) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.secretPostOnly = secretPostOnly;
        this.pkce = pkce;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return FakeOidcProvider.this.dispatch(request);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** Who logs in at the next authorization request. */
    public void nextLogin(Person person) {
        this.next = person;
    }

    public HttpUrl lastAuthorizationRequest() {
        return authorizationRequests.getLast();
    }

    public TokenRequest lastTokenRequest() {
        return tokenRequests.getLast();
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getUrl();
        return switch (request.getMethod() + " " + url.encodedPath()) {
            case "GET /.well-known/openid-configuration" -> json(200, discovery());
            case "GET /authorize" -> authorize(url);
            case "POST /token" -> token(request);
            case "GET /userinfo" -> userInfo(request);
            case "GET /jwks" -> json(200, new JWKSet(key.toPublicJWK()).toJSONObject());
            default -> json(404, Map.of("error", "not_found"));
        };
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer());
        document.put("authorization_endpoint", issuer() + "/authorize");
        document.put("token_endpoint", issuer() + "/token");
        document.put("userinfo_endpoint", issuer() + "/userinfo");
        document.put("jwks_uri", issuer() + "/jwks");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("scopes_supported", List.of("openid", "email", "profile"));
        document.put("token_endpoint_auth_methods_supported",
                secretPostOnly ? List.of("client_secret_post") : List.of("client_secret_basic", "client_secret_post"));
        document.put("claims_supported", List.of("sub", "email", "email_verified", "name", "iss", "aud", "nonce"));
        if (pkce) {
            document.put("code_challenge_methods_supported", List.of("plain", "S256"));
        }
        return document;
    }

    private MockResponse authorize(HttpUrl url) {
        authorizationRequests.add(url);
        String redirect = url.queryParameter("redirect_uri");
        Person person = next;
        if (!clientId.equals(url.queryParameter("client_id")) || redirect == null
                || !"code".equals(url.queryParameter("response_type"))
                || !String.valueOf(url.queryParameter("scope")).contains("openid") || person == null) {
            return json(400, Map.of("error", "invalid_request"));
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(person, redirect, url.queryParameter("nonce"), url.queryParameter("code_challenge")));
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code + "&state="
                + java.net.URLEncoder.encode(String.valueOf(url.queryParameter("state")), StandardCharsets.UTF_8);
        return new MockResponse.Builder().code(302).addHeader("Location", location).build();
    }

    private MockResponse token(RecordedRequest request) {
        Map<String, String> form = form(request.getBody() == null ? "" : request.getBody().utf8());
        String authorization = request.getHeaders().get("Authorization");
        tokenRequests.add(new TokenRequest(authorization, form));
        boolean basicOk = !secretPostOnly && authorization != null && authorization.equals("Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        boolean postOk = clientId.equals(form.get("client_id")) && clientSecret.equals(form.get("client_secret"));
        if (!basicOk && !postOk) {
            return json(401, Map.of("error", "invalid_client"));
        }
        Grant grant = codes.remove(String.valueOf(form.get("code")));
        if (!"authorization_code".equals(form.get("grant_type")) || grant == null
                || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            return json(400, Map.of("error", "invalid_grant"));
        }
        if (grant.codeChallenge() != null && !grant.codeChallenge().equals(s256(form.get("code_verifier")))) {
            return json(400, Map.of("error", "invalid_grant", "error_description", "PKCE verification failed"));
        }
        String accessToken = UUID.randomUUID().toString();
        accessTokens.put(accessToken, grant.person());
        return json(200, Map.of("access_token", accessToken, "token_type", "Bearer", "expires_in", 3599,
                "scope", "openid email profile", "id_token", idToken(grant)));
    }

    private MockResponse userInfo(RecordedRequest request) {
        String authorization = String.valueOf(request.getHeaders().get("Authorization"));
        Person person = authorization.startsWith("Bearer ") ? accessTokens.get(authorization.substring(7)) : null;
        if (person == null) {
            return new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .build();
        }
        return json(200, Map.of("sub", person.subject(), "email", person.email(),
                "email_verified", person.emailVerified(), "name", "Test Person"));
    }

    private String idToken(Grant grant) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer()).subject(grant.person().subject()).audience(clientId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("email", grant.person().email()).claim("email_verified", grant.person().emailVerified())
                .claim("name", "Test Person");
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split("=", 2);
                form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return form;
    }

    private static MockResponse json(int status, Map<String, ?> body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .addHeader("Cache-Control", "no-store").body(JSON.writeValueAsString(body)).build();
    }

    /** Someone who logs in at this provider. */
    public record Person(String subject, String email, boolean emailVerified) {

        public static Person verified(String email) {
            return new Person(UUID.randomUUID().toString(), email, true);
        }
    }

    /** A request the token endpoint received: its Authorization header and form. */
    public record TokenRequest(String authorization, Map<String, String> form) {
    }

    private record Grant(Person person, String redirectUri, String nonce, String codeChallenge) {
    }
}
