package dev.clipstream.systemtests.privacy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line of this JVM (all services of an in-process pipeline log here) while open, with the thrown
 * exception's stack trace as part of the line. Our own code is raised to DEBUG for the duration, so lines that
 * production would hide are scanned too; third-party loggers keep their configured levels.
 */
final class CapturedLogs implements AutoCloseable {

    private static final String NAME = "privacy-scan-capture";

    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Level previousLevel;
    private final AbstractAppender appender;

    CapturedLogs() {
        Configuration configuration = context.getConfiguration();
        previousLevel = configuration.getLoggerConfig("dev.clipstream").getLevel();
        appender = new AbstractAppender(NAME, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ')
                        .append(event.getLoggerName()).append(" - ").append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append('\n').append(trace);
                }
                synchronized (lines) {
                    lines.add(line.toString());
                }
            }
        };
        appender.start();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        configuration.getLoggers().values().forEach(logger -> {
            if (!logger.getName().isEmpty() && !logger.isAdditive()) {
                logger.addAppender(appender, Level.ALL, null);
            }
        });
        context.updateLoggers();
        Configurator.setLevel("dev.clipstream", Level.DEBUG);
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        Configurator.setLevel("dev.clipstream", previousLevel);
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().removeAppender(NAME);
        configuration.getLoggers().values().forEach(logger -> logger.removeAppender(NAME));
        context.updateLoggers();
        appender.stop();
    }
}
