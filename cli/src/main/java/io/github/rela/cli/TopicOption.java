package io.github.rela.cli;

import picocli.CommandLine.Option;

/**
 * {@code --topic TOPIC}: the topic of evaluation requests, written by load-eval, read by replay.
 */
public final class TopicOption {

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Topic of requests with references (replay: required unless --compare).")
  private String topic;

  String name() {
    return topic;
  }
}
