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
