package org.parley.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Writes the security log ({@code org.parley.security}: refused keys, wrong pairing codes, access
 * password outcomes, lockouts) to {@code $PARLEY_DATA_DIR/security.log} as well as to the console,
 * one file a day, kept 90 days — so an operator has it in one place and it does not grow forever.
 */
public final class SecurityLogFile implements AutoCloseable {
    static final int KEPT_DAYS = 90;
    private final Logger logger;
    private final RollingFileAppender<ILoggingEvent> appender;

    private SecurityLogFile(Logger logger, RollingFileAppender<ILoggingEvent> appender) {
        this.logger = logger;
        this.appender = appender;
    }

    /** Starts writing to {@code file}; close to stop (the server does at shutdown). */
    public static SecurityLogFile open(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("the security log needs Logback as the SLF4J backend");
        }
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %msg %kvp{DOUBLE}%n");
        encoder.start();
        var appender = new RollingFileAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName("security-file-" + file);
        appender.setFile(file.toString());
        var rolling = new TimeBasedRollingPolicy<ILoggingEvent>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%d{yyyy-MM-dd}");
        rolling.setMaxHistory(KEPT_DAYS);
        rolling.start();
        appender.setRollingPolicy(rolling);
        appender.setEncoder(encoder);
        appender.start();
        Logger logger = context.getLogger(SecurityLog.LOGGER);
        logger.addAppender(appender);
        return new SecurityLogFile(logger, appender);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
