package com.aifinance.dashboard.account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Reply;
import com.aifinance.dashboard.platform.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpMethod;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Notification preferences (queue-monitor-service): which channels, which first, and connecting a Telegram chat,
 * a WhatsApp number or an SMS number with a one-time code. Telegram and WhatsApp come with Pro and Enterprise.
 */
@PageController
class NotificationsController {

    static final Set<String> CHANNELS = Set.of("email", "sms", "telegram", "whatsapp");
    private static final Set<String> CONNECTABLE = Set.of("sms", "telegram", "whatsapp");

    record AddressForm(@NotBlank(message = "Enter the number or chat id") @Size(max = 40, message = "At most 40 characters")
                       @Pattern(regexp = "\\+[1-9][0-9]{6,14}|-?[0-9]{5,20}",
                               message = "Enter a number in international format (+4915112345678) or a Telegram chat id (digits)")
                       String address) {
    }

    record CodeForm(@NotBlank(message = "Enter the 6-digit code") @Pattern(regexp = "\\d{6}", message = "The code has 6 digits") String code) {
    }

    private final Downstream downstream;
    private final Users users;

    NotificationsController(Downstream downstream, Users users) {
        this.downstream = downstream;
        this.users = users;
    }

    @GetMapping("/account/notifications")
    String page(Model model) {
        model.addAttribute("proFeatures", users.current().hasProFeatures());
        model.addAttribute("section", "notifications");
        return "account/notifications";
    }

    @GetMapping("/account/panels/notifications")
    String panel(Model model) {
        return render(model, load());
    }

    @PostMapping("/account/notifications/channels")
    String saveChannels(@RequestParam(name = "channel", required = false) List<String> chosen,
                        @RequestParam(required = false) String first, Model model) {
        List<String> channels = new ArrayList<>();
        if (first != null && CHANNELS.contains(first)) {
            channels.add(first);
        }
        for (String channel : chosen == null ? List.<String>of() : chosen) {
            if (CHANNELS.contains(channel) && !channels.contains(channel)) {
                channels.add(channel);
            }
        }
        if (channels.isEmpty()) {
            model.addAttribute("channelsError", "Choose at least one channel.");
            return render(model, load());
        }
        Reply<AccountViews.NotificationPreferences> reply = downstream.send(Service.QUEUE_MONITOR, HttpMethod.PUT,
                Map.of("channels", new ArrayList<>(new LinkedHashSet<>(channels))),
                AccountViews.NotificationPreferences.class, "/api/queues/notifications/preferences");
        if (reply instanceof Reply.Refused<?>(var problem)) {
            model.addAttribute("channelsError", problem.is("channel-not-in-tier")
                    ? "Telegram and WhatsApp alerts come with Pro and Enterprise." : problem.message());
            return render(model, load());
        }
        if (reply.ok()) {
            model.addAttribute("message", "Your channels are saved.");
        }
        return render(model, reply);
    }

    @PostMapping("/account/notifications/addresses/{channel}")
    String connect(@PathVariable String channel, @Valid @ModelAttribute("addressForm") AddressForm form,
                   BindingResult errors, Model model) {
        if (!CONNECTABLE.contains(channel)) {
            model.addAttribute("addressError", Map.of("channel", "Choose SMS, Telegram or WhatsApp."));
            return render(model, load());
        }
        if (errors.hasErrors()) {
            model.addAttribute("addressError", Map.of(channel, errors.getFieldErrors().getFirst().getDefaultMessage()));
            model.addAttribute("addressValue", Map.of(channel, form.address() == null ? "" : form.address()));
            return render(model, load());
        }
        Reply<AccountViews.VerificationSent> reply = downstream.send(Service.QUEUE_MONITOR, HttpMethod.PUT,
                Map.of("address", form.address().trim()), AccountViews.VerificationSent.class,
                "/api/queues/notifications/preferences/addresses/{channel}", channel);
        switch (reply) {
            case Reply.Ok<AccountViews.VerificationSent>(AccountViews.VerificationSent sent, int status) ->
                    model.addAttribute("message", sent != null && !sent.codeQueued() && sent.note() != null
                            ? sent.note() : "We sent a 6-digit code there. Enter it below to finish connecting.");
            case Reply.Refused<AccountViews.VerificationSent>(var problem) -> {
                model.addAttribute("addressError", Map.of(channel, problem.status() == 429
                        ? "A code was sent less than a minute ago; wait a moment before asking again."
                        : problem.is("channel-not-in-tier") ? "This channel comes with Pro and Enterprise."
                        : problem.fieldErrors().getOrDefault("address", problem.message())));
                model.addAttribute("addressValue", Map.of(channel, form.address()));
            }
            case Reply.Unavailable<AccountViews.VerificationSent> down -> model.addAttribute("addressError",
                    Map.of(channel, "The notifications service is not answering; nothing was sent."));
        }
        return render(model, load());
    }

    @PostMapping("/account/notifications/addresses/{channel}/verification")
    String verify(@PathVariable String channel, @Valid @ModelAttribute("codeForm") CodeForm form,
                  BindingResult errors, Model model) {
        if (!CONNECTABLE.contains(channel)) {
            return render(model, load());
        }
        if (errors.hasErrors()) {
            model.addAttribute("codeError", Map.of(channel, errors.getFieldErrors().getFirst().getDefaultMessage()));
            return render(model, load());
        }
        Reply<Object> reply = downstream.send(Service.QUEUE_MONITOR, HttpMethod.POST, Map.of("code", form.code()),
                Object.class, "/api/queues/notifications/preferences/addresses/{channel}/verification", channel);
        if (reply instanceof Reply.Refused<?>(var problem)) {
            model.addAttribute("codeError", Map.of(channel, problem.is("verification-failed")
                    ? "That code is not right (or has expired). Check it, or ask for a new one." : problem.message()));
        } else if (reply.ok()) {
            model.addAttribute("message", "Connected: alerts can now reach you there.");
        } else {
            model.addAttribute("codeError", Map.of(channel, "The notifications service is not answering."));
        }
        return render(model, load());
    }

    @PostMapping("/account/notifications/addresses/{channel}/disconnect")
    String disconnect(@PathVariable String channel, Model model) {
        if (CONNECTABLE.contains(channel)) {
            Reply<Object> reply = downstream.send(Service.QUEUE_MONITOR, HttpMethod.DELETE, null, Object.class,
                    "/api/queues/notifications/preferences/addresses/{channel}", channel);
            model.addAttribute(reply.ok() ? "message" : "channelsError", reply.ok() ? "Disconnected."
                    : "Could not disconnect right now; please try again.");
        }
        return render(model, load());
    }

    private Reply<AccountViews.NotificationPreferences> load() {
        return downstream.get(Service.QUEUE_MONITOR, AccountViews.NotificationPreferences.class,
                "/api/queues/notifications/preferences");
    }

    private String render(Model model, Reply<AccountViews.NotificationPreferences> reply) {
        model.addAttribute("panel", reply.toPanel());
        model.addAttribute("connectable", List.of("telegram", "whatsapp", "sms"));
        model.addAttribute("allChannels", List.of("email", "telegram", "whatsapp", "sms"));
        if (!model.containsAttribute("addressError")) {
            model.addAttribute("addressError", Map.of());
        }
        if (!model.containsAttribute("addressValue")) {
            model.addAttribute("addressValue", Map.of());
        }
        if (!model.containsAttribute("codeError")) {
            model.addAttribute("codeError", Map.of());
        }
        return "account/notifications :: notifications-panel";
    }
}
