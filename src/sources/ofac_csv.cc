// LoadOfacCsv(): OFAC's legacy CSV set. The main file (sdn.csv, or
// cons_prim.csv for the non-SDN consolidated list) holds one row per entry;
// companions in the same folder add aliases (alt.csv), addresses (add.csv)
// and the overflow of long Remarks (sdn_comments.csv). No file has a header;
// "-0-" (often with a trailing space) is null.
//
// Decisions the format leaves open:
// - A companion row whose ent_num is not in the main file is counted and
//   reported in one warning per file, not fatal: OFAC has published
//   companions that lag the main file.
// - OFAC writes its weak aliases only in Remarks ("a.k.a. 'BNC'") and its
//   strong ones only in alt.csv, so both are kept: alt.csv names as strong,
//   Remarks names as weak, and a Remarks name equal to one already held is
//   dropped (alt.csv wins).
// - The files are ASCII. A field with other bytes is kept if it is valid
//   UTF-8 and read as Windows-1252 (what OFAC once published) otherwise;
//   bytes 1252 leaves undefined and control bytes are errors.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <set>
#include <span>
#include <unordered_map>

#include "embargo/country.h"
#include "model/ascii.h"
#include "model/date.h"
#include "sources/csv_reader.h"
#include "sources/io.h"
#include "sources/loaders.h"
#include "sources/ofac_remarks.h"

namespace embargo::internal {
namespace {

namespace fs = std::filesystem;

constexpr std::array<std::string_view, 12> kMainColumns = {
    "ent_num",   "SDN_Name", "SDN_Type", "Program",   "Title",      "Call_Sign",
    "Vess_type", "Tonnage",  "GRT",      "Vess_flag", "Vess_owner", "Remarks"};
constexpr std::array<std::string_view, 5> kAltColumns = {
    "ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"};
constexpr std::array<std::string_view, 6> kAddColumns = {
    "ent_num", "Add_num",    "Address", "City/State/Province/Postal",
    "Country", "Add_remarks"};
constexpr std::array<std::string_view, 2> kCommentColumns = {
    "ent_num", "Remarks_Extended"};

enum MainColumn {
  kEntNum = 0,
  kName,
  kType,
  kProgram,
  kTitle,
  kCallSign,
  kVessType,
  kTonnage,
  kGrt,
  kVessFlag,
  kVessOwner,
  kRemarks
};

// Which list a main file is, and the names of its companions.
struct SetLayout {
  std::string_view list;
  std::string_view id_prefix;
  std::string_view alt;
  std::string_view add;
  std::string_view comments;
};
constexpr SetLayout kSdnLayout = {"ofac_sdn", "ofac-", "alt.csv", "add.csv",
                                  "sdn_comments.csv"};
constexpr SetLayout kConsLayout = {"ofac_cons", "ofac-cons-", "cons_alt.csv",
                                   "cons_add.csv", "cons_comments.csv"};

// Country text that means "no country" rather than an unknown one.
constexpr std::array<std::string_view, 3> kNoCountry = {
    "undetermined", "none identified", "none"};

// A field as a value: whitespace collapsed, "" for OFAC's null.
std::string Clean(std::string_view raw) {
  std::string s = CollapseSpaces(raw);
  if (s == "-0-") s.clear();
  return s;
}

std::vector<std::string> SplitOn(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) end = s.size();
    std::string part = CollapseSpaces(s.substr(pos, end - pos));
    if (!part.empty()) out.push_back(std::move(part));
    pos = end + sep.size();
  }
  return out;
}

// One CSV file of the set, read row by row with its column count checked and
// its bytes made UTF-8.
class SetFileReader {
 public:
  SetFileReader(std::string path, std::span<const std::string_view> columns)
      : path_(std::move(path)), columns_(columns) {}

  Status Open() {
    auto stream = OpenByteStream(path_);
    if (!stream.ok()) return stream.status();
    reader_ = std::make_unique<CsvReader>(std::move(*stream), path_);
    return Status::Ok();
  }

  // False at the end of the file or on error (see status()).
  bool Next(std::vector<std::string>* fields) {
    if (!status_.ok() || !reader_->Next(fields)) {
      if (status_.ok()) status_ = reader_->status();
      return false;
    }
    if (fields->size() != columns_.size()) {
      status_ = Status::DataError(
          fmt::format("{}:{}: expected {} columns, found {}", path_, line(),
                      columns_.size(), fields->size()));
      return false;
    }
    for (size_t i = 0; i < fields->size(); ++i) {
      status_ = ToUtf8(columns_[i], &(*fields)[i]);
      if (!status_.ok()) return false;
    }
    return true;
  }

  std::uint64_t line() const { return reader_->line(); }
  std::uint64_t records() const { return reader_->records(); }
  const Status& status() const { return status_; }
  const std::string& path() const { return path_; }
  // The line of the first field read as Windows-1252, or 0.
  std::uint64_t first_1252_line() const { return first_1252_line_; }

 private:
  Status ToUtf8(std::string_view column, std::string* field) {
    bool high = false;
    for (char ch : *field) {
      auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
        return Status::DataError(
            fmt::format("{}:{}: field {}: control byte 0x{:02X}", path_, line(),
                        column, c));
      if (c >= 0x80) high = true;
    }
    if (!high || FindInvalidUtf8(*field) == std::string::npos)
      return Status::Ok();
    for (char ch : *field) {
      auto c = static_cast<unsigned char>(ch);
      if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D)
        return Status::DataError(
            fmt::format("{}:{}: field {}: byte 0x{:02X} is neither UTF-8 nor "
                        "Windows-1252",
                        path_, line(), column, c));
    }
    *field = Windows1252ToUtf8(*field);
    if (first_1252_line_ == 0) first_1252_line_ = line();
    return Status::Ok();
  }

  std::string path_;
  std::span<const std::string_view> columns_;
  std::unique_ptr<CsvReader> reader_;
  Status status_;
  std::uint64_t first_1252_line_ = 0;
};

Result<std::uint64_t> ParseEntNum(const SetFileReader& file,
                                  const std::string& raw) {
  std::string s = Clean(raw);
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v == 0)
    return Status::DataError(
        fmt::format("{}:{}: field ent_num: not a number '{}'", file.path(),
                    file.line(), s));
  return v;
}

// Warnings and counts gathered while building entities.
class Notes {
 public:
  explicit Notes(ListInfo* info) : info_(info) {}

  // The ISO code for `text`, or "" (with one warning per distinct text).
  std::string Country(std::string_view text) {
    if (text.empty()) return "";
    std::string code = CountryCode(text);
    if (code.empty() && AsciiLower(text).rfind("region: ", 0) == 0)
      code = CountryCode(text.substr(8));
    if (!code.empty()) return code;
    std::string low = AsciiLower(text);
    if (std::find(kNoCountry.begin(), kNoCountry.end(), low) !=
        kNoCountry.end())
      return "";
    if (warned_.insert(std::string(text)).second)
      info_->warnings.push_back(fmt::format("unmapped country '{}'", text));
    return "";
  }

  void Unknown(const std::string& field) { ++info_->unknown_fields[field]; }
  void Warn(std::string text) { info_->warnings.push_back(std::move(text)); }

 private:
  ListInfo* info_;
  std::set<std::string, std::less<>> warned_;
};

void AddName(Entity* e, Name name) {
  std::string key = AsciiLower(name.full);
  for (const Name& n : e->names)
    if (AsciiLower(n.full) == key) return;
  e->names.push_back(std::move(name));
}

// "LAST, First Middle" -> family LAST, given "First Middle".
void SplitPersonName(Name* name) {
  size_t comma = name->full.find(',');
  if (comma == std::string::npos) return;
  name->parts.family = CollapseSpaces(name->full.substr(0, comma));
  name->parts.given = CollapseSpaces(name->full.substr(comma + 1));
}

struct MainRow {
  std::uint64_t line = 0;
  std::uint64_t ent_num = 0;
  std::vector<std::string> fields;
};

// Fills `e` from the Remarks text of its row.
Status ApplyRemarks(const std::string& path, const MainRow& row,
                    const std::string& remarks,
                    const std::vector<std::string>& title_parts, Entity* e,
                    Notes* notes) {
  OfacRemarks r = ParseOfacRemarks(remarks);
  auto field_error = [&](std::string_view what, std::string_view text) {
    return Status::DataError(
        fmt::format("{}:{}: record {}: field Remarks: {} '{}'", path, row.line,
                    e->provenance.record_id, what, text));
  };
  for (const std::string& d : r.birth_dates) {
    auto spec = ParseDateSpec(d);
    if (!spec) return field_error("unreadable date of birth", d);
    e->birth_dates.push_back(std::move(*spec));
  }
  if (e->kind == EntityKind::kOrganization) {
    for (const std::string& d : r.established_dates) {
      auto spec = ParseDateSpec(d);
      if (!spec) return field_error("unreadable establishment date", d);
      e->birth_dates.push_back(std::move(*spec));
    }
  } else {
    for (const std::string& d : r.established_dates)
      e->remarks.push_back("Organization Established Date " + d);
  }
  e->birth_places = std::move(r.birth_places);
  for (const std::string& text : r.nationalities) {
    std::string code = notes->Country(text);
    if (code.empty()) e->remarks.push_back("nationality " + text);
    AddUniqueText(&e->nationalities, code);
  }
  for (const std::string& text : r.citizenships) {
    std::string code = notes->Country(text);
    if (code.empty()) e->remarks.push_back("citizen " + text);
    AddUniqueText(&e->citizenships, code);
  }
  for (const std::string& text : r.registration_countries) {
    std::string code = notes->Country(text);
    if (code.empty())
      e->remarks.push_back("Nationality of Registration " + text);
    AddUniqueText(&e->countries, code);
  }
  if (r.gender != Gender::kUnknown) e->gender = r.gender;
  // Titles and posts the remarks repeat from the Title column are held once.
  for (const std::string& t : r.titles) AddUniqueText(&e->titles, t);
  for (const std::string& p : r.positions) AddUniqueText(&e->positions, p);
  for (OfacRemarkAlias& a : r.aliases) {
    Name name;
    name.full = CollapseSpaces(a.name);
    name.type = a.type;
    name.quality = a.quality;
    if (e->kind == EntityKind::kPerson) SplitPersonName(&name);
    AddName(e, std::move(name));
  }
  for (OfacRemarkId& id : r.identifiers) {
    Identifier out;
    out.kind = id.kind;
    out.value = std::move(id.value);
    out.label = std::move(id.label);
    out.notes = std::move(id.notes);
    if (!id.country.empty()) {
      out.country = notes->Country(id.country);
      // Parentheses that are not a country stay with the identifier.
      if (out.country.empty())
        out.notes =
            out.notes.empty() ? id.country : id.country + "; " + out.notes;
    }
    e->identifiers.push_back(std::move(out));
  }
  e->vessel.build_date = std::move(r.vessel_build_year);
  e->aircraft.model = std::move(r.aircraft_model);
  e->aircraft.operator_name = std::move(r.aircraft_operator);
  e->aircraft.build_date = std::move(r.aircraft_build_date);
  for (std::string& s : r.info) e->remarks.push_back(std::move(s));
  for (std::string& s : r.unparsed) {
    // OFAC repeats the Title column in the remarks; it is already held.
    std::string low = AsciiLower(s);
    bool is_title =
        std::any_of(title_parts.begin(), title_parts.end(),
                    [&](const std::string& t) { return AsciiLower(t) == low; });
    if (is_title) continue;
    notes->Unknown("Remarks (unparsed segment)");
    e->remarks.push_back(std::move(s));
  }
  return Status::Ok();
}

Result<Entity> BuildEntity(const std::string& path, const SetLayout& layout,
                           const MainRow& row, const std::string& comments,
                           Notes* notes) {
  const std::vector<std::string>& f = row.fields;
  Entity e;
  std::string num = std::to_string(row.ent_num);
  e.id = fmt::format("{}{}", layout.id_prefix, num);
  e.provenance.list = std::string(layout.list);
  e.provenance.record_id = num;
  e.provenance.file = path;
  e.provenance.line = row.line;

  std::string type = AsciiLower(Clean(f[kType]));
  if (type.empty()) {
    e.kind = EntityKind::kOrganization;
  } else if (type == "individual") {
    e.kind = EntityKind::kPerson;
  } else if (type == "vessel") {
    e.kind = EntityKind::kVessel;
  } else if (type == "aircraft") {
    e.kind = EntityKind::kAircraft;
  } else {
    return Status::DataError(
        fmt::format("{}:{}: record {}: field SDN_Type: unknown type '{}'", path,
                    row.line, num, Clean(f[kType])));
  }

  Name primary;
  primary.full = Clean(f[kName]);
  if (primary.full.empty())
    return Status::DataError(fmt::format(
        "{}:{}: record {}: field SDN_Name: empty", path, row.line, num));
  if (e.kind == EntityKind::kPerson) SplitPersonName(&primary);
  e.names.push_back(std::move(primary));

  // "SDGT] [IRGC": the outer brackets of "[SDGT] [IRGC]" were dropped.
  for (std::string& code : SplitOn(Clean(f[kProgram]), "] [")) {
    code.erase(std::remove(code.begin(), code.end(), '['), code.end());
    code.erase(std::remove(code.begin(), code.end(), ']'), code.end());
    code = CollapseSpaces(code);
    if (!code.empty()) e.programs.push_back(Program{std::move(code), ""});
  }

  std::vector<std::string> title_parts = SplitOn(Clean(f[kTitle]), "; ");
  for (const std::string& t : title_parts) {
    if (IsOfacHonorific(t)) {
      e.titles.push_back(t);
    } else {
      e.positions.push_back(t);
    }
  }

  if (std::string cs = Clean(f[kCallSign]); !cs.empty())
    e.identifiers.push_back(
        Identifier{IdKind::kCallSign, std::move(cs), "", "Call Sign", ""});
  e.vessel.type = Clean(f[kVessType]);
  e.vessel.tonnage = Clean(f[kTonnage]);
  e.vessel.gross_registered_tonnage = Clean(f[kGrt]);
  e.vessel.owner = Clean(f[kVessOwner]);
  e.vessel.flag_text = Clean(f[kVessFlag]);
  e.vessel.flag = notes->Country(e.vessel.flag_text);

  // sdn_comments.csv continues the Remarks mid-word, so the two are joined
  // as they are.
  std::string remarks = Clean(f[kRemarks]).empty() ? "" : f[kRemarks];
  remarks += comments;
  EMBARGO_RETURN_IF_ERROR(
      ApplyRemarks(path, row, CollapseSpaces(remarks), title_parts, &e, notes));

  e.source_urls.push_back(fmt::format(
      "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={}", num));
  return e;
}

// Reports companion rows that name no entry of the main file.
class Orphans {
 public:
  void Add(std::uint64_t ent_num, std::uint64_t line) {
    if (count_++ == 0) {
      first_ent_ = ent_num;
      first_line_ = line;
    }
  }
  void Report(const std::string& path, const std::string& main,
              Notes* notes) const {
    if (count_ == 0) return;
    notes->Warn(fmt::format(
        "{}: {} row(s) name an ent_num not in {} (first: {} at line {})", path,
        count_, fs::path(main).filename().string(), first_ent_, first_line_));
  }

 private:
  std::uint64_t count_ = 0;
  std::uint64_t first_ent_ = 0;
  std::uint64_t first_line_ = 0;
};

void Report1252(const SetFileReader& file, Notes* notes) {
  if (file.first_1252_line() != 0)
    notes->Warn(fmt::format(
        "{}: bytes that are not UTF-8 read as Windows-1252 (first at line {})",
        file.path(), file.first_1252_line()));
}

// A folder stands for its main file. One holding both lists loads as the SDN
// list; LoadLists() passes each main file on its own.
Result<std::string> FindMainFile(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return path;
  for (const char* name : {"sdn.csv", "cons_prim.csv"}) {
    fs::path p = fs::path(path) / name;
    if (fs::exists(p, ec)) return p.string();
  }
  return Status::NotFound(fmt::format(
      "{}: the folder holds neither sdn.csv nor cons_prim.csv", path));
}

}  // namespace

Result<EntityList> LoadOfacCsv(const std::string& path) {
  auto main_or = FindMainFile(path);
  if (!main_or.ok()) return main_or.status();
  const std::string& main = *main_or;
  const SetLayout& layout =
      AsciiLower(fs::path(main).filename().string()) == "cons_prim.csv"
          ? kConsLayout
          : kSdnLayout;

  EntityList list;
  list.info.name = std::string(layout.list);
  list.info.format = "ofac_csv";
  list.info.files.push_back(main);
  Notes notes(&list.info);

  // The main file first: every companion row is checked against it.
  std::vector<MainRow> rows;
  std::unordered_map<std::uint64_t, size_t> by_ent;  // ent_num -> row index
  {
    SetFileReader file(main, kMainColumns);
    EMBARGO_RETURN_IF_ERROR(file.Open());
    MainRow row;
    while (file.Next(&row.fields)) {
      row.line = file.line();
      auto ent = ParseEntNum(file, row.fields[kEntNum]);
      if (!ent.ok()) return ent.status();
      row.ent_num = *ent;
      auto [it, inserted] = by_ent.emplace(*ent, rows.size());
      if (!inserted)
        return Status::DataError(fmt::format(
            "{}:{}: record {}: ent_num {} is duplicated (first at line {})",
            main, row.line, *ent, *ent, rows[it->second].line));
      rows.push_back(std::move(row));
      row = MainRow();
    }
    EMBARGO_RETURN_IF_ERROR(file.status());
    if (rows.empty())
      return Status::DataError(fmt::format("{}: the file is empty", main));
    Report1252(file, &notes);
  }

  fs::path dir = fs::path(main).parent_path();
  auto companion = [&](std::string_view name) -> std::string {
    std::error_code ec;
    fs::path p = dir / name;
    return fs::is_regular_file(p, ec) ? p.string() : std::string();
  };
  std::string alt_path = companion(layout.alt);
  std::string add_path = companion(layout.add);
  std::string comments_path = companion(layout.comments);
  for (const std::string* p : {&alt_path, &add_path, &comments_path})
    if (!p->empty()) list.info.files.push_back(*p);

  std::vector<std::string> comments(rows.size());
  if (!comments_path.empty()) {
    SetFileReader file(comments_path, kCommentColumns);
    EMBARGO_RETURN_IF_ERROR(file.Open());
    Orphans orphans;
    std::vector<std::string> f;
    while (file.Next(&f)) {
      auto ent = ParseEntNum(file, f[0]);
      if (!ent.ok()) return ent.status();
      auto it = by_ent.find(*ent);
      if (it == by_ent.end()) {
        orphans.Add(*ent, file.line());
        continue;
      }
      if (!Clean(f[1]).empty()) comments[it->second] += f[1];
    }
    EMBARGO_RETURN_IF_ERROR(file.status());
    orphans.Report(comments_path, main, &notes);
    Report1252(file, &notes);
  }

  list.entities.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    auto e = BuildEntity(main, layout, rows[i], comments[i], &notes);
    if (!e.ok()) return e.status();
    list.entities.push_back(std::move(*e));
  }

  // Strong aliases go straight after the primary name, ahead of the weak
  // ones the remarks gave.
  if (!alt_path.empty()) {
    SetFileReader file(alt_path, kAltColumns);
    EMBARGO_RETURN_IF_ERROR(file.Open());
    Orphans orphans;
    std::vector<std::vector<Name>> strong(rows.size());
    std::vector<std::string> f;
    while (file.Next(&f)) {
      auto ent = ParseEntNum(file, f[0]);
      if (!ent.ok()) return ent.status();
      auto it = by_ent.find(*ent);
      if (it == by_ent.end()) {
        orphans.Add(*ent, file.line());
        continue;
      }
      Entity& e = list.entities[it->second];
      std::string type = AsciiLower(Clean(f[2]));
      Name name;
      name.quality = NameQuality::kStrong;
      if (type == "aka" || type.empty()) {
        name.type = NameType::kAka;
      } else if (type == "fka") {
        name.type = NameType::kFka;
      } else if (type == "nka") {
        name.type = NameType::kNka;
      } else {
        return Status::DataError(
            fmt::format("{}:{}: record {}: field alt_type: unknown type '{}'",
                        alt_path, file.line(), *ent, Clean(f[2])));
      }
      name.full = Clean(f[3]);
      if (name.full.empty())
        return Status::DataError(
            fmt::format("{}:{}: record {}: field alt_name: empty", alt_path,
                        file.line(), *ent));
      if (e.kind == EntityKind::kPerson) SplitPersonName(&name);
      std::string remark = Clean(f[4]);
      std::string low = AsciiLower(remark);
      if (low == "weak") {
        name.quality = NameQuality::kWeak;
      } else if (!remark.empty() && low != "strong") {
        e.remarks.push_back(
            fmt::format("{} '{}': {}", type, name.full, remark));
      }
      strong[it->second].push_back(std::move(name));
    }
    EMBARGO_RETURN_IF_ERROR(file.status());
    orphans.Report(alt_path, main, &notes);
    Report1252(file, &notes);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (strong[i].empty()) continue;
      Entity& e = list.entities[i];
      std::vector<Name> weak(std::make_move_iterator(e.names.begin() + 1),
                             std::make_move_iterator(e.names.end()));
      e.names.resize(1);
      for (Name& n : strong[i]) e.names.push_back(std::move(n));
      for (Name& n : weak) AddName(&e, std::move(n));
    }
  }

  if (!add_path.empty()) {
    SetFileReader file(add_path, kAddColumns);
    EMBARGO_RETURN_IF_ERROR(file.Open());
    Orphans orphans;
    std::vector<std::string> f;
    while (file.Next(&f)) {
      auto ent = ParseEntNum(file, f[0]);
      if (!ent.ok()) return ent.status();
      auto it = by_ent.find(*ent);
      if (it == by_ent.end()) {
        orphans.Add(*ent, file.line());
        continue;
      }
      Address a;
      a.street = Clean(f[2]);
      // OFAC gives city, state, province and postal code in one field.
      a.city = Clean(f[3]);
      a.country_text = Clean(f[4]);
      a.note = Clean(f[5]);
      if (a.street.empty() && a.city.empty() && a.country_text.empty() &&
          a.note.empty())
        continue;
      a.country = notes.Country(a.country_text);
      for (const std::string* part : {&a.street, &a.city, &a.country_text}) {
        if (part->empty()) continue;
        if (!a.full.empty()) a.full += ", ";
        a.full += *part;
      }
      list.entities[it->second].addresses.push_back(std::move(a));
    }
    EMBARGO_RETURN_IF_ERROR(file.status());
    orphans.Report(add_path, main, &notes);
    Report1252(file, &notes);
  }
  return list;
}

}  // namespace embargo::internal
