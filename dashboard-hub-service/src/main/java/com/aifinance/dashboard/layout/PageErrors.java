package com.aifinance.dashboard.layout;

import java.io.IOException;
import java.util.UUID;

import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.PublicUrl;
import com.aifinance.dashboard.platform.SessionExpiredException;
import com.aifinance.dashboard.platform.UserTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors of pages and panels, as pages. An ended session (tokens expired and not refreshable, or refused by a
 * service) signs the user out here and sends them through login back to the page they were on.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);
    static final String LOGIN_START = "/oauth2/authorization/aifa";

    private final UserTokens tokens;
    private final PublicUrl publicUrl;
    private final RequestCache requestCache = new HttpSessionRequestCache();

    PageErrors(UserTokens tokens, PublicUrl publicUrl) {
        this.tokens = tokens;
        this.publicUrl = publicUrl;
    }

    @ExceptionHandler(SessionExpiredException.class)
    void sessionExpired(SessionExpiredException expired, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        log.debug("Session ended: {}", expired.getMessage());
        tokens.forget(request);
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("HX-Redirect", currentPage(request));
            return;
        }
        if ("GET".equals(request.getMethod())) {
            requestCache.saveRequest(request, response);
        }
        response.sendRedirect(publicUrl.of(LOGIN_START));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ModelAndView forbidden(AccessDeniedException denied) {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("status", 403);
        page.addObject("message", denied.getMessage() == null || denied.getMessage().isBlank()
                ? "Your account does not include this page." : denied.getMessage());
        return page;
    }

    @ExceptionHandler(PageNotFoundException.class)
    ModelAndView notFound(PageNotFoundException missing) {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.NOT_FOUND);
        page.addObject("status", 404);
        page.addObject("message", missing.getMessage());
        return page;
    }

    /** The browser went away (a closed tab, the live feed left): nothing to answer and nothing wrong on our side. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException gone, HttpServletResponse response) {
        log.debug("Client disconnected: {}", gone.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception exception) {
        String errorId = UUID.randomUUID().toString();
        log.error("Unexpected error {}", errorId, exception);
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        page.addObject("status", 500);
        page.addObject("message", "Something went wrong on our side; quote error id " + errorId + " to support.");
        return page;
    }

    private static String currentPage(HttpServletRequest request) {
        String current = request.getHeader("HX-Current-URL");
        if (current != null) {
            try {
                java.net.URI uri = java.net.URI.create(current);
                String path = uri.getRawPath();
                if (path != null && path.startsWith("/") && !path.startsWith("//")) {
                    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
                }
            } catch (IllegalArgumentException malformed) {
                // the dashboard below
            }
        }
        return "/dashboard";
    }
}
