// Datum: one Avro value of any type, for code that reads or writes records generically.
//
// A Datum does not point at its schema: records hold their field values in schema order, enums
// their symbol index, maps their entries in file order. A value read from a union remembers the
// branch it came from (union_branch()); a value written to a union uses its remembered branch
// when it has one, or else the first branch its kind fits (see datum_encoding.h).
//
//   Datum rec = Datum::Record({Datum::Long(7), Datum::String("a"), Datum::Null()});
//   rec.fields()[0].long_value();  // 7
//
// Accessors require the matching kind; calling one on another kind is a programming error.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace floe::avro {

class Datum {
 public:
  enum class Kind : uint8_t {
    kNull,
    kBoolean,
    kInt,
    kLong,
    kFloat,
    kDouble,
    kBytes,
    kString,
    kFixed,
    kEnum,
    kArray,
    kMap,
    kRecord,
  };
  using MapEntries = std::vector<std::pair<std::string, Datum>>;

  Datum() = default;  // null

  static Datum Null() { return Datum(); }
  static Datum Boolean(bool v) { return Datum(Kind::kBoolean, v); }
  static Datum Int(int32_t v) { return Datum(Kind::kInt, v); }
  static Datum Long(int64_t v) { return Datum(Kind::kLong, v); }
  static Datum Float(float v) { return Datum(Kind::kFloat, v); }
  static Datum Double(double v) { return Datum(Kind::kDouble, v); }
  static Datum String(std::string v) { return Datum(Kind::kString, std::move(v)); }
  static Datum Bytes(std::vector<uint8_t> v) { return Datum(Kind::kBytes, std::move(v)); }
  static Datum Fixed(std::vector<uint8_t> v) { return Datum(Kind::kFixed, std::move(v)); }
  static Datum Enum(int32_t index) { return Datum(Kind::kEnum, index); }
  static Datum Array(std::vector<Datum> items) { return Datum(Kind::kArray, std::move(items)); }
  static Datum Map(MapEntries entries) { return Datum(Kind::kMap, std::move(entries)); }
  static Datum Record(std::vector<Datum> fields) { return Datum(Kind::kRecord, std::move(fields)); }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }

  bool boolean_value() const { return std::get<bool>(value_); }
  int32_t int_value() const { return std::get<int32_t>(value_); }
  int64_t long_value() const { return std::get<int64_t>(value_); }
  float float_value() const { return std::get<float>(value_); }
  double double_value() const { return std::get<double>(value_); }
  const std::string& string_value() const { return std::get<std::string>(value_); }
  // The bytes of a kBytes or kFixed value.
  const std::vector<uint8_t>& bytes_value() const { return std::get<std::vector<uint8_t>>(value_); }
  int32_t enum_index() const { return std::get<int32_t>(value_); }
  const std::vector<Datum>& items() const { return std::get<std::vector<Datum>>(value_); }
  const std::vector<Datum>& fields() const { return std::get<std::vector<Datum>>(value_); }
  const MapEntries& map_entries() const { return std::get<MapEntries>(value_); }

  std::vector<Datum>& mutable_items() { return std::get<std::vector<Datum>>(value_); }
  std::vector<Datum>& mutable_fields() { return std::get<std::vector<Datum>>(value_); }
  MapEntries& mutable_map_entries() { return std::get<MapEntries>(value_); }

  // The union branch this value was read from or is meant for; -1 when none was set.
  int32_t union_branch() const { return branch_; }
  Datum&& WithBranch(int32_t branch) && {
    branch_ = branch;
    return std::move(*this);
  }
  void set_union_branch(int32_t branch) { branch_ = branch; }

  // Equal kinds and values; union branches are not compared.
  bool operator==(const Datum& other) const;

 private:
  using Value = std::variant<std::monostate, bool, int32_t, int64_t, float, double, std::string,
                             std::vector<uint8_t>, std::vector<Datum>, MapEntries>;
  template <typename T>
  Datum(Kind kind, T&& value) : kind_(kind), value_(std::forward<T>(value)) {}

  Kind kind_ = Kind::kNull;
  int32_t branch_ = -1;
  Value value_;
};

// "null", "boolean", ..., "record".
std::string_view DatumKindName(Datum::Kind kind);

}  // namespace floe::avro
