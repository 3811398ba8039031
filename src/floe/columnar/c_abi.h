/* The Arrow C Data Interface and C Stream Interface structs, as the Arrow specification
 * defines them (arrow.apache.org/docs/format/CDataInterface.html, CStreamInterface.html).
 *
 * A plain C header so that any producer or consumer can include it; the guards let it coexist
 * with other copies of the same definitions (Arrow's abi.h, nanoarrow). Memory layout:
 *   ArrowSchema: format, name, metadata (pointers), flags, n_children (int64), children,
 *                dictionary, release, private_data.
 *   ArrowArray:  length, null_count, offset, n_buffers, n_children (int64), buffers, children,
 *                dictionary, release, private_data.
 *   ArrowArrayStream: get_schema, get_next, get_last_error, release, private_data.
 * A struct whose release is NULL is released (moved or consumed). Metadata is an int32 pair
 * count followed by, per pair, an int32 key length, key bytes, int32 value length, value
 * bytes, all in native byte order. */
#ifndef FLOE_COLUMNAR_C_ABI_H_
#define FLOE_COLUMNAR_C_ABI_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  /* Array type description */
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;

  /* Release callback */
  void (*release)(struct ArrowSchema*);
  /* Opaque producer-specific data */
  void* private_data;
};

struct ArrowArray {
  /* Array data description */
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;

  /* Release callback */
  void (*release)(struct ArrowArray*);
  /* Opaque producer-specific data */
  void* private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE

struct ArrowArrayStream {
  /* Callbacks providing stream functionality; each returns 0 or an errno-compatible code. */
  int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
  int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
  const char* (*get_last_error)(struct ArrowArrayStream*);

  /* Release callback */
  void (*release)(struct ArrowArrayStream*);
  /* Opaque producer-specific data */
  void* private_data;
};

#endif /* ARROW_C_STREAM_INTERFACE */

#ifdef __cplusplus
}
#endif

#endif /* FLOE_COLUMNAR_C_ABI_H_ */
