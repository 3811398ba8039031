#include "floe/columnar/nested_builder.h"

#include <limits>

namespace floe::columnar {

StructBuilder::StructBuilder(DataType type, std::vector<std::unique_ptr<ArrayBuilder>> children)
    : ArrayBuilder(std::move(type)), children_(std::move(children)) {}

Status StructBuilder::Append() {
  if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
  UnsafeAppendValid();
  ++length_;
  return OkStatus();
}

Status StructBuilder::AppendNull() { return AppendNulls(1); }

Status StructBuilder::AppendNulls(int64_t n) {
  FLOE_RETURN_IF_ERROR(Reserve(n));
  for (auto& child : children_) FLOE_RETURN_IF_ERROR(child->AppendNulls(n));
  UnsafeAppendNullBits(n);
  length_ += n;
  return OkStatus();
}

Result<Array> StructBuilder::Finish() {
  const int64_t length = length_;
  const int64_t null_count = null_count_;
  for (size_t i = 0; i < children_.size(); ++i) {
    if (children_[i]->length() != length) {
      return InvalidArgument("struct field {} has {} values for {} rows",
                             type_.field(static_cast<int>(i)).name(), children_[i]->length(),
                             length);
    }
  }
  std::vector<Array> children;
  children.reserve(children_.size());
  for (auto& child : children_) {
    FLOE_ASSIGN_OR_RETURN(auto array, child->Finish());
    children.push_back(std::move(array));
  }
  auto validity = FinishValidity();
  ResetBase();
  return Array::Make(type_, length, {std::move(validity)}, std::move(children), null_count);
}

void StructBuilder::Reset() {
  ResetBase();
  for (auto& child : children_) child->Reset();
}

// ---- ListBuilder and MapBuilder: int32 offsets over child builders ----

namespace {

// List and map offsets are int32: the child may hold at most 2^31 - 1 items.
Status CheckChildLength(const DataType& type, int64_t child_length) {
  if (child_length > std::numeric_limits<int32_t>::max()) {
    return InvalidArgument("{} array would hold more than 2^31 - 1 items", type.ToString());
  }
  return OkStatus();
}

}  // namespace

ListBuilder::ListBuilder(DataType type, std::unique_ptr<ArrayBuilder> value_builder)
    : ArrayBuilder(std::move(type)), values_(std::move(value_builder)) {}

Status ListBuilder::Grow(int64_t min_capacity) {
  FLOE_RETURN_IF_ERROR(ArrayBuilder::Grow(min_capacity));
  return offsets_.EnsureCapacity((capacity_ + 1) * 4, length_ * 4);
}

Status ListBuilder::AppendSlot(bool valid, int64_t n) {
  FLOE_RETURN_IF_ERROR(CheckChildLength(type_, values_->length()));
  FLOE_RETURN_IF_ERROR(Reserve(n));
  auto* off = reinterpret_cast<int32_t*>(offsets_.data());
  const auto start = static_cast<int32_t>(values_->length());
  for (int64_t i = 0; i < n; ++i) off[length_ + i] = start;
  if (valid) {
    for (int64_t i = 0; i < n; ++i) {
      UnsafeAppendValid();
      ++length_;
    }
  } else {
    UnsafeAppendNullBits(n);
    length_ += n;
  }
  return OkStatus();
}

Status ListBuilder::Append() { return AppendSlot(true, 1); }
Status ListBuilder::AppendNull() { return AppendSlot(false, 1); }
Status ListBuilder::AppendNulls(int64_t n) { return AppendSlot(false, n); }

Result<Array> ListBuilder::Finish() {
  FLOE_RETURN_IF_ERROR(CheckChildLength(type_, values_->length()));
  if (capacity_ == 0) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
  reinterpret_cast<int32_t*>(offsets_.data())[length_] = static_cast<int32_t>(values_->length());
  const int64_t length = length_;
  const int64_t null_count = null_count_;
  FLOE_ASSIGN_OR_RETURN(auto child, values_->Finish());
  auto validity = FinishValidity();
  auto offsets = offsets_.Finish((length + 1) * 4);
  ResetBase();
  if (offsets == nullptr) return Internal("cannot allocate an empty buffer");
  return Array::Make(type_, length, {std::move(validity), std::move(offsets)}, {std::move(child)},
                     null_count);
}

void ListBuilder::Reset() {
  ResetBase();
  values_->Reset();
}

MapBuilder::MapBuilder(DataType type, std::unique_ptr<ArrayBuilder> key_builder,
                       std::unique_ptr<ArrayBuilder> item_builder)
    : ArrayBuilder(std::move(type)),
      keys_(std::move(key_builder)),
      items_(std::move(item_builder)) {}

Status MapBuilder::Grow(int64_t min_capacity) {
  FLOE_RETURN_IF_ERROR(ArrayBuilder::Grow(min_capacity));
  return offsets_.EnsureCapacity((capacity_ + 1) * 4, length_ * 4);
}

Status MapBuilder::AppendSlot(bool valid, int64_t n) {
  FLOE_RETURN_IF_ERROR(CheckChildLength(type_, keys_->length()));
  FLOE_RETURN_IF_ERROR(Reserve(n));
  auto* off = reinterpret_cast<int32_t*>(offsets_.data());
  const auto start = static_cast<int32_t>(keys_->length());
  for (int64_t i = 0; i < n; ++i) off[length_ + i] = start;
  if (valid) {
    for (int64_t i = 0; i < n; ++i) {
      UnsafeAppendValid();
      ++length_;
    }
  } else {
    UnsafeAppendNullBits(n);
    length_ += n;
  }
  return OkStatus();
}

Status MapBuilder::Append() { return AppendSlot(true, 1); }
Status MapBuilder::AppendNull() { return AppendSlot(false, 1); }
Status MapBuilder::AppendNulls(int64_t n) { return AppendSlot(false, n); }

Result<Array> MapBuilder::Finish() {
  if (keys_->length() != items_->length()) {
    return InvalidArgument("map has {} keys but {} items", keys_->length(), items_->length());
  }
  if (keys_->null_count() > 0) return InvalidArgument("map has {} null keys", keys_->null_count());
  FLOE_RETURN_IF_ERROR(CheckChildLength(type_, keys_->length()));
  if (capacity_ == 0) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
  reinterpret_cast<int32_t*>(offsets_.data())[length_] = static_cast<int32_t>(keys_->length());
  const int64_t length = length_;
  const int64_t null_count = null_count_;
  const int64_t entries_length = keys_->length();
  FLOE_ASSIGN_OR_RETURN(auto keys, keys_->Finish());
  FLOE_ASSIGN_OR_RETURN(auto items, items_->Finish());
  FLOE_ASSIGN_OR_RETURN(auto entries, Array::Make(type_.field(0).type(), entries_length, {nullptr},
                                                  {std::move(keys), std::move(items)}, 0));
  auto validity = FinishValidity();
  auto offsets = offsets_.Finish((length + 1) * 4);
  ResetBase();
  if (offsets == nullptr) return Internal("cannot allocate an empty buffer");
  return Array::Make(type_, length, {std::move(validity), std::move(offsets)}, {std::move(entries)},
                     null_count);
}

void MapBuilder::Reset() {
  ResetBase();
  keys_->Reset();
  items_->Reset();
}

}  // namespace floe::columnar
