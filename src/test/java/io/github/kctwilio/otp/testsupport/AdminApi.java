package io.github.kctwilio.otp.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The few calls of Keycloak's admin REST API the tests and the demo need, over plain HTTP. */
public final class AdminApi {

    public static final String VERIFY_PHONE_ACTION = "twilio-verify-phone";
    public static final String PHONE_CREDENTIAL = "twilio-otp-phone";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public AdminApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Creates an enabled user with a password, attributes and the address {@code <username>@example.org}; returns its id. */
    public String createUser(String realm, String username, String password, Map<String, String> attributes) {
        return createUser(realm, username, password, attributes, username + "@example.org");
    }

    /** As {@link #createUser(String, String, String, Map)}, with the given email address (null for none). */
    public String createUser(String realm, String username, String password, Map<String, String> attributes, String email) {
        return createUser(realm, username, password, attributes, email, List.of());
    }

    /**
     * As {@link #createUser(String, String, String, Map, String)}, with phone credentials for these E.164 numbers (main
     * first), in the import format the README documents for admins.
     */
    public String createUser(String realm, String username, String password, Map<String, String> attributes, String email,
                             List<String> phoneCredentials) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", username)
                .put("enabled", true)
                .put("firstName", username)
                .put("lastName", "Test");
        if (email != null) {
            user.put("email", email).put("emailVerified", true);
        }
        ObjectNode attrs = user.putObject("attributes");
        attributes.forEach((name, value) -> attrs.putArray(name).add(value));
        ArrayNode credentials = user.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", password).put("temporary", false);
        for (String number : phoneCredentials) {
            credentials.addObject().put("type", PHONE_CREDENTIAL).put("secretData", "{\"number\":\"" + number + "\"}")
                    .put("credentialData", "{}");
        }
        HttpResponse<String> response = send("POST", "/admin/realms/" + realm + "/users", user.toString());
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Creates this realm unless one of its name exists: realms live as long as the run's Keycloak, which every test
     * class shares. True when it created it (the caller then sets up what the import cannot hold).
     */
    public boolean createRealmIfAbsent(ObjectNode realm) {
        String name = realm.path("realm").asText();
        if (sendAllowingErrors("GET", "/admin/realms/" + name, null).statusCode() != 404) {
            return false;
        }
        send("POST", "/admin/realms", realm.toString());
        return true;
    }

    /** The user's credentials as the admin console lists them (Users, Credentials). */
    public JsonNode credentials(String realm, String userId) {
        return json(send("GET", "/admin/realms/" + realm + "/users/" + userId + "/credentials", null));
    }

    /** The user's phone credentials, main first. */
    public List<JsonNode> phoneCredentials(String realm, String userId) {
        List<JsonNode> phones = new java.util.ArrayList<>();
        credentials(realm, userId).forEach(c -> {
            if (PHONE_CREDENTIAL.equals(c.path("type").asText())) {
                phones.add(c);
            }
        });
        return phones;
    }

    /** Deletes the user's phone credentials, as an admin does under Users, Credentials. */
    public void deletePhoneCredentials(String realm, String userId) {
        for (JsonNode credential : phoneCredentials(realm, userId)) {
            send("DELETE", "/admin/realms/" + realm + "/users/" + userId + "/credentials/" + credential.path("id").asText(), null);
        }
    }

    public String userIdByName(String realm, String username) {
        JsonNode users = json(send("GET", "/admin/realms/" + realm + "/users?exact=true&username=" + encode(username), null));
        if (users.isEmpty()) {
            throw new IllegalStateException("No user " + username + " in realm " + realm);
        }
        return users.get(0).path("id").asText();
    }

    public JsonNode user(String realm, String userId) {
        return json(send("GET", "/admin/realms/" + realm + "/users/" + userId, null));
    }

    /** The first value of a user attribute, or null. */
    public String attribute(String realm, String userId, String name) {
        JsonNode values = user(realm, userId).path("attributes").path(name);
        return values.isArray() && !values.isEmpty() ? values.get(0).asText() : null;
    }

    /** Brute-force status of a user: {@code disabled}, {@code numFailures}, ... */
    public JsonNode bruteForceStatus(String realm, String userId) {
        return json(send("GET", "/admin/realms/" + realm + "/attack-detection/brute-force/users/" + userId, null));
    }

    /** A user's login events, newest first: {@code type}, {@code error}, {@code details}. */
    public JsonNode events(String realm, String userId) {
        return json(send("GET", "/admin/realms/" + realm + "/events?max=1000&user=" + encode(userId), null));
    }

    /** Declares the phone attributes in the realm's user profile (view: admin and user; edit: admin). */
    public void declarePhoneAttributes(String realm, String phoneAttribute, String verifiedAttribute) {
        ObjectNode profile = (ObjectNode) json(send("GET", "/admin/realms/" + realm + "/users/profile", null));
        ArrayNode attributes = (ArrayNode) profile.get("attributes");
        for (String name : List.of(phoneAttribute, verifiedAttribute)) {
            boolean declared = false;
            for (JsonNode attribute : attributes) {
                declared |= name.equals(attribute.path("name").asText());
            }
            if (!declared) {
                ObjectNode attribute = attributes.addObject().put("name", name).put("multivalued", false);
                ObjectNode permissions = attribute.putObject("permissions");
                permissions.putArray("view").add("admin").add("user");
                permissions.putArray("edit").add("admin");
            }
        }
        send("PUT", "/admin/realms/" + realm + "/users/profile", profile.toString());
    }

    /** Sets the realm's policy for attributes the user profile does not declare ({@code ADMIN_EDIT}, {@code ENABLED}, ...). */
    public void unmanagedAttributes(String realm, String policy) {
        ObjectNode profile = (ObjectNode) json(send("GET", "/admin/realms/" + realm + "/users/profile", null));
        profile.put("unmanagedAttributePolicy", policy);
        send("PUT", "/admin/realms/" + realm + "/users/profile", profile.toString());
    }

    /** Lets users edit a declared attribute themselves (account console), as a realm with phone signup must. */
    public void letUsersEdit(String realm, String attributeName) {
        ObjectNode profile = (ObjectNode) json(send("GET", "/admin/realms/" + realm + "/users/profile", null));
        for (JsonNode attribute : profile.get("attributes")) {
            if (attributeName.equals(attribute.path("name").asText())) {
                ((ArrayNode) attribute.path("permissions").path("edit")).removeAll().add("admin").add("user");
            }
        }
        send("PUT", "/admin/realms/" + realm + "/users/profile", profile.toString());
    }

    /**
     * Registers (when needed) and enables the required action "Verify phone number" in a realm, with these settings
     * as its realm-level config, as an admin does under Authentication, Required actions.
     */
    public void enableVerifyPhoneAction(String realm, Map<String, String> settings) {
        String actions = enableRequiredAction(realm, VERIFY_PHONE_ACTION, "Verify phone number");
        ObjectNode config = JSON.createObjectNode();
        ObjectNode values = config.putObject("config");
        settings.forEach(values::put);
        send("PUT", actions + VERIFY_PHONE_ACTION + "/config", config.toString());
    }

    /**
     * Registers (when needed) and enables a required action in a realm, not as a default action, as an admin does under
     * Authentication, Required actions; returns the admin path of the realm's required actions.
     */
    public String enableRequiredAction(String realm, String providerId, String name) {
        String actions = "/admin/realms/" + realm + "/authentication/required-actions/";
        HttpResponse<String> existing = sendAllowingErrors("GET", actions + providerId, null);
        if (existing.statusCode() == 404) {
            send("POST", "/admin/realms/" + realm + "/authentication/register-required-action",
                    JSON.createObjectNode().put("providerId", providerId).put("name", name).toString());
        }
        ObjectNode action = (ObjectNode) json(send("GET", actions + providerId, null));
        action.put("enabled", true).put("defaultAction", false);
        send("PUT", actions + providerId, action.toString());
        return actions;
    }

    /** Puts a required action on a user, as the admin console's "Required user actions" field does. */
    public void requireAction(String realm, String userId, String action) {
        ObjectNode user = (ObjectNode) json(send("GET", "/admin/realms/" + realm + "/users/" + userId, null));
        ((ArrayNode) user.withArray("requiredActions")).add(action);
        send("PUT", "/admin/realms/" + realm + "/users/" + userId, user.toString());
    }

    /** Sets one attribute of a user through the admin API (keeps the others). */
    public void setAttribute(String realm, String userId, String name, String value) {
        ObjectNode user = (ObjectNode) json(send("GET", "/admin/realms/" + realm + "/users/" + userId, null));
        user.with("attributes").putArray(name).add(value);
        send("PUT", "/admin/realms/" + realm + "/users/" + userId, user.toString());
    }

    /** The executions of a flow, with their config ids. */
    public JsonNode executions(String realm, String flowAlias) {
        return json(send("GET", "/admin/realms/" + realm + "/authentication/flows/" + encode(flowAlias) + "/executions", null));
    }

    /** The flow's execution of this provider ({@code twilio-otp}, say): its id, its config's id ("authenticationConfig"). */
    public JsonNode execution(String realm, String flowAlias, String providerId) {
        for (JsonNode execution : executions(realm, flowAlias)) {
            if (providerId.equals(execution.path("providerId").asText())) {
                return execution;
            }
        }
        throw new AssertionError("No execution of " + providerId + " in flow " + flowAlias + " of realm " + realm);
    }

    public JsonNode authenticatorConfig(String realm, String configId) {
        return json(send("GET", "/admin/realms/" + realm + "/authentication/config/" + configId, null));
    }

    /** Replaces the settings of an execution's config (keeps its alias). */
    public void updateAuthenticatorConfig(String realm, String configId, Map<String, String> settings) {
        ObjectNode config = (ObjectNode) authenticatorConfig(realm, configId);
        ObjectNode values = config.putObject("config");
        settings.forEach(values::put);
        send("PUT", "/admin/realms/" + realm + "/authentication/config/" + configId, config.toString());
    }

    /** GET as the bootstrap admin, the answer as JSON; fails on any status above 299. */
    public JsonNode get(String path) {
        return json(send("GET", path, null));
    }

    /** Sends a request as the bootstrap admin; fails on any status above 299. */
    public HttpResponse<String> send(String method, String path, String jsonBody) {
        HttpResponse<String> response = sendAllowingErrors(method, path, jsonBody);
        if (response.statusCode() > 299) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** Sends a request as the bootstrap admin and returns whatever it answered. */
    public HttpResponse<String> sendAllowingErrors(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token())
                .timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return call(request.build());
    }

    private String token() {
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(KeycloakDistribution.ADMIN_USER)
                + "&password=" + encode(KeycloakDistribution.ADMIN_PASSWORD);
        HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .timeout(Duration.ofSeconds(30))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Admin login answered " + response.statusCode() + ": " + response.body());
        }
        return json(response).path("access_token").asText();
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
