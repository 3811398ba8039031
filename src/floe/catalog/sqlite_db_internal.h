// SqliteDb and Statement: a thin RAII layer over SQLite for the SQL catalog. Prepared
// statements only (values are always bound, never spliced into SQL); errors become Results:
// SQLITE_BUSY/LOCKED after the busy timeout -> kUnavailable (retryable), constraint
// violations -> kAlreadyExists, anything else -> kIo.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "floe/core/result.h"

namespace floe::catalog::internal {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  // Binds parameters 1..n in order.
  Statement& Bind(std::string_view value);
  Statement& BindNull();
  Statement& Bind(int64_t value);

  // Advances; true while a row is available.
  Result<bool> Step();
  // Runs to completion (for statements without rows).
  Status Run();
  std::string ColumnText(int i) const;
  std::optional<std::string> ColumnOptionalText(int i) const;
  int64_t ColumnInt(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int next_param_ = 1;
};

class SqliteDb {
 public:
  // Opens (creating if needed) a database file, in WAL mode with a busy timeout.
  static Result<SqliteDb> Open(const std::string& path, int busy_timeout_ms);
  SqliteDb(SqliteDb&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb() { sqlite3_close_v2(db_); }

  Result<Statement> Prepare(std::string_view sql);
  // Runs SQL text with no parameters (schema creation, BEGIN/COMMIT).
  Status Exec(const char* sql);
  int64_t changes() const { return sqlite3_changes64(db_); }
  const std::string& path() const { return path_; }

  // Maps the connection's last error to an Error, naming what was being done.
  Error LastError(int rc, std::string_view what) const;

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless Commit() succeeds.
class Transaction {
 public:
  static Result<Transaction> Begin(SqliteDb& db);
  Transaction(Transaction&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  ~Transaction() {
    if (db_) (void)db_->Exec("ROLLBACK");
  }
  Status Commit();

 private:
  explicit Transaction(SqliteDb* db) : db_(db) {}
  SqliteDb* db_;
};

}  // namespace floe::catalog::internal
