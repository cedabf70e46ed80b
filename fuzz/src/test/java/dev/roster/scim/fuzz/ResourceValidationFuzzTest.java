package dev.roster.scim.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaValidator;

/**
 * A resource a client sends is read and validated, leniently and strictly, failing only with a SCIM
 * error; what validation returns validates again to itself.
 */
class ResourceValidationFuzzTest {
  @FuzzTest(maxExecutions = 1_000_000)
  void resourcesValidateOrFailWithAScimError(byte[] data) {
    JsonNode json = Targets.json(data);
    if (json == null || !json.isObject()) {
      return;
    }
    boolean group = data.length > 0 && (data[0] & 1) == 1;
    for (SchemaValidator.Mode mode : SchemaValidator.Mode.values()) {
      SchemaValidator validator = new SchemaValidator(Targets.schema(group), mode);
      ScimResource valid;
      try {
        valid = validator.validateCreate(ScimResource.fromJson(json));
      } catch (ScimException e) {
        assertThat(e.status()).isEqualTo(400);
        continue;
      }
      assertThat(validator.validateCreate(ScimResource.fromJson(valid.toJson())).toJson())
          .as("validated again, %s", mode)
          .isEqualTo(valid.toJson());
    }
  }
}
