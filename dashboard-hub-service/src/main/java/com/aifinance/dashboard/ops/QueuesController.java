package com.aifinance.dashboard.ops;

import java.util.List;
import java.util.Map;

import com.aifinance.dashboard.platform.Downstream;
import com.aifinance.dashboard.platform.Downstream.Service;
import com.aifinance.dashboard.platform.PageController;
import com.aifinance.dashboard.platform.Reply;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Queues (queue-monitor-service): every stream with its consumer groups, dead letters with retry and discard,
 * pausing a group, and notification deliveries that were dead-lettered. Every action asks for a reason, which
 * queue-monitor-service records in its audit trail with the operator.
 */
@PageController
class QueuesController {

    static final List<String> STREAMS = List.of("aifa.billing", "aifa.subscription", "aifa.signal", "aifa.enterprise",
            "aifa.notify");
    private static final String ENTRY_ID = "\\d{1,19}-\\d{1,19}";
    private static final String GROUP = "[A-Za-z0-9._:-]{1,100}";

    private final Downstream downstream;
    private final OpsAccess access;

    QueuesController(Downstream downstream, OpsAccess access) {
        this.downstream = downstream;
        this.access = access;
    }

    @GetMapping("/ops/queues")
    String page(@RequestParam(defaultValue = "aifa.notify") String stream, Model model) {
        access.ops();
        model.addAttribute("stream", STREAMS.contains(stream) ? stream : "aifa.notify");
        model.addAttribute("streams", STREAMS);
        model.addAttribute("section", "ops");
        model.addAttribute("tab", "queues");
        return "ops/queues";
    }

    @GetMapping("/ops/panels/streams")
    String streams(Model model) {
        access.ops();
        return renderStreams(model);
    }

    @PostMapping("/ops/queues/{stream}/groups/{group}/{action}")
    String pauseOrResume(@PathVariable String stream, @PathVariable String group, @PathVariable String action,
                         @RequestParam(defaultValue = "") String reason, Model model) {
        access.ops();
        if (!STREAMS.contains(stream) || !group.matches(GROUP) || !action.matches("pause|resume")) {
            model.addAttribute("error", "Unknown stream, group or action.");
        } else if (reason.isBlank() || reason.length() > 500) {
            model.addAttribute("error", "Give a reason (at most 500 characters): it goes into the audit trail.");
        } else {
            Reply<OpsViews.Outcome> reply = downstream.send(Service.QUEUE_MONITOR, HttpMethod.POST,
                    Map.of("reason", reason), OpsViews.Outcome.class,
                    "/api/queues/streams/{stream}/groups/{group}/" + action, stream, group);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok()
                    ? group + " on " + stream + (action.equals("pause") ? " is paused." : " is reading again.")
                    : OpsAccess.failure(reply));
        }
        return renderStreams(model);
    }

    @GetMapping("/ops/panels/dead-letters")
    String deadLetters(@RequestParam(defaultValue = "aifa.notify") String stream, Model model) {
        access.ops();
        return renderDeadLetters(model, STREAMS.contains(stream) ? stream : "aifa.notify");
    }

    @PostMapping("/ops/queues/{stream}/dead-letters/{id}/{action}")
    String deadLetterAction(@PathVariable String stream, @PathVariable String id, @PathVariable String action,
                            @RequestParam(defaultValue = "") String reason, Model model) {
        access.ops();
        if (!STREAMS.contains(stream) || !id.matches(ENTRY_ID) || !action.matches("retry|discard")) {
            model.addAttribute("error", "Unknown stream, dead letter or action.");
            return renderDeadLetters(model, STREAMS.contains(stream) ? stream : "aifa.notify");
        }
        if (reason.isBlank() || reason.length() > 500) {
            model.addAttribute("reasonError", Map.of(id, "Give a reason (at most 500 characters): it goes into the audit trail."));
            return renderDeadLetters(model, stream);
        }
        Reply<OpsViews.Outcome> reply = downstream.send(Service.QUEUE_MONITOR, HttpMethod.POST,
                Map.of("reason", reason.strip()), OpsViews.Outcome.class,
                "/api/queues/streams/{stream}/dead-letters/{id}/" + action, stream, id);
        model.addAttribute(reply.ok() ? "message" : "error", reply.ok()
                ? (action.equals("retry") ? "Dead letter " + id + " is back on " + stream
                + "; groups that handled it before skip it." : "Dead letter " + id + " discarded.")
                : OpsAccess.failure(reply));
        return renderDeadLetters(model, stream);
    }

    @GetMapping("/ops/panels/deliveries")
    String deliveries(Model model) {
        access.ops();
        return renderDeliveries(model);
    }

    @PostMapping("/ops/deliveries/{id}/retry")
    String retryDelivery(@PathVariable String id, @RequestParam(defaultValue = "") String reason, Model model) {
        access.ops();
        if (!id.matches("[0-9a-fA-F-]{36}") || reason.isBlank() || reason.length() > 500) {
            model.addAttribute("error", "Give a reason (at most 500 characters) for retrying the delivery.");
        } else {
            Reply<Object> reply = downstream.send(Service.QUEUE_MONITOR, HttpMethod.POST, Map.of("reason", reason),
                    Object.class, "/api/queues/notifications/deliveries/{id}/retry", id);
            model.addAttribute(reply.ok() ? "message" : "error", reply.ok() ? "Delivery queued again."
                    : OpsAccess.failure(reply));
        }
        return renderDeliveries(model);
    }

    private String renderStreams(Model model) {
        Reply<List<OpsViews.Stream>> reply = downstream.get(Service.QUEUE_MONITOR,
                new ParameterizedTypeReference<>() {
                }, "/api/queues/streams");
        model.addAttribute("panel", reply.toPanel(List::isEmpty));
        return "ops/queues :: streams-panel";
    }

    private String renderDeadLetters(Model model, String stream) {
        Reply<OpsViews.DeadLetters> reply = downstream.get(Service.QUEUE_MONITOR, OpsViews.DeadLetters.class,
                "/api/queues/streams/{stream}/dead-letters?limit=50", stream);
        model.addAttribute("panel", reply.toPanel(letters -> letters.items() == null || letters.items().isEmpty()));
        model.addAttribute("stream", stream);
        model.addAttribute("streams", STREAMS);
        if (!model.containsAttribute("reasonError")) {
            model.addAttribute("reasonError", Map.of());
        }
        return "ops/queues :: dead-letters-panel";
    }

    private String renderDeliveries(Model model) {
        Reply<OpsViews.Deliveries> reply = downstream.get(Service.QUEUE_MONITOR, OpsViews.Deliveries.class,
                "/api/queues/notifications/deliveries?status=dead_lettered&size=25");
        Reply<List<OpsViews.ChannelStatus>> channels = downstream.get(Service.QUEUE_MONITOR,
                new ParameterizedTypeReference<>() {
                }, "/api/queues/notifications/channels");
        model.addAttribute("panel", reply.toPanel(found -> found.items() == null || found.items().isEmpty()));
        model.addAttribute("channels", channels.toPanel(List::isEmpty));
        return "ops/queues :: deliveries-panel";
    }
}
