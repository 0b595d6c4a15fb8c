package org.phloem.runtime.engine;

import java.io.Serializable;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.BoundData;

/**
 * A bound model that another JVM can rebuild: its class file and layout, and the data the driver bound
 * and checked. Engines that run work elsewhere ship this; the local engine uses the model it is given.
 *
 * @param code the generated class
 * @param data the bound data
 */
public record PortableModel(ModelCode code, BoundData data) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A new instance of the model over its data. */
  public CompiledModel bind() {
    return code.bind(data);
  }
}
