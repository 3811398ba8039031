// Forward declarations for the columnar layer, so headers that only pass these types around
// need not include their definitions.
#pragma once

namespace floe::columnar {

class DataType;
class Field;
class Schema;
class Buffer;
class Array;
class ArrayBuilder;
class RecordBatch;
class BatchReader;
struct Decimal128;

}  // namespace floe::columnar
