package dev.minisched.scenarios.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one benchmark run measured, contender by contender, on one control plane.
 *
 * @param settings the sizes it ran with
 * @param controlPlane which API server and etcd, in words
 * @param protocol the HTTP version client-java spoke to the API server (h2 or http/1.1)
 * @param stageCold the minisched stage, the first time its code runs in this JVM (interpreted, then
 *     compiled as it goes: the JIT's warm-up is in the figures)
 * @param stage the minisched stage again, on a fresh cluster state, in the now warm JVM
 * @param upstream kube-scheduler with its default client limits, if its binary was there
 * @param upstreamRaised kube-scheduler with raised client limits, if its binary was there
 * @param ceiling the raw-binding baseline
 */
public record BenchResult(BenchSettings settings, String controlPlane, String protocol, ContenderResult stageCold, ContenderResult stage,
    Optional<ContenderResult> upstream, Optional<ContenderResult> upstreamRaised, ContenderResult ceiling) {

  /** Every contender, in the order they ran. */
  public List<ContenderResult> all() {
    List<ContenderResult> all = new ArrayList<>();
    all.add(stageCold);
    all.add(stage);
    upstream.ifPresent(all::add);
    upstreamRaised.ifPresent(all::add);
    all.add(ceiling);
    return all;
  }
}
