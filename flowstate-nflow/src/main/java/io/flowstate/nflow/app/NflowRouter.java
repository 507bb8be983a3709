package io.flowstate.nflow.app;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches request paths to nFlow starters (NFLOW.md §2.1): continuation markers {@code nfnext}/{@code nftk} end the
 * endpoint; {@code :name} segments capture; a literal segment beats a capture from left to right, then a named
 * method beats {@code ANY}, then load order. HEAD and OPTIONS never match a starter.
 */
public final class NflowRouter {

    /** The most specific pattern first, then a named method before {@code ANY}, then load order. */
    private static final Comparator<NflowFlow> BEST = Comparator.comparing((NflowFlow f) -> specificity(f.pattern()))
            .thenComparing(f -> f.any() ? 1 : 0)
            .thenComparing(NflowFlow::order);

    private final List<NflowFlow> flows;

    public NflowRouter(List<NflowFlow> flows) {
        this.flows = List.copyOf(flows);
    }

    /** Routes {@code method} and the raw (still percent-encoded) {@code path}. */
    public Route route(String method, String path) {
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/", -1)));
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        if (segments.size() == 1 && segments.get(0).isEmpty()) {
            segments.clear();
        }
        int marker = -1;
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i).equals("nfnext") || segments.get(i).equals("nftk")) {
                marker = i;
                break;
            }
        }
        String claimed = null;
        List<String> endpoint = segments;
        if (marker >= 0) {
            endpoint = segments.subList(0, marker);
            List<String> markers = segments.subList(marker, segments.size());
            for (int i = 0; i + 1 < markers.size(); i++) {
                if (markers.get(i).equals("nfnext")) {
                    claimed = decode(markers.get(i + 1));
                    break;
                }
            }
        }
        List<String> decoded = new ArrayList<>(endpoint.size());
        endpoint.forEach(segment -> decoded.add(decode(segment)));
        List<NflowFlow> candidates = new ArrayList<>();
        for (NflowFlow flow : flows) {
            if (matches(flow.pattern(), decoded)) {
                candidates.add(flow);
            }
        }
        if (candidates.isEmpty()) {
            return new Route.None();
        }
        NflowFlow best = null;
        for (NflowFlow flow : candidates) {
            if (flow.methods().contains(method) && (best == null || BEST.compare(flow, best) < 0)) {
                best = flow;
            }
        }
        if (best == null) {
            Set<String> allow = new LinkedHashSet<>();
            candidates.forEach(f -> allow.addAll(f.methods()));
            return new Route.WrongMethod(List.copyOf(allow));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < best.pattern().size(); i++) {
            if (best.pattern().get(i).startsWith(":")) {
                vars.put(best.pattern().get(i).substring(1), decoded.get(i));
            }
        }
        return new Route.Matched(best, "/" + String.join("/", endpoint), vars, claimed);
    }

    private static boolean matches(List<String> pattern, List<String> decoded) {
        if (pattern.size() != decoded.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (!p.startsWith(":") && !p.equals(decoded.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Literal segments as '0', captures as '1': the smaller string is the more specific pattern, left first. */
    private static String specificity(List<String> pattern) {
        StringBuilder key = new StringBuilder();
        pattern.forEach(s -> key.append(s.startsWith(":") ? '1' : '0'));
        return key.toString();
    }

    static String decode(String segment) {
        if (segment.indexOf('%') < 0 && segment.indexOf('+') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /** The flows this router serves, in load order. */
    public List<NflowFlow> flows() {
        return flows;
    }
}
