package io.edgegateway;

import io.edgegateway.config.EffectiveConfig;
import io.edgegateway.config.GatewayConfig;
import io.edgegateway.local.access.DeviceAuthenticator;
import io.edgegateway.local.access.ReloadableTopicAccess;
import io.edgegateway.local.access.TopicAccess;
import io.edgegateway.local.auth.AclFile;
import io.edgegateway.local.auth.PasswordFile;
import io.edgegateway.route.DownlinkDelivery;
import io.edgegateway.route.ForwardingIngress;
import io.edgegateway.route.Router;
import io.edgegateway.upstream.Upstream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a new configuration to a running gateway without dropping a connection (SIGHUP): the device
 * password and ACL files, the forward and downlink rules (the upstream subscriptions follow). Every other
 * section needs a restart; a reload that changes one says so. Everything new is read and checked before
 * anything changes, so a bad file or rule leaves the gateway as it was.
 */
final class Reloader {

  private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
  /** Sections a reload applies; the log level is applied by the command that runs the gateway. */
  private static final Set<String> RELOADED = Set.of("gatewayId", "auth", "forward", "downlink", "log");

  private final DeviceAuthenticator authenticator;
  private final ReloadableTopicAccess access;
  private final ForwardingIngress forwarding;
  private final DownlinkDelivery downlink;
  private final Upstream link;
  private GatewayConfig current;

  /** {@code forwarding}, {@code downlink} and {@code link} are null for a local-only gateway. */
  Reloader(GatewayConfig config, DeviceAuthenticator authenticator, ReloadableTopicAccess access,
      ForwardingIngress forwarding, DownlinkDelivery downlink, Upstream link) {
    this.current = config;
    this.authenticator = authenticator;
    this.access = access;
    this.forwarding = forwarding;
    this.downlink = downlink;
    this.link = link;
  }

  /**
   * Applies {@code next}; returns the sections it could not apply (they need a restart).
   *
   * @throws IOException when the password or ACL file cannot be read; nothing changed
   * @throws io.edgegateway.config.ConfigException when one of them is invalid; nothing changed
   */
  synchronized List<String> reload(GatewayConfig next) throws IOException {
    PasswordFile passwords = next.auth().passwordFile() == null ? null : PasswordFile.load(next.auth().passwordFile());
    AclFile acl = next.auth().aclFile() == null ? null : AclFile.load(next.auth().aclFile());
    Router router = next.router();

    authenticator.replace(passwords);
    access.replace(acl == null ? TopicAccess.ALLOW_ALL : TopicAccess.of(acl));
    if (forwarding != null) {
      forwarding.replace(router);
      downlink.replace(router);
      link.replaceRoutes(router);
    }
    List<String> needRestart = changedSections(current, next);
    current = next;
    LOG.info("reloaded: {} forward and {} downlink rules, {}, {}{}", next.forward().size(), next.downlink().size(),
        passwords == null ? "no password file" : "password file " + next.auth().passwordFile(),
        acl == null ? "no ACL file" : "ACL file " + next.auth().aclFile(),
        needRestart.isEmpty() ? "" : "; changes to " + String.join(", ", needRestart)
            + " take effect only after a restart");
    return needRestart;
  }

  private static List<String> changedSections(GatewayConfig before, GatewayConfig after) {
    Map<String, Object> was = EffectiveConfig.sections(before);
    Map<String, Object> is = EffectiveConfig.sections(after);
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, Object> e : is.entrySet()) {
      if (!RELOADED.contains(e.getKey()) && !e.getValue().equals(was.get(e.getKey()))) {
        changed.add(e.getKey());
      }
    }
    return changed;
  }
}
