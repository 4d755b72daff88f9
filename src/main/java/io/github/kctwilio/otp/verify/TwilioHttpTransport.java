package io.github.kctwilio.otp.verify;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.impl.auth.SystemDefaultCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * twilio-java's HTTP seam, replaced so that a login page never waits long, never pays twice, and a request costs
 * the server no more than it must.
 * <ul>
 *   <li>One call is one request: Apache HttpClient's automatic retries and twilio-java's
 *       {@code reliableRequest} loop are both off, because a repeated send can cost another SMS.</li>
 *   <li>Short connect and read timeouts instead of twilio-java's fixed 30 s per request.</li>
 *   <li>The scheme, host and port of every request can be replaced (the emulator, a proxy); the path stays.</li>
 *   <li>Per request nothing is parsed or looked up that is the same every time: the target host, the path prefix
 *       and the JVM's proxy for Twilio are settled once; the Basic header once per credential set
 *       ({@link BasicAuthHeaders}); the form goes out as bytes. No gzip: Twilio's answers are a kilobyte or two of
 *       JSON, which compression would save less bandwidth on than it costs CPU to inflate.</li>
 * </ul>
 * Thread-safe; one instance serves every credential set of the server.
 */
public final class TwilioHttpTransport extends HttpClient implements AutoCloseable {

    /** Connections reused sooner than this after their last request skip the stale check (see {@link IdleConnections}). */
    static final IdleConnections PRODUCTION_IDLE = new IdleConnections(TimeValue.ofSeconds(10), TimeValue.ofSeconds(30),
            TimeValue.ofSeconds(5));

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager pool;
    private final IdleConnectionEvictor evictor;
    private final HttpHost target;
    private final String pathPrefix;
    private final BasicAuthHeaders authHeaders = new BasicAuthHeaders();

    public TwilioHttpTransport(TransportSettings settings) {
        this(settings, PRODUCTION_IDLE);
    }

    TwilioHttpTransport(TransportSettings settings, IdleConnections idle) {
        URI base = settings.apiBaseUrl();
        this.target = HttpHost.create(URI.create(base.getScheme() + "://" + base.getRawAuthority()));
        this.pathPrefix = pathPrefix(base);
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        ConnectionConfig connectionConfig = ConnectionConfig.custom()
                .setConnectTimeout(connect)
                .setSocketTimeout(read)
                // With retries off, a pooled connection the server already closed would fail a send; see IdleConnections.
                .setValidateAfterInactivity(idle.validateAfter())
                .setTimeToLive(TimeValue.ofMinutes(2))
                .build();
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(read)
                .setRedirectsEnabled(false)
                .build();
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(connectionConfig)
                .setMaxConnPerRoute(50)
                .setMaxConnTotal(100)
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requestConfig)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression();
        // The JVM's proxy for Twilio (-Dhttps.proxyHost, or a ProxySelector set at startup), asked once instead of
        // on every request.
        proxyFor(base).ifPresent(proxy -> builder.setProxy(proxy).setDefaultCredentialsProvider(new SystemDefaultCredentialsProvider()));
        this.client = builder.build();
        this.evictor = new IdleConnectionEvictor(pool, idle.evictionSweep(), idle.closeAfter());
        evictor.start();
    }

    /** No retry loop: see the class comment. */
    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        BasicClassicHttpRequest http = new BasicClassicHttpRequest(request.getMethod().toString(), target, path(request));
        if (request.requiresAuthentication()) {
            http.addHeader(HttpHeaders.AUTHORIZATION, request.getUsername() != null && request.getPassword() != null
                    ? authHeaders.of(request.getUsername(), request.getPassword())
                    : request.getAuthString());
        }
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            header.getValue().forEach(value -> http.addHeader(header.getKey(), value));
        }
        http.addHeader(HttpHeaders.ACCEPT, "application/json");
        if (request.getMethod() != HttpMethod.GET) {
            http.setEntity(new ByteArrayEntity(request.encodeFormBody().getBytes(StandardCharsets.UTF_8),
                    ContentType.APPLICATION_FORM_URLENCODED));
        }
        try {
            return client.execute(target, http, response -> new Response(
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                    response.getCode(),
                    response.getHeaders()));
        } catch (IOException e) {
            // Timeouts and refused connections: no answer from Twilio at all.
            throw new ApiConnectionException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Twilio's path (twilio-java builds {@code https://verify.twilio.com/v2/...}) behind our prefix, and the query. */
    private String path(Request request) {
        String url = request.getUrl();
        int pathStart = url.indexOf('/', url.indexOf("://") + 3);
        String path = pathStart < 0 ? "/" : url.substring(pathStart);
        String query = request.getQueryParams().isEmpty() ? "" : "?" + request.encodeQueryParams();
        return pathPrefix + path + query;
    }

    /** A base URL may carry a path prefix (a proxy mounted under /twilio, say); never a trailing slash. */
    private static String pathPrefix(URI base) {
        String path = base.getRawPath();
        int end = path == null ? 0 : path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return end == 0 ? "" : path.substring(0, end);
    }

    private static Optional<HttpHost> proxyFor(URI base) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return Optional.empty();
        }
        return selector.select(base).stream()
                .filter(proxy -> proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress)
                .findFirst()
                .map(proxy -> {
                    InetSocketAddress address = (InetSocketAddress) proxy.address();
                    return new HttpHost(address.getHostString(), address.getPort());
                });
    }

    @Override
    public void close() throws IOException {
        evictor.shutdown();
        client.close();
    }

    /**
     * How long pooled connections live idle. Twilio's own idle timeout is not published and a server may close an
     * idle connection at any time; with retries off (a repeated send costs money), a stale connection would fail a
     * send, so before reuse a connection idle for {@code validateAfter} gets a stale check (a 1 ms read that ends in
     * a timeout exception, on every call at low traffic when that window was 1 s). Now: reuse without a check for
     * {@code validateAfter}; a background thread closes connections idle for {@code closeAfter}, every
     * {@code evictionSweep}, so no request meets them; between the two the check stays, cheaper than a new TLS
     * handshake. Servers with shorter idle timeouts say so in {@code Keep-Alive: timeout=N}, which the pool honours.
     */
    record IdleConnections(TimeValue validateAfter, TimeValue closeAfter, TimeValue evictionSweep) {
    }
}
