package org.phloem.tests.scalebench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a piece of work needs, from the garbage collector's own reports: after every collection the
 * JVM says how much of the heap is still in use, which is the live data plus at most what the
 * collector chose not to clean (old-generation garbage between full collections). The maximum of that
 * over the work is its peak heap; {@link #maxUsedAfterGc()} reports it. Collections happen often when
 * the heap is tight, so the figure is sharpest under a small {@code -Xmx} — the definitive test of a
 * budget is whether the work completes under {@code -Xmx} equal to it, which the benchmarks also run.
 */
final class HeapWatch implements AutoCloseable {
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final AtomicLong collections = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener listener = (notification, handback) -> {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
      used += u.getUsed();
    }
    // non-heap pools (metaspace, code cache) are in the map too; subtract them to keep the heap only
    used -= nonHeap(info);
    collections.incrementAndGet();
    maxAfterGc.accumulateAndGet(used, Math::max);
  };

  /** Starts listening (and forgets earlier collections). */
  HeapWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
        emitters.add(e);
      }
    }
  }

  private static long nonHeap(GarbageCollectionNotificationInfo info) {
    long n = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.NON_HEAP) {
        MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
        if (u != null) {
          n += u.getUsed();
        }
      }
    }
    return n;
  }

  /** The largest heap in use right after a collection since this watch started, bytes (0: no collection yet). */
  long maxUsedAfterGc() {
    return maxAfterGc.get();
  }

  /** Collections seen. */
  long collections() {
    return collections.get();
  }

  /** Heap in use now after a full collection, bytes (the live data, to measure what stays allocated). */
  static long liveAfterFullGc() {
    for (int k = 0; k < 2; k++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // already gone
      }
    }
  }
}
