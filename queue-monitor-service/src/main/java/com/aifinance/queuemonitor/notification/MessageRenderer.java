package com.aifinance.queuemonitor.notification;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aifinance.queuemonitor.notification.provider.Channel;
import com.aifinance.queuemonitor.notification.provider.Message;
import tools.jackson.databind.JsonNode;

/**
 * Renders a template for one channel. Literal text and every value are escaped for the channel's format (Telegram
 * HTML, e-mail HTML, Slack mrkdwn control characters), so user data can neither add markup nor mention
 * {@code @channel}; values are checked first (links must be http(s), codes digits, amounts integers in minor units).
 */
final class MessageRenderer {

    static final int MAX_VALUE_LENGTH = 500;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");
    private static final Pattern BREAKS_AND_TABS = Pattern.compile("[\\n\\t]+");
    private static final Pattern SPACE_RUNS = Pattern.compile(" {4,}");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");
    private static final Pattern CODE = Pattern.compile("\\d{4,10}");
    private static final int TELEGRAM_LIMIT = 4096;
    private static final int SMS_LIMIT = 1600;

    /** A request the template cannot be rendered from; permanent, so the request is rejected, not retried. */
    static final class InvalidParams extends RuntimeException {
        InvalidParams(String message) {
            super(message);
        }
    }

    /** The template's values as text, checked and with derived values ({@code amount}) added. */
    Map<String, String> values(Template template, JsonNode params) {
        if (params != null && !params.isNull() && !params.isMissingNode() && !params.isObject()) {
            throw new InvalidParams("params must be an object");
        }
        Map<String, String> values = new HashMap<>();
        if (params != null && params.isObject()) {
            for (Map.Entry<String, JsonNode> param : params.properties()) {
                JsonNode value = param.getValue();
                if (value.isNull()) {
                    continue;
                }
                if (!value.isValueNode()) {
                    throw new InvalidParams("param " + param.getKey() + " must be a string, number or boolean");
                }
                String text = value.asString();
                if (text.length() > MAX_VALUE_LENGTH) {
                    throw new InvalidParams("param " + param.getKey() + " is longer than " + MAX_VALUE_LENGTH + " characters");
                }
                values.put(param.getKey(), text);
            }
        }
        if (template.placeholders().contains("amount") && !values.containsKey("amount")) {
            values.put("amount", amount(values.get("amountMinor"), values.get("currency")));
        }
        for (String name : template.placeholders()) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                throw new InvalidParams("template " + template.id() + " needs param " + name);
            }
            if (name.endsWith("Url")) {
                requireWebLink(name, value);
            }
            if (name.equals("code") && !CODE.matcher(value).matches()) {
                throw new InvalidParams("param code must be 4 to 10 digits");
            }
        }
        return values;
    }

    Message render(Template template, Map<String, String> values, Channel channel) {
        return switch (channel) {
            case EMAIL -> new Message(line(fill(template.title(), values, MessageRenderer::plain)),
                    fill(template.title(), values, MessageRenderer::plain) + "\n\n" + fill(template.body(), values, MessageRenderer::plain)
                            + "\n\n— AI Finance Agency",
                    "<!doctype html><html><body><h2>" + fill(template.title(), values, MessageRenderer::html) + "</h2><p>"
                            + fillHtmlWithLinks(template.body(), values) + "</p><p>— AI Finance Agency</p></body></html>",
                    null, List.of());
            case TELEGRAM -> new Message(line(fill(template.title(), values, MessageRenderer::plain)),
                    limit("<b>" + fill(template.title(), values, MessageRenderer::html) + "</b>\n\n"
                            + fill(template.body(), values, MessageRenderer::html), TELEGRAM_LIMIT),
                    null, null, List.of());
            case SLACK -> new Message(line(fill(template.title(), values, MessageRenderer::plain)),
                    "*" + fill(template.title(), values, MessageRenderer::slack) + "*\n" + fill(template.body(), values, MessageRenderer::slack),
                    null, null, List.of());
            case SMS -> new Message(line(fill(template.title(), values, MessageRenderer::plain)),
                    limit(fill(template.title(), values, MessageRenderer::plain) + ": " + fill(template.body(), values, MessageRenderer::plain), SMS_LIMIT),
                    null, null, List.of());
            case WHATSAPP -> {
                List<String> parameters = new ArrayList<>();
                for (String name : template.placeholders()) {
                    parameters.add(whatsapp(values.get(name)));
                }
                yield new Message(line(fill(template.title(), values, MessageRenderer::plain)),
                        fill(template.title(), values, MessageRenderer::plain) + ": " + fill(template.body(), values, MessageRenderer::plain),
                        null, template.id(), List.copyOf(parameters));
            }
        };
    }

    private static String fill(String pattern, Map<String, String> values, UnaryOperator<String> escape) {
        Matcher matcher = Template.placeholderPattern().matcher(pattern);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(escape.apply(pattern.substring(last, matcher.start())));
            out.append(escape.apply(values.get(matcher.group(1))));
            last = matcher.end();
        }
        out.append(escape.apply(pattern.substring(last)));
        return out.toString();
    }

    /** HTML body in which link values become anchors (both attribute and text escaped). */
    private static String fillHtmlWithLinks(String pattern, Map<String, String> values) {
        Matcher matcher = Template.placeholderPattern().matcher(pattern);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(html(pattern.substring(last, matcher.start())));
            String value = html(values.get(matcher.group(1)));
            out.append(matcher.group(1).endsWith("Url") ? "<a href=\"" + value + "\">" + value + "</a>" : value);
            last = matcher.end();
        }
        out.append(html(pattern.substring(last)));
        return out.toString();
    }

    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : plain(text).toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Slack's three control characters; escaping them also defuses {@code <!channel>} and {@code <@U…>} mentions. */
    static String slack(String text) {
        return plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Drops control characters other than line breaks and tabs. */
    static String plain(String text) {
        return text == null ? "" : CONTROL.matcher(text).replaceAll("");
    }

    /** WhatsApp template parameters may not contain new lines, tabs or more than four spaces in a row. */
    static String whatsapp(String text) {
        return SPACE_RUNS.matcher(BREAKS_AND_TABS.matcher(plain(text)).replaceAll(" ")).replaceAll("   ").trim();
    }

    private static String line(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ").trim();
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static void requireWebLink(String name, String value) {
        try {
            URI uri = new URI(value);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidParams("param " + name + " must be an http(s) link");
            }
        } catch (URISyntaxException e) {
            throw new InvalidParams("param " + name + " must be an http(s) link");
        }
    }

    private static String amount(String amountMinor, String currencyCode) {
        if (amountMinor == null || currencyCode == null) {
            throw new InvalidParams("the amount needs params amountMinor and currency");
        }
        try {
            Currency currency = Currency.getInstance(currencyCode.trim().toUpperCase(Locale.ROOT));
            BigDecimal major = new BigDecimal(Long.parseLong(amountMinor.trim()))
                    .movePointLeft(Math.max(0, currency.getDefaultFractionDigits()));
            return currency.getCurrencyCode() + " " + major.toPlainString();
        } catch (NumberFormatException e) {
            throw new InvalidParams("param amountMinor must be an integer number of minor units");
        } catch (IllegalArgumentException e) {
            throw new InvalidParams("param currency must be an ISO 4217 code");
        }
    }
}
