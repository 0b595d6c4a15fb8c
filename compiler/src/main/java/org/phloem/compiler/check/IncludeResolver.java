package org.phloem.compiler.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.phloem.compiler.ast.Include;
import org.phloem.compiler.ast.Item;
import org.phloem.compiler.ast.ModelDecl;
import org.phloem.compiler.ast.ModelFile;
import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.source.SourceFile;
import org.phloem.compiler.syntax.Parsing;

/**
 * Replaces each {@code include} by the items of the file it names, recursively. A path is relative to
 * the including file and must stay inside the main model's folder tree, or inside the tree of the
 * nearest enclosing folder that holds a {@value #LIBRARY_MARKER} file (so models in sibling folders of a
 * library such as the repository's {@code models/} can share files); a file already merged is not
 * merged again (so two files may share a common include); an include that leads back to a file still
 * being merged is a cycle.
 */
final class IncludeResolver {
  private final Path root;
  private final Diagnostics diagnostics;
  private final Deque<Path> active = new ArrayDeque<>();
  private final Deque<String> activeNames = new ArrayDeque<>();
  private final Set<Path> merged = new HashSet<>();
  private boolean unparsed;

  /**
   * The file whose presence in a folder lets every model below that folder include any file below it.
   * Without one, a model's includes stay inside its own folder.
   */
  static final String LIBRARY_MARKER = "phloem-include-root";

  /** @param folder the main model's folder (real path), or null when there is none */
  IncludeResolver(Path folder, Diagnostics diagnostics) {
    this.root = folder == null ? null : libraryRoot(folder);
    this.diagnostics = diagnostics;
  }

  /** True when some included file had syntax errors (and so contributed no items). */
  boolean hadUnparsedFile() {
    return unparsed;
  }

  /** The main file's items with includes merged in place. */
  List<Item> merge(ModelFile main) {
    List<Item> out = new ArrayList<>();
    Path self = main.source().location();
    if (self != null) {
      self = real(self);
      active.push(self);
      merged.add(self);
    }
    activeNames.push(main.source().displayPath());
    append(main, out, false);
    return out;
  }

  private void append(ModelFile file, List<Item> out, boolean included) {
    for (Item item : file.items()) {
      if (item instanceof Include) {
        include((Include) item, file.source(), out);
      } else if (included && item instanceof ModelDecl) {
        diagnostics.error(ErrorKind.MODEL_IN_INCLUDE, item.span());
      } else {
        out.add(item);
      }
    }
  }

  private void include(Include inc, SourceFile from, List<Item> out) {
    if (root == null || from.location() == null) {
      diagnostics.error(ErrorKind.INCLUDE_WITHOUT_FOLDER, inc.span(), inc.path());
      return;
    }
    Path target = from.location().toAbsolutePath().getParent().resolve(inc.path()).normalize();
    if (!target.startsWith(root)) {
      diagnostics.error(ErrorKind.INCLUDE_ESCAPES_FOLDER, inc.span(), inc.path(), folderName());
      return;
    }
    if (!Files.isRegularFile(target)) {
      diagnostics.error(ErrorKind.INCLUDE_NOT_FOUND, inc.span(), inc.path());
      return;
    }
    Path real = real(target);
    // A symbolic link inside the folder may still point outside it.
    if (!real.startsWith(root)) {
      diagnostics.error(ErrorKind.INCLUDE_ESCAPES_FOLDER, inc.span(), inc.path(), folderName());
      return;
    }
    String display = displayOf(from, inc.path());
    if (active.contains(real)) {
      diagnostics.error(ErrorKind.INCLUDE_CYCLE, inc.span(), cycle(real));
      return;
    }
    if (!merged.add(real)) {
      return;
    }
    String text;
    try {
      text = org.phloem.runtime.data.TextFile.read(real, org.phloem.runtime.data.TextFile.MAX_MODEL_BYTES, "model file");
    } catch (IOException | RuntimeException e) {
      diagnostics.error(ErrorKind.CANNOT_READ, inc.span(), inc.path(), Frontend.reason(e));
      return;
    }
    SourceFile source = new SourceFile(display, text, real);
    ModelFile parsed = Parsing.parse(source, diagnostics);
    if (parsed == null) {
      unparsed = true;
      return;
    }
    active.push(real);
    activeNames.push(display);
    append(parsed, out, true);
    active.pop();
    activeNames.pop();
  }

  /** "'a.phl' includes 'b.phl', which includes 'a.phl' again", from the file the cycle starts at. */
  private String cycle(Path target) {
    List<Path> paths = new ArrayList<>(active);
    List<String> names = new ArrayList<>(activeNames);
    java.util.Collections.reverse(paths);
    java.util.Collections.reverse(names);
    List<String> chain = names.subList(paths.indexOf(target), names.size());
    if (chain.size() == 1) {
      return "'" + chain.get(0) + "' includes itself";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i + 1 < chain.size(); i++) {
      text.append(i == 0 ? "" : ", ").append("'").append(chain.get(i)).append("' includes '")
          .append(chain.get(i + 1)).append("'");
    }
    return text.append(", which includes '").append(chain.get(0)).append("' again").toString();
  }

  /** The nearest folder at or above {@code folder} holding the marker file; {@code folder} when none does. */
  private static Path libraryRoot(Path folder) {
    for (Path p = folder; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(LIBRARY_MARKER))) {
        return p;
      }
    }
    return folder;
  }

  private String folderName() {
    Path name = root.getFileName();
    return name == null ? root.toString() : name + "/";
  }

  /** The included file's name as shown in messages: beside its includer's display path. */
  private static String displayOf(SourceFile from, String path) {
    String parent = from.displayPath().contains("/")
        ? from.displayPath().substring(0, from.displayPath().lastIndexOf('/') + 1) : "";
    return Path.of(parent + path).normalize().toString().replace('\\', '/');
  }

  static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
