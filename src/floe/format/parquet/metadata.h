// The parquet.thrift structures floe reads and writes: the file footer (FileMetaData) and the page
// headers, as plain values, with their (de)serialization in the Thrift compact protocol.
//
// File layout:
//   "PAR1" | column chunks (pages: PageHeader then page bytes) ... | FileMetaData (compact
//   Thrift) | footer length (4 bytes little-endian) | "PAR1"
//
// Field ids are those of parquet.thrift; the comments give them as `= id`. Enum values are kept as
// written (a value floe does not know is carried, not rejected); the readers decide what they
// support. Parsing checks every length against the input and skips unknown fields of any type.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "floe/core/result.h"

namespace floe::parquet {

enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

// parquet.thrift's CompressionCodec (named apart from floe::format::CompressionCodec).
enum class CompressionId : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3,
};

enum class TimeUnit : int32_t { kMillis = 1, kMicros = 2, kNanos = 3 };

// The LogicalType union (= SchemaElement.logicalType). kind is the union's field id.
struct LogicalType {
  enum class Kind : int32_t {
    kNone = 0,
    kString = 1,
    kMap = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,  // scale = 1, precision = 2
    kDate = 6,
    kTime = 7,       // isAdjustedToUTC = 1, unit = 2
    kTimestamp = 8,  // isAdjustedToUTC = 1, unit = 2
    kInteger = 10,   // bitWidth = 1 (i8), isSigned = 2
    kUnknown = 11,
    kJson = 12,
    kBson = 13,
    kUuid = 14,
    kFloat16 = 15,
  };
  Kind kind = Kind::kNone;
  int32_t scale = 0;
  int32_t precision = 0;
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::kMicros;
  int8_t bit_width = 0;
  bool is_signed = true;

  bool operator==(const LogicalType&) const = default;
};

struct Statistics {
  std::optional<std::string> max;         // = 1, legacy (signed order)
  std::optional<std::string> min;         // = 2, legacy
  std::optional<int64_t> null_count;      // = 3
  std::optional<int64_t> distinct_count;  // = 4
  std::optional<std::string> max_value;   // = 5
  std::optional<std::string> min_value;   // = 6

  bool operator==(const Statistics&) const = default;
};

struct SchemaElement {
  std::optional<PhysicalType> type;             // = 1
  std::optional<int32_t> type_length;           // = 2
  std::optional<Repetition> repetition_type;    // = 3
  std::string name;                             // = 4
  std::optional<int32_t> num_children;          // = 5
  std::optional<ConvertedType> converted_type;  // = 6
  std::optional<int32_t> scale;                 // = 7
  std::optional<int32_t> precision;             // = 8
  std::optional<int32_t> field_id;              // = 9
  LogicalType logical_type;                     // = 10 (kind kNone when absent)

  bool operator==(const SchemaElement&) const = default;
};

struct KeyValue {
  std::string key;                   // = 1
  std::optional<std::string> value;  // = 2

  bool operator==(const KeyValue&) const = default;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;          // = 1
  std::vector<Encoding> encodings;                     // = 2
  std::vector<std::string> path_in_schema;             // = 3
  CompressionId codec = CompressionId::kUncompressed;  // = 4
  int64_t num_values = 0;                              // = 5
  int64_t total_uncompressed_size = 0;                 // = 6
  int64_t total_compressed_size = 0;                   // = 7
  std::vector<KeyValue> key_value_metadata;            // = 8
  int64_t data_page_offset = 0;                        // = 9
  std::optional<int64_t> index_page_offset;            // = 10
  std::optional<int64_t> dictionary_page_offset;       // = 11
  std::optional<Statistics> statistics;                // = 12

  bool operator==(const ColumnMetaData&) const = default;
};

struct ColumnChunk {
  std::optional<std::string> file_path;     // = 1
  int64_t file_offset = 0;                  // = 2
  std::optional<ColumnMetaData> meta_data;  // = 3

  bool operator==(const ColumnChunk&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;              // = 1
  int64_t total_byte_size = 0;                   // = 2
  int64_t num_rows = 0;                          // = 3
  std::optional<int64_t> file_offset;            // = 5
  std::optional<int64_t> total_compressed_size;  // = 6
  std::optional<int16_t> ordinal;                // = 7

  bool operator==(const RowGroup&) const = default;
};

struct FileMetaData {
  int32_t version = 1;                       // = 1
  std::vector<SchemaElement> schema;         // = 2, depth-first, root first
  int64_t num_rows = 0;                      // = 3
  std::vector<RowGroup> row_groups;          // = 4
  std::vector<KeyValue> key_value_metadata;  // = 5
  std::optional<std::string> created_by;     // = 6
  // = 7, ColumnOrder per leaf; floe writes and keeps only TYPE_ORDER (= 1), so a count suffices.
  int32_t type_defined_column_orders = 0;

  bool operator==(const FileMetaData&) const = default;
};

struct DataPageHeader {
  int32_t num_values = 0;                               // = 1
  Encoding encoding = Encoding::kPlain;                 // = 2
  Encoding definition_level_encoding = Encoding::kRle;  // = 3
  Encoding repetition_level_encoding = Encoding::kRle;  // = 4
  std::optional<Statistics> statistics;                 // = 5

  bool operator==(const DataPageHeader&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;                // = 1
  Encoding encoding = Encoding::kPlain;  // = 2
  std::optional<bool> is_sorted;         // = 3

  bool operator==(const DictionaryPageHeader&) const = default;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;                     // = 1
  int32_t num_nulls = 0;                      // = 2
  int32_t num_rows = 0;                       // = 3
  Encoding encoding = Encoding::kPlain;       // = 4
  int32_t definition_levels_byte_length = 0;  // = 5
  int32_t repetition_levels_byte_length = 0;  // = 6
  bool is_compressed = true;                  // = 7
  std::optional<Statistics> statistics;       // = 8

  bool operator==(const DataPageHeaderV2&) const = default;
};

struct PageHeader {
  PageType type = PageType::kDataPage;                         // = 1
  int32_t uncompressed_page_size = 0;                          // = 2
  int32_t compressed_page_size = 0;                            // = 3
  std::optional<int32_t> crc;                                  // = 4
  std::optional<DataPageHeader> data_page_header;              // = 5
  std::optional<DictionaryPageHeader> dictionary_page_header;  // = 7
  std::optional<DataPageHeaderV2> data_page_header_v2;         // = 8

  bool operator==(const PageHeader&) const = default;
};

// Appends the compact-protocol form to `out`.
void SerializeFileMetaData(const FileMetaData& metadata, std::vector<uint8_t>& out);
void SerializePageHeader(const PageHeader& header, std::vector<uint8_t>& out);

// Parses a whole footer. Missing required fields and bad lengths are kCorruptFile.
Result<FileMetaData> ParseFileMetaData(std::span<const uint8_t> data);

// Parses the page header at the start of `data`; `*header_size` receives its length in bytes.
Result<PageHeader> ParsePageHeader(std::span<const uint8_t> data, size_t* header_size);

}  // namespace floe::parquet
