package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Wakes {@code phloem watch} as soon as something changes in a folder of a watched file, where the
 * operating system says so (inotify on Linux, through {@link WatchService}); the watcher then looks at
 * the files' stamps as it does after every poll. Where there is no such service, or it is slow (some
 * systems poll every few seconds) or blind (network folders), the poll interval bounds the wait: the
 * events only shorten it. Events on other files of those folders only wake the watcher for a look.
 */
final class DirectoryEvents implements AutoCloseable {
  private final WatchService service;
  private final Set<Path> folders = new HashSet<>();

  private DirectoryEvents(WatchService service) {
    this.service = service;
  }

  /** The default file system's events, or none (polling alone) when it has no watch service. */
  static DirectoryEvents open() {
    try {
      return new DirectoryEvents(FileSystems.getDefault().newWatchService());
    } catch (IOException | UnsupportedOperationException e) {
      return new DirectoryEvents(null);
    }
  }

  /** Also listens to the folders of {@code files} (each once). */
  void listen(Set<Path> files) {
    if (service == null) {
      return;
    }
    for (Path f : files) {
      Path folder = f.toAbsolutePath().getParent();
      if (folder != null && folders.add(folder)) {
        try {
          folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException | ClosedWatchServiceException e) {
          // not this folder: polling sees its files' saves
        }
      }
    }
  }

  /** Waits {@code millis}, or less when a listened folder changed (the events are used up). */
  void await(long millis) throws InterruptedException {
    if (service == null) {
      Thread.sleep(millis);
      return;
    }
    try {
      WatchKey key = service.poll(millis, TimeUnit.MILLISECONDS);
      while (key != null) {
        key.pollEvents();
        key.reset();
        key = service.poll();
      }
    } catch (ClosedWatchServiceException e) {
      Thread.sleep(millis);
    }
  }

  @Override
  public void close() {
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }
}
