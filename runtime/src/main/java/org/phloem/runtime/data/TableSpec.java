package org.phloem.runtime.data;

/**
 * A {@code data} declaration: a CSV table the model's inputs are bound from.
 *
 * @param name the table's name in the model ({@code data obs = "..."}; the file stem when not given)
 * @param path the path relative to the data root, as written
 * @param line the declaration's line in the model file (for messages), 0 when unknown
 */
public record TableSpec(String name, String path, int line) {}
