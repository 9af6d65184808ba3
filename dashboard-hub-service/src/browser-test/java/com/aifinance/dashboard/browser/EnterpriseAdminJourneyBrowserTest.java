package com.aifinance.dashboard.browser;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An enterprise admin (with two-step verification) invites a member and edits the IP allowlist. */
class EnterpriseAdminJourneyBrowserTest {

    @Test
    void anEnterpriseAdminInvitesAMemberAndEditsTheAllowlist() {
        Platform.DemoUser admin = Platform.demo("enterprise_admin");
        String invitee = "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        try (Journey journey = new Journey("enterprise-admin")) {
            journey.open("/enterprise");
            journey.logIn(admin);
            journey.page.waitForURL("**/enterprise**");
            journey.panelsLoaded();
            journey.visited("members");

            journey.page.fill("#invite-email", invitee);
            journey.page.selectOption("#invite-role", "analyst");
            journey.page.click("#invitations button:has-text('Send invitation')");
            journey.page.waitForSelector("#invitations .notice");
            journey.visited("invited");
            assertThat(journey.page.textContent("#invitations")).contains("Invitation sent to " + invitee)
                    .contains(invitee);

            journey.open("/enterprise/security");
            journey.panelsLoaded();
            journey.visited("allowlist");
            String before = journey.page.inputValue("#allowlist-entries");
            // loopback stays in the list: the admin keeps access from this machine
            journey.page.fill("#allowlist-entries", "127.0.0.1/32 This machine\n::1/128 This machine (IPv6)\n"
                    + "203.0.113.0/24 Browser test office\n");
            journey.page.click("#allowlist button:has-text('Save the allowlist')");
            journey.page.waitForSelector("#allowlist .notice, #allowlist [role=alert]");
            if (journey.page.locator("#confirm-lockout").count() > 0) {
                journey.visited("allowlist-lockout-warning");
                journey.page.check("#confirm-lockout");
                journey.page.click("#allowlist button:has-text('Save the allowlist')");
                journey.page.waitForSelector("#allowlist .notice");
            }
            journey.visited("allowlist-saved");
            assertThat(journey.page.textContent("#allowlist")).contains("Saved").contains("203.0.113.0/24");

            // leave the demo organisation as it was
            journey.page.fill("#allowlist-entries", before);
            journey.page.click("#allowlist button:has-text('Save the allowlist')");
            journey.page.waitForSelector("#allowlist .notice, #allowlist #confirm-lockout");
            if (journey.page.locator("#confirm-lockout").count() > 0) {
                journey.page.check("#confirm-lockout");
                journey.page.click("#allowlist button:has-text('Save the allowlist')");
                journey.page.waitForSelector("#allowlist .notice");
            }
        }
    }
}
