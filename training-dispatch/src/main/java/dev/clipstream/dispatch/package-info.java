/**
 * Training dispatch: places training batches on simulated Dojo or Nvidia backends according to their
 * availability and records every decision as a {@code DispatchEvent}.
 *
 * <p>Not built yet (skeleton only).
 */
package dev.clipstream.dispatch;
