package io.devsanctum.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ValidatorPerSchemaTest {

  @Test
  void eachSchemaOfTheContractGetsOneValidatorThatValidatesAsTheLibrarysOwn(Vertx vertx) {
    ApiContract contract = ApiContract.load(vertx).await();
    SchemaRepository schemas = contract.routing().getSchemaRepository();
    Parameter limit = contract.routing().operation("listWorkspaces").getParameters().stream()
        .filter(parameter -> parameter.getName().equals("limit")).findFirst().orElseThrow();

    assertThat(schemas.validator(limit.getSchema())).isSameAs(schemas.validator(limit.getSchema()));
    assertThat(schemas.validator(limit.getSchema()).validate(50).getValid()).isTrue();
    assertThat(schemas.validator(limit.getSchema()).validate(100_000).getValid()).isFalse();
    assertThat(schemas.validator(limit.getSchema()).validate("fifty").getValid()).isFalse();
  }
}
