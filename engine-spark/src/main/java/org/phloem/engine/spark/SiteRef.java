package org.phloem.engine.spark;

import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;
import org.phloem.runtime.data.BoundData;

/**
 * One site as a task sees it: its index in the summation order and the handle of its data's broadcast
 * (an executor fetches the data the first time one of its tasks needs that site, then keeps it).
 */
record SiteRef(int index, Broadcast<BoundData> data) implements Serializable {
  private static final long serialVersionUID = 1L;
}
