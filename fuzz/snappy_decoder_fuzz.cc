// libFuzzer target: floe's snappy decompressor against libsnappy's, on untrusted bytes.
//
// Each input is used twice:
//   as a block: ours must agree with libsnappy (both fail, or both give the same bytes), and
//               never read or write outside the block and the output;
//   as data:    libsnappy compresses it, and ours must give it back exactly.
#include <snappy.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <vector>

#include "floe/format/snappy_decoder_internal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* chars = reinterpret_cast<const char*>(data);
  std::span<const uint8_t> block(data, size);
  auto length = floe::format::SnappyUncompressedLength(block);
  if (length.has_value() && *length <= (size_t{1} << 20)) {
    std::vector<uint8_t> ours(*length);
    const bool ours_ok = floe::format::SnappyUncompress(block, ours).has_value();
    std::string theirs;
    const bool theirs_ok = snappy::Uncompress(chars, size, &theirs);
    if (ours_ok != theirs_ok) std::abort();
    if (ours_ok && std::string(ours.begin(), ours.end()) != theirs) std::abort();
  }
  std::string compressed;
  snappy::Compress(chars, size, &compressed);
  std::vector<uint8_t> back(size);
  auto round = floe::format::SnappyUncompress(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(compressed.data()),
                               compressed.size()),
      back);
  if (!round.has_value() || std::string(back.begin(), back.end()) != std::string(chars, size)) {
    std::abort();
  }
  return 0;
}
