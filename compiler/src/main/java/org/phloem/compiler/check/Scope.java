package org.phloem.compiler.check;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.source.Span;

/**
 * Names visible at one place: a chain of nested scopes ending in the globals. Each block, loop header,
 * reduction and fn body opens one.
 */
final class Scope {
  private final Scope parent;
  private final Map<String, Ref> names = new HashMap<>();
  private final Map<String, Span> definedAt = new HashMap<>();

  private Scope(Scope parent) {
    this.parent = parent;
  }

  /** The outermost scope, holding every global value name. */
  static Scope globals(Globals globals) {
    Scope s = new Scope(null);
    for (String name : globals.names()) {
      s.names.put(name, new Ref.DeclRef(globals.get(name)));
    }
    return s;
  }

  /** A new scope inside this one. */
  Scope child() {
    return new Scope(this);
  }

  /** What {@code name} refers to here, or null. */
  Ref lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      Ref r = s.names.get(name);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  /**
   * Defines {@code name} in this scope (shadowing outer ones).
   *
   * @return where it was already defined in this same scope, or null when it was not
   */
  Span define(String name, Ref ref, Span at) {
    Span earlier = parent != null ? definedAt.get(name) : null;
    if (earlier != null) {
      return earlier;
    }
    names.put(name, ref);
    definedAt.put(name, at);
    return null;
  }

  /** Every name visible here, for suggestions. */
  Collection<String> visibleNames() {
    Set<String> out = new LinkedHashSet<>();
    for (Scope s = this; s != null; s = s.parent) {
      out.addAll(s.names.keySet());
    }
    return out;
  }
}
