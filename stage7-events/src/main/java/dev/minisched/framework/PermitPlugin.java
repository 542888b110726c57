package dev.minisched.framework;

import io.kubernetes.client.openapi.models.V1Pod;

/**
 * Permit plugins have the last word before a pod is bound: they may let it through, turn it
 * away, or hold it for a while — for example until the other pods of a gang are placed too.
 * Upstream: {@code PermitPlugin}.
 *
 * <p>When: at the end of the scheduling cycle, once a node has been chosen, for every permit
 * plugin in order. The binding cycle, on another thread, then waits until every plugin that said
 * Wait has allowed the pod ({@link WaitingPod#allow}) — or one rejected it, or its timeout ran out.
 *
 * <p>Results ({@link PermitResult}):
 * <ul>
 *   <li>allow ({@link Code#SUCCESS}): bind as far as this plugin is concerned.
 *   <li>reject ({@link Code#UNSCHEDULABLE}): do not bind; the pod fails this attempt.
 *   <li>wait ({@link Code#WAIT}) with a timeout: hold the pod. Someone — the plugin itself, on a
 *       timer or when it sees an event — later calls {@code allow} or {@code reject} on the
 *       {@link WaitingPod}, found through the {@link Handle}. If nobody does before the timeout,
 *       the pod is rejected.
 *   <li>{@link Code#ERROR}: the attempt fails.
 * </ul>
 */
public interface PermitPlugin extends Plugin {
  PermitResult permit(CycleState state, V1Pod pod, String nodeName);
}
