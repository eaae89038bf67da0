// One loader per list format. Each reads its file(s) streaming, validates
// every record, and returns the whole list or an error naming the file, the
// line (or record) and the field. LoadList() (lists.cc) picks the loader,
// then fills ListInfo::content_hash and runs the shared checks (unique ids,
// non-empty names).
// Each loader must set info.name, info.format, info.files (main file first)
// and info.published (when the file states it), and Provenance on every entity.
// Below them, the small helpers every loader shares. Thread-safety: all
// reentrant.
#ifndef EMBARGO_SOURCES_LOADERS_H_
#define EMBARGO_SOURCES_LOADERS_H_

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "embargo/entity.h"
#include "embargo/status.h"
#include "sources/io.h"

namespace embargo::internal {

Result<EntityList> LoadUnXml(const std::string& path);    // un_xml.cc
Result<EntityList> LoadOfacCsv(const std::string& path);  // ofac_csv.cc
Result<EntityList> LoadOfacXml(const std::string& path);  // ofac_xml.cc
Result<EntityList> LoadCsl(const std::string& path);      // csl.cc
Result<EntityList> LoadUkCsv(const std::string& path);    // uk_csv.cc
Result<EntityList> LoadEuXml(const std::string& path);    // eu_xml.cc
Result<EntityList> LoadCaXml(const std::string& path);    // ca_xml.cc
Result<EntityList> LoadAuXlsx(const std::string& path);   // au_xlsx.cc
Result<EntityList> LoadFtm(const std::string& path);      // ftm.cc
Result<EntityList> LoadBisDpl(const std::string& path);   // bis_dpl.cc
Result<EntityList> LoadUaeCsv(const std::string& path);   // uae_csv.cc

// `s` without the whitespace (std::isspace) around it.
inline std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Appends `value` to `to` unless it is empty or there already.
inline void AddUniqueText(std::vector<std::string>* to,
                          std::string_view value) {
  if (value.empty()) return;
  if (std::find(to->begin(), to->end(), value) == to->end())
    to->emplace_back(value);
}

// Appends `value` to `v` unless an equal one is there already.
template <typename T>
void AddUnique(std::vector<T>* v, T value) {
  if (std::find(v->begin(), v->end(), value) == v->end())
    v->push_back(std::move(value));
}

// Reads the header row of a CSV list whose columns are named `names` (a
// loader's enum indexes them): each known column's place into `pos` (-1
// where absent) and every name, trimmed, into `header`. A name in invalid
// UTF-8 (kept for the unknown fields `embargo lists --json` prints), a
// name given twice and a required column missing are errors.
template <typename Names, typename Required, typename Pos>
Status ReadCsvHeader(const std::string& path, std::uint64_t line,
                     const std::vector<std::string>& row, const Names& names,
                     const Required& required, Pos* pos,
                     std::vector<std::string>* header) {
  pos->fill(-1);
  header->clear();
  for (size_t i = 0; i < row.size(); ++i) {
    if (FindInvalidUtf8(row[i]) != std::string_view::npos)
      return Status::DataError(fmt::format(
          "{}:{}: header column {}: invalid UTF-8", path, line, i + 1));
    std::string name(TrimSpace(row[i]));
    if (std::find(header->begin(), header->end(), name) != header->end())
      return Status::DataError(fmt::format(
          "{}:{}: header: column '{}' appears twice", path, line, name));
    auto known = std::find(names.begin(), names.end(), name);
    if (known != names.end())
      (*pos)[known - names.begin()] = static_cast<int>(i);
    header->push_back(std::move(name));
  }
  for (auto c : required)
    if ((*pos)[c] < 0)
      return Status::DataError(
          fmt::format("{}:{}: header: required column '{}' is missing", path,
                      line, names[c]));
  return Status::Ok();
}

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_LOADERS_H_
