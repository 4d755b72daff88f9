package io.github.kctwilio.otp.testsupport;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Cookies for a test browser talking to Keycloak on plain-HTTP localhost. Keycloak marks its cookies Secure, and
 * browsers still send them to localhost (a secure context); java.net.CookieManager does not, so this jar ignores
 * the Secure flag and the domain (one host) but honours paths and expiry.
 */
final class PlainHttpCookieJar extends CookieHandler {

    private final Map<String, HttpCookie> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        String header = cookies.values().stream()
                .filter(c -> !c.hasExpired() && path.startsWith(c.getPath() == null ? "/" : c.getPath()))
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
                values.forEach(value -> HttpCookie.parse(value).forEach(this::store));
            }
        });
    }

    void clear() {
        cookies.clear();
    }

    private void store(HttpCookie cookie) {
        String key = cookie.getName() + "|" + cookie.getPath();
        if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
            cookies.remove(key);
        } else {
            cookies.put(key, cookie);
        }
    }
}
