package dev.minisched.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedRunTest {
  @Test
  void aRunIsDeadWhenItsNamespaceIsGoneGoingOrSilentForAMinute() {
    Instant now = Instant.parse("2026-12-01T12:00:00Z");
    assertThat(SharedRun.isDead(null, now)).isTrue();
    assertThat(SharedRun.isDead(run(now.minusSeconds(5), now.minus(Duration.ofHours(1))), now)).isFalse();
    assertThat(SharedRun.isDead(run(now.minusSeconds(61), now.minus(Duration.ofHours(1))), now)).isTrue();
    assertThat(SharedRun.isDead(run(null, now.minusSeconds(5)), now)).as("just created, no heartbeat").isFalse();
    assertThat(SharedRun.isDead(run(null, now.minusSeconds(120)), now)).isTrue();
    V1Namespace going = run(now, now);
    going.getMetadata().setDeletionTimestamp(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    assertThat(SharedRun.isDead(going, now)).isTrue();
  }

  private static V1Namespace run(Instant heartbeat, Instant created) {
    return new V1Namespace().metadata(new V1ObjectMeta().name("minisched-1234abcd")
        .creationTimestamp(OffsetDateTime.ofInstant(created, ZoneOffset.UTC))
        .annotations(heartbeat == null ? null : Map.of("minisched.dev/heartbeat", heartbeat.toString())));
  }
}
