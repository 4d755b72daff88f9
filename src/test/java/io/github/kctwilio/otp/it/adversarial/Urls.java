package io.github.kctwilio.otp.it.adversarial;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Edits the query and path of Keycloak action URLs, to forge them. */
final class Urls {

    private Urls() {
    }

    /** The URL with this query parameter replaced (or added) with the value, URL-encoded. */
    static String with(String url, String name, String value) {
        List<String> params = params(url, name);
        params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        return base(url) + "?" + String.join("&", params);
    }

    /** The URL without this query parameter. */
    static String without(String url, String name) {
        List<String> params = params(url, name);
        return params.isEmpty() ? base(url) : base(url) + "?" + String.join("&", params);
    }

    /** The URL with no query at all. */
    static String withoutQuery(String url) {
        return base(url);
    }

    /** The URL with its path replaced; the query is kept. */
    static String withPath(String url, String path) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority() + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    static String path(String url) {
        return URI.create(url).getRawPath();
    }

    /** The first value of a query parameter as it appears (still encoded), or null. */
    static String param(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static List<String> params(String url, String except) {
        String query = URI.create(url).getRawQuery();
        List<String> params = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.startsWith(except + "=") && !pair.equals(except)) {
                    params.add(pair);
                }
            }
        }
        return params;
    }

    private static String base(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
