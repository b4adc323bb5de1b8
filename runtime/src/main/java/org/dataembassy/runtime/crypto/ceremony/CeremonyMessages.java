package org.dataembassy.runtime.crypto.ceremony;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What passes between a site's token and the state's at the key ceremony, through the ceremony's
 * pipes (never a file): certification requests one way, certificates the other. One line per key,
 * {@code <kind> <base64 DER>} (a PKCS#10 request or an X.509 certificate), then {@code end}. Both
 * sides read it bounded: at most one line per kind, each at most {@value #MAX_LINE} characters.
 */
public final class CeremonyMessages {

  /** One key's request or certificate. */
  public record Item(CertifiedKey kind, byte[] der) {}

  static final int MAX_LINE = 8192;
  private static final String END = "end";

  private CeremonyMessages() {}

  public static void write(List<Item> items, OutputStream out) {
    PrintStream print = new PrintStream(out, false, StandardCharsets.US_ASCII);
    for (Item item : items) {
      print.print(item.kind().id() + " " + Base64.getEncoder().encodeToString(item.der()) + "\n");
    }
    print.print(END + "\n");
    print.flush();
  }

  /** Reads up to and including {@code end}; an error for anything else, a repeated kind or a cut-off message. */
  public static List<Item> read(InputStream in) throws IOException {
    List<Item> items = new ArrayList<>();
    Set<CertifiedKey> seen = EnumSet.noneOf(CertifiedKey.class);
    while (true) {
      String line = readLine(in);
      if (line == null) {
        throw new IOException("the ceremony's message ended before 'end'");
      }
      if (line.equals(END)) {
        return items;
      }
      int space = line.indexOf(' ');
      CertifiedKey kind =
          (space < 0 ? java.util.Optional.<CertifiedKey>empty() : CertifiedKey.parse(line.substring(0, space)))
              .orElseThrow(() -> new IOException("the ceremony's message names no known key: " + abbreviate(line)));
      if (!seen.add(kind)) {
        throw new IOException("the ceremony's message names the " + kind.id() + " key twice");
      }
      try {
        items.add(new Item(kind, Base64.getDecoder().decode(line.substring(space + 1))));
      } catch (IllegalArgumentException e) {
        throw new IOException("the ceremony's message for the " + kind.id() + " key is not base64");
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        return line.isEmpty() ? null : line.toString();
      }
      if (c == '\n') {
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("a line of the ceremony's message is longer than " + MAX_LINE + " characters");
      }
      line.append((char) c);
    }
  }

  private static String abbreviate(String line) {
    String printable = line.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
  }
}
