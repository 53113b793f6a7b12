package io.github.rela.streams.topology;

/** Names of the topology's nodes and store, part of its contract with tests and operators. */
public final class TopologyNames {

  public static final String SOURCE = "requests";
  public static final String VALIDATOR = "validate";
  public static final String BATCHER = "translate-batch";
  public static final String RESULTS_SINK = "results";
  public static final String LOW_CONFIDENCE_SINK = "low-confidence";
  public static final String DEAD_LETTER_SINK = "dead-letter";

  /** The micro-batch buffer; its changelog makes buffered requests survive a crash. */
  public static final String BUFFER_STORE = "translation-buffer";

  private TopologyNames() {}
}
