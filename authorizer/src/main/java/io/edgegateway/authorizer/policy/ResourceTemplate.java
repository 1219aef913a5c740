package io.edgegateway.authorizer.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured resource pattern, such as {@code dt/${username}/*} or {@code ${username}-*}. The
 * operator writes it, so it may hold the policy wildcards {@code *} and {@code ?}; the identity values
 * put into it may not (see {@link io.edgegateway.authorizer.identity.SafeName}).
 * <p>
 * Placeholders: {@code ${username}} (the Cognito username), {@code ${sub}} (the Cognito sub). IoT
 * policy variables ({@code ${iot:ClientId}}, ...) are left for IoT Core to fill in. Characters: printable
 * ASCII without spaces, {@code "}, {@code \} and {@code ,}.
 */
public record ResourceTemplate(String text) {
  public static final int MAX_LENGTH = 512;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern IOT_VARIABLE = Pattern.compile("iot:[A-Za-z][A-Za-z.]*");

  public ResourceTemplate {
    String problem = problem(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  public static ResourceTemplate of(String text) {
    return new ResourceTemplate(text);
  }

  /** Fills in the placeholders. The caller has checked that both values are safe names. */
  public String expand(String username, String sub) {
    return text.replace("${username}", username).replace("${sub}", sub);
  }

  private static String problem(String text) {
    if (text == null || text.isEmpty()) {
      return "an empty resource pattern";
    }
    if (text.length() > MAX_LENGTH) {
      return "a resource pattern longer than " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == '\\' || c == ',') {
        return "'" + text + "' has a character that is not allowed (printable ASCII without space, \", \\ and ,)";
      }
    }
    Matcher m = PLACEHOLDER.matcher(text);
    int end = 0;
    while (m.find()) {
      String name = m.group(1);
      if (!name.equals("username") && !name.equals("sub") && !IOT_VARIABLE.matcher(name).matches()) {
        return "'" + text + "' has an unknown placeholder ${" + name + "} (known: ${username}, ${sub}, ${iot:...})";
      }
      if (text.substring(end, m.start()).contains("${")) {
        return "'" + text + "' has an unclosed ${";
      }
      end = m.end();
    }
    if (text.substring(end).contains("${")) {
      return "'" + text + "' has an unclosed ${";
    }
    return null;
  }
}
