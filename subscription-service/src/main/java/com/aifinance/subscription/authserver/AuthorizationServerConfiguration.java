package com.aifinance.subscription.authserver;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.List;

import com.aifinance.common.events.EventStreams;
import com.aifinance.common.events.EventSubscription;
import com.aifinance.common.security.Caller;
import com.aifinance.common.security.PlatformJwtValidation;
import com.aifinance.common.security.PlatformSecurityProperties;
import com.aifinance.common.security.ProblemSecurityResponses;
import com.aifinance.common.security.ResourceServerAutoConfiguration;
import com.aifinance.subscription.audit.AuditLog;
import com.aifinance.subscription.federation.FederatedLogin;
import com.aifinance.subscription.federation.SsoRouting;
import com.aifinance.subscription.secrets.SealedColumn;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Three filter chains: the authorization server's endpoints ({@code /oauth2/**}, {@code /.well-known/**}), this
 * service's REST API ({@code /api/**}, stateless, bearer tokens checked as in every service), and the login pages
 * ({@code /login/**}, sessions and CSRF). Authorizations, consents and clients are kept in PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthServerProperties.class, PlatformSecurityProperties.class})
@EnableMethodSecurity
@EnableScheduling
class AuthorizationServerConfiguration {

    /** Pages of the login flow anyone may open; each checks its own preconditions. */
    static final String[] PUBLIC_PAGES = {"/login", "/login/signup", "/login/verify-email", "/login/forgot-password",
            "/login/reset-password", "/login/unlock", "/login/mfa", "/login/mfa/enroll", "/login/assets/**",
            "/login/sso", "/login/federated/**", "/favicon.ico"};

    /** enterprise-service's events: institutional clients and organisation membership. */
    @Bean
    EventSubscription enterpriseEventSubscription(EnterpriseEvents handler) {
        return EventSubscription.to(EventStreams.ENTERPRISE, handler);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(PlatformSecurityProperties security) {
        // every endpoint under /oauth2 so the gateway's /oauth2/** route covers them all
        return AuthorizationServerSettings.builder()
                .issuer(security.issuer())
                .oidcUserInfoEndpoint("/oauth2/userinfo")
                .oidcLogoutEndpoint("/oauth2/logout")
                .oidcClientRegistrationEndpoint("/oauth2/register")
                .build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbcTemplate, RegisteredClientRepository clients,
                                                    JdbcClient jdbc, TransactionTemplate transactions,
                                                    java.time.Clock clock, AuditLog audit, MeterRegistry meters) {
        return new RefreshTokenFamilies(new JdbcOAuth2AuthorizationService(jdbcTemplate, clients), jdbc, transactions,
                clock, audit, meters);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    /** Private parts of database signing keys, sealed with their key id: moved to a new encryption key on rotation. */
    @Bean
    SealedColumn signingKeyPrivateParts() {
        return new SealedColumn("signing_keys", "signing_keys", "kid", "private_key_encrypted", "signing-key:");
    }

    /** Signs with the active key only; retired keys are published but sign nothing. */
    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(keys.activeOnly());
    }

    /**
     * Checks bearer tokens with the platform's rules: first against this service's own keys (no HTTP round trip to
     * itself), then against {@code aifa.security.jwk-set-uri} (the same keys in production; a test's keys in tests).
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, PlatformSecurityProperties properties) throws MalformedURLException {
        JWKSource<SecurityContext> remote = JWKSourceBuilder.create(URI.create(properties.jwkSetUri()).toURL())
                .retrying(false).build();
        JWKSource<SecurityContext> ownFirst = (selector, context) -> {
            List<JWK> own = keys.get(selector, context);
            return own.isEmpty() ? remote.get(selector, context) : own;
        };
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(ownFirst).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(PlatformJwtValidation.validator(properties));
        return decoder;
    }

    /** The filter chains exist only in the web application (not when the service runs a command such as the import). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class FilterChains {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServerChain(HttpSecurity http, InstitutionalClients institutionalClients,
                                                     TransactionTemplate transactions, JdbcClient jdbc)
                throws Exception {
            http.oauth2AuthorizationServer(server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.clientAuthentication(clients -> clients.authenticationProviders(providers -> providers.replaceAll(
                                provider -> provider instanceof ClientSecretAuthenticationProvider
                                        ? new PreviousSecretAuthentication(provider, institutionalClients) : provider)))
                        .oidc(withDefaults());
            });
            MediaTypeRequestMatcher browsers = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
            browsers.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
            // after client authentication, before the token endpoint (which SAS places after AuthorizationFilter)
            http.addFilterBefore(new RefreshSerialisation(transactions, jdbc), AuthorizationFilter.class);
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(server -> server.jwt(withDefaults()))
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), browsers));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain apiChain(HttpSecurity http, JsonMapper mapper, PlatformSecurityProperties properties)
                throws Exception {
            ProblemSecurityResponses problems = new ProblemSecurityResponses(mapper);
            http.securityMatcher("/api/**")
                    .csrf(csrf -> csrf.disable())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(requests -> {
                        requests.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                        if (!properties.publicPaths().isEmpty()) {
                            requests.requestMatchers(properties.publicPaths().toArray(String[]::new)).permitAll();
                        }
                        requests.anyRequest().authenticated();
                    })
                    .oauth2ResourceServer(server -> server
                            .jwt(jwt -> jwt.jwtAuthenticationConverter(token ->
                                    new JwtAuthenticationToken(token, Caller.of(token).authorities(), token.getSubject())))
                            .authenticationEntryPoint(problems)
                            .accessDeniedHandler(problems))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
            return http.build();
        }

        @Bean
        @Order(3)
        SecurityFilterChain loginPagesChain(HttpSecurity http, LoginFlow flow, FederatedLogin federated,
                                            FederatedLoginCompletion completion, SsoRouting routing, AuditLog audit,
                                            TransactionTemplate transactions) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers(ResourceServerAutoConfiguration.ALWAYS_PUBLIC).permitAll()
                            .requestMatchers(PUBLIC_PAGES).permitAll()
                            .anyRequest().authenticated())
                    .formLogin(form -> form.loginPage("/login").successHandler(flow).failureHandler(flow).permitAll())
                    .addFilterBefore(new SsoEnforcement(routing, audit, transactions),
                            UsernamePasswordAuthenticationFilter.class)
                    .oauth2Login(login -> {
                        federated.configure(login, completion, completion);
                        // a provider that cannot be prepared (down, misconfigured) is explained on the login page
                        login.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                            @Override
                            public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(completion);
                                return filter;
                            }
                        });
                    })
                    .logout(logout -> logout.logoutUrl("/login/logout").logoutSuccessUrl("/login?logout"))
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
            return http.build();
        }
    }
}
