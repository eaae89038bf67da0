// Loading official sanctions lists into the entity model. Start here to read
// a list: LoadList() detects the format from the content, validates every
// record, and returns the whole list or an error, never a part of one.
// Thread-safety: every function here is reentrant; loads may run in parallel.
#ifndef EMBARGO_LISTS_H_
#define EMBARGO_LISTS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/entity.h"
#include "embargo/status.h"

namespace embargo {

enum class ListFormat {
  kUnXml,    // UN Security Council consolidated list XML
  kOfacCsv,  // OFAC legacy CSV set: sdn.csv or cons_prim.csv (+ companions)
  kOfacXml,  // OFAC SDN.XML / consolidated.xml
  kCsl,      // US Consolidated Screening List CSV (plain or .gz)
  kUkCsv,    // UK OFSI ConList.csv (2018 and 2020+ layouts)
  kEuXml,    // EU Financial Sanctions Files XML
  kCaXml,    // Canada SEMA XML
  kAuXlsx,   // Australia DFAT consolidated list xlsx
  kFtm,      // FollowTheMoney JSON lines (OpenSanctions / custom lists)
  kBisDpl,   // US BIS Denied Persons List (tab-separated)
  kUaeCsv,   // UAE Local Terrorist List CSV export
};
// Stable names, as used in "FORMAT:PATH": "un_xml", "ofac_csv", "ofac_xml",
// "csl", "uk_csv", "eu_xml", "ca_xml", "au_xlsx", "ftm", "bis_dpl", "uae_csv".
std::string_view ListFormatName(ListFormat format);
std::optional<ListFormat> ParseListFormat(std::string_view name);
std::vector<ListFormat> AllListFormats();

// Detects a file's format from its content (and, for the header-less OFAC
// and UK files, its shape). Fails with kUnsupported naming the file when the
// content matches no known list format.
Result<ListFormat> DetectListFormat(const std::string& path);

// Loads one list. `spec` is a path, or "FORMAT:PATH" to force a format. An
// OFAC CSV set may be given as its folder or its main file (sdn.csv,
// cons_prim.csv); companions in the same folder are read with it.
// Errors name the file, line (or record) and field; nothing is returned
// unless every record parsed.
Result<EntityList> LoadList(std::string_view spec);

// Loads every list named by `specs`. A folder stands for every list file in
// it (not recursive; README/PROVENANCE/*.md and hidden files are skipped,
// and an OFAC CSV set counts once). Fails whole if any list fails, or if
// two lists define the same entity id.
Result<std::vector<EntityList>> LoadLists(
    const std::vector<std::string>& specs);

}  // namespace embargo

#endif  // EMBARGO_LISTS_H_
