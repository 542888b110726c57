package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Node;

/**
 * What the scheduler knows about one node in this cycle. Upstream's {@code NodeInfo} also
 * carries the pods on the node and the resources they request; minisched's plugins need only
 * the node itself.
 */
public record NodeInfo(V1Node node) {
  public String name() {
    return node.getMetadata().getName();
  }
}
