package io.github.rela.streams.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks free TCP ports on the loopback interface for embedded servers. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * A port that was free a moment ago. Closed at once, it may be handed out again by the next pick:
   * take the ports one server needs together with {@link #pick(int)}.
   */
  public static int pick() {
    return pick(1)[0];
  }

  /**
   * {@code count} distinct ports that were free a moment ago: their sockets are held open together
   * while they are picked, so the OS cannot hand out one port twice.
   */
  public static int[] pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>(count);
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        socket.setReuseAddress(true);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on the loopback interface", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // the port was only probed; nothing listens on it
        }
      }
    }
  }
}
