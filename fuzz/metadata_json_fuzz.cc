// Fuzzes the table metadata JSON reader: any bytes give a TableMetadata or an error, never a
// crash, a hang or a sanitizer report; what parses must write back and parse again equally.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "floe/core/yaml.h"
#include "floe/iceberg/table_metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = floe::ParseJson(text);
  if (!json) return 0;
  auto metadata = floe::iceberg::TableMetadata::FromJson(*json);
  if (!metadata) return 0;
  auto again = floe::iceberg::TableMetadata::FromJson(metadata->ToJson());
  if (!again) __builtin_trap();
  return 0;
}
