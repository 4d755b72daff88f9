package io.github.kctwilio.otp.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stateful Twilio Verify v2 emulator on the JDK's HTTP server, speaking the wire protocol twilio-java 13
 * uses: form-encoded POSTs, HTTP Basic (AccountSid:AuthToken), JSON shaped as in Twilio's OpenAPI spec.
 * It exists because Prism (stateless) cannot test resends, limits or expiry, and tests must never reach
 * real Twilio (cost, SMS to real phones).
 *
 * <p>Emulated: random 6-digit code per verification, same code and SID on resend, 10-minute expiry on a
 * movable clock, 5 sends (60203) and 5 checks (60202) per verification, approve/cancel/expiry making a
 * verification gone (20404), parameter validation (60200, 60221), auth (20003). Test hooks: read the code
 * sent to an address, recorded requests, a FIFO of injected faults (error, raw body, delay, hang), and a delay
 * or hang for every request.
 *
 * <p>Also emulated: Fraud Guard's block of a number prefix (403 / 60410, {@link #blockByFraudGuard}), the
 * {@code RiskCheck}, {@code TemplateSid} and {@code AppHash} parameters (validated, recorded), and Lookup v2's
 * phone number lookup with line type, SMS pumping risk and SIM swap packages ({@link #lookup()}).
 *
 * <p>Not emulated: Geo Permissions, rate limits, SNA, PSD2 (amount and payee are always null), API-key
 * authentication. Inject those answers with {@link #failNext(int, int)}.
 */
public final class VerifyEmulator implements AutoCloseable {

    /** Fixed fake account of the default credentials; "deadbeef" so nobody mistakes it for a real one. */
    public static final String ACCOUNT_SID = "ACdeadbeefdeadbeefdeadbeefdeadbeef";
    /** Fixed fake auth token (32 characters, like Twilio's). */
    public static final String AUTH_TOKEN = "emulatortoken0000000000000000000";
    /** The Verify service tests and the demo use; any well-formed VA SID is accepted though. */
    public static final String SERVICE_SID = "VAfeedfacefeedfacefeedfacefeedface";

    private static final int DEFAULT_MAIN_PORT = 8089;

    static {
        // The JDK server writes headers and body separately; with Nagle on, each small answer then waits
        // ~40 ms for the client's delayed ACK. The property is read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final EmulatorClock clock = new EmulatorClock(Clock.systemUTC());
    private final VerificationStore store = new VerificationStore(clock);
    private final LookupNumbers lookupNumbers = new LookupNumbers(clock);
    private final FraudGuard fraudGuard = new FraudGuard();
    private final FaultQueue faults = new FaultQueue();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Consumer<SentCode>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String baseUrl;

    private VerifyEmulator(int port, String accountSid, String authToken) throws IOException {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(authToken, "authToken");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        VerifyApi api = new VerifyApi(store, fraudGuard, accountSid, () -> baseUrl);
        TwilioExchange twilio = new TwilioExchange(accountSid, authToken, new SecureRandom());
        server.createContext("/", new VerifyHttpHandler(api, faults, clock, this::record, this::notifySend, twilio));
        server.createContext(LookupHttpHandler.CONTEXT, new LookupHttpHandler(new LookupApi(lookupNumbers, () -> baseUrl),
                lookupNumbers, clock, this::record, twilio));
        // A pool, not the server's single default thread, so a hung or delayed request blocks no other one.
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "verify-emulator-" + threads.incrementAndGet());
            t.setDaemon(true); // never keep a test JVM alive
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    /** On 127.0.0.1, a free port, with {@link #ACCOUNT_SID} / {@link #AUTH_TOKEN}. */
    public static VerifyEmulator start() {
        return start(0, ACCOUNT_SID, AUTH_TOKEN);
    }

    /** On 127.0.0.1:{@code port} (0 = a free port), accepting only these credentials. */
    public static VerifyEmulator start(int port, String accountSid, String authToken) {
        try {
            return new VerifyEmulator(port, accountSid, authToken);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Verify emulator on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The code of the latest successful send to this address (it survives approval; {@link #reset} clears it). */
    public Optional<String> lastCodeSentTo(String to) {
        return store.lastCodeSentTo(to);
    }

    /** Every request received so far, in arrival order, including refused and fault-injected ones. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public long count(RequestKind kind) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.kind() == kind).count();
        }
    }

    /** Called for every code delivered (first send and resends), on the request's thread. Kept by {@link #reset}. */
    public VerifyEmulator onSend(Consumer<SentCode> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The next Verify request (path under /v2/) is answered with this Twilio error and changes nothing. */
    public void failNext(int httpStatus, int twilioCode) {
        faults.add(new FaultQueue.Fail(checkStatus(httpStatus), twilioCode));
    }

    /** The next Verify request is answered with exactly this body, e.g. broken JSON or an HTML 503 page. */
    public void failNextWithBody(int httpStatus, String rawBody, String contentType) {
        faults.add(new FaultQueue.RawBody(checkStatus(httpStatus), Objects.requireNonNull(rawBody, "rawBody"),
                contentType));
    }

    /** The next Verify request is processed normally, but only after this delay (state changes after it). */
    public void delayNext(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        faults.add(new FaultQueue.Delay(delay));
    }

    /** The next Verify request is never answered; its connection is dropped on {@link #reset} or {@link #close}. */
    public void hangNext() {
        faults.add(new FaultQueue.Hang());
    }

    /**
     * Every Verify request from now on is processed normally, but only after this delay (a slow Twilio, for the
     * benchmark); {@link Duration#ZERO} answers at once again. Queued faults still come first. Until {@link #reset}.
     */
    public void delayEvery(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        faults.setStanding(delay.isZero() ? null : new FaultQueue.Delay(delay));
    }

    /** Every Verify request from now on is never answered, until {@link #reset} or {@link #close} drops them all. */
    public void hangEvery() {
        faults.setStanding(new FaultQueue.Hang());
    }

    /** Moves the emulator's clock forward (codes expire {@code 10 min} after their verification started). */
    public void advanceClock(Duration d) {
        clock.advance(d);
    }

    /**
     * Lookup v2 ({@code GET /v2/PhoneNumbers/{PhoneNumber}}) on the same port: what it answers for which number, and
     * faults for Lookup requests alone ({@link #failNext} and the other fault hooks here are for Verify requests).
     */
    public LookupNumbers lookup() {
        return lookupNumbers;
    }

    /**
     * Fraud Guard blocks SMS to numbers starting with this prefix ("+44"): a create for the sms channel answers
     * 403 / 60410 unless it carries {@code RiskCheck=disable}, until {@link #reset}.
     */
    public void blockByFraudGuard(String prefix) {
        fraudGuard.block(prefix);
    }

    /** Forgets verifications, codes, Lookup settings, recorded requests, injected faults (releasing hung requests) and the clock offset. */
    public void reset() {
        store.clear();
        faults.clear();
        lookupNumbers.clear();
        fraudGuard.clear();
        synchronized (requests) {
            requests.clear();
        }
        clock.reset();
    }

    /** Stops at once: hung and delayed requests are dropped, never waited for. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        faults.clear();
        lookupNumbers.clear();
        server.stop(0);
        executor.shutdownNow();
    }

    private void record(RecordedRequest request) {
        synchronized (requests) {
            requests.add(request);
        }
    }

    private void notifySend(SentCode sent) {
        for (Consumer<SentCode> listener : listeners) {
            try {
                listener.accept(sent);
            } catch (RuntimeException e) {
                // a broken listener (demo printing) must not turn a successful send into a failed request
                System.err.println("[verify-emulator] send listener failed: " + e);
            }
        }
    }

    private static int checkStatus(int httpStatus) {
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + httpStatus);
        }
        return httpStatus;
    }

    /**
     * Standalone demo emulator: {@code --port N} (default 8089). Prints every code it "sends" with the full
     * address, since nobody receives a real SMS. Runs until the process is stopped.
     */
    public static void main(String[] args) {
        int port = DEFAULT_MAIN_PORT;
        try {
            for (int i = 0; i < args.length; i++) {
                if ("--port".equals(args[i]) && i + 1 < args.length) {
                    port = Integer.parseInt(args[++i]);
                } else {
                    throw new IllegalArgumentException(args[i]);
                }
            }
        } catch (IllegalArgumentException e) { // includes NumberFormatException
            System.err.println("usage: VerifyEmulator [--port N]   (default " + DEFAULT_MAIN_PORT + ")");
            System.exit(2);
        }
        VerifyEmulator emulator = start(port, ACCOUNT_SID, AUTH_TOKEN);
        emulator.onSend(s -> System.out.printf("[verify-emulator] %s to %s: code %s (verification %s%s)%n",
                s.channel(), s.to(), s.code(), s.verificationSid(),
                s.locale() == null ? "" : ", locale " + s.locale()));
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "verify-emulator-shutdown"));
        System.out.printf("[verify-emulator] listening on %s%n"
                        + "[verify-emulator] account SID %s, auth token %s, service SID %s%n",
                emulator.baseUrl(), ACCOUNT_SID, AUTH_TOKEN, SERVICE_SID);
        // The HttpServer's dispatcher thread is not a daemon: it keeps the JVM running after main returns.
    }
}
