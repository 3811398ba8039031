#include "floe/catalog/sql_catalog.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "floe/core/uuid.h"
#include "support/matchers.h"

namespace floe::catalog {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;
using iceberg::TableIdentifier;
using Props = std::map<std::string, std::string>;

class SqlCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("floe-sql-" + Uuid::Random().ToString());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "catalog.db").string();
    auto c = SqlCatalog::Open({.path = path_});
    ASSERT_THAT(c, IsOk());
    catalog_ = std::move(*c);
  }
  void TearDown() override {
    catalog_.reset();
    std::filesystem::remove_all(dir_);
  }
  static TableIdentifier Id(const std::string& s) { return *TableIdentifier::FromString(s); }

  // Runs SQL directly on the catalog file, as another tool (PyIceberg, Java) would.
  std::vector<std::vector<std::string>> Query(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    std::vector<std::vector<std::string>> rows;
    sqlite3_exec(
        db, sql.c_str(),
        [](void* out, int n, char** values, char**) {
          auto* r = static_cast<std::vector<std::vector<std::string>>*>(out);
          r->emplace_back();
          for (int i = 0; i < n; ++i) r->back().push_back(values[i] ? values[i] : "NULL");
          return 0;
        },
        &rows, nullptr);
    sqlite3_close(db);
    return rows;
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<SqlCatalog> catalog_;
};

TEST_F(SqlCatalogTest, NamespaceLifecycle) {
  ASSERT_THAT(catalog_->CreateNamespace({"bronze"}, {{"owner", "data-eng"}}), IsOk());
  EXPECT_THAT(catalog_->CreateNamespace({"bronze"}, {}), IsError(ErrorKind::kAlreadyExists));
  EXPECT_TRUE(*catalog_->NamespaceExists({"bronze"}));
  EXPECT_FALSE(*catalog_->NamespaceExists({"silver"}));
  auto info = catalog_->LoadNamespace({"bronze"});
  ASSERT_THAT(info, IsOk());
  EXPECT_EQ(info->name(), "bronze");
  EXPECT_EQ(info->properties(), (Props{{"owner", "data-eng"}}));
  EXPECT_TRUE(info->tables().empty());

  ASSERT_THAT(catalog_->UpdateNamespaceProperties({"bronze"}, {"owner", "missing"},
                                                  {{"retention", "30d"}}),
              IsOk());
  EXPECT_EQ(catalog_->LoadNamespace({"bronze"})->properties(), (Props{{"retention", "30d"}}));
  ASSERT_THAT(catalog_->UpdateNamespaceProperties({"bronze"}, {"retention"}, {}), IsOk());
  EXPECT_TRUE(*catalog_->NamespaceExists({"bronze"}));  // survives losing all its properties
  EXPECT_THAT(catalog_->UpdateNamespaceProperties({"bronze"}, {"a"}, {{"a", "1"}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("both removed and set")));
  EXPECT_THAT(catalog_->UpdateNamespaceProperties({"nope"}, {}, {{"a", "1"}}),
              IsError(ErrorKind::kNotFound));

  ASSERT_THAT(catalog_->DropNamespace({"bronze"}), IsOk());
  EXPECT_FALSE(*catalog_->NamespaceExists({"bronze"}));
  EXPECT_THAT(catalog_->DropNamespace({"bronze"}), IsError(ErrorKind::kNotFound));
  EXPECT_THAT(catalog_->LoadNamespace({"bronze"}), IsError(ErrorKind::kNotFound));
}

TEST_F(SqlCatalogTest, NestedNamespacesListDirectChildren) {
  for (auto ns : {Namespace{"bronze"}, Namespace{"bronze", "raw"}, Namespace{"bronze", "raw", "x"},
                  Namespace{"bronze", "clean"}, Namespace{"gold"}}) {
    ASSERT_THAT(catalog_->CreateNamespace(ns, {}), IsOk());
  }
  EXPECT_EQ(*catalog_->ListNamespaces({}), (std::vector<Namespace>{{"bronze"}, {"gold"}}));
  EXPECT_EQ(*catalog_->ListNamespaces({"bronze"}),
            (std::vector<Namespace>{{"bronze", "clean"}, {"bronze", "raw"}}));
  EXPECT_EQ(*catalog_->ListNamespaces({"bronze", "raw"}),
            (std::vector<Namespace>{{"bronze", "raw", "x"}}));
  EXPECT_THAT(catalog_->ListNamespaces({"silver"}), IsError(ErrorKind::kNotFound));
  EXPECT_THAT(catalog_->DropNamespace({"bronze", "raw"}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("child namespace bronze.raw.x")));
  EXPECT_EQ(catalog_->LoadNamespace({"bronze", "raw"})->name(), "bronze.raw");
}

TEST_F(SqlCatalogTest, BadNamespaceNames) {
  EXPECT_THAT(catalog_->CreateNamespace({}, {}), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(catalog_->CreateNamespace({"a", ""}, {}), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(catalog_->CreateNamespace({"a.b"}, {}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("contains '.'")));
  EXPECT_THAT(catalog_->UpdateNamespaceProperties({"x"}, {}, {{"exists", "no"}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("reserved")));
  EXPECT_EQ(*ParseNamespace("bronze.raw"), (Namespace{"bronze", "raw"}));
  EXPECT_THAT(ParseNamespace("bronze..raw"), IsError(ErrorKind::kInvalidArgument));
}

TEST_F(SqlCatalogTest, TableEntriesAndCompareAndSwap) {
  ASSERT_THAT(catalog_->CreateNamespace({"bronze"}, {}), IsOk());
  EXPECT_THAT(catalog_->CreateTableEntry(Id("silver.t"), "/m/1.json"), IsError(ErrorKind::kNotFound));
  ASSERT_THAT(catalog_->CreateTableEntry(Id("bronze.events"), "/m/00000.json"), IsOk());
  EXPECT_THAT(catalog_->CreateTableEntry(Id("bronze.events"), "/m/other.json"),
              IsErrorWith(ErrorKind::kAlreadyExists, HasSubstr("bronze.events")));
  ASSERT_THAT(catalog_->SwapMetadataLocation(Id("bronze.events"), "/m/00000.json", "/m/00001.json"),
              IsOk());
  auto entry = catalog_->LoadTableEntry(Id("bronze.events"));
  ASSERT_THAT(entry, IsOk());
  EXPECT_EQ(entry->metadata_location, "/m/00001.json");
  EXPECT_EQ(entry->previous_metadata_location, "/m/00000.json");
  // A commit based on stale metadata loses.
  EXPECT_THAT(catalog_->SwapMetadataLocation(Id("bronze.events"), "/m/00000.json", "/m/00002.json"),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("changed by another commit")));
  EXPECT_EQ(catalog_->LoadTableEntry(Id("bronze.events"))->metadata_location, "/m/00001.json");
  EXPECT_THAT(catalog_->SwapMetadataLocation(Id("bronze.none"), "/a", "/b"),
              IsError(ErrorKind::kNotFound));
  EXPECT_EQ(catalog_->LoadNamespace({"bronze"})->tables(), std::vector<std::string>{"events"});
  EXPECT_THAT(catalog_->DropNamespace({"bronze"}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("not empty")));
}

TEST_F(SqlCatalogTest, RenameAndDrop) {
  ASSERT_THAT(catalog_->CreateNamespace({"a"}, {}), IsOk());
  ASSERT_THAT(catalog_->CreateNamespace({"b"}, {}), IsOk());
  ASSERT_THAT(catalog_->CreateTableEntry(Id("a.t1"), "/1"), IsOk());
  ASSERT_THAT(catalog_->CreateTableEntry(Id("a.t2"), "/2"), IsOk());
  EXPECT_THAT(catalog_->RenameTableEntry(Id("a.t1"), Id("a.t2")), IsError(ErrorKind::kAlreadyExists));
  EXPECT_THAT(catalog_->RenameTableEntry(Id("a.t1"), Id("c.t1")), IsError(ErrorKind::kNotFound));
  EXPECT_THAT(catalog_->RenameTableEntry(Id("a.zz"), Id("b.zz")), IsError(ErrorKind::kNotFound));
  ASSERT_THAT(catalog_->RenameTableEntry(Id("a.t1"), Id("b.moved")), IsOk());
  EXPECT_EQ(catalog_->LoadTableEntry(Id("b.moved"))->metadata_location, "/1");
  EXPECT_THAT(catalog_->LoadTableEntry(Id("a.t1")), IsError(ErrorKind::kNotFound));
  auto listed = catalog_->ListTables({"a"});
  ASSERT_THAT(listed, IsOk());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].full_name(), "a.t2");
  ASSERT_THAT(catalog_->DropTableEntry(Id("a.t2")), IsOk());
  EXPECT_THAT(catalog_->DropTableEntry(Id("a.t2")), IsError(ErrorKind::kNotFound));
  EXPECT_THAT(catalog_->DropNamespace({"a"}), IsOk());
}

TEST_F(SqlCatalogTest, RowsMatchPyIcebergAndJavaJdbcLayout) {
  ASSERT_THAT(catalog_->CreateNamespace({"bronze", "raw"}, {{"owner", "me"}}), IsOk());
  ASSERT_THAT(catalog_->CreateTableEntry(Id("bronze.raw.events"), "/wh/m/00000.json"), IsOk());
  EXPECT_EQ(Query("SELECT catalog_name, table_namespace, table_name, metadata_location, "
                  "previous_metadata_location, iceberg_type FROM iceberg_tables"),
            (std::vector<std::vector<std::string>>{
                {"default", "bronze.raw", "events", "/wh/m/00000.json", "NULL", "TABLE"}}));
  EXPECT_EQ(Query("SELECT catalog_name, namespace, property_key, property_value FROM "
                  "iceberg_namespace_properties ORDER BY property_key"),
            (std::vector<std::vector<std::string>>{{"default", "bronze.raw", "exists", "true"},
                                                   {"default", "bronze.raw", "owner", "me"}}));
}

TEST_F(SqlCatalogTest, OpensCatalogWrittenByPyIcebergSchema) {
  // PyIceberg's tables lack iceberg_type; a namespace may exist only through a table row.
  const std::string other = (dir_ / "pyiceberg.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "CREATE TABLE iceberg_tables (catalog_name VARCHAR(255) NOT NULL, "
                         "table_namespace VARCHAR(255) NOT NULL, table_name VARCHAR(255) NOT NULL, "
                         "metadata_location VARCHAR(1000), previous_metadata_location "
                         "VARCHAR(1000), PRIMARY KEY (catalog_name, table_namespace, table_name));"
                         "INSERT INTO iceberg_tables VALUES ('lake', 'sales', 'orders', "
                         "'/wh/orders/metadata/00003-x.metadata.json', NULL);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto c = SqlCatalog::Open({.path = other, .catalog_name = "lake"});
  ASSERT_THAT(c, IsOk());
  EXPECT_TRUE(*(*c)->NamespaceExists({"sales"}));
  EXPECT_EQ((*c)->LoadTableEntry(Id("sales.orders"))->metadata_location,
            "/wh/orders/metadata/00003-x.metadata.json");
  EXPECT_EQ(*(*c)->ListNamespaces({}), (std::vector<Namespace>{{"sales"}}));
  // Another catalog name in the same file sees nothing.
  auto other_catalog = SqlCatalog::Open({.path = other, .catalog_name = "default"});
  ASSERT_THAT(other_catalog, IsOk());
  EXPECT_TRUE((*other_catalog)->ListNamespaces({})->empty());
}

TEST_F(SqlCatalogTest, ConcurrentCommitsFromThreadsAndProcessesNeverBothWin) {
  ASSERT_THAT(catalog_->CreateNamespace({"ns"}, {}), IsOk());
  ASSERT_THAT(catalog_->CreateTableEntry(Id("ns.t"), "v0"), IsOk());
  // Each worker does read-then-swap until it has made 20 commits; a lost race re-reads.
  auto worker = [this](const std::string& tag) -> int {
    auto c = SqlCatalog::Open({.path = path_});
    if (!c) return 100;
    int made = 0, lost = 0;
    while (made < 20) {
      auto entry = (*c)->LoadTableEntry(Id("ns.t"));
      if (!entry) return 101;
      std::string next = tag + "-" + std::to_string(made);
      auto s = (*c)->SwapMetadataLocation(Id("ns.t"), entry->metadata_location, next);
      if (s) {
        ++made;
      } else if (s.error().kind() == ErrorKind::kCommitFailed ||
                 s.error().kind() == ErrorKind::kUnavailable) {
        ++lost;
      } else {
        return 102;
      }
    }
    return 0;
  };
  std::vector<pid_t> children;
  for (int p = 0; p < 2; ++p) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) _exit(worker("proc" + std::to_string(p)));
    children.push_back(pid);
  }
  std::vector<std::thread> threads;
  std::vector<int> results(2);
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] { results[t] = worker("thread" + std::to_string(t)); });
  }
  for (auto& t : threads) t.join();
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  EXPECT_EQ(results, (std::vector<int>{0, 0}));
  // 80 successful swaps, each from the value the previous one wrote: the chain of previous
  // locations is unbroken, so no commit was lost or applied twice.
  auto entry = catalog_->LoadTableEntry(Id("ns.t"));
  ASSERT_THAT(entry, IsOk());
  EXPECT_THAT(entry->metadata_location, ::testing::EndsWith("-19"));
}

}  // namespace
}  // namespace floe::catalog
