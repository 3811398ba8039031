// Builders for nested arrays: struct, list and map. Each owns its child builders.
//
// StructBuilder: append one value to every child, then Append() the struct slot (AppendNull()
// also appends a null to every child). ListBuilder: Append() opens a list, then append its items
// to value_builder(). MapBuilder: Append() opens a map, then append equal numbers of keys and
// items (keys may not be null). Children are reached typed through child_as<B>(),
// value_builder_as<B>(), key_builder_as<B>() and item_builder_as<B>(), where B is the builder
// MakeBuilder (builder.h) creates for the child's type.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "floe/columnar/array_builder.h"

namespace floe::columnar {

class StructBuilder final : public ArrayBuilder {
 public:
  // REQUIRES: type is struct and children match its fields in number and type.
  StructBuilder(DataType type, std::vector<std::unique_ptr<ArrayBuilder>> children);

  int num_children() const { return static_cast<int>(children_.size()); }
  ArrayBuilder* child(int i) { return children_[static_cast<size_t>(i)].get(); }
  // REQUIRES: B is the child's concrete builder type (as MakeBuilder creates it).
  template <typename B>
  B& child_as(int i) {
    return static_cast<B&>(*children_[static_cast<size_t>(i)]);
  }

  // Appends a valid struct slot; the caller appends one value to every child.
  Status Append();
  // Appends a null slot and a null to every child.
  Status AppendNull() override;
  Status AppendNulls(int64_t n) override;

  // InvalidArgument when a child's length differs from the struct's.
  Result<Array> Finish() override;
  void Reset() override;

 private:
  std::vector<std::unique_ptr<ArrayBuilder>> children_;
};

class ListBuilder final : public ArrayBuilder {
 public:
  // REQUIRES: type is list and value_builder builds its item type.
  ListBuilder(DataType type, std::unique_ptr<ArrayBuilder> value_builder);

  ArrayBuilder* value_builder() { return values_.get(); }
  template <typename B>
  B& value_builder_as() {
    return static_cast<B&>(*values_);
  }

  // Opens a new (valid) list; the items appended to value_builder() until the next Append,
  // AppendNull or Finish belong to it.
  Status Append();
  Status AppendNull() override;
  Status AppendNulls(int64_t n) override;

  Result<Array> Finish() override;
  void Reset() override;

 protected:
  Status Grow(int64_t min_capacity) override;

 private:
  Status AppendSlot(bool valid, int64_t n);

  builder_internal::ReusableBuffer offsets_;
  std::unique_ptr<ArrayBuilder> values_;
};

class MapBuilder final : public ArrayBuilder {
 public:
  // REQUIRES: type is map; key_builder and item_builder build its key and value types.
  MapBuilder(DataType type, std::unique_ptr<ArrayBuilder> key_builder,
             std::unique_ptr<ArrayBuilder> item_builder);

  ArrayBuilder* key_builder() { return keys_.get(); }
  ArrayBuilder* item_builder() { return items_.get(); }
  template <typename B>
  B& key_builder_as() {
    return static_cast<B&>(*keys_);
  }
  template <typename B>
  B& item_builder_as() {
    return static_cast<B&>(*items_);
  }

  // Opens a new (valid) map; append its keys and items (same count) until the next slot.
  Status Append();
  Status AppendNull() override;
  Status AppendNulls(int64_t n) override;

  // InvalidArgument when keys and items differ in number or a key is null.
  Result<Array> Finish() override;
  void Reset() override;

 protected:
  Status Grow(int64_t min_capacity) override;

 private:
  Status AppendSlot(bool valid, int64_t n);

  builder_internal::ReusableBuffer offsets_;
  std::unique_ptr<ArrayBuilder> keys_;
  std::unique_ptr<ArrayBuilder> items_;
};

}  // namespace floe::columnar
