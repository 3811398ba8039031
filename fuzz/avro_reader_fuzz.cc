// libFuzzer target: Avro container files and schemas from untrusted bytes.
//
// Every input must end in data or a clean error: no crash, no hang, no sanitizer report. Inputs
// starting with '{', '[' or '"' are also tried as schema JSON; everything is tried as a file.
// Build (once wired into CMake): clang++ -fsanitize=fuzzer,address,undefined ... floe_format.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "floe/format/avro/datum_encoding.h"
#include "floe/format/avro/file_reader.h"
#include "floe/format/avro/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> bytes(data, size);
  if (size > 0 && (data[0] == '{' || data[0] == '[' || data[0] == '"')) {
    auto schema =
        floe::avro::Schema::Parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (schema.has_value()) {
      // Decode the schema's own text as a value of it: any bytes will do.
      floe::avro::Decoder decoder(bytes);
      (void)floe::avro::ReadDatum((*schema)->root(), decoder);
    }
  }
  floe::avro::FileReaderOptions options;
  options.max_block_size = size_t{16} << 20;  // keep memory small under the fuzzer
  auto reader = floe::avro::FileReader::Open(bytes, options);
  if (!reader.has_value()) return 0;
  floe::avro::Datum record;
  while (true) {
    auto more = (*reader)->Next(&record);
    if (!more.has_value() || !*more) break;
  }
  return 0;
}
