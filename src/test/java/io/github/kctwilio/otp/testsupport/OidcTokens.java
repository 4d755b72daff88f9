package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The application's side of a finished login: exchanges the authorization code the browser was redirected with
 * ({@link LoginBrowser.Page#redirectedTo()}) for tokens, as the public client {@link RealmJson#CLIENT_ID} does, and
 * reads the ID token's claims. The signature is not checked: the token comes straight from Keycloak's token endpoint.
 */
public final class OidcTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OidcTokens() {
    }

    /** The claims of the ID token issued to {@link RealmJson#CLIENT_ID} for this redirect's authorization code. */
    public static JsonNode idTokenClaims(String keycloakUrl, String realm, String redirectedTo) throws IOException, InterruptedException {
        return idTokenClaims(keycloakUrl, realm, RealmJson.CLIENT_ID, redirectedTo);
    }

    /** The claims of the ID token issued to this public client for this redirect's authorization code. */
    public static JsonNode idTokenClaims(String keycloakUrl, String realm, String clientId, String redirectedTo)
            throws IOException, InterruptedException {
        String idToken = tokens(keycloakUrl, realm, clientId, redirectedTo).path("id_token").asText();
        String[] parts = idToken.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("No ID token for " + redirectedTo);
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** The access token issued to {@link RealmJson#CLIENT_ID} for this redirect's code, for the account REST API. */
    public static String accessToken(String keycloakUrl, String realm, String redirectedTo) throws IOException, InterruptedException {
        return tokens(keycloakUrl, realm, RealmJson.CLIENT_ID, redirectedTo).path("access_token").asText();
    }

    private static JsonNode tokens(String keycloakUrl, String realm, String clientId, String redirectedTo)
            throws IOException, InterruptedException {
        String code = queryParameter(redirectedTo, "code");
        String form = "grant_type=authorization_code&client_id=" + encode(clientId) + "&code=" + encode(code)
                + "&redirect_uri=" + encode(LoginBrowser.REDIRECT_URI);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realm
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("Token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("No " + name + " in " + url);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
