package io.github.kctwilio.otp.verify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Authorization: Basic ...} values, encoded once per credential set instead of on every request. A server
 * has a handful of credential sets (one per realm at most); the table starts over should rotations ever fill it.
 */
final class BasicAuthHeaders {

    static final int MAX_ENTRIES = 64;

    private final Map<Credential, String> headers = new ConcurrentHashMap<>();

    String of(String username, String password) {
        Credential key = new Credential(username, password);
        String header = headers.get(key);
        if (header == null) {
            if (headers.size() >= MAX_ENTRIES) {
                headers.clear();
            }
            header = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            headers.put(key, header);
        }
        return header;
    }

    int size() {
        return headers.size();
    }

    private record Credential(String username, String password) {
        @Override
        public String toString() {
            return "Credential[" + username + "]";
        }
    }
}
