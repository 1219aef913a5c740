package io.edgegateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lane against a plain list doing the same operations, over many random runs. */
class DeviceLaneTest {

  @Test
  void behavesLikeAListOfWaitingIdsWithAFrontPartHandedOn() {
    Random random = new Random(20261124);
    for (int run = 0; run < 2_000; run++) {
      DeviceLane lane = new DeviceLane("d", 0);
      List<Long> model = new ArrayList<>();
      int sent = 0;
      long nextId = 1;
      for (int step = 0; step < 200; step++) {
        switch (random.nextInt(4)) {
          case 0 -> {
            for (int k = random.nextInt(5); k > 0; k--) {
              lane.add(nextId);
              model.add(nextId++);
            }
          }
          case 1 -> {
            if (lane.sendable()) {
              assertThat(lane.next()).isEqualTo(model.get(sent++));
            }
          }
          case 2 -> {
            if (sent > 0) {
              int i = random.nextInt(sent);
              lane.done(model.remove(i));
              sent--;
            }
          }
          default -> {
            long goneBelow = model.isEmpty() ? nextId : model.get(random.nextInt(model.size())) + 1;
            lane.forgetBelow(goneBelow);
            int front = sent;
            model.removeIf(id -> model.indexOf(id) >= front && id < goneBelow);
          }
        }
        assertThat(lane.size()).isEqualTo(model.size());
        assertThat(lane.sendable()).isEqualTo(sent < model.size());
      }
      // what is left comes out in order
      while (lane.sendable()) {
        assertThat(lane.next()).isEqualTo(model.get(sent++));
      }
      assertThat(sent).isEqualTo(model.size());
    }
  }
}
