package io.sesfeedback.testing.moto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** Loopback ports for servers the tests start, and for making an AWS service unreachable. */
public final class Loopback {

    private Loopback() {}

    /** A port on 127.0.0.1 that nothing listens on right now. */
    public static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An endpoint that refuses connections: the service behind it is down. */
    public static URI deadEndpoint() {
        return URI.create("http://127.0.0.1:" + unusedPort());
    }
}
