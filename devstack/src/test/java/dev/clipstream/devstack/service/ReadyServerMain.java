package dev.clipstream.devstack.service;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/** A stand-in service for {@link ServiceProcessTest}: answers 200 on /readyz at the port given as argument. */
public final class ReadyServerMain {

    private ReadyServerMain() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/readyz", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        System.out.println("ready-server listening on " + args[0] + " env " + System.getenv("SERVICE_TEST_MARK"));
    }
}
