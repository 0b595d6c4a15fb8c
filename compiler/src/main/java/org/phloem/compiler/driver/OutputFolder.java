package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output folder owned by one run. Claiming it creates it, checks that files can be written in it
 * (before any work, so a read-only folder is named at once) and takes a lock file holding this
 * process's id; a second run claiming the same folder is refused while the first is alive, and a lock
 * left by a run that was killed (its process no longer exists) is taken over with a note (the private lock
 * files such a run may leave are removed). The lock is released when the run ends ({@link #close}, or a
 * shutdown hook when the JVM exits otherwise).
 */
final class OutputFolder implements AutoCloseable {
  /** The lock file's name. */
  static final String LOCK = ".phloem-lock";

  private final Path folder;
  private final Path lock;
  private final String token;
  private final Thread releaseOnExit;

  private OutputFolder(Path folder, Path lock, String token) {
    this.folder = folder;
    this.lock = lock;
    this.token = token;
    this.releaseOnExit = new Thread(this::release, "phloem-release-lock");
    Runtime.getRuntime().addShutdownHook(releaseOnExit);
  }

  /** The folder. */
  Path path() {
    return folder;
  }

  /**
   * Creates {@code folder} if needed, checks it is writable and locks it for this run.
   *
   * @throws UserErrors.UserException when it cannot be created or written, or another live run holds it
   */
  static OutputFolder claim(Path folder) throws UserErrors.UserException {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UserErrors.UserException("cannot use the output folder " + folder + ": " + UserErrors.reason(e));
    }
    if (!Files.isDirectory(folder)) {
      throw new UserErrors.UserException("the output folder " + folder + " is not a folder");
    }
    if (!Files.isWritable(folder)) {
      throw new UserErrors.UserException("the output folder " + folder + " is not writable (permission denied); choose another with --out");
    }
    Path lock = folder.resolve(LOCK);
    long pid = ProcessHandle.current().pid();
    String token = pid + " " + Instant.now() + " " + System.nanoTime();
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        createWhole(lock, token);
        org.phloem.runtime.report.AtomicFiles.removeLeftovers(folder); // of a run killed while writing
        removeDeadRunsLockFiles(folder);
        return new OutputFolder(folder, lock, token);
      } catch (FileAlreadyExistsException held) {
        String seen = readQuietly(lock);
        Optional<String> holder = holder(lock, seen);
        if (holder.isPresent()) {
          throw new UserErrors.UserException("the output folder " + folder + " is in use by another Phloem run ("
              + holder.get() + "); wait for it to finish or choose another folder with --out");
        }
        if (!removeStale(lock, seen, token)) {
          continue; // another run took the stale lock over first: try again, and meet its lock
        }
        System.err.println("note: " + folder + " held a lock from a Phloem run that no longer runs (killed?); taking it over");
      } catch (IOException e) {
        throw new UserErrors.UserException("cannot write in the output folder " + folder + ": " + UserErrors.reason(e));
      }
    }
    throw new UserErrors.UserException("the output folder " + folder + " was claimed by another Phloem run just now; choose another with --out");
  }

  /**
   * Creates {@code lock} holding {@code token}, whole or not at all: the text is written to a file of
   * this run's own and then hard-linked to the lock's name, which fails if the lock exists. Another run
   * therefore never reads a lock half written (a lock created empty and then written was once read as
   * stale in between, and two fits wrote one folder). Where hard links are not supported, the lock is
   * created and written in one call.
   */
  private static void createWhole(Path lock, String token) throws IOException {
    Path mine = lock.resolveSibling(LOCK + "-" + Long.toHexString(System.nanoTime()) + "-" + ProcessHandle.current().pid());
    Files.writeString(mine, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.createLink(lock, mine);
    } catch (UnsupportedOperationException noLinks) {
      Files.writeString(lock, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } finally {
      Files.deleteIfExists(mine);
    }
  }

  /**
   * Removes a stale lock whose text was {@code seen}: moved aside first (one run wins the move), then
   * checked to be the lock judged stale, not a fresh lock another run made meanwhile (put back if so).
   *
   * @return true when this run removed it
   */
  private static boolean removeStale(Path lock, String seen, String token) throws UserErrors.UserException {
    Path aside = lock.resolveSibling(LOCK + "-stale-" + Long.toHexString(System.nanoTime()) + "-" + ProcessHandle.current().pid());
    try {
      Files.move(lock, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.NoSuchFileException gone) {
      return false;
    } catch (IOException e) {
      throw new UserErrors.UserException("cannot remove the stale lock " + lock + ": " + UserErrors.reason(e));
    }
    try {
      if (!seen.equals(readQuietly(aside))) {
        try {
          Files.createLink(lock, aside); // a fresh lock: give it back
        } catch (IOException | UnsupportedOperationException e) {
          // its run finds its lock gone when it releases; nothing else depends on it
        }
        return false;
      }
      return true;
    } finally {
      try {
        Files.deleteIfExists(aside);
      } catch (IOException e) {
        // left beside the lock; harmless
      }
    }
  }

  /** A run's own lock file before it is linked, or a stale lock moved aside: {@code .phloem-lock-[stale-]<hex>-<pid>}. */
  private static final Pattern PRIVATE_LOCK =
      Pattern.compile(Pattern.quote(LOCK) + "-(?:stale-)?[0-9a-f]+-(\\d{1,19})");

  /**
   * Removes the private lock files ({@link #createWhole}, {@link #removeStale}) of runs that no longer
   * run: a run killed between writing its own file and linking or deleting it leaves one. Files of live
   * processes, this one included (other threads of this JVM may be claiming a folder), are kept.
   *
   * @return how many were removed
   */
  static int removeDeadRunsLockFiles(Path folder) {
    int removed = 0;
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, LOCK + "-*")) {
      for (Path f : files) {
        Matcher m = PRIVATE_LOCK.matcher(f.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException tooLarge) {
          continue;
        }
        boolean alive = pid == self || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive && Files.deleteIfExists(f)) {
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // nothing (more) removed: such files are harmless, only untidy
    }
    return removed;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "\u0000unreadable";
    }
  }

  /** "process 1234, started 2026-...", when the lock's process is alive; empty when the lock is stale. */
  private static Optional<String> holder(Path lock, String text) {
    if (text.equals("\u0000unreadable")) {
      return Files.exists(lock) ? Optional.of("its lock file " + lock + " cannot be read") : Optional.empty();
    }
    String[] parts = text.trim().split("\\s+");
    long pid;
    try {
      pid = Long.parseLong(parts[0]);
    } catch (NumberFormatException e) {
      return Optional.empty(); // not a lock Phloem wrote (locks are created whole): stale
    }
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    return alive ? Optional.of("process " + pid + (parts.length > 1 ? ", started " + parts[1] : "")) : Optional.empty();
  }

  /** Releases the lock (only if it is still this run's). */
  @Override
  public void close() {
    release();
    try {
      Runtime.getRuntime().removeShutdownHook(releaseOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it releases
    }
  }

  private synchronized void release() {
    try {
      if (Files.exists(lock) && Files.readString(lock, StandardCharsets.UTF_8).trim().equals(token)) {
        Files.delete(lock);
      }
    } catch (IOException e) {
      // a lock that cannot be removed is stale once this process ends; the next run takes it over
    }
  }
}
