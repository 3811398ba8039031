#include "floe/catalog/sqlite_db_internal.h"

namespace floe::catalog::internal {

Error SqliteDb::LastError(int rc, std::string_view what) const {
  const int primary = rc & 0xff;
  const char* msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Unavailable("catalog database {} is busy ({}): {}", path_, what, msg);
  }
  if (primary == SQLITE_CONSTRAINT) return AlreadyExists("{}: {}", what, msg);
  return IoError("catalog database {} ({}): {}", path_, what, msg);
}

Statement& Statement::Bind(std::string_view value) {
  sqlite3_bind_text(stmt_, next_param_++, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull() {
  sqlite3_bind_null(stmt_, next_param_++);
  return *this;
}

Statement& Statement::Bind(int64_t value) {
  sqlite3_bind_int64(stmt_, next_param_++, value);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const int primary = rc & 0xff;
  const char* msg = sqlite3_errmsg(db_);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Unavailable("catalog database is busy: {}", msg);
  }
  if (primary == SQLITE_CONSTRAINT) return AlreadyExists("{}", msg);
  return IoError("catalog database: {}", msg);
}

Status Statement::Run() {
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return OkStatus();
  }
}

std::string Statement::ColumnText(int i) const {
  const auto* text = sqlite3_column_text(stmt_, i);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
}

std::optional<std::string> Statement::ColumnOptionalText(int i) const {
  if (sqlite3_column_type(stmt_, i) == SQLITE_NULL) return std::nullopt;
  return ColumnText(i);
}

Result<SqliteDb> SqliteDb::Open(const std::string& path, int busy_timeout_ms) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  SqliteDb db(raw, path);
  if (rc != SQLITE_OK) return db.LastError(rc, "opening");
  sqlite3_busy_timeout(raw, busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  FLOE_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL"));
  FLOE_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous=FULL"));
  FLOE_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys=ON"));
  return db;
}

Result<Statement> SqliteDb::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return LastError(rc, "preparing a statement");
  return Statement(db_, stmt);
}

Status SqliteDb::Exec(const char* sql) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return LastError(rc, sql);
  return OkStatus();
}

Result<Transaction> Transaction::Begin(SqliteDb& db) {
  FLOE_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Status Transaction::Commit() {
  SqliteDb* db = db_;
  db_ = nullptr;
  auto s = db->Exec("COMMIT");
  if (!s) (void)db->Exec("ROLLBACK");
  return s;
}

}  // namespace floe::catalog::internal
