package org.phloem.compiler.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.antlr.v4.runtime.Vocabulary;
import org.phloem.grammar.PhloemLexer;

/**
 * The edits a modeller's slip makes to a model, applied at random to valid models: tokens deleted,
 * duplicated, swapped or replaced; indices changed, added or dropped; units swapped for clashing ones;
 * numbers replaced by extreme values. Also wholly random token sequences.
 */
final class Mutations {
  /** Every keyword and operator of the language, from the lexer's own vocabulary. */
  static final List<String> LITERALS = literals();
  private static final String[] NUMBERS = {
    "0", "1", "-1", "2", "0.5", "1e308", "1e309", "-1e308", "1e-320", "2147483647", "2147483648",
    "99999999999999999999", "2000000000", "65536", "3.0", "1e-9", "0.0", "7"};
  private static final String[] UNITS = {
    "degC", "K", "gC/m2", "gC/m2/day", "1/day", "day", "MJ/m2/day", "ppm", "m^2", "s", "%", "gC", "mol",
    "kg/m3", "1", "m^-1", "(gC/m2)^2", "umol/m2/s", "furlong"};
  private static final String[] NAMES = {"x", "d", "day", "p1", "cf", "gpp", "size", "sum", "exp", "log", "i", "t", "p", "J", "g", "dp"};

  private final Random random;

  Mutations(Random random) {
    this.random = random;
  }

  private static List<String> literals() {
    Vocabulary v = PhloemLexer.VOCABULARY;
    List<String> out = new ArrayList<>();
    for (int t = 1; t <= v.getMaxTokenType(); t++) {
      String lit = v.getLiteralName(t);
      if (lit != null) {
        out.add(lit.substring(1, lit.length() - 1));
      }
    }
    return List.copyOf(out);
  }

  /** {@code seed} with one to four random edits. */
  String mutate(String seed) {
    TokenText t = TokenText.of(seed);
    int edits = 1 + random.nextInt(random.nextInt(10) == 0 ? 4 : 2);
    for (int k = 0; k < edits && !t.pieces.isEmpty(); k++) {
      edit(t);
    }
    return t.render();
  }

  /**
   * {@code seed} with one edit of the kind that still compiles more often than not, so that the
   * run-time stage sees many models that run: an index changed or shifted, an extreme number, a name
   * swapped.
   */
  String mutateForRun(String seed) {
    TokenText t = TokenText.of(seed);
    if (t.pieces.isEmpty()) {
      return seed;
    }
    switch (random.nextInt(4)) {
      case 0:
        wrongIndices(t);
        break;
      case 1: {
        List<Integer> nums = t.indicesOf(PhloemLexer.INT);
        nums.addAll(t.indicesOf(PhloemLexer.FLOAT));
        if (!nums.isEmpty()) {
          t.pieces.get(nums.get(random.nextInt(nums.size()))).text = NUMBERS[random.nextInt(NUMBERS.length)];
        }
        break;
      }
      case 2:
        swapNames(t);
        break;
      default: { // an index shifted off its loop: x[d] becomes x[d - 1] or x[d + 2]
        List<Integer> opens = t.indicesOf(PhloemLexer.LBRACK);
        if (!opens.isEmpty()) {
          int at = opens.get(random.nextInt(opens.size())) + 1;
          if (at < t.pieces.size() && t.pieces.get(at).type == PhloemLexer.ID) {
            t.pieces.get(at).text = t.pieces.get(at).text + pick(List.of(" - 1", " + 1", " - 2", " + 2", " * 2"));
          }
        }
        break;
      }
    }
    return t.render();
  }

  private void edit(TokenText t) {
    List<TokenText.Piece> ps = t.pieces;
    int i = random.nextInt(ps.size());
    switch (random.nextInt(9)) {
      case 0: // delete one to three tokens
        for (int n = 1 + random.nextInt(3); n > 0 && i < ps.size(); n--) {
          ps.get(i).text = "";
          i++;
        }
        break;
      case 1: // duplicate a token
        ps.add(i, new TokenText.Piece(" ", ps.get(i).type, ps.get(i).text));
        break;
      case 2: { // swap two neighbours
        int j = Math.min(ps.size() - 1, i + 1);
        String a = ps.get(i).text;
        ps.get(i).text = ps.get(j).text;
        ps.get(j).text = a;
        break;
      }
      case 3: // replace a token with any keyword or operator
        ps.get(i).text = pick(LITERALS);
        break;
      case 4: // a name used somewhere else in the file (wrong index, wrong variable, wrong dim)
        swapNames(t);
        break;
      case 5:
        wrongIndices(t);
        break;
      case 6:
        unitClash(t);
        break;
      case 7: { // an extreme number
        List<Integer> nums = t.indicesOf(PhloemLexer.INT);
        nums.addAll(t.indicesOf(PhloemLexer.FLOAT));
        int at = nums.isEmpty() ? i : nums.get(random.nextInt(nums.size()));
        ps.get(at).text = NUMBERS[random.nextInt(NUMBERS.length)];
        break;
      }
      default: // a line moved: statements out of order, declarations inside loops
        moveStretch(t);
        break;
    }
  }

  private void swapNames(TokenText t) {
    List<Integer> ids = t.indicesOf(PhloemLexer.ID);
    if (ids.isEmpty()) {
      return;
    }
    TokenText.Piece target = t.pieces.get(ids.get(random.nextInt(ids.size())));
    target.text = random.nextInt(4) == 0 ? NAMES[random.nextInt(NAMES.length)]
        : t.pieces.get(ids.get(random.nextInt(ids.size()))).text;
  }

  /** Changes what stands inside a pair of brackets: another index, a literal, one more, one fewer. */
  private void wrongIndices(TokenText t) {
    List<Integer> opens = t.indicesOf(PhloemLexer.LBRACK);
    if (opens.isEmpty()) {
      return;
    }
    int at = opens.get(random.nextInt(opens.size()));
    if (at + 1 >= t.pieces.size()) {
      return;
    }
    TokenText.Piece inside = t.pieces.get(at + 1);
    switch (random.nextInt(5)) {
      case 0:
        inside.text = inside.text + ", " + inside.text;
        break;
      case 1:
        inside.text = "";
        break;
      case 2:
        inside.text = pick(List.of("0", "-1", "1000000", "2147483647", "d + 1", "d - 1", "size(day)", "0.5"));
        break;
      case 3:
        inside.text = inside.text + " + 1";
        break;
      default:
        List<Integer> ids = t.indicesOf(PhloemLexer.ID);
        inside.text = ids.isEmpty() ? "x" : t.pieces.get(ids.get(random.nextInt(ids.size()))).text;
        break;
    }
  }

  /** Replaces the unit after a {@code unit} keyword, or gives a declaration a unit it did not have. */
  private void unitClash(TokenText t) {
    List<Integer> units = t.indicesOf(PhloemLexer.UNIT);
    String unit = UNITS[random.nextInt(UNITS.length)];
    if (!units.isEmpty() && random.nextBoolean()) {
      int at = units.get(random.nextInt(units.size()));
      // The unit runs to the end of the line; drop its tokens there and write the new one.
      int i = at + 1;
      while (i < t.pieces.size() && !t.pieces.get(i).gap.contains("\n") && t.pieces.get(i).type != PhloemLexer.STRING) {
        t.pieces.get(i).text = "";
        i++;
      }
      t.pieces.get(at).text = "unit " + unit;
      return;
    }
    List<Integer> decls = new ArrayList<>();
    for (int type : new int[] {PhloemLexer.CONST, PhloemLexer.STATE, PhloemLexer.VAR, PhloemLexer.OUTPUT,
        PhloemLexer.INPUT, PhloemLexer.PARAM}) {
      decls.addAll(t.indicesOf(type));
    }
    if (decls.isEmpty()) {
      return;
    }
    int at = decls.get(random.nextInt(decls.size()));
    int end = at + 1;
    while (end + 1 < t.pieces.size() && !t.pieces.get(end + 1).gap.contains("\n")) {
      end++;
    }
    t.pieces.get(end).text = t.pieces.get(end).text + " unit " + unit;
  }

  private void moveStretch(TokenText t) {
    int from = random.nextInt(t.pieces.size());
    int length = 1 + random.nextInt(Math.min(8, t.pieces.size() - from));
    List<TokenText.Piece> moved = new ArrayList<>(t.pieces.subList(from, from + length));
    t.pieces.subList(from, from + length).clear();
    int to = t.pieces.isEmpty() ? 0 : random.nextInt(t.pieces.size() + 1);
    moved.get(0).gap = "\n";
    t.pieces.addAll(to, moved);
  }

  /** A random sequence of tokens, half the time after a model line so the parser gets past it. */
  String randomTokens() {
    StringBuilder out = new StringBuilder();
    if (random.nextBoolean()) {
      out.append("model fuzz \"random tokens\"\n");
    }
    int n = random.nextInt(60);
    for (int k = 0; k < n; k++) {
      switch (random.nextInt(6)) {
        case 0:
        case 1:
          out.append(pick(LITERALS));
          break;
        case 2:
          out.append(NAMES[random.nextInt(NAMES.length)]);
          break;
        case 3:
          out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
          break;
        case 4:
          out.append(pick(List.of("\"x\"", "\"dalec_oregon/drivers.csv\"", "\"../escape.phl\"", "\"", "@", "#", "é", "/*", "*/", "//")));
          break;
        default:
          out.append('\n');
          break;
      }
      out.append(random.nextInt(5) == 0 ? "\n" : " ");
    }
    return out.toString();
  }

  private String pick(List<String> options) {
    return options.get(random.nextInt(options.size()));
  }
}
