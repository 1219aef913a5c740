package io.edgegateway.local.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void controlCharactersAreEscapedSoNoneForgesALogLine() {
    assertThat(ConnectHandler.printable("dev-1\n12:00:00 INFO forged\r\u0007"))
        .isEqualTo("dev-1\\u000a12:00:00 INFO forged\\u000d\\u0007")
        .doesNotContain("\n");
  }

  @Test
  void printableTextIsLeftAsItIs() {
    assertThat(ConnectHandler.printable("Zähler-7 ok")).isEqualTo("Zähler-7 ok");
    assertThat(ConnectHandler.printable(null)).isNull();
  }
}
