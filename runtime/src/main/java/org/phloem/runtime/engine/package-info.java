/**
 * Engines: where independent units of work run (the sites of a site sum, the starts of a multi-start
 * fit). {@link org.phloem.runtime.engine.Engine} is the contract, {@link
 * org.phloem.runtime.engine.LocalEngine} the default (this JVM's cores), {@link
 * org.phloem.runtime.engine.Engines} finds others on the class path by name (engine-spark adds
 * {@code spark}). A model crosses to another JVM as a {@link org.phloem.runtime.engine.ModelCode} (its
 * class file and layout) with its bound data ({@link org.phloem.runtime.engine.PortableModel}), never
 * as source: the runtime needs no compiler.
 *
 * <p>Takes: models bound on the driver. Guarantees: the same bits from every engine.
 */
package org.phloem.runtime.engine;
