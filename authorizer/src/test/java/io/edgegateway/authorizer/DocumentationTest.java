package io.edgegateway.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgegateway.authorizer.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README and the SAM template say what the code does: same variables, same reasons. */
class DocumentationTest {
  static final Path README = Path.of("README.md");
  static final Path TEMPLATE = Path.of("template.yaml");
  /** Set by Lambda itself; the template may not set them. */
  static final Set<String> SET_BY_LAMBDA = Set.of("AWS_REGION");
  /** Settings the template leaves to their defaults (local use only). */
  static final Set<String> LOCAL_ONLY = Set.of("COGNITO_ENDPOINT", "COGNITO_REGION", "TOKEN_ISSUER", "TOKEN_JWKS_URL");

  @Test
  void theReadmeDocumentsEveryVariable() throws IOException {
    String readme = Files.readString(README);
    for (String variable : ConfigLoader.VARIABLES) {
      assertThat(readme).as(variable).contains("| `" + variable + "` |");
    }
  }

  @Test
  void theReadmeListsEveryDenialReason() throws IOException {
    String readme = Files.readString(README);
    for (DenialReason reason : DenialReason.values()) {
      assertThat(readme).as(reason.code()).contains("`" + reason.code() + "`");
    }
  }

  @Test
  void theTemplateSetsOnlyKnownVariablesAndAllThatMatter() throws IOException {
    String template = Files.readString(TEMPLATE);
    Matcher block = Pattern.compile("(?s)Variables:\\n(.*?)\\n\\s*#? ?No IAM").matcher(template);
    assertThat(block.find()).isTrue();
    Set<String> set = Pattern.compile("(?m)^\\s+([A-Z_]+):").matcher(block.group(1)).results()
        .map(m -> m.group(1)).collect(Collectors.toSet());
    set.remove("JAVA_TOOL_OPTIONS");
    assertThat(ConfigLoader.VARIABLES).containsAll(set);
    List<String> expected = ConfigLoader.VARIABLES.stream()
        .filter(v -> !SET_BY_LAMBDA.contains(v) && !LOCAL_ONLY.contains(v)).toList();
    assertThat(set).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theTemplateCreatesAnUnsignedAuthorizerAndLetsIotCoreInvokeTheFunction() throws IOException {
    String template = Files.readString(TEMPLATE);
    assertThat(template).contains("Type: AWS::IoT::Authorizer", "SigningDisabled: true",
        "Type: AWS::Lambda::Permission", "Principal: iot.amazonaws.com", "SourceArn: !GetAtt IotAuthorizer.Arn",
        "Handler: io.edgegateway.authorizer.AuthorizerHandler::handleRequest", "CodeUri: target/authorizer.jar",
        "Timeout: 5");
  }
}
