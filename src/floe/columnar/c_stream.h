// BatchReader through the Arrow C Stream Interface.
//
// ExportBatchReader moves a reader behind an ArrowArrayStream: get_schema exports its schema,
// get_next exports its next batch (a released ArrowArray marks the end), and an error becomes
// EIO (EINVAL for a call on a released stream) with the message from get_last_error, valid
// until the next call. The stream's release destroys the reader.
//
// ImportBatchReader consumes an ArrowArrayStream (the caller's struct is marked released) and
// returns a BatchReader whose batches are imported zero-copy; a producer error code becomes an
// IoError carrying get_last_error's text. The stream is released when the reader is destroyed.
#pragma once

#include <memory>

#include "floe/columnar/batch_reader.h"
#include "floe/columnar/c_abi.h"
#include "floe/core/result.h"

namespace floe::columnar {

// `out` must be uninitialized or released.
Status ExportBatchReader(std::unique_ptr<BatchReader> reader, ArrowArrayStream* out);

Result<std::unique_ptr<BatchReader>> ImportBatchReader(ArrowArrayStream* stream);

}  // namespace floe::columnar
