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

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "embargo/entity.h"
#include "embargo/status.h"

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

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_LOADERS_H_
