package org.phloem.compiler.ad;

import java.util.List;
import org.phloem.compiler.ir.Stmt;

/**
 * The adjoint of one long loop by a checkpointing schedule. The rest of the transform only needs the
 * forward part to leave the loop's final state (with whatever it recorded on the tape for the reverse
 * part) and the reverse part to run every step's reverse, last to first, leaving the tape as it found it.
 */
interface LoopCheckpointing {

  /** The forward-sweep code; call first. */
  List<Stmt> forward();

  /** The reverse-sweep code. */
  List<Stmt> reverse();
}
