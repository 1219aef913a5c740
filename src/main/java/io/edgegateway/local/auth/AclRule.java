package io.edgegateway.local.auth;

/** A {@code topic} line, or a {@code pattern} line after substitution: access to a topic filter. */
record AclRule(AclAccess access, AclTopicFilter filter) {
}
