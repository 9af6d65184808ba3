package com.aifinance.dashboard.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Where a request without a signed-in user goes. A page is sent to log in (the request is saved, so the user comes
 * back to it afterwards). A panel loaded by htmx cannot follow a login redirect, so it tells htmx to reload the page
 * it sits on ({@code HX-Redirect}), which then goes through login and back. A live-signal stream just gets 401.
 */
class HtmxAwareEntryPoint implements AuthenticationEntryPoint {

    private final LoginUrlAuthenticationEntryPoint login =
            new LoginUrlAuthenticationEntryPoint(WebSecurityConfiguration.LOGIN_START);

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException, jakarta.servlet.ServletException {
        if (Htmx.isHtmx(request)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("HX-Redirect", Htmx.currentPage(request));
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        login.commence(request, response, exception);
    }
}
