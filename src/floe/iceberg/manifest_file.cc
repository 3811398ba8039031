#include "floe/iceberg/manifest_file.h"

namespace floe::iceberg {

std::string_view ManifestContentName(ManifestContent content) {
  return content == ManifestContent::kDeletes ? "deletes" : "data";
}

}  // namespace floe::iceberg
