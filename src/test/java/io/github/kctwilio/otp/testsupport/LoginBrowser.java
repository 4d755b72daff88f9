package io.github.kctwilio.otp.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser at the HTTP level: cookies, redirects inside Keycloak, forms posted as a browser posts them.
 * It stops at the client's redirect URI, where a real browser would hand the authorization code to the app.
 */
public final class LoginBrowser {

    public static final String REDIRECT_URI = "http://127.0.0.1:1/callback";
    /** The step's form that asks for a phone number (ours, under every theme). */
    public static final String PHONE_FORM = "kc-twilio-otp-phone-form";
    /** The step's form that asks for the code. */
    public static final String CODE_FORM = "kc-twilio-otp-code-form";

    private final HttpClient http;
    private final String keycloakUrl;
    private final PlainHttpCookieJar cookies;

    public LoginBrowser(String keycloakUrl) {
        this(keycloakUrl, new PlainHttpCookieJar());
    }

    private LoginBrowser(String keycloakUrl, PlainHttpCookieJar cookies) {
        this.keycloakUrl = keycloakUrl;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * This browser's cookies, at another Keycloak node ({@code http://host:port}): a browser behind a load balancer
     * without sticky sessions. The cookie jar ignores ports, as browsers do, so both see the same cookies.
     */
    public LoginBrowser atNode(String otherKeycloakUrl) {
        return new LoginBrowser(otherKeycloakUrl, cookies);
    }

    /** Forgets every cookie (the session too), so that the next login starts from scratch: a new browser, cheaply. */
    public void forgetCookies() {
        cookies.clear();
    }

    /**
     * Forgets every cookie but those named: the same browser after its session ended (the cookies Keycloak clears at
     * sign-out are gone, a cookie of its own stays).
     */
    public void forgetCookiesExcept(String... names) {
        cookies.keepOnly(List.of(names));
    }

    /** The value of this browser's cookie of this name; null for none. */
    public String cookie(String name) {
        return cookies.value(name);
    }

    /** The last Set-Cookie header Keycloak sent for this cookie, with its attributes; null when it never set it. */
    public String setCookieHeader(String name) {
        return cookies.lastSetCookie(name);
    }

    /** Puts a cookie into this browser, as someone who copied or forged it would. */
    public void plantCookie(String name, String value, String path) {
        cookies.plant(name, value, path);
    }

    public String keycloakUrl() {
        return keycloakUrl;
    }

    /** Opens the login page of an OIDC client, as an application redirecting the user would. */
    public Page openLogin(String realm, String clientId) throws IOException, InterruptedException {
        return openLogin(realm, clientId, "");
    }

    /** As {@link #openLogin(String, String)}, with extra query parameters such as {@code &ui_locales=de}. */
    public Page openLogin(String realm, String clientId, String extraQuery) throws IOException, InterruptedException {
        String url = keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + encode(clientId) + "&redirect_uri=" + encode(REDIRECT_URI)
                + "&state=" + UUID.randomUUID() + "&nonce=" + UUID.randomUUID() + extraQuery;
        return get(url);
    }

    public Page get(String url) throws IOException, InterruptedException {
        return follow(http.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts form fields, in order, to an action URL. Values may repeat a name (a list). */
    public Page post(String actionUrl, Map<String, ?> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .flatMap(e -> (e.getValue() instanceof List<?> values ? values.stream() : java.util.stream.Stream.of(e.getValue()))
                        .map(v -> encode(e.getKey()) + "=" + encode(String.valueOf(v))))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(actionUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30))
                .build();
        return follow(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Posts a body exactly as given (it may be malformed: bad percent-encoding, JSON, a wrong charset), with this
     * content type, for adversarial tests. Cookies and redirects as in {@link #post}.
     */
    public Page postRaw(String actionUrl, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(actionUrl))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(30))
                .build();
        return follow(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Submits the form with this id, with its hidden fields plus the given ones, as a browser would. */
    public Page submit(Page page, String formId, Map<String, String> fields) throws IOException, InterruptedException {
        Element form = form(page, formId);
        return post(form.absUrl("action"), formValues(form, fields));
    }

    /**
     * As {@link #submit}, but to this browser's node, whichever node rendered the form: the action's path and query
     * on {@link #keycloakUrl()}, as a load balancer without sticky sessions would route the post.
     */
    public Page submitHere(Page page, String formId, Map<String, String> fields) throws IOException, InterruptedException {
        Element form = form(page, formId);
        URI action = URI.create(form.absUrl("action"));
        return post(keycloakUrl + action.getRawPath() + (action.getRawQuery() == null ? "" : "?" + action.getRawQuery()),
                formValues(form, fields));
    }

    private static Element form(Page page, String formId) {
        Element form = page.document().getElementById(formId);
        if (form == null) {
            throw new AssertionError("No form #" + formId + " on the page:\n" + page.body());
        }
        return form;
    }

    private static Map<String, String> formValues(Element form, Map<String, String> fields) {
        Map<String, String> values = new LinkedHashMap<>();
        form.select("input[type=hidden]").forEach(input -> values.put(input.attr("name"), input.attr("value")));
        values.putAll(fields);
        return values;
    }

    /** "Forgot password?" on the test client's login page, then the username: the page the reset flow shows next. */
    public Page forgotPassword(String realm, String username) throws IOException, InterruptedException {
        Element link = openLogin(realm, RealmJson.CLIENT_ID).document().select("a[href*=reset-credentials]").first();
        if (link == null) {
            throw new AssertionError("No \"Forgot password\" link on the login page of realm " + realm);
        }
        return submit(get(link.absUrl("href")), "kc-reset-password-form", Map.of("username", username));
    }

    /**
     * Opens the test client's sign-in page, follows its "Register" link and submits the registration form with these
     * values (password {@link TestUsers#PASSWORD}, email {@code <username>@example.org}).
     */
    public Page register(String realm, String username, String phone) throws IOException, InterruptedException {
        Element link = openLogin(realm, RealmJson.CLIENT_ID).document().selectFirst("#kc-registration a");
        if (link == null) {
            throw new AssertionError("No \"Register\" link on the sign-in page of realm " + realm);
        }
        Page form = get(link.absUrl("href"));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("email", username + "@example.org");
        fields.put("firstName", "New");
        fields.put("lastName", "User");
        fields.put("password", TestUsers.PASSWORD);
        fields.put("password-confirm", TestUsers.PASSWORD);
        fields.put("phoneNumber", phone);
        return submit(form, "kc-register-form", fields);
    }

    /** Logs in with username and password on Keycloak's login form. */
    public Page signIn(Page loginPage, String username, String password) throws IOException, InterruptedException {
        return submit(loginPage, "kc-form-login", Map.of("username", username, "password", password));
    }

    /**
     * Opens the sign-in page of the realm's test client ({@link RealmJson#CLIENT_ID}) and signs in with the test users'
     * password ({@link TestUsers#PASSWORD}): the page the flow shows after the password.
     */
    public Page signIn(String realm, String username) throws IOException, InterruptedException {
        return signIn(openLogin(realm, RealmJson.CLIENT_ID), username, TestUsers.PASSWORD);
    }

    /** Types this number on the step's phone form and sends it. */
    public Page enterPhone(Page phoneForm, String phone) throws IOException, InterruptedException {
        return submit(phoneForm, PHONE_FORM, Map.of("phoneNumber", phone));
    }

    /** Types this code on the step's code form and sends it (the form must be on the page). */
    public Page enterCode(Page codeForm, String code) throws IOException, InterruptedException {
        return submit(codeForm, CODE_FORM, Map.of("code", code));
    }

    private Page follow(HttpResponse<String> response) throws IOException, InterruptedException {
        int hops = 0;
        while (response.statusCode() / 100 == 3 && hops++ < 10) {
            String location = response.headers().firstValue("Location").orElseThrow();
            URI next = response.uri().resolve(location);
            if (next.toString().startsWith(REDIRECT_URI)) {
                return new Page(response.statusCode(), "", next.toString(), response.uri().toString());
            }
            response = http.send(HttpRequest.newBuilder(next).GET().timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return new Page(response.statusCode(), response.body(), null, response.uri().toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * One page as the browser sees it.
     *
     * @param redirectedTo set when Keycloak sent the browser back to the application (login finished)
     */
    public record Page(int status, String body, String redirectedTo, String url) {

        public Document document() {
            return Jsoup.parse(body, url);
        }

        public boolean loggedIn() {
            return redirectedTo != null && redirectedTo.contains("code=") && !redirectedTo.contains("error=");
        }

        public boolean hasForm(String id) {
            return document().getElementById(id) != null;
        }

        /**
         * The URL a browser reloads: Keycloak rewrites the address bar with history.replaceState so that a reload
         * is a GET of the current step, not a repeated POST.
         */
        public String reloadUrl() {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("history\\.replaceState\\(\\{\\}, \"[^\"]*\", \"([^\"]+)\"\\)").matcher(body);
            return m.find() ? m.group(1) : url;
        }

        /** Visible text of the page, for assertions on messages. */
        public String text() {
            return document().text();
        }

        /**
         * What a person sees, to compare two pages that must not tell two accounts apart: the status, the text, the
         * ids of forms and buttons, the buttons' names, the channels offered and the inputs' names.
         */
        public String asSeen() {
            Document page = document();
            return status + "|" + page.text() + "|" + page.select("form[id], button[name]").eachAttr("id")
                    + page.select("button[name]").eachAttr("name") + page.select("button[name=channel]").eachAttr("value")
                    + page.select("input").eachAttr("name");
        }

        /** The error shown for a field (Keycloak's per-field message), or empty. */
        public String fieldError(String field) {
            Element error = document().getElementById("input-error-" + field);
            return error == null ? "" : error.text();
        }

        @Override
        public String toString() {
            return "Page[status=" + status + ", url=" + url + ", redirectedTo=" + redirectedTo + "]";
        }
    }
}
