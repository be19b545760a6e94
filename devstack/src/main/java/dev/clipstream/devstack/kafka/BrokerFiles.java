package dev.clipstream.devstack.kafka;

import dev.clipstream.devstack.DevStackException;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The files a child broker starts from: server.properties and its own log4j2 config. */
final class BrokerFiles {

    private BrokerFiles() {
    }

    /** One node that is both broker and controller; every internal topic with replication factor 1. */
    static Properties serverProperties(String host, int port, int controllerPort, Path dataDir) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", dataDir.toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("default.replication.factor", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("group.streams.initial.rebalance.delay.ms", "0");
        // Topics come from the topic catalog's bootstrap (or a test's Admin call), as in production: a producer
        // that runs before them fails loudly instead of creating a one-partition topic with default config.
        props.setProperty("auto.create.topics.enable", "false");
        return props;
    }

    /** Extra {@code kafka-storage format} arguments, one per line, that {@link BrokerMain} reads if present. */
    static final String FORMAT_ARGS_FILE = "format-args";

    /**
     * Turns {@link #serverProperties} into a secured broker: clients (and the broker to itself) log in with
     * SASL/SCRAM-SHA-512 on the one client listener, the controller listener takes SASL/PLAIN for the admin only
     * (KRaft cannot use SCRAM on the controller listener: the credentials live in the metadata it serves), and the
     * StandardAuthorizer denies everything no ACL allows, except to the super user admin.
     */
    static Properties secure(Properties plain, String host, int port, int controllerPort, KafkaSecurity security) {
        Properties props = new Properties();
        props.putAll(plain);
        String admin = KafkaSecurity.ADMIN_USER;
        String password = security.adminPassword();
        props.setProperty("listeners", "SASL_PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":"
                + controllerPort);
        props.setProperty("advertised.listeners", "SASL_PLAINTEXT://" + host + ":" + port);
        props.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        props.setProperty("sasl.enabled.mechanisms", KafkaSecurity.MECHANISM);
        props.setProperty("sasl.mechanism.inter.broker.protocol", KafkaSecurity.MECHANISM);
        props.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", KafkaSecurity.jaasConfig(
                "org.apache.kafka.common.security.scram.ScramLoginModule", admin, password, ""));
        props.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        props.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.setProperty("listener.name.controller.plain.sasl.jaas.config", KafkaSecurity.jaasConfig(
                "org.apache.kafka.common.security.plain.PlainLoginModule", admin, password,
                " user_" + admin + "=\"" + KafkaSecurity.escape(password) + "\""));
        props.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.setProperty("super.users", "User:" + admin);
        props.setProperty("allow.everyone.if.no.acl.found", "false");
        return props;
    }

    /** The admin's SCRAM credential, written into the metadata when the storage is formatted. */
    static void writeFormatArgs(KafkaSecurity security, Path file) {
        String args = "--add-scram\n" + KafkaSecurity.MECHANISM + "=[name=" + KafkaSecurity.ADMIN_USER
                + ",password=" + security.adminPassword() + ",iterations=" + KafkaSecurity.ITERATIONS + "]\n";
        try {
            Files.writeString(file, args);
        } catch (IOException e) {
            throw new DevStackException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeProperties(Properties props, Path file) {
        StringWriter text = new StringWriter();
        try {
            props.store(text, "Written by clipstream devstack for a single-node dev broker");
            Files.writeString(file, text.toString());
        } catch (IOException e) {
            throw new DevStackException("Could not write broker config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Broker logs go to stdout, which the parent redirects to a file; Kafka at WARN so the file stays small. */
    static void writeLog4jConfig(Path file) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN" shutdownHook="disable">
                  <Appenders>
                    <Console name="out" target="SYSTEM_OUT">
                      <PatternLayout pattern="%d{ISO8601} %-5level [%t] %c - %msg%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="kafka" level="WARN"/>
                    <Logger name="org.apache.kafka" level="WARN"/>
                    <Logger name="state.change.logger" level="WARN"/>
                    <Root level="WARN">
                      <AppenderRef ref="out"/>
                    </Root>
                  </Loggers>
                </Configuration>
                """;
        try {
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new DevStackException("Could not write broker log config " + file + ": " + e.getMessage(), e);
        }
    }
}
