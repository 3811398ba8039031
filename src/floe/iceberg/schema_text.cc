#include "floe/iceberg/schema_text.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "floe/iceberg/type_json.h"

namespace floe::iceberg {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Splits on commas outside parentheses and brackets.
std::vector<std::string_view> SplitTopLevel(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    if (c == ',' && depth == 0) {
      parts.push_back(Trim(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.push_back(Trim(text.substr(start)));
  return parts;
}

bool ValidName(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

}  // namespace

Result<Schema> ParseSchemaText(std::string_view text) {
  static const std::map<std::string, std::string> kAliases = {
      {"integer", "int"},   {"int32", "int"},       {"bigint", "long"}, {"int64", "long"},
      {"float32", "float"}, {"float64", "double"},  {"text", "string"}, {"varchar", "string"},
      {"bool", "boolean"},  {"timestamp_tz", "timestamptz"}};
  if (Trim(text).empty()) return InvalidArgument("schema: no columns given");
  std::vector<NestedField> fields;
  int32_t id = 0;
  for (std::string_view column : SplitTopLevel(text)) {
    if (column.empty()) return InvalidArgument("schema: empty column in '{}'", text);
    size_t space = column.find_first_of(" \t");
    if (space == std::string_view::npos) {
      return InvalidArgument("schema: column '{}' has no type (write 'name type')", column);
    }
    std::string_view name = column.substr(0, space);
    std::string rest = Lower(Trim(column.substr(space)));
    bool required = false;
    if (rest.ends_with("not null")) {
      required = true;
      rest = std::string(Trim(std::string_view(rest).substr(0, rest.size() - 8)));
    }
    // Normalize "decimal (10, 2)" spacing for the type parser.
    std::string type_text;
    for (char c : rest) {
      if (!std::isspace(static_cast<unsigned char>(c))) type_text.push_back(c);
    }
    if (auto it = kAliases.find(type_text); it != kAliases.end()) type_text = it->second;
    if (type_text.starts_with("decimal(")) {
      auto comma = type_text.find(',');
      if (comma != std::string::npos) type_text.insert(comma + 1, " ");
    }
    auto type = PrimitiveTypeFromString(type_text);
    if (!type) {
      return InvalidArgument("schema: column '{}': unknown type '{}'", name, Trim(column.substr(space)));
    }
    if (!ValidName(name)) return InvalidArgument("schema: '{}' is not a valid column name", name);
    fields.push_back(required ? NestedField::Required(++id, std::string(name), *type)
                              : NestedField::Optional(++id, std::string(name), *type));
  }
  return Schema::Make(0, std::move(fields));
}

Result<std::vector<PartitionTransform>> ParsePartitionExpression(std::string_view text) {
  std::vector<PartitionTransform> out;
  if (Trim(text).empty()) return out;
  for (std::string_view term : SplitTopLevel(text)) {
    if (term.empty()) return InvalidArgument("partition expression: empty term in '{}'", text);
    std::optional<std::string> alias;
    std::string lower = Lower(term);
    if (auto as = lower.rfind(" as "); as != std::string::npos) {
      alias = std::string(Trim(term.substr(as + 4)));
      term = Trim(term.substr(0, as));
    }
    PartitionTransform::Fields f;
    f.name = alias;
    auto open = term.find('(');
    if (open == std::string_view::npos) {
      if (!ValidName(term)) return InvalidArgument("partition expression: bad term '{}'", term);
      f.source_column = std::string(term);
      f.transform_type = PartitionTransformType::kIdentity;
    } else {
      if (!term.ends_with(")")) return InvalidArgument("partition expression: bad term '{}'", term);
      auto kind = ParsePartitionTransformType(Lower(Trim(term.substr(0, open))));
      if (!kind) {
        return InvalidArgument(
            "partition expression: unknown transform in '{}' (identity, year, month, day, hour, "
            "bucket, truncate)", term);
      }
      f.transform_type = *kind;
      auto args = SplitTopLevel(term.substr(open + 1, term.size() - open - 2));
      const bool takes_param = *kind == PartitionTransformType::kBucket ||
                               *kind == PartitionTransformType::kTruncate;
      if (args.size() != (takes_param ? 2u : 1u)) {
        return InvalidArgument("partition expression: '{}' takes {}", term,
                               takes_param ? "a number and a column, e.g. bucket(16, id)"
                                           : "one column");
      }
      if (takes_param) {
        int n = 0;
        try {
          size_t used = 0;
          n = std::stoi(std::string(args[0]), &used);
          if (used != args[0].size()) throw std::invalid_argument("x");
        } catch (const std::exception&) {
          return InvalidArgument("partition expression: '{}': '{}' is not a number", term, args[0]);
        }
        if (*kind == PartitionTransformType::kBucket) f.num_buckets = n;
        else f.width = n;
      }
      f.source_column = std::string(args.back());
      if (!ValidName(f.source_column)) {
        return InvalidArgument("partition expression: bad column '{}' in '{}'", f.source_column, term);
      }
    }
    auto transform = PartitionTransform::Make(std::move(f));
    if (!transform) {
      return InvalidArgument("partition expression: '{}': {}", term, transform.error().message());
    }
    out.push_back(std::move(transform).value());
  }
  return out;
}

Result<PartitionSpec> MakePartitionSpec(const Schema& schema,
                                        const std::vector<PartitionTransform>& transforms) {
  std::vector<PartitionField> fields;
  int32_t field_id = PartitionSpec::kFirstFieldId;
  for (const auto& t : transforms) {
    auto source = schema.FindFieldByName(t.source_column());
    if (!source) {
      return InvalidArgument("partition by {}: no column '{}' in the table schema", t.ToString(),
                             t.source_column());
    }
    FLOE_ASSIGN_OR_RETURN(auto transform, Transform::FromString(t.iceberg_transform()));
    fields.emplace_back((*source)->id(), field_id++, t.field_name(), transform);
  }
  auto spec = PartitionSpec::Make(schema, 0, std::move(fields));
  if (!spec) return InvalidArgument("partition spec: {}", spec.error().message());
  return spec;
}

}  // namespace floe::iceberg
