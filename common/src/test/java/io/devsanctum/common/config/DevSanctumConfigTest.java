package io.devsanctum.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevSanctumConfigTest {

  @Test
  void defaultsMakeStandaloneModeWorkWithoutAnyVariable() {
    DevSanctumConfig config = DevSanctumConfig.from(new Env(Map.of()));

    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().baseDomain()).isEqualTo("localhost");
    assertThat(config.http().dashboardUrl(8080)).isEqualTo("http://localhost:8080");
    assertThat(config.database().isConfigured()).isFalse();
    assertThat(config.dataDir().getFileName()).isEqualTo(Path.of(".devsanctum"));
    assertThat(config.cluster().members()).containsExactly("127.0.0.1");
  }

  @Test
  void readsEveryVariableWithItsType() {
    DevSanctumConfig config = DevSanctumConfig.from(new Env(Map.of(
        "DEVSANCTUM_HTTP_PORT", "9090",
        "DEVSANCTUM_BASE_DOMAIN", "dev.example.com",
        "DEVSANCTUM_DATABASE_URL", "postgresql://ds:secret@db:5432/devsanctum",
        "DEVSANCTUM_CLUSTER_NAME", "prod",
        "DEVSANCTUM_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5701",
        "DEVSANCTUM_DATA_DIR", "/var/lib/devsanctum")));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.http().dashboardUrl(9090)).isEqualTo("http://dev.example.com:9090");
    assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/devsanctum");
    assertThat(config.database().connectOptions().getUser()).isEqualTo("ds");
    assertThat(config.cluster().name()).isEqualTo("prod");
    assertThat(config.cluster().members()).isEqualTo(List.of("10.0.0.1:5701", "10.0.0.2:5701"));
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/devsanctum"));
  }

  @Test
  void malformedValueFailsNamingTheVariable() {
    assertThatThrownBy(() -> DevSanctumConfig.from(new Env(Map.of("DEVSANCTUM_HTTP_PORT", "eighty"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DEVSANCTUM_HTTP_PORT");
    assertThatThrownBy(() -> DevSanctumConfig.from(new Env(Map.of("DEVSANCTUM_HTTP_PORT", "70000"))))
        .hasMessageContaining("DEVSANCTUM_HTTP_PORT");
  }

  @Test
  void databasePasswordNeverAppearsInTheDescription() {
    DatabaseConfig database = new DatabaseConfig("postgresql://ds:hunter22@db:5432/devsanctum", 4);

    assertThat(database.toString()).doesNotContain("hunter22").contains("db:5432");
  }
}
