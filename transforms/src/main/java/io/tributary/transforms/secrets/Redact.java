package io.tributary.transforms.secrets;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of any text before it is printed: {@code user:password@} in a URL, and the
 * value of any {@code password=}, {@code secret...=}, {@code token=}, {@code ...key=} parameter
 * (JDBC URL query strings, H2's {@code ;PASSWORD=}, S3 and AWS credential settings, JSON
 * credential providers). Every message, summary and log line the project writes about a URL goes
 * through here; what is left stays readable ({@code password=***}).
 */
public final class Redact {
  private Redact() {}

  public static final String MASK = "***";

  /** {@code scheme://user:secret@host} -> {@code scheme://user:***@host}. */
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)([^/@:\\s]*):([^@/\\s]+)@");

  private static final String KEYS = "password|passwd|pwd|secret|secret[-_.]?key|secret[-_.]?access[-_.]?key"
      + "|access[-_.]?key[-_.]?secret|session[-_.]?token|token|api[-_.]?key|credential|credentials";

  /** {@code key=value} up to a separator of URLs, JDBC property lists and command lines. */
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)((?:[\\w.-]*[-_.])?(?:" + KEYS + ")\\s*=\\s*)([^&;,\\s'\"}]+)");

  /** {@code "secretAccessKey": "value"} in JSON (Beam's --awsCredentialsProvider) or YAML. */
  private static final Pattern QUOTED = Pattern.compile(
      "(?i)(\"?[\\w.-]*(?:" + KEYS + ")\"?\\s*:\\s*\"?)([^\",}\\s]+)");

  /** Secret values seen in the command line and config: masked wherever they reappear. */
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  /**
   * Remembers the credentials inside {@code text} (a command-line argument, a config value), so that
   * a driver message quoting one out of context ({@code Incorrect port value : secret@host}) is
   * masked too.
   */
  public static void remember(String text) {
    if (text == null) {
      return;
    }
    for (Pattern p : new Pattern[] {USER_INFO, KEY_VALUE, QUOTED}) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        if (m.group(2).length() >= 3) {
          KNOWN.add(m.group(2));
        }
      }
    }
  }

  /** {@code text} with every credential it holds replaced by {@value #MASK}; null stays null. */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : KNOWN) {
      out = out.replace(secret, MASK);
    }
    out = USER_INFO.matcher(out).replaceAll("$1:" + MASK + "@");
    out = KEY_VALUE.matcher(out).replaceAll("$1" + MASK);
    return QUOTED.matcher(out).replaceAll("$1" + MASK);
  }

  /** The same as {@link #text}, named for call sites that print a URL. */
  public static String url(String url) {
    return text(url);
  }
}
