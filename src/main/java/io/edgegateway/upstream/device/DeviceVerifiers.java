package io.edgegateway.upstream.device;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cached verifiers of devices that IoT Core accepted, kept in the file {@value #FILE_NAME} of the
 * gateway's state directory, so that a device accepted before can still be admitted while IoT Core
 * cannot be reached. A verifier is a salted PBKDF2-HMAC-SHA512 hash of the last accepted password
 * (never the password), bound to the client id it was accepted with and to the time of that acceptance.
 *
 * <p>Every call reads the file fresh, so a revocation by the CLI in another process takes effect at once;
 * every change is a read-modify-write under an exclusive lock (the file {@value #LOCK_FILE_NAME} beside
 * it) and replaces the file atomically. Methods block (file I/O and hashing): call them from worker
 * threads. Thread-safe, and safe beside other instances and processes on the same directory.
 */
public final class DeviceVerifiers {
  public static final String FILE_NAME = "device-verifiers";
  public static final String LOCK_FILE_NAME = FILE_NAME + ".lock";
  /** PBKDF2 iterations of new verifiers. */
  public static final int DEFAULT_ITERATIONS = 20_000;

  /** What {@link #list()} shows of a verifier: never its hash. */
  public record Entry(String username, String clientId, Instant acceptedAt) {

    /** Whether {@link #admits} would still take this verifier at {@code now} with this {@code maxAge}. */
    public boolean fresh(Instant now, Duration maxAge) {
      checkMaxAge(maxAge);
      return Verifier.fresh(acceptedAt, now, maxAge);
    }
  }

  private final Path directory;
  private final VerifierFile file;
  private final Clock clock;
  private final int iterations;
  private final SecureRandom random;

  /** Verifiers in {@code directory}, made with {@link #DEFAULT_ITERATIONS}; times are read from {@code clock}. */
  public DeviceVerifiers(Path directory, Clock clock) {
    this(directory, clock, DEFAULT_ITERATIONS, new SecureRandom());
  }

  DeviceVerifiers(Path directory, Clock clock, int iterations, SecureRandom random) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.file = new VerifierFile(directory.resolve(FILE_NAME));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    if (iterations < 1 || iterations > VerifierHash.MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations must be 1 to " + VerifierHash.MAX_ITERATIONS + ", got " + iterations);
    }
    this.iterations = iterations;
  }

  /** The file the verifiers are kept in. */
  public Path file() {
    return file.path();
  }

  /**
   * Whether a device may be admitted on its cached verifier: one exists for {@code username}, it was
   * accepted with this {@code clientId} no longer than {@code maxAge} ago, and {@code password} matches
   * it. A zero {@code maxAge} admits nobody.
   */
  public boolean admits(String username, String clientId, byte[] password, Duration maxAge) throws IOException {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(password, "password");
    checkMaxAge(maxAge);
    if (maxAge.isZero()) {
      return false;
    }
    Verifier v = file.read().get(username);
    return v != null && v.fresh(clock.instant(), maxAge) && v.matches(clientId, password);
  }

  /** Whether a verifier for {@code username} bound to {@code clientId} is held; reads, hashes nothing. */
  public boolean holds(String username, String clientId) throws IOException {
    Verifier v = file.read().get(username);
    return v != null && v.clientId().equals(clientId);
  }

  /**
   * Records that the authorizer accepted these credentials now. A verifier that already matches this
   * password and client id only gets the new time; otherwise a new salted hash replaces it.
   *
   * @throws IllegalArgumentException when the username or client id is not valid Unicode text
   */
  public void remember(String username, String clientId, byte[] password) throws IOException {
    Objects.requireNonNull(password, "password");
    checkText(username, "username");
    checkText(clientId, "clientId");
    update(false, verifiers -> {
      Instant now = clock.instant();
      Verifier held = verifiers.get(username);
      Verifier next = held != null && held.matches(clientId, password)
          ? held.acceptedAgainAt(now)
          : new Verifier(username, clientId, now, VerifierHash.create(password, iterations, random));
      verifiers.put(username, next);
      return true;
    });
  }

  /**
   * Records that the authorizer accepted the credentials of {@code username}'s verifier again now, without
   * their password (a device's connection that IoT Core accepted again); false when no verifier for it is
   * bound to {@code clientId}.
   */
  public boolean acceptedAgain(String username, String clientId) throws IOException {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(clientId, "clientId");
    return update(true, verifiers -> {
      Verifier held = verifiers.get(username);
      if (held == null || !held.clientId().equals(clientId)) {
        return false;
      }
      verifiers.put(username, held.acceptedAgainAt(clock.instant()));
      return true;
    });
  }

  /** Removes the verifier of {@code username}; false when there was none. */
  public boolean revoke(String username) throws IOException {
    Objects.requireNonNull(username, "username");
    return update(true, verifiers -> verifiers.remove(username) != null);
  }

  /** Removes every verifier; returns how many there were. */
  public int revokeAll() throws IOException {
    int[] removed = {0};
    update(true, verifiers -> {
      removed[0] = verifiers.size();
      verifiers.clear();
      return removed[0] > 0;
    });
    return removed[0];
  }

  /** Removes the verifiers accepted more than {@code maxAge} ago (all of them for zero); returns how many. */
  public int removeExpired(Duration maxAge) throws IOException {
    checkMaxAge(maxAge);
    int[] removed = {0};
    update(true, verifiers -> {
      Instant now = clock.instant();
      int before = verifiers.size();
      verifiers.values().removeIf(v -> v.expired(now, maxAge));
      removed[0] = before - verifiers.size();
      return removed[0] > 0;
    });
    return removed[0];
  }

  /** The verifiers, by username; empty when there is no file. */
  public List<Entry> list() throws IOException {
    return file.read().values().stream()
        .map(v -> new Entry(v.username(), v.clientId(), v.acceptedAt()))
        .toList();
  }

  /**
   * Reads the file under the lock, lets {@code change} edit the verifiers, and writes them back when it
   * returns true. Without a file, a change that {@code removes} has nothing to do, and no lock file is
   * created (so the CLI, perhaps run as root, leaves nothing behind).
   */
  private boolean update(boolean removes, Function<Map<String, Verifier>, Boolean> change) throws IOException {
    if (removes && !file.exists()) {
      return false;
    }
    try (VerifierLock lock = VerifierLock.acquire(directory.resolve(LOCK_FILE_NAME))) {
      Map<String, Verifier> verifiers = file.read();
      if (!change.apply(verifiers)) {
        return false;
      }
      file.write(verifiers.values());
      return true;
    }
  }

  private static void checkMaxAge(Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative, got " + maxAge);
    }
  }

  private static void checkText(String text, String what) {
    Objects.requireNonNull(text, what);
    if (!PercentCodec.encodable(text)) {
      throw new IllegalArgumentException(what + " holds an unpaired surrogate, which is not Unicode text");
    }
  }
}
