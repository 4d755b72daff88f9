package io.github.kctwilio.otp.verify;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * twilio-java's HTTP seam, replaced so that a login page never waits long and never pays twice.
 * <ul>
 *   <li>One call is one request: Apache HttpClient's automatic retries and twilio-java's
 *       {@code reliableRequest} loop are both off, because a repeated send can cost another SMS.</li>
 *   <li>Short connect and read timeouts instead of twilio-java's fixed 30 s per request.</li>
 *   <li>The scheme, host and port of every request can be replaced (the emulator, a proxy); the path stays.</li>
 * </ul>
 * Thread-safe; one instance serves every credential set of the server.
 */
public final class TwilioHttpTransport extends HttpClient implements AutoCloseable {

    private final CloseableHttpClient client;
    private final URI apiBaseUrl;

    public TwilioHttpTransport(TransportSettings settings) {
        this.apiBaseUrl = settings.apiBaseUrl();
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(connect)
                .setSocketTimeout(read)
                // With retries off, a pooled connection the server already closed would fail a send: check
                // connections idle for more than a second before reuse, and never keep one for long.
                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                .setTimeToLive(TimeValue.ofMinutes(2))
                .build();
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(read)
                .setRedirectsEnabled(false)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(connectionConfig)
                        .setMaxConnPerRoute(50)
                        .setMaxConnTotal(100)
                        .build())
                .setDefaultRequestConfig(requestConfig)
                .disableAutomaticRetries()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .disableRedirectHandling()
                .disableCookieManagement()
                .useSystemProperties()
                .build();
    }

    /** No retry loop: see the class comment. */
    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpUriRequestBase http = new HttpUriRequestBase(request.getMethod().toString(), target(request.constructURL()));
        if (request.requiresAuthentication()) {
            http.addHeader(HttpHeaders.AUTHORIZATION, request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            header.getValue().forEach(value -> http.addHeader(header.getKey(), value));
        }
        http.addHeader(HttpHeaders.ACCEPT, "application/json");
        if (request.getMethod() != HttpMethod.GET) {
            List<NameValuePair> form = new ArrayList<>();
            request.getPostParams().forEach((name, values) -> values.forEach(v -> form.add(new BasicNameValuePair(name, v))));
            http.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        }
        try {
            return client.execute(http, response -> new Response(
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                    response.getCode(),
                    response.getHeaders()));
        } catch (IOException e) {
            // Timeouts and refused connections: no answer from Twilio at all.
            throw new ApiConnectionException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private URI target(URL twilioUrl) {
        try {
            URI original = twilioUrl.toURI();
            return new URI(apiBaseUrl.getScheme(), null, apiBaseUrl.getHost(), apiBaseUrl.getPort(),
                    basePath() + original.getPath(), original.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("Cannot build the request URL: " + e.getMessage(), e);
        }
    }

    /** A base URL may carry a path prefix (a proxy mounted under /twilio, say); never a trailing slash. */
    private String basePath() {
        String path = apiBaseUrl.getPath();
        return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
