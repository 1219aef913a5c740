package io.edgegateway.upstream.device;

import io.edgegateway.local.access.UpstreamAdmission;
import io.edgegateway.route.IotCoreLimits;
import io.edgegateway.upstream.DeviceLinks;
import io.edgegateway.upstream.DeviceLinks.Opened;
import io.edgegateway.upstream.credentials.PasswordMemo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a device by its own upstream identity: it is admitted when IoT Core accepts its credentials on the
 * device's own connection. While IoT Core cannot be reached, a device accepted before (with the same client
 * id, within {@code offlineAdmission}) is admitted on its cached verifier, and its messages wait in the
 * spool for its connection; a device never accepted is refused. Each acceptance refreshes the verifier (a
 * salted slow hash, computed on a worker, never on the path of the CONNACK). A device IoT Core refuses
 * after having accepted it loses its verifier.
 */
public final class DeviceAdmission implements UpstreamAdmission {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceAdmission.class);
  /**
   * An acceptance with the same password is written to the verifier at most this often, and at most a
   * hundredth of {@code offlineAdmission} late, which counts from it.
   */
  private static final Duration REMEMBER_EVERY = Duration.ofHours(1);
  private static final Duration SWEEP_EVERY = Duration.ofHours(1);
  /** Hashes waiting at most: beyond it a device asking to be admitted offline is told the gateway is busy. */
  private static final int MAX_PENDING_HASHES = 256;
  /** A refused password is checked against its user's verifier at most this often. */
  private static final long REFUSAL_CHECK_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
  /** Past this many usernames, those checked more than a minute ago are forgotten. */
  private static final int MAX_REFUSAL_CHECKS_KEPT = 1000;

  private final DeviceLinks links;
  private final DeviceVerifiers verifiers;
  private final Duration offlineAdmission;
  private final HashingQueue hashing;
  private final PasswordMemo memo;
  /** Per username: the memo of the password last written to its verifier, and when. */
  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final Map<Verdict, LongAdder> verdicts = new EnumMap<>(Verdict.class);
  /** Per username: when a refused password was last checked against its verifier. */
  private final Map<String, Long> refusalChecked = new ConcurrentHashMap<>();

  /**
   * @param hashing the worker threads that compute slow hashes: a few, so that a storm of reconnecting
   *                devices queues rather than occupying every worker
   */
  public DeviceAdmission(DeviceLinks links, DeviceVerifiers verifiers, Duration offlineAdmission,
      WorkerExecutor hashing, PasswordMemo memo) {
    this.links = links;
    this.verifiers = verifiers;
    this.offlineAdmission = offlineAdmission;
    this.hashing = new HashingQueue(hashing, MAX_PENDING_HASHES);
    this.memo = memo;
    for (Verdict v : Verdict.values()) {
      verdicts.put(v, new LongAdder());
    }
  }

  /** CONNECTs answered with {@code verdict} since start. Any thread. */
  public long admissions(Verdict verdict) {
    return verdicts.get(verdict).sum();
  }

  @Override
  public Future<Admission> admit(String clientId, String username, byte[] password) {
    return ask(clientId, username, password).onSuccess(a -> verdicts.get(a.verdict()).increment());
  }

  private Future<Admission> ask(String clientId, String username, byte[] password) {
    String problem = IotCoreLimits.clientIdProblem(clientId);
    if (problem != null) {
      return Future.succeededFuture(new Admission(Verdict.CLIENT_ID_INVALID,
          "client id " + clientId + " cannot be used upstream: it " + problem, () -> { }));
    }
    String usernameProblem = IotCoreLimits.usernameProblem(username);
    if (usernameProblem != null) {
      return Future.succeededFuture(new Admission(Verdict.BAD_CREDENTIALS,
          "the username cannot be sent to IoT Core: it " + usernameProblem, () -> { }));
    }
    return links.open(clientId, username, password)
        // a fault after the device's connection was opened (its verifier cannot be read) still releases it
        .compose(opened -> decide(clientId, username, password, opened)
            .recover(e -> e instanceof Refused r ? Future.succeededFuture(r.admission)
                : failed(clientId, e, () -> links.release(clientId, opened.session()))))
        .recover(e -> failed(clientId, e, () -> { }));
  }

  private static Future<Admission> failed(String clientId, Throwable e, Runnable release) {
    LOG.warn("could not admit client {}: {}", clientId, e.toString());
    return Future.succeededFuture(new Admission(Verdict.UNAVAILABLE, "the gateway failed to ask IoT Core", release));
  }

  private Future<Admission> decide(String clientId, String username, byte[] password, Opened opened) {
    Runnable release = () -> links.release(clientId, opened.session());
    return switch (opened.result()) {
      case CONNECTED -> {
        remember(clientId, username, password);
        yield Future.succeededFuture(new Admission(Verdict.ONLINE, opened.detail(), release));
      }
      case BAD_CREDENTIALS -> {
        forgetIfRefused(clientId, username, password);
        yield refused(Verdict.BAD_CREDENTIALS, opened, release);
      }
      case NOT_AUTHORIZED -> {
        forgetIfRefused(clientId, username, password);
        yield refused(Verdict.NOT_AUTHORIZED, opened, release);
      }
      case TOO_MANY -> refused(Verdict.TOO_MANY, opened, release);
      case STOPPING -> refused(Verdict.STOPPING, opened, release);
      case UNREACHABLE -> offline(clientId, username, password, opened, release);
    };
  }

  private static Future<Admission> refused(Verdict verdict, Opened opened, Runnable release) {
    return Future.succeededFuture(new Admission(verdict, opened.detail(), release));
  }

  private Future<Admission> offline(String clientId, String username, byte[] password, Opened opened,
      Runnable release) {
    if (offlineAdmission.isZero()) {
      return Future.succeededFuture(new Admission(Verdict.UNAVAILABLE, "IoT Core cannot be reached ("
          + opened.detail() + "), and devices are not admitted offline (upstream.devices.offlineAdmission: 0s)",
          release));
    }
    return hashing.submit(() -> verifiers.admits(username, clientId, password, offlineAdmission))
        .recover(e -> e instanceof HashingQueue.Busy
            ? Future.failedFuture(new Refused(new Admission(Verdict.BUSY, "IoT Core cannot be reached ("
                + opened.detail() + "), and " + e.getMessage() + ": try again later", release)))
            : Future.failedFuture(e))
        .map(admits -> admits
            ? new Admission(Verdict.OFFLINE, "IoT Core cannot be reached (" + opened.detail() + "); admitted on "
                + "the verifier of its last accepted sign-in; its messages wait for its connection", release)
            : new Admission(Verdict.UNAVAILABLE, "IoT Core cannot be reached (" + opened.detail() + "), and this "
                + "device has not been accepted with this client id and password within "
                + "upstream.devices.offlineAdmission", release));
  }

  /** Writes the verifier of an accepted sign-in, unless the same password was written lately. */
  private void remember(String clientId, String username, byte[] password) {
    if (offlineAdmission.isZero()) {
      return;
    }
    Remembered last = remembered.get(username);
    long now = System.nanoTime();
    if (last != null && last.clientId.equals(clientId) && now - last.atNanos < rememberEveryNanos()
        && memo.matches(last.memo, password)) {
      // written lately, unless removed since (edge-gateway devices revoke): a read, no hash, tells
      byte[] copy = password.clone();
      hashing.always(() -> verifiers.holds(username, clientId)).onComplete(ar -> {
        if (ar.succeeded() && !ar.result() && remembered.remove(username, last)) {
          write(clientId, username, copy, now);
        }
      });
      return;
    }
    write(clientId, username, password.clone(), now);
  }

  private void write(String clientId, String username, byte[] copy, long now) {
    hashing.submit(() -> {
      verifiers.remember(username, clientId, copy);
      return null;
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        remembered.put(username, new Remembered(clientId, memo.of(copy), now));
      } else if (ar.cause() instanceof HashingQueue.Busy) {
        LOG.debug("the verifier of user {} is not refreshed now: {}", username, ar.cause().getMessage());
      } else {
        LOG.warn("could not store the verifier of user {} for offline admission: {}", username,
            ar.cause().getMessage());
      }
    });
  }

  private long rememberEveryNanos() {
    return Math.min(REMEMBER_EVERY.toNanos(), offlineAdmission.toNanos() / 100);
  }

  /**
   * IoT Core accepted a device's own connection again (it reconnected while the device stayed connected): the
   * verifier of that password, when this run wrote it, gets the time of this acceptance, so that a device
   * connected for longer than {@code offlineAdmission} is still admitted offline. Any thread.
   *
   * @param passwordMemo the {@link PasswordMemo} of the password the connection was opened with
   */
  public void acceptedAgain(String clientId, String username, byte[] passwordMemo) {
    if (offlineAdmission.isZero()) {
      return;
    }
    Remembered last = remembered.get(username);
    long now = System.nanoTime();
    if (last == null || !last.clientId.equals(clientId) || !MessageDigest.isEqual(last.memo, passwordMemo)
        || now - last.atNanos < rememberEveryNanos()) {
      return;
    }
    hashing.always(() -> verifiers.acceptedAgain(username, clientId)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not refresh the verifier of user {}: {}", username, ar.cause().getMessage());
      } else if (ar.result()) {
        remembered.replace(username, last, new Remembered(clientId, last.memo, now));
      }
    });
  }

  /**
   * Removes the verifiers older than {@code offlineAdmission} now and every hour from now on: they can admit
   * no one, and a hash kept is a hash that can be attacked.
   */
  public void sweepExpired(Vertx vertx) {
    sweep();
    vertx.setPeriodic(SWEEP_EVERY.toMillis(), id -> sweep());
  }

  private void sweep() {
    hashing.always(() -> verifiers.removeExpired(offlineAdmission)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not remove expired device verifiers: {}", ar.cause().getMessage());
      } else if (ar.result() > 0) {
        LOG.info("removed {} device verifier(s) older than upstream.devices.offlineAdmission", ar.result());
      }
    });
  }

  /**
   * IoT Core refused these credentials on a CONNECT: when the verifier would admit them offline (the password
   * was changed since it was accepted, the user disabled), it must not any more. A verifier of another
   * password stays, so that a wrong password cannot remove the right one's.
   */
  private void forgetIfRefused(String clientId, String username, byte[] password) {
    if (offlineAdmission.isZero()) {
      return;
    }
    Remembered last = remembered.get(username);
    if (last != null) {
      // written by this run: the memo tells, without a slow hash, whether the refused password is the one;
      // the verifier admits only its own client id, so a refusal for another (its policy) leaves it
      if (last.clientId.equals(clientId) && memo.matches(last.memo, password)) {
        revoke(username);
      }
      return;
    }
    // a slow hash; at most once a minute per user, so that passwords tried on the LAN cost little CPU
    long now = System.nanoTime();
    Long checked = refusalChecked.get(username);
    if (checked != null && now - checked < REFUSAL_CHECK_EVERY_NANOS) {
      return;
    }
    if (refusalChecked.size() >= MAX_REFUSAL_CHECKS_KEPT) {
      // usernames tried on the LAN must not grow this without end: only the last minute's matter
      refusalChecked.values().removeIf(at -> now - at >= REFUSAL_CHECK_EVERY_NANOS);
    }
    refusalChecked.put(username, now);
    byte[] copy = password.clone();
    hashing.submit(() -> verifiers.admits(username, clientId, copy, offlineAdmission)
        && verifiers.revoke(username)).onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("could not check the verifier of user {} against its refused password: {}", username,
                ar.cause().getMessage());
          } else if (ar.result()) {
            remembered.remove(username);
            LOG.info("removed the offline verifier of user {}: IoT Core refused the password it holds", username);
          }
        });
  }

  /** IoT Core refused a device it had accepted: its verifier must not admit it offline any more. */
  public void revoke(String username) {
    remembered.remove(username);
    hashing.always(() -> verifiers.revoke(username)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not remove the verifier of user {}: {}", username, ar.cause().getMessage());
      } else if (ar.result()) {
        LOG.info("removed the offline verifier of user {}", username);
      }
    });
  }

  /** A refusal decided on the way, carried to the answer. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Admission admission;

    Refused(Admission admission) {
      super(admission.detail(), null, false, false);
      this.admission = admission;
    }
  }

  private record Remembered(String clientId, byte[] memo, long atNanos) {
  }
}
