package org.phloem.compiler.ast;

/** The kinds of declaration, as the modeller writes them. */
public enum DeclKind {
  MODEL("model"), DATA("data table"), DIM("dim"), PARAM("param"), INPUT("input"), CONST("const"),
  STATE("state"), VAR("var"), OUTPUT("output"), FN("fn");

  private final String word;

  DeclKind(String word) {
    this.word = word;
  }

  /** The word for messages ("param", "data table"). */
  public String word() {
    return word;
  }

  /** The word with its article ("a param", "an input"). */
  public String withArticle() {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }
}
