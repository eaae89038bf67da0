#include "service/batch_stream.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>

#include "embargo/country.h"
#include "model/date.h"
#include "model/json_depth.h"
#include "screen/json_util.h"
#include "screen/parallel.h"
#include "sources/csv_reader.h"
#include "sources/io.h"

namespace embargo::service {
namespace {

using internal::AppendJsonString;

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

struct Columns {
  int id = -1, name = -1, kind = -1, birth_date = -1, country = -1,
      passport = -1, imo = -1, bic = -1;
};

struct Row {
  std::uint64_t line = 0;
  std::string id;
  Query query;
  std::string error;
  std::vector<Match> matches;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return std::string(s);
}

Columns MapHeader(const std::vector<std::string>& header) {
  Columns cols;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = Lower(Trim(header[i]));
    int idx = static_cast<int>(i);
    if (h == "id")
      cols.id = idx;
    else if (h == "name")
      cols.name = idx;
    else if (h == "kind" || h == "type")
      cols.kind = idx;
    else if (h == "birth_date" || h == "dob")
      cols.birth_date = idx;
    else if (h == "country")
      cols.country = idx;
    else if (h == "passport")
      cols.passport = idx;
    else if (h == "imo")
      cols.imo = idx;
    else if (h == "bic" || h == "swift")
      cols.bic = idx;
  }
  return cols;
}

// The row's fields by role; the same rules as ScreenCsv() so both give the
// same line for the same row.
struct RowFields {
  std::string id, name, kind, birth_date, country, passport, imo, bic;
};

void FillRow(RowFields f, size_t max_name_bytes, Row* row) {
  row->id = std::move(f.id);
  if (row->id.empty()) row->id = std::to_string(row->line);
  std::vector<std::string> problems;
  Query probe;
  probe.name = std::move(f.name);
  if (Status st = ValidateQuery(probe, max_name_bytes); !st.ok()) {
    problems.push_back("field " + st.message());
  } else {
    row->query.name = std::move(probe.name);
    if (row->query.name.empty()) problems.push_back("field name: empty");
  }
  if (!f.kind.empty()) {
    auto kind = ParseEntityKind(f.kind);
    if (kind)
      row->query.kind = kind;
    else
      problems.push_back(fmt::format("field kind: unknown kind '{}'", f.kind));
  }
  if (!f.birth_date.empty()) {
    auto date = internal::ParsePartialDate(f.birth_date);
    if (date)
      row->query.birth_date = *date;
    else
      problems.push_back(
          fmt::format("field birth_date: bad date '{}'", f.birth_date));
  }
  if (!f.country.empty()) {
    std::string code = CountryCode(f.country);
    if (!code.empty())
      row->query.country = code;
    else
      problems.push_back(
          fmt::format("field country: unknown country '{}'", f.country));
  }
  if (!f.passport.empty())
    row->query.identifiers.push_back({IdKind::kPassport, f.passport});
  if (!f.imo.empty()) row->query.identifiers.push_back({IdKind::kImo, f.imo});
  if (!f.bic.empty())
    row->query.identifiers.push_back({IdKind::kSwiftBic, f.bic});
  for (const std::string& p : problems)
    row->error += (row->error.empty() ? "" : "; ") + p;
}

void AppendRow(std::string* out, const Row& row) {
  out->append("{\"id\":");
  AppendJsonString(out, row.id);
  if (!row.error.empty()) {
    out->append(",\"line\":");
    out->append(std::to_string(row.line));
    out->append(",\"error\":");
    AppendJsonString(out, row.error);
  }
  out->append(",\"matches\":[");
  for (size_t i = 0; i < row.matches.size(); ++i) {
    if (i) out->push_back(',');
    out->append(MatchToJson(row.matches[i]));
  }
  out->append("]}\n");
}

// Yields rows from CSV or JSON lines.
class RowSource {
 public:
  RowSource(std::string_view body, BatchFormat format, size_t max_name_bytes)
      : format_(format),
        body_(body),
        max_name_bytes_(max_name_bytes),
        csv_(std::make_unique<ViewStream>(body), "request body") {}

  Status Init() {
    if (format_ == BatchFormat::kJsonl) return Status::Ok();
    std::vector<std::string> header;
    if (!csv_.Next(&header)) {
      if (!csv_.status().ok()) return csv_.status();
      return Status::DataError("request body: the CSV is empty");
    }
    cols_ = MapHeader(header);
    if (cols_.name < 0)
      return Status::DataError(
          "request body:1: no 'name' column in the header (columns: id, name, "
          "kind, birth_date, country, passport, imo, bic)");
    return Status::Ok();
  }

  // False at the end (check status()).
  bool Next(Row* row) {
    return format_ == BatchFormat::kCsv ? NextCsv(row) : NextJsonl(row);
  }
  const Status& status() const {
    return format_ == BatchFormat::kCsv ? csv_.status() : ok_;
  }

 private:
  bool NextCsv(Row* row) {
    if (!csv_.Next(&fields_)) return false;
    row->line = csv_.line();
    auto get = [&](int i) -> std::string {
      return i >= 0 && static_cast<size_t>(i) < fields_.size()
                 ? Trim(fields_[i])
                 : "";
    };
    FillRow({get(cols_.id), get(cols_.name), get(cols_.kind),
             get(cols_.birth_date), get(cols_.country), get(cols_.passport),
             get(cols_.imo), get(cols_.bic)},
            max_name_bytes_, row);
    return true;
  }

  bool NextJsonl(Row* row) {
    std::string_view line;
    do {
      if (pos_ >= body_.size()) return false;
      size_t end = body_.find('\n', pos_);
      if (end == std::string_view::npos) end = body_.size();
      line = body_.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++line_no_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    } while (Trim(line).empty());
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
        return Trim(it->is_string() ? it->get<std::string>() : it->dump());
      }
      return "";
    };
    FillRow({get({"id"}), get({"name"}), get({"kind", "type"}),
             get({"birth_date", "dob"}), get({"country"}), get({"passport"}),
             get({"imo"}), get({"bic", "swift"})},
            max_name_bytes_, row);
    return true;
  }

  BatchFormat format_;
  std::string_view body_;
  size_t max_name_bytes_;
  internal::CsvReader csv_;
  Columns cols_;
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
      if (!Trim(body.substr(pos, end - pos)).empty() &&
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
    if (MapHeader(fields).name < 0)
      return Status::DataError(
          "request body:1: no 'name' column in the header (columns: id, name, "
          "kind, birth_date, country, passport, imo, bic)");
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
  RowSource source(body, format, options.max_name_bytes);
  EMBARGO_RETURN_IF_ERROR(source.Init());
  ScreenSummary summary;
  std::vector<Row> rows;
  std::string out;
  int threads = std::max(1, options.threads);
  bool more = true;
  while (more) {
    rows.clear();
    while (rows.size() < std::max<size_t>(1, options.chunk_rows)) {
      Row row;
      if (!source.Next(&row)) {
        more = false;
        break;
      }
      rows.push_back(std::move(row));
    }
    if (!source.status().ok()) return source.status();
    internal::ParallelFor(rows.size(), threads, [&](size_t i) {
      if (rows[i].query.name.empty() && rows[i].query.identifiers.empty())
        return;
      rows[i].matches = screener.Search(rows[i].query, options.search);
    });
    out.clear();
    for (const Row& row : rows) {
      AppendRow(&out, row);
      ++summary.rows;
      if (!row.matches.empty()) ++summary.rows_with_hits;
      if (!row.error.empty()) ++summary.rows_with_errors;
    }
    if (!out.empty() && !write(out)) return Status::IoError("output closed");
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return summary;
}

}  // namespace embargo::service
