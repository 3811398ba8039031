#include "floe/io/fault_injection_file_io.h"

namespace floe::io {
namespace {

using Op = FaultInjectionFileIO::Op;

class FaultyInputFile final : public InputFile {
 public:
  FaultyInputFile(FaultInjectionFileIO* io, std::unique_ptr<InputFile> base)
      : io_(io), base_(std::move(base)) {}
  const std::string& location() const override { return base_->location(); }
  Result<int64_t> Size() override { return base_->Size(); }
  Status ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& out) override {
    if (auto e = io_->Check(Op::kRead, location())) return *e;
    return base_->ReadAt(offset, length, out);
  }

 private:
  FaultInjectionFileIO* io_;
  std::unique_ptr<InputFile> base_;
};

class FaultyOutputFile final : public OutputFile {
 public:
  FaultyOutputFile(FaultInjectionFileIO* io, std::unique_ptr<OutputFile> base)
      : io_(io), base_(std::move(base)) {}
  const std::string& location() const override { return base_->location(); }
  int64_t position() const override { return base_->position(); }
  Status Write(std::span<const uint8_t> bytes) override {
    if (auto e = io_->Check(Op::kWrite, location())) return *e;
    return base_->Write(bytes);
  }
  Status Close() override {
    if (auto e = io_->Check(Op::kClose, location())) {
      base_->Abort();
      return *e;
    }
    FLOE_RETURN_IF_ERROR(base_->Close());
    io_->RecordPublished(location());
    return OkStatus();
  }
  void Abort() override { base_->Abort(); }

 private:
  FaultInjectionFileIO* io_;
  std::unique_ptr<OutputFile> base_;
};

}  // namespace

void FaultInjectionFileIO::FailNext(Op op, std::string substring, Error error, int times) {
  std::lock_guard lock(mu_);
  faults_.push_back({op, std::move(substring), std::move(error), times});
}

void FaultInjectionFileIO::ClearFaults() {
  std::lock_guard lock(mu_);
  faults_.clear();
}

int FaultInjectionFileIO::count(Op op) const {
  std::lock_guard lock(mu_);
  auto it = counts_.find(op);
  return it == counts_.end() ? 0 : it->second;
}

std::vector<std::string> FaultInjectionFileIO::published() const {
  std::lock_guard lock(mu_);
  return published_;
}

std::optional<Error> FaultInjectionFileIO::Check(Op op, std::string_view location) {
  std::lock_guard lock(mu_);
  ++counts_[op];
  for (auto& f : faults_) {
    if (f.op == op && f.remaining > 0 && location.find(f.substring) != std::string_view::npos) {
      --f.remaining;
      return f.error;
    }
  }
  return std::nullopt;
}

void FaultInjectionFileIO::RecordPublished(const std::string& location) {
  std::lock_guard lock(mu_);
  published_.push_back(location);
}

Result<std::unique_ptr<InputFile>> FaultInjectionFileIO::NewInputFile(std::string_view location) {
  if (auto e = Check(Op::kOpenRead, location)) return *e;
  FLOE_ASSIGN_OR_RETURN(auto base, base_->NewInputFile(location));
  return std::make_unique<FaultyInputFile>(this, std::move(base));
}

Result<std::unique_ptr<OutputFile>> FaultInjectionFileIO::NewOutputFile(std::string_view location,
                                                                        bool overwrite) {
  if (auto e = Check(Op::kOpenWrite, location)) return *e;
  FLOE_ASSIGN_OR_RETURN(auto base, base_->NewOutputFile(location, overwrite));
  return std::make_unique<FaultyOutputFile>(this, std::move(base));
}

Status FaultInjectionFileIO::DeleteFile(std::string_view location) {
  if (auto e = Check(Op::kDelete, location)) return *e;
  return base_->DeleteFile(location);
}

Result<bool> FaultInjectionFileIO::Exists(std::string_view location) {
  if (auto e = Check(Op::kExists, location)) return *e;
  return base_->Exists(location);
}

Result<std::vector<FileInfo>> FaultInjectionFileIO::List(std::string_view prefix) {
  if (auto e = Check(Op::kList, prefix)) return *e;
  return base_->List(prefix);
}

}  // namespace floe::io
