// ScreenCsv(): reads customer rows in chunks, screens each chunk on all
// threads (screen/customer_rows.h), and writes results in input order.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "embargo/screen.h"
#include "screen/customer_rows.h"
#include "screen/json_util.h"
#include "sources/csv_reader.h"

namespace embargo {
namespace {

using internal::AppendCsvField;
using internal::AppendScore;
using internal::CustomerRow;

constexpr size_t kChunkRows = 8192;

// The CSV output: the best match in columns, every match in one field.
void AppendRow(std::string* out, const CustomerRow& row, OutputFormat format) {
  if (format == OutputFormat::kJsonl) {
    internal::AppendCustomerRowJson(out, row);
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
  const internal::CustomerColumns cols = internal::MapCustomerHeader(header);
  if (cols.name < 0)
    return Status::DataError(
        fmt::format("{}:1: {}", input_path, internal::kNoNameColumn));
  int threads =
      options.threads > 0
          ? options.threads
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (options.format == OutputFormat::kCsv)
    write(
        "id,match_count,best_score,best_entity_id,best_name,best_list,matches,"
        "error\n");

  internal::RowThreads row_threads(threads);
  ScreenSummary summary;
  std::vector<std::string> fields;
  std::string out;
  auto read = [&](std::vector<CustomerRow>* chunk) {
    while (chunk->size() < kChunkRows) {
      if (!reader.Next(&fields)) return false;
      CustomerRow row;
      row.line = reader.line();
      internal::ParseCustomerRow(internal::CsvCustomerFields(cols, fields),
                                 &row);
      chunk->push_back(std::move(row));
    }
    return true;
  };
  auto write_chunk = [&](const std::vector<CustomerRow>& chunk) {
    out.clear();
    for (const CustomerRow& row : chunk) {
      AppendRow(&out, row, options.format);
      ++summary.rows;
      if (!row.matches.empty()) ++summary.rows_with_hits;
      if (!row.error.empty()) ++summary.rows_with_errors;
    }
    write(out);
    progress.rows = summary.rows;
    progress.bytes_read = reader.bytes_consumed();
    if (options.progress) options.progress(progress);
    return true;
  };
  EMBARGO_RETURN_IF_ERROR(internal::ScreenChunks(
      screener, options.search, kMaxQueryNameBytes, &row_threads, read,
      [&] { return reader.status(); }, write_chunk));
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return summary;
}

}  // namespace embargo
