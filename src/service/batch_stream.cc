#include "service/batch_stream.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>

#include "model/json_depth.h"
#include "screen/customer_rows.h"
#include "screen/json_util.h"
#include "sources/csv_reader.h"
#include "sources/io.h"

namespace embargo::service {
namespace {

using internal::CustomerRow;
using internal::TrimBlanks;

// Reads a caller-owned buffer without copying it.
class ViewStream : public internal::ByteStream {
 public:
  explicit ViewStream(std::string_view data) : data_(data) {}
  Result<size_t> Read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size());
    std::memcpy(buf, data_.data(), k);
    data_.remove_prefix(k);
    return k;
  }

 private:
  std::string_view data_;
};

// Yields rows from CSV or JSON lines.
class RowSource {
 public:
  RowSource(std::string_view body, BatchFormat format)
      : format_(format),
        body_(body),
        csv_(std::make_unique<ViewStream>(body), "request body") {}

  Status Init() {
    if (format_ == BatchFormat::kJsonl) return Status::Ok();
    std::vector<std::string> header;
    if (!csv_.Next(&header)) {
      if (!csv_.status().ok()) return csv_.status();
      return Status::DataError("request body: the CSV is empty");
    }
    cols_ = internal::MapCustomerHeader(header);
    if (cols_.name < 0)
      return Status::DataError(
          fmt::format("request body:1: {}", internal::kNoNameColumn));
    return Status::Ok();
  }

  // False at the end (check status()).
  bool Next(CustomerRow* row) {
    return format_ == BatchFormat::kCsv ? NextCsv(row) : NextJsonl(row);
  }
  const Status& status() const {
    return format_ == BatchFormat::kCsv ? csv_.status() : ok_;
  }

 private:
  bool NextCsv(CustomerRow* row) {
    if (!csv_.Next(&fields_)) return false;
    row->line = csv_.line();
    internal::ParseCustomerRow(internal::CsvCustomerFields(cols_, fields_),
                               row);
    return true;
  }

  bool NextJsonl(CustomerRow* row) {
    std::string_view line;
    do {
      if (pos_ >= body_.size()) return false;
      size_t end = body_.find('\n', pos_);
      if (end == std::string_view::npos) end = body_.size();
      line = body_.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_no_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    } while (TrimBlanks(line).empty());
    row->line = line_no_;
    if (internal::FindJsonDepthOverflow(line, kMaxJsonDepth) !=
        std::string_view::npos) {
      row->id = std::to_string(line_no_);
      row->error =
          fmt::format("JSON nested deeper than {} levels", kMaxJsonDepth);
      return true;
    }
    nlohmann::json j =
        nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      row->id = std::to_string(line_no_);
      row->error = j.is_discarded() ? "invalid JSON (or invalid UTF-8)"
                                    : "not a JSON object";
      return true;
    }
    auto get = [&](std::initializer_list<const char*> keys) -> std::string {
      for (const char* k : keys) {
        auto it = j.find(k);
        if (it == j.end() || it->is_null()) continue;
        return TrimBlanks(it->is_string() ? it->get<std::string>()
                                          : it->dump());
      }
      return "";
    };
    internal::ParseCustomerRow(
        {get({"id"}), get({"name"}), get({"kind", "type"}),
         get({"birth_date", "dob"}), get({"country"}), get({"passport"}),
         get({"imo"}), get({"bic", "swift"})},
        row);
    return true;
  }

  BatchFormat format_;
  std::string_view body_;
  internal::CsvReader csv_;
  internal::CustomerColumns cols_;
  std::vector<std::string> fields_;
  size_t pos_ = 0;
  std::uint64_t line_no_ = 0;
  Status ok_;
};

}  // namespace

Result<std::uint64_t> PlanBatch(std::string_view body, BatchFormat format,
                                const BatchLimits& limits) {
  std::uint64_t rows = 0;
  if (format == BatchFormat::kJsonl) {
    size_t pos = 0;
    while (pos < body.size()) {
      size_t end = body.find('\n', pos);
      if (end == std::string_view::npos) end = body.size();
      if (!TrimBlanks(body.substr(pos, end - pos)).empty() &&
          body.substr(pos, end - pos) != "\r")
        ++rows;
      pos = end + 1;
    }
  } else {
    internal::CsvReader csv(std::make_unique<ViewStream>(body), "request body");
    std::vector<std::string> fields;
    if (!csv.Next(&fields)) {
      if (!csv.status().ok()) return csv.status();
      return Status::DataError("request body: the CSV is empty");
    }
    if (internal::MapCustomerHeader(fields).name < 0)
      return Status::DataError(
          fmt::format("request body:1: {}", internal::kNoNameColumn));
    while (csv.Next(&fields)) {
      if (++rows > limits.max_rows) break;
    }
    if (!csv.status().ok()) return csv.status();
  }
  if (rows > limits.max_rows)
    return Status::LimitExceeded(
        fmt::format("the batch has more than {} rows", limits.max_rows));
  return rows;
}

Result<ScreenSummary> ScreenBatch(
    const Screener& screener, std::string_view body, BatchFormat format,
    const BatchOptions& options,
    const std::function<bool(std::string_view)>& write) {
  auto start = std::chrono::steady_clock::now();
  RowSource source(body, format);
  EMBARGO_RETURN_IF_ERROR(source.Init());
  ScreenSummary summary;
  std::string out;
  internal::RowThreads threads(options.threads);
  const size_t chunk_rows = std::max<size_t>(1, options.chunk_rows);
  auto read = [&](std::vector<CustomerRow>* chunk) {
    while (chunk->size() < chunk_rows) {
      CustomerRow row;
      if (!source.Next(&row)) return false;
      chunk->push_back(std::move(row));
    }
    return true;
  };
  auto write_chunk = [&](const std::vector<CustomerRow>& chunk) {
    out.clear();
    for (const CustomerRow& row : chunk) {
      internal::AppendCustomerRowJson(&out, row);
      ++summary.rows;
      if (!row.matches.empty()) ++summary.rows_with_hits;
      if (!row.error.empty()) ++summary.rows_with_errors;
    }
    return write(out);
  };
  // As ScreenCsv: a chunk is written to a slow consumer while the next is
  // screened.
  EMBARGO_RETURN_IF_ERROR(internal::ScreenChunks(
      screener, options.search, options.max_name_bytes, &threads, read,
      [&] { return source.status(); }, write_chunk));
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return summary;
}

}  // namespace embargo::service
