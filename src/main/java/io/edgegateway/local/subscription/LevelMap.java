package io.edgegateway.local.subscription;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The children of a topic-tree node, keyed by topic level. Unlike a {@code HashMap<String, T>} it is
 * looked up by a slice of a longer string ({@link #get(String, int, int)}), so walking a topic level by
 * level creates no substrings. Chained hash table; grows and shrinks with its size so that a node whose
 * children come and go does not keep its peak capacity.
 */
final class LevelMap<T> {

  private static final int MIN_CAPACITY = 4;

  private Entry<T>[] table = newTable(MIN_CAPACITY);
  private int size;

  private static final class Entry<T> {
    final String key;
    final int hash;
    T value;
    Entry<T> next;

    Entry(String key, int hash, T value, Entry<T> next) {
      this.key = key;
      this.hash = hash;
      this.value = value;
      this.next = next;
    }
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  T get(String key) {
    return get(key, 0, key.length());
  }

  /** The value for the level {@code source.substring(from, to)}, without creating that substring. */
  T get(String source, int from, int to) {
    int length = to - from;
    int hash = spread(hashOf(source, from, to));
    for (Entry<T> e = table[hash & (table.length - 1)]; e != null; e = e.next) {
      if (e.hash == hash && e.key.length() == length && e.key.regionMatches(0, source, from, length)) {
        return e.value;
      }
    }
    return null;
  }

  /** Stores {@code value} under {@code key}; returns the value it replaces, or null. */
  T put(String key, T value) {
    Objects.requireNonNull(value, "value");
    int hash = spread(key.hashCode());
    int index = hash & (table.length - 1);
    for (Entry<T> e = table[index]; e != null; e = e.next) {
      if (e.hash == hash && e.key.equals(key)) {
        T previous = e.value;
        e.value = value;
        return previous;
      }
    }
    table[index] = new Entry<>(key, hash, value, table[index]);
    size++;
    if (size > table.length - (table.length >>> 2)) {
      resize(table.length << 1);
    }
    return null;
  }

  /** Removes {@code key}; returns its value, or null when it was absent. */
  T remove(String key) {
    int hash = spread(key.hashCode());
    int index = hash & (table.length - 1);
    Entry<T> previous = null;
    for (Entry<T> e = table[index]; e != null; previous = e, e = e.next) {
      if (e.hash == hash && e.key.equals(key)) {
        if (previous == null) {
          table[index] = e.next;
        } else {
          previous.next = e.next;
        }
        size--;
        if (table.length > MIN_CAPACITY && size < table.length >>> 3) {
          resize(table.length >>> 1);
        }
        return e.value;
      }
    }
    return null;
  }

  void forEachValue(Consumer<? super T> action) {
    for (Entry<T> head : table) {
      for (Entry<T> e = head; e != null; e = e.next) {
        action.accept(e.value);
      }
    }
  }

  /** Current number of buckets; exposed for tests of shrinking. */
  int capacity() {
    return table.length;
  }

  private void resize(int capacity) {
    Entry<T>[] old = table;
    table = newTable(capacity);
    for (Entry<T> head : old) {
      Entry<T> e = head;
      while (e != null) {
        Entry<T> next = e.next;
        int index = e.hash & (capacity - 1);
        e.next = table[index];
        table[index] = e;
        e = next;
      }
    }
  }

  /** The same value as {@code source.substring(from, to).hashCode()}, as specified by {@link String#hashCode}. */
  private static int hashOf(String source, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + source.charAt(i);
    }
    return h;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  @SuppressWarnings("unchecked")
  private static <T> Entry<T>[] newTable(int capacity) {
    return (Entry<T>[]) new Entry<?>[capacity];
  }
}
