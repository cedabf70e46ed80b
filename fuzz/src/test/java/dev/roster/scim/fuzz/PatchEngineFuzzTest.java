package dev.roster.scim.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.patch.PatchOperation;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.patch.PatchEngine;
import java.util.List;

/**
 * A PATCH body applied to a user or a group either fails with a SCIM error and leaves the resource
 * as it was, or gives a resource that validates.
 */
class PatchEngineFuzzTest {
  @FuzzTest(maxExecutions = 1_000_000)
  void patchesApplyOrFailWithAScimError(byte[] data) {
    JsonNode body = Targets.json(data);
    if (body == null) {
      return;
    }
    boolean group = data.length > 0 && (data[0] & 1) == 1;
    ScimResource resource = group ? Targets.group() : Targets.user();
    JsonNode before = resource.toJson().deepCopy();
    for (SchemaValidator.Mode mode : SchemaValidator.Mode.values()) {
      PatchEngine engine = new PatchEngine(Targets.schema(group), mode, Targets.LIMITS);
      ScimResource patched;
      try {
        List<PatchOperation> operations = engine.readRequest(body);
        engine.memberDelta(operations);
        patched = engine.apply(resource, operations);
      } catch (ScimException e) {
        assertThat(e.status()).isBetween(400, 499);
        assertThat(resource.toJson()).as("the resource after a failed PATCH").isEqualTo(before);
        continue;
      }
      assertThat(resource.toJson()).as("the resource patched").isEqualTo(before);
      new SchemaValidator(Targets.schema(group), SchemaValidator.Mode.LENIENT).check(patched);
    }
  }
}
