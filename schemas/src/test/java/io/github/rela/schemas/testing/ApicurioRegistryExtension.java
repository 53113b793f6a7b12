package io.github.rela.schemas.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands an {@link ApicurioRegistry} to test classes that ask for one as a parameter. It is started
 * once per test JVM (kept in the root store, shared by every class) and stopped when the run ends.
 */
public final class ApicurioRegistryExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ApicurioRegistryExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ApicurioRegistry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            ApicurioRegistry.class, key -> startRegistry(), ApicurioRegistry.class);
  }

  private static ApicurioRegistry startRegistry() {
    try {
      return ApicurioRegistry.start();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start Apicurio Registry", e);
    }
  }
}
