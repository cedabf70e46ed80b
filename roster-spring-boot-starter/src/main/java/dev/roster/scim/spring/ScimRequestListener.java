package dev.roster.scim.spring;

import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;

/**
 * Hears about every request the {@link ScimServletFilter} answers, after the response is written:
 * for metrics ({@link dev.roster.scim.spring.metrics.ScimRequestMetrics}) or access logs. Declared
 * as beans, the starter hands every one to its filter, in {@link
 * org.springframework.core.annotation.Order} order.
 *
 * <p>Called on the request thread, concurrently; implementations must be thread-safe and quick. An
 * exception is logged and ignored.
 */
@FunctionalInterface
public interface ScimRequestListener {
  /**
   * Called after the response to {@code request} was written.
   *
   * @param request the request as the engine saw it (its path is below the base path)
   * @param response the engine's response
   * @param durationNanos time from the filter receiving the request to the response written
   */
  void handled(ScimRequest request, ScimResponse response, long durationNanos);
}
