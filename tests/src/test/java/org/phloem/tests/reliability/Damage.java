package org.phloem.tests.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random damage to a file's bytes, the kinds a disk, a transfer, an editor or a careless hand do: bytes
 * flipped or set to 0/0xFF (invalid UTF-8), the file cut short, lines dropped, repeated or swapped,
 * cells replaced by odd numbers ({@code NaN}, {@code 1e999}, {@code -0}, {@code 0x10}, a 400-digit
 * number ...) or text, cells added or removed, separators and line ends changed, a byte-order mark.
 * Each call applies one to three of them; the name of each is kept so a failure says what was done.
 */
final class Damage {
  private static final String[] ODD_CELLS = {"", "NaN", "nan", "Inf", "-Infinity", "1e999", "-1e999", "1e-400", "-0", "0x10",
      "abc", " 1 ", "1,5", "\"1\"", "1.2.3", "--1", "+", "1e", "9".repeat(400), "0." + "0".repeat(400) + "1", "\u0661\u0662",
      "1\u00a0000", "NA", "null", "2147483648", "-2147483649", "\t", "∞"};

  private final Random random;
  private final List<String> applied = new ArrayList<>();

  Damage(Random random) {
    this.random = random;
  }

  /** What was done so far, for failure messages. */
  List<String> applied() {
    return applied;
  }

  /** {@code bytes} with one to three random kinds of damage. */
  byte[] apply(byte[] bytes) {
    int times = 1 + random.nextInt(3);
    for (int k = 0; k < times; k++) {
      bytes = once(bytes);
    }
    return bytes;
  }

  private byte[] once(byte[] bytes) {
    int kind = random.nextInt(12);
    switch (kind) {
      case 0: return flipBytes(bytes);
      case 1: return cut(bytes);
      default: break;
    }
    List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
    if (lines.isEmpty()) {
      lines.add("");
    }
    int at = random.nextInt(lines.size());
    switch (kind) {
      case 2:
        applied.add("line " + (at + 1) + " dropped");
        lines.remove(at);
        break;
      case 3:
        applied.add("line " + (at + 1) + " repeated");
        lines.add(at, lines.get(at));
        break;
      case 4: {
        int other = random.nextInt(lines.size());
        applied.add("lines " + (at + 1) + " and " + (other + 1) + " swapped");
        String t = lines.get(at);
        lines.set(at, lines.get(other));
        lines.set(other, t);
        break;
      }
      case 5:
      case 6:
      case 7: {
        String odd = ODD_CELLS[random.nextInt(ODD_CELLS.length)];
        applied.add("a cell of line " + (at + 1) + " set to '" + odd + "'");
        lines.set(at, replaceCell(lines.get(at), odd));
        break;
      }
      case 8: {
        if (random.nextBoolean()) {
          applied.add("a cell added to line " + (at + 1));
          lines.set(at, lines.get(at) + "," + random.nextInt(100));
        } else {
          applied.add("the last cell of line " + (at + 1) + " removed");
          int comma = lines.get(at).lastIndexOf(',');
          lines.set(at, comma < 0 ? "" : lines.get(at).substring(0, comma));
        }
        break;
      }
      case 9:
        applied.add("separators changed");
        String sep = new String[] {";", "\t", " ", ",,"}[random.nextInt(4)];
        lines.replaceAll(l -> l.replace(",", sep));
        break;
      case 10:
        applied.add(random.nextBoolean() ? "CRLF line ends" : "a byte-order mark");
        if (applied.get(applied.size() - 1).startsWith("CRLF")) {
          lines.replaceAll(l -> l + "\r");
        } else {
          lines.set(0, "\ufeff" + lines.get(0));
        }
        break;
      default:
        applied.add("emptied");
        lines.clear();
        lines.add(random.nextBoolean() ? "" : "x");
        break;
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] flipBytes(byte[] bytes) {
    if (bytes.length == 0) {
      applied.add("nothing to flip");
      return bytes;
    }
    byte[] out = bytes.clone();
    int n = 1 + random.nextInt(8);
    for (int k = 0; k < n; k++) {
      int at = random.nextInt(out.length);
      int v = random.nextInt(4);
      out[at] = v == 0 ? 0 : v == 1 ? (byte) 0xFF : (byte) random.nextInt(256);
    }
    applied.add(n + " bytes overwritten");
    return out;
  }

  private byte[] cut(byte[] bytes) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    applied.add("cut at byte " + at + " of " + bytes.length);
    return Arrays.copyOf(bytes, at);
  }

  private String replaceCell(String line, String odd) {
    String sep = line.contains(",") ? "," : " "; // CSV tables; space-separated state files
    String[] cells = line.split(sep, -1);
    cells[random.nextInt(cells.length)] = odd;
    return String.join(sep, cells);
  }
}
