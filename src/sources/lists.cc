// LoadList(): format detection, dispatch to a loader, and the checks every
// list must pass whatever its format.
#include "embargo/lists.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <unordered_map>

#include "sources/io.h"
#include "sources/loaders.h"

namespace embargo {
namespace {

namespace fs = std::filesystem;

struct FormatEntry {
  ListFormat format;
  std::string_view name;
  Result<EntityList> (*load)(const std::string&);
};

constexpr std::array<FormatEntry, 11> kFormats = {{
    {ListFormat::kUnXml, "un_xml", internal::LoadUnXml},
    {ListFormat::kOfacCsv, "ofac_csv", internal::LoadOfacCsv},
    {ListFormat::kOfacXml, "ofac_xml", internal::LoadOfacXml},
    {ListFormat::kCsl, "csl", internal::LoadCsl},
    {ListFormat::kUkCsv, "uk_csv", internal::LoadUkCsv},
    {ListFormat::kEuXml, "eu_xml", internal::LoadEuXml},
    {ListFormat::kCaXml, "ca_xml", internal::LoadCaXml},
    {ListFormat::kAuXlsx, "au_xlsx", internal::LoadAuXlsx},
    {ListFormat::kFtm, "ftm", internal::LoadFtm},
    {ListFormat::kBisDpl, "bis_dpl", internal::LoadBisDpl},
    {ListFormat::kUaeCsv, "uae_csv", internal::LoadUaeCsv},
}};

const FormatEntry& Entry(ListFormat f) {
  for (const auto& e : kFormats)
    if (e.format == f) return e;
  return kFormats[0];
}

std::string_view SkipBomAndSpace(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' ||
                        s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  return s;
}

// The local name of the first element, skipping the prolog and comments.
std::string RootElement(std::string_view s) {
  size_t i = 0;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    if (s.substr(i, 2) == "<?" || s.substr(i, 2) == "<!") {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < s.size() && s[j] != ' ' && s[j] != '>' && s[j] != '/' &&
           s[j] != '\t' && s[j] != '\r' && s[j] != '\n')
      ++j;
    std::string name(s.substr(i + 1, j - i - 1));
    if (size_t colon = name.find(':'); colon != std::string::npos)
      name.erase(0, colon + 1);
    return name;
  }
  return "";
}

std::string_view FirstLine(std::string_view s) {
  size_t e = s.find_first_of("\r\n");
  return e == std::string_view::npos ? s : s.substr(0, e);
}

int CountUnquoted(std::string_view line, char sep) {
  int n = 0;
  bool q = false;
  for (char c : line) {
    if (c == '"')
      q = !q;
    else if (c == sep && !q)
      ++n;
  }
  return n;
}

bool IsSkippableInFolder(const fs::path& p) {
  std::string name = p.filename().string();
  if (name.empty() || name.front() == '.') return true;
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower.rfind("readme", 0) == 0 || lower.rfind("provenance", 0) == 0)
    return true;
  if (lower.size() > 3 && lower.substr(lower.size() - 3) == ".md") return true;
  if (lower == "metadata.json") return true;
  // Companions of an OFAC CSV set are read with their main file.
  static constexpr std::array<std::string_view, 6> kCompanions = {
      "add.csv",      "alt.csv",      "sdn_comments.csv",
      "cons_add.csv", "cons_alt.csv", "cons_comments.csv"};
  return std::find(kCompanions.begin(), kCompanions.end(), lower) !=
         kCompanions.end();
}

// A list file larger than kMaxListFileBytes is refused before it is read
// (a folder or a missing file is left to the loaders to report).
Status CheckFileSize(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::Ok();
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError(fmt::format("{}: {}", path, ec.message()));
  if (size > kMaxListFileBytes)
    return Status::LimitExceeded(
        fmt::format("{}: {} bytes, larger than the limit of {} bytes", path,
                    size, kMaxListFileBytes));
  return Status::Ok();
}

// Checks every list must pass, whatever its format.
Status Validate(const EntityList& list) {
  std::unordered_map<std::string_view, const Entity*> seen;
  seen.reserve(list.entities.size());
  for (const Entity& e : list.entities) {
    std::string where =
        fmt::format("{}:{}", e.provenance.file, e.provenance.line);
    if (e.id.empty())
      return Status::DataError(fmt::format("{}: record has no id", where));
    if (e.names.empty() || e.names.front().full.empty())
      return Status::DataError(
          fmt::format("{}: record {}: field name: empty", where, e.id));
    for (const Name& n : e.names)
      if (n.full.size() > kMaxListedNameBytes)
        return Status::LimitExceeded(fmt::format(
            "{}: record {}: field name: longer than the limit of {} bytes",
            where, e.id, kMaxListedNameBytes));
    auto [it, inserted] = seen.emplace(e.id, &e);
    if (!inserted)
      return Status::DataError(
          fmt::format("{}: record id {} is duplicated (first at line {})",
                      where, e.id, it->second->provenance.line));
  }
  return Status::Ok();
}

}  // namespace

std::string_view ListFormatName(ListFormat format) {
  return Entry(format).name;
}

std::optional<ListFormat> ParseListFormat(std::string_view name) {
  for (const auto& e : kFormats)
    if (e.name == name) return e.format;
  return std::nullopt;
}

std::vector<ListFormat> AllListFormats() {
  std::vector<ListFormat> out;
  out.reserve(kFormats.size());
  for (const auto& e : kFormats) out.push_back(e.format);
  return out;
}

Result<ListFormat> DetectListFormat(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (fs::exists(fs::path(path) / "sdn.csv") ||
        fs::exists(fs::path(path) / "cons_prim.csv"))
      return ListFormat::kOfacCsv;
    return Status::Unsupported(
        fmt::format("{}: a folder, not a list file", path));
  }
  auto head_or = internal::ReadFilePrefix(path, 1 << 16);
  if (!head_or.ok()) return head_or.status();
  std::string_view raw = *head_or;
  if (raw.empty())
    return Status::DataError(fmt::format("{}: the file is empty", path));
  if (raw.substr(0, 4) == std::string_view("PK\x03\x04", 4))
    return ListFormat::kAuXlsx;
  if (raw.substr(0, 2) == "\xFF\xFE" || raw.substr(0, 2) == "\xFE\xFF")
    return Status::DataError(fmt::format(
        "{}: UTF-16 text (byte order mark {}); save the file as UTF-8", path,
        raw[0] == '\xFF' ? "FF FE" : "FE FF"));
  std::string_view s = SkipBomAndSpace(raw);
  if (s.empty())
    return Status::DataError(fmt::format("{}: the file is blank", path));
  if (s.front() == '<') {
    std::string root = RootElement(s);
    if (root == "CONSOLIDATED_LIST") return ListFormat::kUnXml;
    if (root == "sdnList") return ListFormat::kOfacXml;
    if (root == "export") return ListFormat::kEuXml;
    if (root == "data-set") return ListFormat::kCaXml;
    return Status::Unsupported(fmt::format(
        "{}: XML with root <{}> is not a known list format", path, root));
  }
  if (s.front() == '{') return ListFormat::kFtm;
  std::string_view line = FirstLine(s);
  if (line.rfind("_id,source,entity_number", 0) == 0) return ListFormat::kCsl;
  if (line.rfind("\"Name\"\t\"Street_Address\"", 0) == 0 ||
      line.rfind("Name\tStreet_Address", 0) == 0)
    return ListFormat::kBisDpl;
  if (line.rfind("Last Updated,", 0) == 0 || line.rfind("Name 6,", 0) == 0)
    return ListFormat::kUkCsv;
  // The UAE list's CSV export opens with an Arabic title row.
  if (line.find("\xD8\xA7\xD9\x84\xD8\xA5\xD8\xB1\xD9\x87\xD8\xA7\xD8\xA8") !=
      std::string_view::npos)  // "الإرهاب"
    return ListFormat::kUaeCsv;
  // Header-less shapes: OFAC rows start with a number and have 12 fields
  // (6 for add.csv, 5 for alt.csv); the 2018 UK file has 29 fields.
  int commas = CountUnquoted(line, ',');
  bool numeric_first =
      !line.empty() && std::isdigit(static_cast<unsigned char>(line.front()));
  if (numeric_first && commas == 11) return ListFormat::kOfacCsv;
  if (commas == 28) return ListFormat::kUkCsv;
  return Status::Unsupported(
      fmt::format("{}: content matches no known list format", path));
}

Result<EntityList> LoadList(std::string_view spec) {
  std::string path(spec);
  std::optional<ListFormat> format;
  if (size_t colon = spec.find(':'); colon != std::string_view::npos) {
    format = ParseListFormat(spec.substr(0, colon));
    if (format) path = std::string(spec.substr(colon + 1));
  }
  EMBARGO_RETURN_IF_ERROR(CheckFileSize(path));
  if (!format) {
    auto detected = DetectListFormat(path);
    if (!detected.ok()) return detected.status();
    format = *detected;
  }
  auto list = Entry(*format).load(path);
  if (!list.ok()) return list.status();
  EMBARGO_RETURN_IF_ERROR(Validate(*list));
  if (list->info.files.empty()) list->info.files.push_back(path);
  // Companion files (OFAC's add.csv, alt.csv, ...) come to light in loading.
  for (const std::string& file : list->info.files)
    EMBARGO_RETURN_IF_ERROR(CheckFileSize(file));
  if (list->info.format.empty())
    list->info.format = std::string(ListFormatName(*format));
  auto hash = internal::HashFiles(list->info.files);
  if (!hash.ok()) return hash.status();
  list->info.content_hash = std::move(*hash);
  return list;
}

Result<std::vector<EntityList>> LoadLists(
    const std::vector<std::string>& specs) {
  std::vector<std::string> expanded;
  for (const std::string& spec : specs) {
    std::error_code ec;
    bool forced = spec.find(':') != std::string::npos &&
                  ParseListFormat(spec.substr(0, spec.find(':')));
    if (!forced && fs::is_directory(spec, ec)) {
      if (fs::exists(fs::path(spec) / "sdn.csv") ||
          fs::exists(fs::path(spec) / "cons_prim.csv")) {
        // An OFAC CSV folder: its main file(s); other files load on their own.
        for (const char* main : {"sdn.csv", "cons_prim.csv"})
          if (fs::exists(fs::path(spec) / main))
            expanded.push_back((fs::path(spec) / main).string());
      }
      std::vector<std::string> files;
      for (const auto& entry : fs::directory_iterator(spec, ec)) {
        if (!entry.is_regular_file() || IsSkippableInFolder(entry.path()))
          continue;
        std::string name = entry.path().filename().string();
        if (name == "sdn.csv" || name == "cons_prim.csv") continue;
        files.push_back(entry.path().string());
      }
      if (ec) return Status::IoError(fmt::format("{}: {}", spec, ec.message()));
      std::sort(files.begin(), files.end());
      expanded.insert(expanded.end(), files.begin(), files.end());
    } else {
      expanded.push_back(spec);
    }
  }
  if (expanded.empty()) return Status::InvalidArgument("no list files given");
  std::vector<EntityList> lists;
  std::unordered_map<std::string, std::string> owner;  // id -> file
  for (const std::string& spec : expanded) {
    auto list = LoadList(spec);
    if (!list.ok()) return list.status();
    for (const Entity& e : list->entities) {
      auto [it, inserted] = owner.emplace(e.id, e.provenance.file);
      if (!inserted)
        return Status::DataError(
            fmt::format("{}: entity id {} is also defined by {}",
                        e.provenance.file, e.id, it->second));
    }
    lists.push_back(std::move(*list));
  }
  return lists;
}

}  // namespace embargo
