package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Enter in the terminal asks {@code phloem watch} for the full check, once per press. */
class FullCheckRequestsTest {
  @Test
  void eachLineIsARequest_takenOnce() throws Exception {
    PipedOutputStream keys = new PipedOutputStream();
    FullCheckRequests requests = FullCheckRequests.listen(new PipedInputStream(keys));
    assertFalse(requests.take());
    keys.write("\n".getBytes(StandardCharsets.UTF_8));
    keys.flush();
    assertTrue(awaitRequest(requests), "the press was seen");
    assertFalse(requests.take(), "and taken once");
    keys.close(); // end of input: the reader stops, no request
    assertFalse(requests.take());
  }

  @Test
  void withoutATerminal_thereIsNeverARequest() {
    assertFalse(FullCheckRequests.NONE.take());
  }

  private static boolean awaitRequest(FullCheckRequests requests) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (requests.take()) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
