package com.aifinance.queuemonitor.notification;

import java.util.Map;

import com.aifinance.queuemonitor.notification.provider.Channel;
import com.aifinance.queuemonitor.notification.provider.Message;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageRendererTest {

    private final MessageRenderer renderer = new MessageRenderer();
    private final JsonMapper json = JsonMapper.builder().build();

    private Map<String, String> values(Template template, Map<String, Object> params) {
        return renderer.values(template, json.valueToTree(params));
    }

    @Test
    void everyContractTemplateRendersOnEveryChannel() {
        Map<String, Object> params = new java.util.HashMap<>();
        for (Template template : Template.values()) {
            template.placeholders().forEach(name -> params.put(name, name.endsWith("Url") ? "https://x.test/" + name
                    : name.equals("code") ? "123456" : name + "-value"));
        }
        params.put("amountMinor", 9900);
        params.put("currency", "USD");
        params.remove("amount");
        for (Template template : Template.values()) {
            for (Channel channel : Channel.values()) {
                Message message = renderer.render(template, values(template, params), channel);
                assertThat(message.text()).as(template + " on " + channel).isNotBlank().doesNotContain("{");
            }
        }
        assertThat(Template.of("renewal_reminder")).isPresent();
        assertThat(Template.of("no_such_template")).isEmpty();
    }

    @Test
    void anIssuedInvoiceIsRenderedAsAnEmailFromBillingsRequest() {
        // the notification.requested data billing-service publishes for an invoice it issued
        var request = json.readTree("""
                {"notificationId": "invoice:5d0f3a52-8a53-4b8e-9a55-0c1f1b9d2f10", "template": "invoice_issued",
                 "recipient": {"userId": null, "email": "accounts@acme.example"}, "channel": null, "tier": "enterprise",
                 "params": {"invoiceNumber": "INV-USD-2026-000042", "amountMinor": 2400000, "currency": "USD",
                            "issuedOn": "2026-11-26", "dueDate": "2026-12-26",
                            "invoiceUrl": "https://app.aifinance.test/billing/invoices/5d0f3a52-8a53-4b8e-9a55-0c1f1b9d2f10"},
                 "priority": "normal"}""");
        Template template = Template.of(request.path("template").asString()).orElseThrow();

        Message email = renderer.render(template, renderer.values(template, request.path("params")), Channel.EMAIL);

        assertThat(template.routing()).isEqualTo(Template.Routing.EMAIL_ONLY);
        assertThat(email.subject()).isEqualTo("Invoice INV-USD-2026-000042 for USD 24000.00");
        assertThat(email.text()).contains("We issued invoice INV-USD-2026-000042 for USD 24000.00 on 2026-11-26; it is due "
                + "on 2026-12-26.", "https://app.aifinance.test/billing/invoices/5d0f3a52-8a53-4b8e-9a55-0c1f1b9d2f10");
        assertThat(email.html()).contains("<h2>Invoice INV-USD-2026-000042 for USD 24000.00</h2>",
                "<a href=\"https://app.aifinance.test/billing/invoices/5d0f3a52-8a53-4b8e-9a55-0c1f1b9d2f10\">");
        assertThatThrownBy(() -> renderer.values(template, json.valueToTree(Map.of("invoiceNumber", "INV-1",
                "amountMinor", 100, "currency", "USD", "issuedOn", "2026-11-26", "invoiceUrl", "https://x.test/i"))))
                .hasMessageContaining("needs param dueDate");
    }

    @Test
    void amountsInMinorUnitsAreShownInTheCurrencysMajorUnit() {
        Map<String, String> values = values(Template.PAYMENT_FAILED,
                Map.of("amountMinor", 49900, "currency", "usd", "reason", "card declined"));
        assertThat(values.get("amount")).isEqualTo("USD 499.00");
        assertThat(values(Template.PAYMENT_FAILED, Map.of("amountMinor", 5000, "currency", "JPY", "reason", "x")).get("amount"))
                .isEqualTo("JPY 5000");
        assertThatThrownBy(() -> values(Template.PAYMENT_FAILED, Map.of("amountMinor", "12.5", "currency", "USD", "reason", "x")))
                .hasMessageContaining("minor units");
    }

    @Test
    void linksMustBeWebLinksSoNoJavascriptReachesAnEmail() {
        assertThatThrownBy(() -> values(Template.PASSWORD_RESET,
                Map.of("resetUrl", "javascript:alert(1)", "expiresInMinutes", 30)))
                .hasMessageContaining("resetUrl must be an http(s) link");
    }

    @Test
    void whatsAppParametersLoseNewLinesTabsAndRunsOfSpaces() {
        Message message = renderer.render(Template.SUPPORT_TICKET, values(Template.SUPPORT_TICKET,
                Map.of("ticketId", "T-1", "subject", "a\tb", "message", "line one\nline two      end")), Channel.WHATSAPP);
        assertThat(message.templateParams()).containsExactly("T-1", "a b", "line one line two   end");
    }

    @Test
    void emailSubjectsCannotCarryHeaderLineBreaks() {
        Message message = renderer.render(Template.SUPPORT_TICKET, values(Template.SUPPORT_TICKET,
                Map.of("ticketId", "T-1", "subject", "hi\r\nBcc: everyone@example.com", "message", "m")), Channel.EMAIL);
        assertThat(message.subject()).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void aMissingValueIsNamed() {
        assertThatThrownBy(() -> values(Template.MFA_CODE, Map.of("code", "123456")))
                .hasMessage("template mfa_code needs param expiresInMinutes");
    }
}
