package io.github.kctwilio.otp.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class logs during a unit test, kept off the console: a test that provokes an admin-facing ERROR on purpose
 * asserts the line instead of printing it, so that a green build shows no ERROR lines. Outside Keycloak, jboss-logging
 * writes to java.util.logging under the class's name.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final boolean usedParentHandlers;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Logger logger) {
        this.logger = logger;
        this.usedParentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    public static CapturedLog of(Class<?> source) {
        return new CapturedLog(Logger.getLogger(source.getName()));
    }

    /** Each record as "LEVEL message", with jboss-logging's level names (ERROR, WARN, INFO). */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(usedParentHandlers);
    }
}
