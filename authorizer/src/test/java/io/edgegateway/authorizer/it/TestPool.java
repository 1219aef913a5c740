package io.edgegateway.authorizer.it;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/** A user pool in cognito-local, set up through the admin API as an operator would set up Cognito. */
public final class TestPool {
  public final CognitoIdentityProviderClient admin;
  public final String poolId;

  private TestPool(CognitoIdentityProviderClient admin, String poolId) {
    this.admin = admin;
    this.poolId = poolId;
  }

  public static TestPool create(CognitoIdentityProviderClient admin, String name) {
    return new TestPool(admin, admin.createUserPool(b -> b.poolName(name)).userPool().id());
  }

  /** A fresh password that meets Cognito's default policy; never the same twice. */
  public static String newPassword() {
    return "Pw-" + UUID.randomUUID() + "-a1!";
  }

  public String client(String name) {
    return client(name, b -> {
    });
  }

  public String client(String name, Consumer<CreateUserPoolClientRequest.Builder> settings) {
    return admin.createUserPoolClient(b -> {
      b.userPoolId(poolId).clientName(name).explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
          ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH);
      settings.accept(b);
    }).userPoolClient().clientId();
  }

  /** A CONFIRMED user with a permanent password; returns its sub. */
  public String confirmedUser(String username, String password) {
    unconfirmedUser(username, newPassword());
    admin.adminSetUserPassword(b -> b.userPoolId(poolId).username(username).password(password).permanent(true));
    return sub(username);
  }

  /** A user as AdminCreateUser leaves it: FORCE_CHANGE_PASSWORD with a temporary password. */
  public void unconfirmedUser(String username, String temporaryPassword) {
    admin.adminCreateUser(b -> b.userPoolId(poolId).username(username).temporaryPassword(temporaryPassword)
        .messageAction(MessageActionType.SUPPRESS));
  }

  public void addToGroup(String username, String group) {
    if (admin.listGroups(b -> b.userPoolId(poolId)).groups().stream().noneMatch(g -> g.groupName().equals(group))) {
      admin.createGroup(b -> b.userPoolId(poolId).groupName(group));
    }
    admin.adminAddUserToGroup(b -> b.userPoolId(poolId).username(username).groupName(group));
  }

  public String sub(String username) {
    return admin.adminGetUser(b -> b.userPoolId(poolId).username(username)).userAttributes().stream()
        .filter(a -> a.name().equals("sub")).map(AttributeType::value).findFirst().orElseThrow();
  }

  public AuthenticationResultType login(String clientId, String username, String password) {
    Map<String, String> parameters = new HashMap<>();
    parameters.put("USERNAME", username);
    parameters.put("PASSWORD", password);
    return admin.initiateAuth(b -> b.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
        .authParameters(parameters)).authenticationResult();
  }
}
