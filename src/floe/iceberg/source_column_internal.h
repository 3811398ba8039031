// The check shared by partition specs and sort orders: a transform's source column exists, is a
// primitive reachable through structs only (not inside a list or map), and has a type the
// transform accepts. Unknown transforms pass the type check: they are kept, never applied.
#pragma once

#include <cstdint>
#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/schema.h"
#include "floe/iceberg/transform.h"

namespace floe::iceberg {

// `what` names the partition or sort field in messages.
Status CheckSourceColumn(const Schema& schema, int32_t source_id, const Transform& transform,
                         std::string_view what);

}  // namespace floe::iceberg
