package org.phloem.compiler.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enter pressed while {@code phloem watch} waits: a request for the full check. A daemon thread reads
 * lines from the terminal; the watcher takes the request between polls, so the check runs on the
 * watcher's own thread, never beside a round. Several presses before the watcher looks count as one.
 */
class FullCheckRequests {
  /** No terminal: never a request. */
  static final FullCheckRequests NONE = new FullCheckRequests();

  private final AtomicBoolean pending = new AtomicBoolean();

  /** Listens to {@code in} on a daemon thread: each line read is a request; the end of input ends listening. */
  static FullCheckRequests listen(InputStream in) {
    FullCheckRequests requests = new FullCheckRequests();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        while (lines.readLine() != null) {
          requests.pending.set(true);
        }
      } catch (IOException e) {
        // the terminal went away: no more requests
      }
    }, "phloem-watch-keys");
    reader.setDaemon(true);
    reader.start();
    return requests;
  }

  /** True once per request made since the last call. */
  boolean take() {
    return pending.getAndSet(false);
  }
}
