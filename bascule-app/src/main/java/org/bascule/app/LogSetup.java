package org.bascule.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Bascule's logging, set up in code rather than by a logback.xml: logback's XML configurator
 * (Joran, the JDK's XML parser, some 600 classes) took 0.4 s of wall time in every start of
 * {@code bascule} and about 0.3 s of its CPU (2.7 instead of 3.0 s until {@code bascule run}
 * serves, measured on 2 cores). Same result as the XML it replaces:
 * everything to stderr, so command output (check summaries, ipvsadm tables) stays clean on
 * stdout; {@code io.netty} at WARN; the root level from {@code BASCULE_LOG_LEVEL} (a system
 * property or the environment, INFO by default). A {@code -Dlogback.configurationFile} still
 * wins: then this configurator steps aside. Found by logback through
 * META-INF/services/ch.qos.logback.classic.spi.Configurator.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level(), Level.INFO));
        root.addAppender(stderr);
        context.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String level() {
        String p = System.getProperty("BASCULE_LOG_LEVEL");
        return p != null ? p : System.getenv("BASCULE_LOG_LEVEL");
    }
}
