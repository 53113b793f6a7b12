package io.github.rela.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Maps the command line's verbosity to logback levels; logback.xml holds the quiet default. */
final class Logging {

  private Logging() {}

  private static int verbosity;

  /** The level last set by {@link #setVerbosity}. */
  static int verbosity() {
    return verbosity;
  }

  /** 0: the default of logback.xml; 1: info everywhere, debug for rela; 2 or more: debug. */
  static void setVerbosity(int level) {
    verbosity = level;
    if (level <= 0 || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // The loggers logback.xml quiets inherit again: verbose means everything.
    context.getLoggerList().stream().filter(l -> l != root).forEach(l -> l.setLevel(null));
    Logger rela = context.getLogger("io.github.rela");
    root.setLevel(level == 1 ? Level.INFO : Level.DEBUG);
    rela.setLevel(Level.DEBUG);
  }
}
