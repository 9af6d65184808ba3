package com.aifinance.enterprise.sso;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.springframework.stereotype.Component;

/** TXT records from DNS, through the JDK's DNS provider (no extra library). */
@Component
class DnsTxtRecords {

    private final String dnsServer;

    DnsTxtRecords(SsoProperties properties) {
        this.dnsServer = properties.dnsServer();
    }

    /** The TXT strings of {@code name}; empty when the name does not exist. */
    List<String> lookup(String name) throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        environment.put("java.naming.provider.url", dnsServer.isBlank() ? "dns:" : "dns://" + dnsServer);
        environment.put("com.sun.jndi.dns.timeout.initial", "2000");
        environment.put("com.sun.jndi.dns.timeout.retries", "2");
        DirContext context = new InitialDirContext(environment);
        try {
            Attributes attributes = context.getAttributes(name, new String[]{"TXT"});
            Attribute txt = attributes.get("TXT");
            List<String> values = new ArrayList<>();
            if (txt != null) {
                NamingEnumeration<?> all = txt.getAll();
                while (all.hasMore()) {
                    values.add(unquote(String.valueOf(all.next())));
                }
            }
            return values;
        } catch (NameNotFoundException e) {
            return List.of();
        } finally {
            context.close();
        }
    }

    private static String unquote(String value) {
        // the JDK returns character-strings of one record space-separated, each quoted when it has spaces
        return value.replace("\"", "");
    }
}
