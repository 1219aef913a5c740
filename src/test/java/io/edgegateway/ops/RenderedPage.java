package io.edgegateway.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a person sees in a DOM that Chromium serialized: the text of an element found by id or class.
 * The page sets values as plain text, so an element holding a value has no markup inside it.
 */
record RenderedPage(String html) {

  /** The text of the element with this id; fails when there is none. */
  String textOf(String id) {
    List<String> found = texts("id=\"" + Pattern.quote(id) + "\"");
    if (found.isEmpty()) {
      throw new AssertionError("no element with id " + id + " holding text in the page");
    }
    return found.get(0);
  }

  /** The texts of the elements that have this class, in page order. */
  List<String> textsOfClass(String className) {
    return texts("class=\"(?:[^\"]*\\s)?" + Pattern.quote(className) + "(?:\\s[^\"]*)?\"");
  }

  /** The serialized start tags of elements of this name, such as every {@code polyline}. */
  List<String> tags(String name) {
    List<String> tags = new ArrayList<>();
    Matcher m = Pattern.compile("<" + name + "\\b[^>]*>").matcher(html);
    while (m.find()) {
      tags.add(m.group());
    }
    return tags;
  }

  /** The value of an attribute in a start tag. */
  static String attribute(String tag, String name) {
    Matcher m = Pattern.compile("\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(tag);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in " + tag);
    }
    return unescape(m.group(1));
  }

  private List<String> texts(String attributeRegex) {
    List<String> texts = new ArrayList<>();
    Matcher m = Pattern.compile("<[a-z0-9]+\\b[^>]*\\s" + attributeRegex + "[^>]*>([^<]*)<").matcher(html);
    while (m.find()) {
      texts.add(unescape(m.group(1)));
    }
    return texts;
  }

  /** The entities a serializer writes in text and attribute values. */
  static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", "\u00a0")
        .replace("&amp;", "&");
  }
}
