// ScreenCsv(): reads customer rows in chunks, screens each chunk on all
// threads, and writes results in input order.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "embargo/country.h"
#include "embargo/screen.h"
#include "model/date.h"
#include "screen/json_util.h"
#include "screen/parallel.h"
#include "sources/csv_reader.h"

namespace embargo {
namespace {

using internal::AppendCsvField;
using internal::AppendJsonString;
using internal::AppendScore;

constexpr size_t kChunkRows = 8192;

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

// Fills `row` from CSV fields; problems go into row->error.
void ParseRow(const Columns& c, std::vector<std::string>& f, Row* row) {
  auto get = [&](int i) -> std::string {
    return i >= 0 && static_cast<size_t>(i) < f.size() ? Trim(f[i]) : "";
  };
  row->id = get(c.id);
  if (row->id.empty()) row->id = std::to_string(row->line);
  row->query.name = get(c.name);
  std::vector<std::string> problems;
  if (row->query.name.empty()) problems.push_back("field name: empty");
  if (std::string k = get(c.kind); !k.empty()) {
    auto kind = ParseEntityKind(k);
    if (kind)
      row->query.kind = kind;
    else
      problems.push_back(fmt::format("field kind: unknown kind '{}'", k));
  }
  if (std::string d = get(c.birth_date); !d.empty()) {
    auto date = internal::ParsePartialDate(d);
    if (date)
      row->query.birth_date = *date;
    else
      problems.push_back(fmt::format("field birth_date: bad date '{}'", d));
  }
  if (std::string ct = get(c.country); !ct.empty()) {
    std::string code = CountryCode(ct);
    if (!code.empty())
      row->query.country = code;
    else
      problems.push_back(
          fmt::format("field country: unknown country '{}'", ct));
  }
  if (std::string v = get(c.passport); !v.empty())
    row->query.identifiers.push_back({IdKind::kPassport, v});
  if (std::string v = get(c.imo); !v.empty())
    row->query.identifiers.push_back({IdKind::kImo, v});
  if (std::string v = get(c.bic); !v.empty())
    row->query.identifiers.push_back({IdKind::kSwiftBic, v});
  for (const std::string& p : problems)
    row->error += (row->error.empty() ? "" : "; ") + p;
}

void AppendMatchJson(std::string* out, const Match& m) {
  out->append("{\"entity_id\":");
  AppendJsonString(out, m.entity->id);
  out->append(",\"score\":");
  AppendScore(out, m.score);
  out->append(",\"name\":");
  AppendJsonString(out, m.matched_name);
  out->append(",\"list\":");
  AppendJsonString(out, m.list);
  out->append(",\"explanation\":");
  internal::AppendExplanationJson(out, m.explanation);
  out->push_back('}');
}

void AppendRow(std::string* out, const Row& row, OutputFormat format) {
  if (format == OutputFormat::kJsonl) {
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
      AppendMatchJson(out, row.matches[i]);
    }
    out->append("]}\n");
    return;
  }
  AppendCsvField(out, row.id);
  out->push_back(',');
  out->append(std::to_string(row.matches.size()));
  out->push_back(',');
  if (!row.matches.empty()) {
    const Match& b = row.matches.front();
    AppendScore(out, b.score);
    out->push_back(',');
    AppendCsvField(out, b.entity->id);
    out->push_back(',');
    AppendCsvField(out, b.matched_name);
    out->push_back(',');
    AppendCsvField(out, b.list);
  } else {
    out->append(",,,");
  }
  out->push_back(',');
  std::string all;
  for (const Match& m : row.matches) {
    if (!all.empty()) all.push_back(';');
    all += m.entity->id;
    all.push_back(':');
    AppendScore(&all, m.score);
  }
  AppendCsvField(out, all);
  out->push_back(',');
  AppendCsvField(out, row.error.empty()
                          ? ""
                          : fmt::format("line {}: {}", row.line, row.error));
  out->push_back('\n');
}

}  // namespace

std::string MatchToJson(const Match& match) {
  std::string out;
  AppendMatchJson(&out, match);
  return out;
}

Result<ScreenSummary> ScreenCsv(
    const Screener& screener, const std::string& input_path,
    const ScreenOptions& options,
    const std::function<void(std::string_view)>& write) {
  auto start = std::chrono::steady_clock::now();
  auto stream = internal::OpenByteStream(input_path);
  if (!stream.ok()) return stream.status();
  ScreenProgress progress;
  struct stat st;
  if (::stat(input_path.c_str(), &st) == 0) progress.bytes_total = st.st_size;
  internal::CsvReader reader(std::move(*stream), input_path);
  std::vector<std::string> header;
  if (!reader.Next(&header)) {
    if (!reader.status().ok()) return reader.status();
    return Status::DataError(fmt::format("{}: the file is empty", input_path));
  }
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
  if (cols.name < 0)
    return Status::DataError(fmt::format(
        "{}:1: no 'name' column in the header (columns: id, name, kind, "
        "birth_date, country, passport, imo, bic)",
        input_path));
  int threads =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (options.format == OutputFormat::kCsv)
    write(
        "id,match_count,best_score,best_entity_id,best_name,best_list,matches,"
        "error\n");

  ScreenSummary summary;
  std::vector<Row> rows;
  std::vector<std::string> fields;
  std::string out;
  bool more = true;
  while (more) {
    rows.clear();
    while (rows.size() < kChunkRows) {
      if (!reader.Next(&fields)) {
        more = false;
        break;
      }
      Row row;
      row.line = reader.line();
      ParseRow(cols, fields, &row);
      rows.push_back(std::move(row));
    }
    if (!reader.status().ok()) return reader.status();
    internal::ParallelFor(rows.size(), threads, [&](size_t i) {
      Row& row = rows[i];
      // Checked here, on the screening threads, because counting a name's
      // tokens normalizes it. A name past the limits is not screened at
      // all: it would cost time for nothing.
      if (Status st = ValidateQuery(row.query); !st.ok()) {
        row.error += (row.error.empty() ? "field " : "; field ") + st.message();
        return;
      }
      if (row.query.name.empty() && row.query.identifiers.empty()) return;
      row.matches = screener.Search(row.query, options.search);
    });
    out.clear();
    for (const Row& row : rows) {
      AppendRow(&out, row, options.format);
      ++summary.rows;
      if (!row.matches.empty()) ++summary.rows_with_hits;
      if (!row.error.empty()) ++summary.rows_with_errors;
    }
    write(out);
    progress.rows = summary.rows;
    progress.bytes_read = reader.bytes_consumed();
    if (options.progress) options.progress(progress);
  }
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return summary;
}

}  // namespace embargo
