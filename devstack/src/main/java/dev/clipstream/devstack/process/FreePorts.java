package dev.clipstream.devstack.process;

import dev.clipstream.devstack.DevStackException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds ports on 127.0.0.1 by binding and releasing; a later clash is handled by the caller retrying. */
public final class FreePorts {

    public static final String HOST = "127.0.0.1";

    private FreePorts() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevStackException("Could not find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails fast with a clear message when a port the user asked for is taken, instead of a crashed child. */
    public static void requireFree(String what, int port) {
        if (port != 0 && !isFree(port)) {
            throw new DevStackException(what + " port " + port + " on " + HOST + " is already in use; "
                    + "choose another port or 0 for a free one");
        }
    }

    public static int orPick(int port) {
        return port == 0 ? pick() : port;
    }
}
