// Reading table properties (the string map in table metadata) as the values they configure.
// A malformed value is an InvalidArgument naming the property, never silently the default.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/table_metadata.h"

namespace floe::table {

// The property's value, or `fallback` when the table does not set it.
std::string TableProperty(const iceberg::TableMetadata& metadata, std::string_view key,
                          std::string fallback);

// The property as an integer >= `min_value`, or `fallback` when unset.
Result<int64_t> TableIntProperty(const iceberg::TableMetadata& metadata, std::string_view key,
                                 int64_t fallback, int64_t min_value = 1);

}  // namespace floe::table
