package io.github.rela.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rela.schemas.avro.DeadLetter;
import io.github.rela.schemas.avro.TranslationRequest;
import org.junit.jupiter.api.Test;

/** The in-memory registry behaves like a real one where the serdes can tell. */
class InMemorySchemaRegistryClientTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  void shouldGiveOneSchemaTheSameIdUnderEverySubjectAndInEveryInstance() {
    // Given the request schema registered under two subjects
    int first = registry.register("a-value", TranslationRequest.getClassSchema());
    int second = registry.register("b-value", TranslationRequest.getClassSchema());

    // When another registry (another run) registers it too
    int elsewhere =
        new InMemorySchemaRegistryClient().register("c-value", TranslationRequest.getClassSchema());

    // Then the id is the same everywhere, and other schemas get other ids
    assertEquals(first, second);
    assertEquals(first, elsewhere);
    assertTrue(first > 0);
    assertNotEquals(first, registry.register("a-value", DeadLetter.getClassSchema()));
  }

  @Test
  void shouldCountVersionsPerSubject() {
    registry.register("a-value", TranslationRequest.getClassSchema());
    int id = registry.register("a-value", DeadLetter.getClassSchema());

    RegisteredSchema latest = registry.latest("a-value");

    assertEquals(2, latest.version());
    assertEquals(id, latest.id());
  }

  @Test
  void shouldAnswerNotFoundLikeARealRegistry() {
    registry.register("a-value", TranslationRequest.getClassSchema());

    RegistryException unknownId =
        assertThrows(RegistryException.class, () -> registry.schemaById(4));
    RegistryException unknownSubject =
        assertThrows(RegistryException.class, () -> registry.latest("b-value"));
    RegistryException unregistered =
        assertThrows(
            RegistryException.class, () -> registry.idOf("a-value", DeadLetter.getClassSchema()));

    assertEquals(RegistryException.SCHEMA_NOT_FOUND, unknownId.errorCode());
    assertEquals(RegistryException.SUBJECT_NOT_FOUND, unknownSubject.errorCode());
    assertEquals(RegistryException.SCHEMA_NOT_FOUND, unregistered.errorCode());
    assertTrue(unregistered.isNotFound());
  }

  @Test
  void shouldShareOneRegistryPerMockScope() {
    assertSame(MockSchemaRegistry.forScope("s1"), MockSchemaRegistry.forScope("s1"));
    MockSchemaRegistry.dropScope("s1");
  }
}
