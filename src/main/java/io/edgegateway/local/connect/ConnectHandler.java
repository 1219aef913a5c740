package io.edgegateway.local.connect;

import io.edgegateway.config.ListenerConfig;
import io.edgegateway.local.BrokerParts;
import io.edgegateway.local.access.Authentication;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.DevicePermissions;
import io.edgegateway.local.access.UpstreamAdmission;
import io.edgegateway.local.connection.DeviceConnection;
import io.edgegateway.local.session.SessionRegistry;
import io.edgegateway.local.subscription.Topics;
import io.edgegateway.local.will.Will;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.vertx.core.Context;
import io.vertx.mqtt.MqttAuth;
import io.vertx.mqtt.MqttEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on each CONNECT: client id, connection limit, credentials, keep-alive, will, session
 * expiry; refuses with the reason code of the device's protocol version, or accepts, binds the
 * session (taking over a connection that holds the same client id) and hands the connection to a
 * {@link ConnectedDevice}.
 */
public final class ConnectHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectHandler.class);
  private static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

  private final BrokerParts parts;
  /** The newest CONNECT per client id whose credentials are being checked. */
  private final java.util.Map<String, Long> newestConnect = new java.util.HashMap<>();
  private long connectSequence;
  /** Per-device identity: CONNECTs waiting for IoT Core's answer. */
  private int pendingAdmissions;
  private boolean stopping;

  /** The broker's context: answers from elsewhere (IoT Core's, on the upstream link) hop back onto it. */
  private final Context context;

  /** Call on the broker's event loop. */
  public ConnectHandler(BrokerParts parts) {
    this.parts = parts;
    this.context = parts.vertx().getOrCreateContext();
  }

  /** From now on every CONNECT is refused with "server unavailable". */
  public void stopAccepting() {
    stopping = true;
  }

  public void handle(MqttEndpoint endpoint, ListenerConfig listener) {
    endpoint.publishAutoAck(false);
    endpoint.subscriptionAutoAck(false);
    endpoint.autoKeepAlive(true);
    boolean v5 = isMqtt5(endpoint);
    if (stopping) {
      refuse(endpoint, Refusal.SHUTTING_DOWN, "the gateway is stopping");
      return;
    }
    MqttProperties connectProps = endpoint.connectProperties();
    if (v5 && connectProps.getProperty(MqttPropertyType.AUTHENTICATION_METHOD.value()) != null) {
      refuse(endpoint, Refusal.AUTH_METHOD_UNSUPPORTED, "asked for enhanced authentication");
      return;
    }

    String clientId = endpoint.clientIdentifier();
    boolean assigned = clientId == null || clientId.isEmpty();
    if (assigned) {
      clientId = "auto-" + UUID.randomUUID();
      endpoint.setClientIdentifier(clientId);
    }
    if (!assigned && clientId.getBytes(StandardCharsets.UTF_8).length > parts.limits().maxClientIdLength()) {
      refuse(endpoint, Refusal.CLIENT_ID_INVALID,
          "client id longer than " + parts.limits().maxClientIdLength() + " bytes");
      return;
    }
    if (overConnectionLimit(endpoint, clientId)) {
      return;
    }

    if (parts.upstreamAdmission() != null) {
      admitByUpstreamIdentity(endpoint, listener, clientId, assigned);
      return;
    }

    // password hashing runs off the event loop, so a slow hash delays only this device
    boolean[] gone = {false};
    endpoint.closeHandler(v -> gone[0] = true);
    MqttAuth auth = endpoint.auth();
    String id = clientId;
    long sequence = ++connectSequence;
    newestConnect.put(id, sequence);
    parts.authenticator().authenticate(parts.vertx(),
        auth == null ? null : auth.getUsername(), auth == null ? null : auth.getPassword(),
        listener.allowAnonymous())
        .onComplete(ar -> {
          boolean newest = newestConnect.remove(id, sequence);
          if (gone[0]) {
            return; // the device left while its password was being checked
          }
          if (!newest) {
            // a later CONNECT with this client id was already admitted or is being checked:
            // the older one must not take the session over from it
            refuse(endpoint, Refusal.BUSY, "a newer connection with the same client id came first");
            return;
          }
          if (ar.failed() && ar.cause() instanceof DeviceAuthenticator.Busy) {
            refuse(endpoint, Refusal.BUSY, "too many password checks in progress");
            return;
          }
          if (ar.failed()) {
            LOG.warn("could not check the credentials of client {}: {}", id, ar.cause().toString());
            refuse(endpoint, Refusal.BAD_CREDENTIALS, "credentials could not be checked");
            return;
          }
          admit(endpoint, listener, id, assigned, auth, ar.result());
        });
  }

  /**
   * Per-device identity: the device's credentials are its Cognito credentials, and its CONNECT is answered
   * by what IoT Core says to them on the device's own connection (or, while IoT Core cannot be reached, by
   * its cached verifier). The admission's release runs once the device's connection ends, or at once when
   * the device is refused or left meanwhile.
   */
  private void admitByUpstreamIdentity(MqttEndpoint endpoint, ListenerConfig listener, String clientId,
      boolean assigned) {
    MqttAuth auth = endpoint.auth();
    if (assigned) {
      refuse(endpoint, Refusal.CLIENT_ID_INVALID, "no client id: with per-device identity a device reaches IoT Core "
          + "under its own client id, so it must send one");
      return;
    }
    if (auth == null || auth.getUsername() == null || auth.getPassword() == null) {
      refuse(endpoint, Refusal.CREDENTIALS_REQUIRED, "no credentials: with per-device identity a device signs in "
          + "with its own Cognito username and password");
      return;
    }
    boolean[] gone = {false};
    endpoint.closeHandler(v -> gone[0] = true);
    long sequence = ++connectSequence;
    newestConnect.put(clientId, sequence);
    pendingAdmissions++;
    parts.upstreamAdmission().admit(clientId, auth.getUsername(), auth.getPassword().getBytes(StandardCharsets.UTF_8))
        .onComplete(ar -> context.runOnContext(v -> {
          pendingAdmissions--;
          boolean newest = newestConnect.remove(clientId, sequence);
          UpstreamAdmission.Admission admission = ar.result();
          if (gone[0] || !newest || !admission.admitted()) {
            admission.release().run();
          }
          if (gone[0]) {
            return; // the device left while IoT Core was being asked
          }
          if (!newest) {
            refuse(endpoint, Refusal.BUSY, "a newer connection with the same client id came first");
            return;
          }
          Refusal refusal = switch (admission.verdict()) {
            case ONLINE, OFFLINE -> null;
            case BAD_CREDENTIALS -> Refusal.BAD_CREDENTIALS;
            case NOT_AUTHORIZED -> Refusal.CREDENTIALS_REQUIRED;
            case CLIENT_ID_INVALID -> Refusal.CLIENT_ID_INVALID;
            case UNAVAILABLE -> Refusal.UPSTREAM_UNAVAILABLE;
            case TOO_MANY -> Refusal.TOO_MANY_CONNECTIONS;
            case BUSY -> Refusal.BUSY;
            case STOPPING -> Refusal.SHUTTING_DOWN;
          };
          if (refusal != null) {
            refuse(endpoint, refusal, admission.detail() + " (user '" + auth.getUsername() + "')");
            return;
          }
          if (!admit(endpoint, listener, clientId, false, auth, Authentication.AUTHENTICATED)) {
            admission.release().run();
            return;
          }
          parts.sessions().connectionOf(clientId).closed().onComplete(c -> admission.release().run());
          if (admission.verdict() == UpstreamAdmission.Verdict.OFFLINE) {
            LOG.info("client {} admitted while IoT Core cannot be reached: {}", printable(clientId),
                admission.detail());
          }
        }));
  }

  private boolean overConnectionLimit(MqttEndpoint endpoint, String clientId) {
    SessionRegistry sessions = parts.sessions();
    if (sessions.connectionOf(clientId) == null
        && sessions.connectedCount() + parts.authenticator().pendingChecks() + pendingAdmissions
            >= parts.limits().maxConnections()) {
      refuse(endpoint, Refusal.TOO_MANY_CONNECTIONS,
          "already " + parts.limits().maxConnections() + " devices connected (limits.maxConnections)");
      return true;
    }
    return false;
  }

  /** Accepts the device unless a later check refuses it; false when refused. */
  private boolean admit(MqttEndpoint endpoint, ListenerConfig listener, String clientId, boolean assigned,
      MqttAuth auth, Authentication authn) {
    boolean v5 = isMqtt5(endpoint);
    if (stopping) {
      refuse(endpoint, Refusal.SHUTTING_DOWN, "the gateway is stopping");
      return false;
    }
    if (overConnectionLimit(endpoint, clientId)) {
      return false;
    }
    if (!authn.admitted()) {
      boolean bad = authn == Authentication.BAD_CREDENTIALS;
      refuse(endpoint, bad ? Refusal.BAD_CREDENTIALS : Refusal.CREDENTIALS_REQUIRED,
          bad ? "bad username or password for user '" + auth.getUsername() + "'"
              : "no credentials, and listener " + listener.name() + " does not allow anonymous devices");
      return false;
    }
    String username = authn == Authentication.AUTHENTICATED ? auth.getUsername() : null;

    long maxKeepAlive = parts.limits().maxKeepAlive().toSeconds();
    int keepAlive = endpoint.keepAliveTimeSeconds();
    int effectiveKeepAlive = keepAlive;
    boolean serverKeepAlive = false;
    if (v5 && (keepAlive == 0 || keepAlive > maxKeepAlive)) {
      effectiveKeepAlive = (int) maxKeepAlive;
      serverKeepAlive = true;
    } else if (!v5 && keepAlive > maxKeepAlive) {
      refuse(endpoint, Refusal.KEEP_ALIVE_TOO_LONG,
          "keep-alive " + keepAlive + " s is longer than limits.maxKeepAlive (" + maxKeepAlive + " s)");
      return false;
    }

    DevicePermissions permissions = parts.access().forDevice(clientId, username);
    Will will = Will.from(endpoint.will(), clientId, username);
    if (will != null && !Topics.isValidTopicName(will.message().topic())) {
      refuse(endpoint, Refusal.WILL_TOPIC_INVALID, "will topic is not a valid topic name");
      return false;
    }
    if (will != null && !permissions.canPublish(will.message().topic())) {
      refuse(endpoint, Refusal.WILL_NOT_AUTHORIZED, "may not publish its will to " + will.message().topic());
      return false;
    }

    long maxExpiry = parts.sessionConfig().maxSessionExpiry().toSeconds();
    long expiry;
    boolean expiryCapped = false;
    if (v5) {
      MqttProperties.MqttProperty<?> p = endpoint.connectProperties()
          .getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
      long requested = p == null ? 0 : Integer.toUnsignedLong((Integer) p.value());
      if (requested == NEVER_EXPIRES) {
        requested = Long.MAX_VALUE;
      }
      expiry = Math.min(requested, maxExpiry);
      expiryCapped = expiry != requested;
    } else {
      expiry = endpoint.isCleanSession() ? 0 : maxExpiry;
    }

    SessionRegistry sessions = parts.sessions();
    DeviceConnection connection = new DeviceConnection(endpoint, clientId, username, permissions);
    connection.keepAliveSeconds(effectiveKeepAlive);
    SessionRegistry.Attached attached = sessions.attach(connection, endpoint.isCleanSession(), expiry);
    parts.wills().reconnected(clientId);

    MqttProperties connack = MqttProperties.NO_PROPERTIES;
    if (v5) {
      connack = connackProperties(assigned ? clientId : null, serverKeepAlive ? effectiveKeepAlive : -1,
          expiryCapped ? expiry : -1);
    }
    endpoint.accept(attached.present(), connack);
    parts.stats().accepted();
    LOG.info("client {} connected from {} on {} (MQTT {}, user {}, {} session)", printable(clientId),
        connection.remoteAddress(), listener.name(), v5 ? "5" : "3.1.1",
        username == null ? "anonymous" : "'" + printable(username) + "'", attached.present() ? "resumed" : "new");
    new ConnectedDevice(parts, connection, attached.session(), will).start();
    return true;
  }

  private MqttProperties connackProperties(String assignedClientId, int serverKeepAlive, long sessionExpiry) {
    MqttProperties p = new MqttProperties();
    p.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), parts.limits().maxInflight()));
    p.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), parts.limits().maxPacketSize()));
    p.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
    p.add(new IntegerProperty(MqttPropertyType.RETAIN_AVAILABLE.value(), 1));
    p.add(new IntegerProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 1));
    p.add(new IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 1));
    p.add(new IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 1));
    if (assignedClientId != null) {
      p.add(new MqttProperties.StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), assignedClientId));
    }
    if (serverKeepAlive >= 0) {
      p.add(new IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), serverKeepAlive));
    }
    if (sessionExpiry >= 0) {
      p.add(new IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) sessionExpiry));
    }
    return p;
  }

  private void refuse(MqttEndpoint endpoint, Refusal refusal, String why) {
    boolean v5 = isMqtt5(endpoint);
    parts.stats().refused(refusal.counter);
    LOG.info("refused client {} from {}: {}", printable(endpoint.clientIdentifier()), safeRemote(endpoint),
        printable(why));
    try {
      endpoint.reject(v5 ? refusal.mqtt5 : refusal.mqtt311);
    } catch (IllegalArgumentException | IllegalStateException closed) {
      // the socket closed while we decided
    }
  }

  /** A device's client id or username as a log line may show it: control characters escaped, so none forges a line. */
  static String printable(String text) {
    if (text == null || text.chars().noneMatch(Character::isISOControl)) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length() + 8);
    text.chars().forEach(c -> {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.append((char) c);
      }
    });
    return b.toString();
  }

  private static String safeRemote(MqttEndpoint endpoint) {
    try {
      return String.valueOf(endpoint.remoteAddress());
    } catch (IllegalArgumentException closed) {
      return "(closed)";
    }
  }

  private static boolean isMqtt5(MqttEndpoint endpoint) {
    return endpoint.protocolVersion() == MqttVersion.MQTT_5.protocolLevel();
  }
}
