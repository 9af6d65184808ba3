package com.aifinance.dashboard.layout;

import java.time.Duration;
import java.util.Optional;

import com.aifinance.dashboard.platform.CurrentUser;
import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Users;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The organisation's colours as a stylesheet ({@code /theme.css}) and its uploaded logo: served by the hub so pages
 * need no inline style (the content security policy forbids it) and the logo needs no token in the browser.
 */
@PageController
class ThemeController {

    private final Users users;
    private final Branding branding;
    private final Downstream downstream;

    ThemeController(Users users, Branding branding, Downstream downstream) {
        this.users = users;
        this.branding = branding;
        this.downstream = downstream;
    }

    @GetMapping(value = "/theme.css", produces = "text/css")
    ResponseEntity<String> css(HttpServletRequest request) {
        Branding.Theme theme = users.peek(request).map(branding::of).orElse(Branding.Theme.PLATFORM);
        StringBuilder css = new StringBuilder("/* ").append(theme.custom() ? "organisation theme" : "platform theme")
                .append(" */\n:root {\n");
        // colours were validated as #rrggbb, so nothing else can reach the stylesheet
        Optional.ofNullable(theme.primaryColour()).ifPresent(c -> css.append("  --brand: ").append(c).append(";\n"));
        Optional.ofNullable(theme.secondaryColour()).ifPresent(c -> css.append("  --brand-2: ").append(c).append(";\n"));
        Optional.ofNullable(theme.accentColour()).ifPresent(c -> css.append("  --accent: ").append(c).append(";\n"));
        css.append("}\n");
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate())
                .contentType(MediaType.valueOf("text/css")).body(css.toString());
    }

    @GetMapping("/theme/logo")
    ResponseEntity<byte[]> logo(HttpServletRequest request) {
        Optional<CurrentUser> user = users.peek(request);
        if (user.isEmpty() || user.get().organisation() == null) {
            return ResponseEntity.notFound().build();
        }
        var reply = downstream.download(Downstream.Service.ENTERPRISE, "/api/enterprise/branding/logos/{id}",
                user.get().organisation());
        if (!reply.ok()) {
            return ResponseEntity.notFound().build();
        }
        Downstream.Download logo = reply.body();
        if (!MediaType.IMAGE_PNG.equalsTypeAndSubtype(logo.contentType())
                && !MediaType.IMAGE_JPEG.equalsTypeAndSubtype(logo.contentType())) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(logo.contentType()).body(logo.bytes());
    }
}
