package org.phloem.compiler.diagnose;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.phloem.grammar.PhloemLexer;

/**
 * A model text as a list of tokens, each with the whitespace and comments before it, so that token
 * edits keep the rest of the layout (and so the line numbers diagnostics point at) intact.
 */
final class TokenText {
  /** One token: the text before it (layout), its type and its text. */
  static final class Piece {
    String gap;
    int type;
    String text;

    Piece(String gap, int type, String text) {
      this.gap = gap;
      this.type = type;
      this.text = text;
    }
  }

  final List<Piece> pieces = new ArrayList<>();
  private String tail = "";

  private TokenText() {}

  /** Splits {@code text} with the Phloem lexer (unlexable characters become tokens of their own). */
  static TokenText of(String text) {
    TokenText t = new TokenText();
    PhloemLexer lexer = new PhloemLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    int at = 0;
    for (Token tok : lexer.getAllTokens()) {
      int start = tok.getStartIndex();
      int stop = tok.getStopIndex() + 1;
      if (start < at) {
        continue;
      }
      t.pieces.add(new Piece(text.substring(at, start), tok.getType(), text.substring(start, stop)));
      at = stop;
    }
    t.tail = text.substring(Math.min(at, text.length()));
    return t;
  }

  /** The text again, with every edit applied. */
  String render() {
    StringBuilder out = new StringBuilder();
    for (Piece p : pieces) {
      out.append(p.gap).append(p.text);
    }
    return out.append(tail).toString();
  }

  /** Indices of the tokens of {@code type}. */
  List<Integer> indicesOf(int type) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      if (pieces.get(i).type == type) {
        out.add(i);
      }
    }
    return out;
  }
}
