// TablePrinter: RecordBatches as an aligned plain-text table for people (the `floe read` default).
//
//   id | name  | amount | tags
//   ---+-------+--------+----------
//    1 | alice |  12.50 | ["a","b"]
//   22 | null  |  -3.00 | null
//   (2 rows)
//
// A header row of field names, a separator line, then one line per row: columns joined by " | ",
// numbers (int, float, decimal) right-aligned, everything else left-aligned, nulls shown as null.
// Cells use the CSV text forms (csv_writer.h; nested values as JSON, binary as hex), with line
// breaks and tabs shown as \n, \r and \t so that a row stays on one line. Widths count UTF-8 code
// points; a cell wider than max_column_width is cut and ends with "…". A footer gives the row
// count: "(1 row)", "(N rows)". Every cell is held until Print, since widths depend on all rows:
// callers limit the rows they add.
//
//   TablePrinter printer(reader->schema());
//   ... FLOE_RETURN_IF_ERROR(printer.Add(batch)); ...
//   printer.Print(std::cout);
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "floe/columnar/batch_reader.h"
#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::text {

struct TablePrintOptions {
  // Widest a column may print, in code points (at least 2: one character and the "…").
  int max_column_width = 40;
  // Print the "(N rows)" footer.
  bool row_count_footer = true;
};

class TablePrinter {
 public:
  explicit TablePrinter(columnar::Schema schema, TablePrintOptions options = {});

  // Adds the batch's rows. InvalidArgument when its fields differ from the schema's.
  Status Add(const columnar::RecordBatch& batch);
  int64_t num_rows() const { return num_rows_; }

  void Print(std::ostream& out) const;

 private:
  struct Column {
    std::string header;
    bool right_aligned = false;
    int width = 0;
    std::vector<std::string> cells;  // already escaped and cut
  };
  // `text` escaped and cut to the maximum width; sets *width to its width in code points.
  std::string Fit(std::string_view text, int* width) const;

  columnar::Schema schema_;
  TablePrintOptions options_;
  std::vector<Column> columns_;
  std::vector<std::vector<int>> widths_;  // per column, per row
  int64_t num_rows_ = 0;
};

// Reads every batch of `reader` and prints them as one table.
Status PrintTable(columnar::BatchReader& reader, std::ostream& out, TablePrintOptions options = {});

}  // namespace floe::text
