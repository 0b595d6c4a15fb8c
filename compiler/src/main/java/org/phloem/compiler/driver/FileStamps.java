package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What tells {@code phloem watch} that a file was saved: its modification time and size. */
final class FileStamps {
  private FileStamps() {}

  /** One file's stamp. */
  record Stamp(FileTime modified, long size) {}

  /** The stamp of each file, in order; null for a file that is missing or cannot be read. */
  static Map<Path, Stamp> of(Set<Path> files) {
    Map<Path, Stamp> out = new LinkedHashMap<>();
    for (Path f : files) {
      try {
        out.put(f, new Stamp(Files.getLastModifiedTime(f), Files.size(f)));
      } catch (IOException e) {
        out.put(f, null);
      }
    }
    return out;
  }
}
