package com.aifinance.dashboard.security;

import java.util.HashSet;
import java.util.Set;

import com.aifinance.common.security.Caller;
import com.aifinance.common.security.ProblemSecurityResponses;
import com.aifinance.common.security.ResourceServerAutoConfiguration;
import com.aifinance.dashboard.platform.LoginProperties;
import com.aifinance.dashboard.platform.PublicUrl;
import com.aifinance.dashboard.platform.UserTokens;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two chains. The JSON API ({@code /api/**}) is a resource server like every platform service (bearer tokens,
 * stateless, problem details). Everything else is the web application: OAuth2 login (authorization code + PKCE) at
 * subscription-service, a session in Redis, CSRF on every form, RP-initiated logout, and role rules per area.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    static final String LOGIN_START = "/oauth2/authorization/" + LoginProperties.REGISTRATION_ID;
    private static final String LOGOUT_ID_TOKEN = WebSecurityConfiguration.class.getName() + ".ID_TOKEN";

    /** Same policy as the gateway's default, plus https images (logos named by URL) and https form redirects (checkout). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self' https:; frame-ancestors 'none'";

    @Bean
    FilterRegistrationBean<PublicUrlFilter> publicUrlFilter(PublicUrl publicUrl) {
        FilterRegistrationBean<PublicUrlFilter> registration = new FilterRegistrationBean<>(new PublicUrlFilter(publicUrl));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, JsonMapper mapper) throws Exception {
        ProblemSecurityResponses problems = new ProblemSecurityResponses(mapper);
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(token ->
                                new JwtAuthenticationToken(token, Caller.of(token).authorities(), token.getSubject())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, UserTokens tokens, LoginProperties login,
                              OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> codeClient,
                              PublicUrl publicUrl) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(ResourceServerAutoConfiguration.ALWAYS_PUBLIC).permitAll()
                        .requestMatchers("/", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/signed-out",
                                "/theme.css").permitAll()
                        .requestMatchers("/ops/**", "/analytics/**").hasRole("OPS")
                        .requestMatchers("/enterprise/**").hasAnyRole("ORG_OWNER", "ORG_ADMIN", "ORG_ANALYST",
                                "ORG_BILLING")
                        .anyRequest().authenticated())
                .oauth2Login(oauth -> oauth
                        .authorizedClientRepository(tokens)
                        .defaultSuccessUrl("/welcome", false)
                        .failureHandler(loginFailed())
                        .tokenEndpoint(token -> token.accessTokenResponseClient(codeClient))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(platformUser())))
                .oauth2Client(client -> client.authorizedClientRepository(tokens))
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .addLogoutHandler(rememberIdTokenAndForget(tokens))
                        .logoutSuccessHandler(endSessionAtTheProvider(login, publicUrl)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new HtmxAwareEntryPoint())
                        .accessDeniedPage("/access-denied"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frames -> frames.deny()))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
        return http.build();
    }

    /**
     * The user's authorities come from the access token's platform claims (roles, scopes, tier), as in every
     * service: the ID token does not carry them.
     */
    private static OAuth2UserService<OidcUserRequest, OidcUser> platformUser() {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser user = standard.loadUser(request);
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            UserTokens.claimsOf(request).authorities().forEach(name -> authorities.add(new SimpleGrantedAuthority(name)));
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "sub");
        };
    }

    /**
     * A login that cannot be completed (refused code exchange, invalid ID token, authorization server unreachable)
     * is logged with its OAuth2 error and shown on the landing page. Spring's default, {@code /login?error}, would
     * be subscription-service's login page, which knows nothing about it.
     */
    private static org.springframework.security.web.authentication.AuthenticationFailureHandler loginFailed() {
        return (request, response, exception) -> {
            String code = exception instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException
                    oauth ? oauth.getError().getErrorCode() : exception.getClass().getSimpleName();
            org.slf4j.LoggerFactory.getLogger(WebSecurityConfiguration.class)
                    .warn("Login could not be completed: {} ({})", code, exception.getMessage());
            response.sendRedirect("/?login=failed");
        };
    }

    private static LogoutHandler rememberIdTokenAndForget(UserTokens tokens) {
        return (request, response, authentication) -> {
            String idToken = tokens.idToken(request).orElseGet(() ->
                    authentication != null && authentication.getPrincipal() instanceof OidcUser user
                            ? user.getIdToken().getTokenValue() : null);
            request.setAttribute(LOGOUT_ID_TOKEN, idToken);
            tokens.forget(request);
        };
    }

    /** RP-initiated logout: the authorization server ends its login session too, then sends the browser home. */
    private static LogoutSuccessHandler endSessionAtTheProvider(LoginProperties login, PublicUrl publicUrl) {
        return (request, response, authentication) -> {
            UriComponentsBuilder target = UriComponentsBuilder.fromUriString(login.endSessionUri())
                    .queryParam("client_id", login.clientId())
                    .queryParam("post_logout_redirect_uri", publicUrl.of("/"));
            if (idTokenOf(request) instanceof String idToken) {
                target.queryParam("id_token_hint", idToken);
            }
            response.sendRedirect(target.encode().build().toUriString());
        };
    }

    private static Object idTokenOf(HttpServletRequest request) {
        return request.getAttribute(LOGOUT_ID_TOKEN);
    }
}
