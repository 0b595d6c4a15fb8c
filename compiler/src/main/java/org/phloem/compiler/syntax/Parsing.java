package org.phloem.compiler.syntax;

import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.phloem.compiler.ast.ModelFile;
import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.source.SourceFile;
import org.phloem.grammar.PhloemLexer;
import org.phloem.grammar.PhloemParser;

/** Parses one source file into its AST, reporting every syntax error it can find. */
public final class Parsing {
  private Parsing() {}

  /**
   * Parses {@code file}.
   *
   * @return the AST, or null when the file has any syntax error (all of them are then in
   *     {@code diagnostics}); an AST is never built from a file with syntax errors
   */
  public static ModelFile parse(SourceFile file, Diagnostics diagnostics) {
    diagnostics.registerFile(file);
    Spans spans = new Spans(file);
    SyntaxErrorSink sink = new SyntaxErrorSink(diagnostics);

    PhloemLexer lexer = new PhloemLexer(CharStreams.fromString(file.text(), file.displayPath()));
    lexer.removeErrorListeners();
    lexer.addErrorListener(new LexerErrorListener(spans, sink));
    if (NestingLimit.exceeded(file.text(), spans, diagnostics)) {
      return null;
    }
    PhloemParser parser = new PhloemParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.setErrorHandler(new SyntaxErrorStrategy(spans, sink));

    PhloemParser.FileContext tree = parser.file();
    if (sink.reported() > 0) {
      return null;
    }
    int before = diagnostics.count();
    ModelFile ast = new AstBuilder(spans, diagnostics).file(tree);
    return diagnostics.count() > before ? null : ast;
  }
}
