// WriteMode and IcebergIOManagerConfig: how floe-iceberg's IO manager writes assets (the seed's
// models): the catalog to use, the default namespace for one-part asset keys, append or
// overwrite, whether schemas evolve automatically and reads project columns, credentials and
// the retry policy.
//
// Immutable; Make checks that catalog_uri, warehouse and default_namespace are not empty.
// Secrets are SecretString and print as "**********".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"
#include "floe/core/retry_config.h"
#include "floe/core/secret_string.h"

namespace floe::iceberg {

enum class WriteMode { kAppend, kOverwrite };

// "append" / "overwrite".
std::string_view WriteModeName(WriteMode mode);
Result<WriteMode> ParseWriteMode(std::string_view s);
std::ostream& operator<<(std::ostream& os, WriteMode mode);

class IcebergIOManagerConfig {
 public:
  struct Fields {
    std::string catalog_uri{};
    std::string warehouse{};
    std::string default_namespace = "public";
    WriteMode write_mode = WriteMode::kAppend;
    bool schema_evolution_enabled = true;
    bool column_projection_enabled = true;
    std::optional<std::string> client_id{};
    std::optional<SecretString> client_secret{};
    std::optional<SecretString> token{};
    std::string scope = "PRINCIPAL_ROLE:ALL";
    polaris::RetryConfig retry{};
  };

  static Result<IcebergIOManagerConfig> Make(Fields fields);
  static Result<IcebergIOManagerConfig> FromJson(const nlohmann::json& json);
  static Result<IcebergIOManagerConfig> FromYaml(std::string_view yaml);

  const std::string& catalog_uri() const { return f_.catalog_uri; }
  const std::string& warehouse() const { return f_.warehouse; }
  const std::string& default_namespace() const { return f_.default_namespace; }
  WriteMode write_mode() const { return f_.write_mode; }
  bool schema_evolution_enabled() const { return f_.schema_evolution_enabled; }
  bool column_projection_enabled() const { return f_.column_projection_enabled; }
  const std::optional<std::string>& client_id() const { return f_.client_id; }
  const std::optional<SecretString>& client_secret() const { return f_.client_secret; }
  const std::optional<SecretString>& token() const { return f_.token; }
  const std::string& scope() const { return f_.scope; }
  const polaris::RetryConfig& retry() const { return f_.retry; }

  nlohmann::json ToJson() const;
  std::string ToString() const;
  bool operator==(const IcebergIOManagerConfig& other) const;

 private:
  explicit IcebergIOManagerConfig(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

std::ostream& operator<<(std::ostream& os, const IcebergIOManagerConfig& c);

}  // namespace floe::iceberg
