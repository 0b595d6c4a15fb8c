package org.phloem.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A NetCDF file open for reading: its variables' headers, and any variable's values as doubles (raw,
 * before the CF attributes {@code _FillValue}, {@code scale_factor}, ... are applied; see
 * {@link CfDecoding}). NetCDF-4 files (HDF5 underneath) are read with jhdf; classic files (CDF-1, CDF-2)
 * by {@link CdfClassicFile}.
 */
interface NcFile extends AutoCloseable {
  /** The variables, in the file's order. */
  List<String> variableNames();

  /** A variable's header, or null when the file has no variable of that name. */
  NcVariable variable(String name);

  /** Every value of a variable, row-major (last dimension fastest), converted to double. */
  double[] read(NcVariable v) throws IOException;

  @Override
  void close();

  /** Thrown for a file that is not NetCDF, or that the readers cannot make sense of. */
  final class FormatException extends IOException {
    private static final long serialVersionUID = 1L;

    FormatException(String message) {
      super(message);
    }
  }

  /** Opens a NetCDF file of either format, telling them apart by their first bytes. */
  static NcFile open(Path file) throws IOException {
    byte[] magic = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(magic, 0, 8);
    }
    if (n >= 4 && magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F' && (magic[3] == 1 || magic[3] == 2)) {
      return CdfClassicFile.open(file);
    }
    if (n == 8 && (magic[0] & 0xff) == 0x89 && magic[1] == 'H' && magic[2] == 'D' && magic[3] == 'F') {
      return Hdf5NcFile.open(file);
    }
    if (n >= 4 && magic[0] == 'C' && magic[1] == 'D' && magic[2] == 'F' && magic[3] == 5) {
      throw new FormatException("a NetCDF CDF-5 (64-bit data) file; Phloem reads NetCDF-4 and the classic formats "
          + "CDF-1 and CDF-2 (convert with `nccopy -k nc4 IN OUT`)");
    }
    throw new FormatException("not a NetCDF file (it starts with neither 'CDF' nor the HDF5 signature)");
  }
}
