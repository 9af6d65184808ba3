package com.aifinance.subscription.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a password must be: at least 12 characters (NIST SP 800-63B favours length over composition rules), at most
 * 128, not one of the bundled common passwords, and not containing the e-mail address or its local part.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("identity/common-passwords.txt");
    }

    /** The rules the password breaks, as sentences for the form; empty when it is acceptable. */
    public List<String> violations(String password, String email) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add("Use at least " + MIN_LENGTH + " characters.");
            return problems;
        }
        if (password.length() > MAX_LENGTH) {
            problems.add("Use at most " + MAX_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            problems.add("This password is too common; choose another.");
        }
        String normalised = Accounts.normalise(email);
        int at = normalised.indexOf('@');
        String local = at > 0 ? normalised.substring(0, at) : normalised;
        if (!normalised.isEmpty() && (lower.contains(normalised) || (local.length() >= 3 && lower.contains(local)))) {
            problems.add("The password must not contain your e-mail address.");
        }
        return problems;
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return Set.copyOf(words);
    }
}
