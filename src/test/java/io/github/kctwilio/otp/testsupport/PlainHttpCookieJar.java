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
    /** The last Set-Cookie header of each cookie name, as the server wrote it (for its attributes). */
    private final Map<String, String> setCookieHeaders = new ConcurrentHashMap<>();

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
                values.forEach(value -> HttpCookie.parse(value).forEach(cookie -> {
                    setCookieHeaders.put(cookie.getName(), value);
                    store(cookie);
                }));
            }
        });
    }

    void clear() {
        cookies.clear();
    }

    /** Forgets every cookie but those of these names. */
    void keepOnly(List<String> names) {
        cookies.values().removeIf(c -> !names.contains(c.getName()));
    }

    /** The value of the cookie of this name (any path); null for none. */
    String value(String name) {
        return cookies.values().stream().filter(c -> c.getName().equals(name) && !c.hasExpired())
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The last Set-Cookie header for this name; null when the server never set it. */
    String lastSetCookie(String name) {
        return setCookieHeaders.get(name);
    }

    /** Stores a cookie as if the server had set it: a copied or forged one. */
    void plant(String name, String value, String path) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath(path);
        store(cookie);
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
