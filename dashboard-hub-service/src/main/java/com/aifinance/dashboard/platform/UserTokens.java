package com.aifinance.dashboard.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed-in user's tokens, kept in Redis under a random key that the session holds, so every hub instance sees
 * the same (and the latest) tokens. The access token is refreshed shortly before it expires. The authorization
 * server rotates refresh tokens and revokes the whole login when a replaced one is presented again, so a refresh
 * happens under a Redis lock: concurrent panel requests of one user (on any instance) wait for the one refresh and
 * then use its result instead of refreshing twice.
 */
@Component
public class UserTokens implements OAuth2AuthorizedClientRepository {

    static final String SESSION_ATTRIBUTE = UserTokens.class.getName() + ".KEY";
    static final String REQUEST_ATTRIBUTE = UserTokens.class.getName() + ".CURRENT";
    private static final String KEY_PREFIX = "aifa:dashboard:tokens:";
    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(45);
    private static final Duration LOCK_LEASE = Duration.ofSeconds(15);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final DefaultRedisScript<Long> RELEASE = new DefaultRedisScript<>(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);

    /** The error code Spring Security gives a token endpoint answer that is no OAuth2 answer at all (a 5xx page). */
    private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

    private static final Logger log = LoggerFactory.getLogger(UserTokens.class);

    /** What is kept per login. {@code idToken} is the latest ID token, the hint for RP-initiated logout. */
    record Stored(String registrationId, String principal, String accessToken, Instant issuedAt, Instant expiresAt,
                  Set<String> scopes, String refreshToken, String idToken) {
    }

    /** The access token a request uses, with its claims. */
    public record Token(String value, Instant expiresAt, TokenClaims claims, String idToken) {
    }

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final ClientRegistrationRepository registrations;
    private final OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refresher;
    private final Clock clock;
    private final MeterRegistry meters;

    UserTokens(StringRedisTemplate redis, JsonMapper json, ClientRegistrationRepository registrations,
               OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> refresher, Clock clock,
               MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.registrations = registrations;
        this.refresher = refresher;
        this.clock = clock;
        this.meters = meters;
    }

    /** The current request's access token, refreshed when it is about to expire. */
    public Token current() {
        HttpServletRequest request = currentRequest();
        if (request.getAttribute(REQUEST_ATTRIBUTE) instanceof Token token) {
            return token;
        }
        HttpSession session = request.getSession(false);
        String key = session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
        if (key == null) {
            throw new SessionExpiredException("no tokens in this session");
        }
        Token token = fresh(key);
        request.setAttribute(REQUEST_ATTRIBUTE, token);
        return token;
    }

    /** The current user's tokens when a session with tokens exists, without refreshing (for page chrome). */
    public java.util.Optional<TokenClaims> peekClaims(HttpServletRequest request) {
        if (request.getAttribute(REQUEST_ATTRIBUTE) instanceof Token token) {
            return java.util.Optional.of(token.claims());
        }
        HttpSession session = request.getSession(false);
        String key = session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
        return java.util.Optional.ofNullable(key).flatMap(this::read).map(stored -> TokenClaims.parse(stored.accessToken()));
    }

    /** The latest ID token of this session, for the logout hint. */
    public java.util.Optional<String> idToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String key = session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
        return java.util.Optional.ofNullable(key).flatMap(this::read).map(Stored::idToken);
    }

    /**
     * Refreshes the current request's access token now, whatever its expiry, so claims that changed at the
     * authorization server (the {@code tier} after a payment) show at once. Same lock as the refresh ahead of
     * expiry: a refresh another request finished meanwhile is used instead of a second one. When the authorization
     * server cannot be reached the current, still valid token is kept; a refused refresh ends the session as always.
     */
    public Token refreshNow() {
        HttpServletRequest request = currentRequest();
        HttpSession session = request.getSession(false);
        String key = session == null ? null : (String) session.getAttribute(SESSION_ATTRIBUTE);
        if (key == null) {
            throw new SessionExpiredException("no tokens in this session");
        }
        Stored before = read(key).orElseThrow(() -> new SessionExpiredException("tokens expired"));
        Token token;
        try {
            token = fresh(key, stored -> expiresSoon(stored) || stored.accessToken().equals(before.accessToken()));
        } catch (SessionExpiredException e) {
            if (e.refused() || expiresSoon(before)) {
                throw e;
            }
            log.info("Forced refresh not possible now, keeping the current access token: {}", e.getMessage());
            token = token(before);
        }
        request.setAttribute(REQUEST_ATTRIBUTE, token);
        return token;
    }

    private Token fresh(String key) {
        return fresh(key, this::expiresSoon);
    }

    /** The stored token, or a new one under the user's refresh lock while {@code due} says the stored one is due. */
    private Token fresh(String key, java.util.function.Predicate<Stored> due) {
        Stored stored = read(key).orElseThrow(() -> new SessionExpiredException("tokens expired"));
        if (!due.test(stored)) {
            return token(stored);
        }
        String lock = KEY_PREFIX + key + ":refreshing";
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(lock, owner, LOCK_LEASE))) {
            if (System.nanoTime() > deadline) {
                throw new SessionExpiredException("could not refresh the access token in time");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            Stored now = read(key).orElseThrow(() -> new SessionExpiredException("tokens expired"));
            if (!due.test(now)) {
                return token(now);
            }
        }
        try {
            Stored latest = read(key).orElseThrow(() -> new SessionExpiredException("tokens expired"));
            if (!due.test(latest)) {
                return token(latest);
            }
            Stored refreshed = refresh(latest);
            write(key, refreshed);
            return token(refreshed);
        } finally {
            redis.execute(RELEASE, List.of(lock), owner);
        }
    }

    private Stored refresh(Stored stored) {
        if (stored.refreshToken() == null) {
            throw new SessionExpiredException("no refresh token");
        }
        ClientRegistration registration = registrations.findByRegistrationId(stored.registrationId());
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, stored.accessToken(),
                stored.issuedAt(), stored.expiresAt(), stored.scopes());
        try {
            OAuth2AccessTokenResponse response = refresher.getTokenResponse(new OAuth2RefreshTokenGrantRequest(
                    registration, access, new OAuth2RefreshToken(stored.refreshToken(), null), stored.scopes()));
            OAuth2AccessToken renewed = response.getAccessToken();
            Object idToken = response.getAdditionalParameters().get("id_token");
            meters.counter("dashboard_token_refreshes_total", "outcome", "refreshed").increment();
            return new Stored(stored.registrationId(), stored.principal(), renewed.getTokenValue(),
                    renewed.getIssuedAt(), renewed.getExpiresAt(), renewed.getScopes(),
                    response.getRefreshToken() != null ? response.getRefreshToken().getTokenValue()
                            : stored.refreshToken(),
                    idToken instanceof String value ? value : stored.idToken());
        } catch (OAuth2AuthorizationException e) {
            if (INVALID_TOKEN_RESPONSE.equals(e.getError().getErrorCode())) {
                // no usable answer (the authorization server down or failing): not a refusal of this login
                meters.counter("dashboard_token_refreshes_total", "outcome", "failed").increment();
                log.warn("Refresh failed for {}: {}", stored.principal(), e.getMessage());
                throw new SessionExpiredException("the authorization server could not refresh the token");
            }
            // refused (rotated away, revoked, MFA now required): the user logs in again
            meters.counter("dashboard_token_refreshes_total", "outcome", "refused").increment();
            log.info("Refresh refused for {}: {}", stored.principal(), e.getError().getErrorCode());
            throw SessionExpiredException.refused("refresh refused: " + e.getError().getErrorCode());
        } catch (RuntimeException e) {
            meters.counter("dashboard_token_refreshes_total", "outcome", "failed").increment();
            log.warn("Refresh failed for {}: {}", stored.principal(), e.toString());
            throw new SessionExpiredException("the authorization server could not refresh the token");
        }
    }

    private boolean expiresSoon(Stored stored) {
        return stored.expiresAt() == null || !stored.expiresAt().isAfter(clock.instant().plus(REFRESH_AHEAD));
    }

    private Token token(Stored stored) {
        return new Token(stored.accessToken(), stored.expiresAt(), TokenClaims.parse(stored.accessToken()),
                stored.idToken());
    }

    private java.util.Optional<Stored> read(String key) {
        String value = redis.opsForValue().get(KEY_PREFIX + key);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(json.readValue(value, Stored.class));
    }

    private void write(String key, Stored stored) {
        redis.opsForValue().set(KEY_PREFIX + key, json.writeValueAsString(stored), RETENTION);
    }

    /** Forgets the session's tokens (logout). */
    public void forget(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof String key) {
            redis.delete(KEY_PREFIX + key);
            session.removeAttribute(SESSION_ATTRIBUTE);
        }
    }

    // OAuth2AuthorizedClientRepository: the login filter saves the tokens of a completed login here

    @Override
    @SuppressWarnings("unchecked")
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
                                                                     Authentication principal,
                                                                     HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SESSION_ATTRIBUTE) instanceof String key)) {
            return null;
        }
        return (T) read(key).filter(stored -> stored.registrationId().equals(clientRegistrationId))
                .map(stored -> new OAuth2AuthorizedClient(registrations.findByRegistrationId(clientRegistrationId),
                        stored.principal(),
                        new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, stored.accessToken(),
                                stored.issuedAt(), stored.expiresAt(), stored.scopes()),
                        stored.refreshToken() == null ? null : new OAuth2RefreshToken(stored.refreshToken(), null)))
                .orElse(null);
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                                     HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession();
        String key = session.getAttribute(SESSION_ATTRIBUTE) instanceof String existing ? existing
                : UUID.randomUUID().toString();
        String idToken = principal != null && principal.getPrincipal() instanceof OidcUser user
                ? user.getIdToken().getTokenValue() : null;
        OAuth2AccessToken access = client.getAccessToken();
        write(key, new Stored(client.getClientRegistration().getRegistrationId(), client.getPrincipalName(),
                access.getTokenValue(), access.getIssuedAt(), access.getExpiresAt(), access.getScopes(),
                client.getRefreshToken() == null ? null : client.getRefreshToken().getTokenValue(), idToken));
        session.setAttribute(SESSION_ATTRIBUTE, key);
    }

    @Override
    public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
                                       HttpServletRequest request, HttpServletResponse response) {
        forget(request);
    }

    /** The claims of the access token a login just obtained (before any request holds it). */
    public static TokenClaims claimsOf(OidcUserRequest request) {
        return TokenClaims.parse(request.getAccessToken().getTokenValue());
    }

    private static HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return servlet.getRequest();
        }
        throw new IllegalStateException("no request: user tokens are only available while serving a request");
    }
}
