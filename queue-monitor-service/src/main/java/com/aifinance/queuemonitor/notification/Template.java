package com.aifinance.queuemonitor.notification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message types of {@code notification.requested} (docs/contracts.md) with their wording. Placeholders are
 * {@code {name}}; every one is required, and WhatsApp receives them in order of appearance as the parameters of the
 * approved template of the same name.
 */
enum Template {

    SIGNAL_PUBLISHED("signal_published", Routing.PREFERRED,
            "New {assetClass} signal: {symbol} {direction}",
            "{symbol} {direction} at {entry}, target {target}, stop {stop} (confidence {confidence})."),
    PAYMENT_FAILED("payment_failed", Routing.PREFERRED,
            "Your payment of {amount} failed",
            "We could not collect {amount}: {reason}. Please update your payment method to keep your subscription."),
    INVITATION("invitation", Routing.EMAIL_ONLY,
            "You are invited to {organisationName}",
            "{inviterName} invited you to join {organisationName} on AI Finance Agency. Accept the invitation: {acceptUrl}"),
    MFA_CODE("mfa_code", Routing.FIRST_PREFERRED,
            "Your sign-in code",
            "Your AI Finance Agency code is {code}. It expires in {expiresInMinutes} minutes. Never share it."),
    INCIDENT("incident", Routing.PREFERRED,
            "[{severity}] {title}",
            "{summary} Status: {status}. Details: {statusUrl}"),
    EMAIL_VERIFICATION("email_verification", Routing.EMAIL_ONLY,
            "Confirm your e-mail address",
            "Confirm this address for your AI Finance Agency account: {verifyUrl}"),
    PASSWORD_RESET("password_reset", Routing.EMAIL_ONLY,
            "Reset your password",
            "Reset your password within {expiresInMinutes} minutes: {resetUrl} If you did not ask for this, ignore this message."),
    ACCOUNT_LOCKED("account_locked", Routing.PREFERRED,
            "Your account is locked",
            "We locked your account after {failedAttempts} failed sign-ins. It unlocks at {unlocksAt}."),
    RENEWAL_REMINDER("renewal_reminder", Routing.PREFERRED,
            "Your {planName} plan renews on {renewsOn}",
            "We will charge {amount} on {renewsOn} for your {planName} plan."),
    CONTRACT_EXPIRING("contract_expiring", Routing.PREFERRED,
            "Contract {contractNumber} expires on {endDate}",
            "Your contract {contractNumber} ends on {endDate}. Your account manager will contact you about renewal."),
    /** To the invoice's billing address, which need not be a user's (an organisation's accounts department). */
    INVOICE_ISSUED("invoice_issued", Routing.EMAIL_ONLY,
            "Invoice {invoiceNumber} for {amount}",
            "We issued invoice {invoiceNumber} for {amount} on {issuedOn}; it is due on {dueDate}. "
                    + "View, download or pay it: {invoiceUrl}"),
    SUPPORT_TICKET("support_ticket", Routing.PREFERRED,
            "Support ticket {ticketId}: {subject}",
            "{message}"),
    /** Ours, not a producer's: proves a user controls the chat or number they connect. */
    ADDRESS_VERIFICATION("address_verification", Routing.EXPLICIT_ONLY,
            "Your verification code",
            "Your code to connect {channelName} to AI Finance Agency is {code}. It expires in {expiresInMinutes} minutes.");

    /** How a template picks channels when the request names none. */
    enum Routing {
        /** Every channel in the user's preferences that the tier allows and has a verified address. */
        PREFERRED,
        /** The first such channel (a code needs to arrive once). */
        FIRST_PREFERRED,
        /** E-mail to the request's address only (the recipient may not be a user yet, or the link proves the address). */
        EMAIL_ONLY,
        /** Only the channel the request names. */
        EXPLICIT_ONLY
    }

    /** Enum constants are built before the enum's static fields, so the pattern lives in a holder. */
    private static final class Placeholders {
        static final Pattern PATTERN = Pattern.compile("\\{([A-Za-z]+)}");
    }

    private final String id;
    private final Routing routing;
    private final String title;
    private final String body;
    private final List<String> placeholders;

    Template(String id, Routing routing, String title, String body) {
        this.id = id;
        this.routing = routing;
        this.title = title;
        this.body = body;
        List<String> names = new ArrayList<>();
        Matcher matcher = Placeholders.PATTERN.matcher(title + "\n" + body);
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        this.placeholders = List.copyOf(names);
    }

    String id() {
        return id;
    }

    Routing routing() {
        return routing;
    }

    String title() {
        return title;
    }

    String body() {
        return body;
    }

    List<String> placeholders() {
        return placeholders;
    }

    static Optional<Template> of(String id) {
        return Arrays.stream(values()).filter(template -> template.id.equals(id)).findFirst();
    }

    static Pattern placeholderPattern() {
        return Placeholders.PATTERN;
    }
}
