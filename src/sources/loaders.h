// One loader per list format. Each reads its file(s) streaming, validates
// every record, and returns the whole list or an error naming the file, the
// line (or record) and the field. LoadList() (lists.cc) picks the loader,
// then fills ListInfo::content_hash and runs the shared checks (unique ids,
// non-empty names).
// Each loader must set info.name, info.format, info.files (main file first)
// and info.published (when the file states it), and Provenance on every entity.
// Thread-safety: all reentrant.
#ifndef EMBARGO_SOURCES_LOADERS_H_
#define EMBARGO_SOURCES_LOADERS_H_

#include <string>
#include <string_view>

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

}  // namespace embargo::internal

#endif  // EMBARGO_SOURCES_LOADERS_H_
