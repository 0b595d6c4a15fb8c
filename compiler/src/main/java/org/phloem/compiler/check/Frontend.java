package org.phloem.compiler.check;

import java.io.IOException;
import org.phloem.runtime.data.TextFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.ast.FnDecl;
import org.phloem.compiler.ast.Item;
import org.phloem.compiler.ast.ModelDecl;
import org.phloem.compiler.ast.ModelFile;
import org.phloem.compiler.ast.Stmt;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.source.SourceFile;
import org.phloem.compiler.source.Span;
import org.phloem.compiler.syntax.Parsing;

/**
 * The front end in one call: read, parse, merge includes, check. Either every check passes and a
 * {@link CheckedModel} comes back, or a {@link CompileException} carries every error found.
 */
public final class Frontend {
  private Frontend() {}

  /**
   * Analyzes a model file; includes are resolved beside it and must stay in its folder tree.
   *
   * @param modelFile the .phl file; messages show it as given (relative paths stay relative)
   * @throws CompileException when the file cannot be read or has any error
   */
  public static CheckedModel analyze(Path modelFile) throws CompileException {
    String display = modelFile.toString().replace('\\', '/');
    String text;
    try {
      text = TextFile.read(modelFile, TextFile.MAX_MODEL_BYTES, "model file");
    } catch (IOException | RuntimeException e) {
      throw unreadable(modelFile, display, e);
    }
    Path real = IncludeResolver.real(modelFile);
    return analyze(new SourceFile(display, text, real), real.getParent());
  }

  /**
   * Analyzes model text that did not come from a file.
   *
   * @param displayName the name to show in messages
   * @param text the model
   * @param folderForIncludes the folder includes are resolved in (and must stay inside), or null when
   *     the model may not include anything
   * @throws CompileException when the model has any error
   */
  public static CheckedModel analyze(String displayName, String text, Path folderForIncludes)
      throws CompileException {
    Path folder = folderForIncludes == null ? null : IncludeResolver.real(folderForIncludes);
    // The file itself need not exist: includes only use the folder its name is resolved in.
    Path location = folder == null ? null : folder.resolve("(" + safeName(displayName) + ")");
    return analyze(new SourceFile(displayName, text, location), folder);
  }

  private static String safeName(String displayName) {
    return displayName.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static CheckedModel analyze(SourceFile main, Path folder) throws CompileException {
    Diagnostics diagnostics = new Diagnostics();
    ModelFile parsed = Parsing.parse(main, diagnostics);
    if (parsed == null) {
      diagnostics.throwIfErrors();
    }
    IncludeResolver includes = new IncludeResolver(folder, diagnostics);
    List<Item> items = includes.merge(parsed);
    if (includes.hadUnparsedFile()) {
      diagnostics.throwIfErrors();
    }
    ModelDecl model = modelDecl(parsed, diagnostics);

    Globals globals = new Globals(items, diagnostics);
    CheckContext ctx = new CheckContext(diagnostics, globals);
    Scope root = Scope.globals(globals);
    ExprChecker exprs = new ExprChecker(ctx);
    StmtChecker stmts = new StmtChecker(ctx, exprs);
    FnChecker fns = new FnChecker(ctx, exprs, stmts);
    DeclChecker decls = new DeclChecker(ctx, exprs);

    decls.declareShapes(globals.all(), root);
    decls.check(globals.all(), root);
    // Top-level lets live in a scope of their own, so they may not clash with globals in the table.
    Scope top = root.child();
    for (Item item : items) {
      if (item instanceof Stmt) {
        stmts.statement((Stmt) item, top, StmtChecker.Place.TOP);
      } else if (item instanceof FnDecl && globals.get(((Decl) item).name().name()) == item) {
        fns.check((FnDecl) item, root);
      }
    }
    fns.checkRecursion(globals.all().stream()
        .filter(d -> d instanceof FnDecl).map(d -> (FnDecl) d).toList());
    diagnostics.throwIfErrors();
    return new CheckedModel(model, main, items.stream().filter(i -> !(i instanceof ModelDecl)).toList(),
        ctx, decls);
  }

  /** The main file's single model declaration (reported when missing or repeated). */
  private static ModelDecl modelDecl(ModelFile main, Diagnostics diagnostics) {
    ModelDecl first = null;
    for (Item i : main.items()) {
      if (i instanceof ModelDecl) {
        if (first == null) {
          first = (ModelDecl) i;
        } else {
          diagnostics.error(ErrorKind.DUPLICATE_MODEL, i.span(), first.span().startLine());
        }
      }
    }
    if (first == null) {
      diagnostics.error(ErrorKind.MISSING_MODEL, Span.of(main.source(), 1, 1, 1));
    }
    return first;
  }

  /**
   * The error for a model or included file that cannot be read; invalid UTF-8 is shown on its line (the
   * text decoded leniently, so that the line can be quoted).
   */
  static CompileException unreadable(Path file, String display, Exception e) {
    Diagnostics d = new Diagnostics();
    int line = e instanceof TextFile.Refused ? ((TextFile.Refused) e).line() : 0;
    SourceFile source = new SourceFile(display, line > 0 ? lenient(file) : "", null);
    d.error(ErrorKind.CANNOT_READ, Span.of(source, Math.max(1, line), 1, 1), display, reason(e));
    return new CompileException(d.sorted(), false);
  }

  private static String lenient(Path file) {
    try {
      return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return String.valueOf(e.getMessage());
  }
}
