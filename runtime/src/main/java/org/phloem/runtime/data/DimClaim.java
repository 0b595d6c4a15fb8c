package org.phloem.runtime.data;

/**
 * A statement, from a source other than a CSV table (a NetCDF variable), that a dim has some size.
 *
 * @param dim the dim
 * @param size the size claimed
 * @param who who says so, for messages ("variable 'v' of malta/x.nc (its dimension 'time')")
 * @param file the file, for messages
 * @param modelLine the model line of the declaration that asked for it
 */
record DimClaim(String dim, int size, String who, String file, int modelLine) {}
