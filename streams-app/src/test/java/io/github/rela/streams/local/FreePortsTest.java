package io.github.rela.streams.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void picksDistinctPortsThatCanBeBound() throws IOException {
    int[] ports = FreePorts.pick(8);
    assertEquals(8, Arrays.stream(ports).distinct().count(), Arrays.toString(ports));
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertEquals(port, socket.getLocalPort());
      }
    }
  }
}
