// Loader for the UK OFSI consolidated list CSV (ConList.csv). One row per
// name (and per date of birth); the rows of one Group ID, not always
// adjacent, are one listed subject. Two layouts are read:
//  - 2020+: a "Last Updated,DD/MM/YYYY" line, then a header naming 36
//    columns (Name Non-Latin Script, Alias Quality, ...);
//  - 2018: 29 columns; copies in the wild often lack both header lines, so
//    a file with neither is read in the 2018 column order.
// The encoding is UTF-8 when the whole file is valid UTF-8, else
// Windows-1252 (what OFSI published before 2020). Rows are held until the
// file is read through: a group's rows are spread over the file, and the
// encoding is known only at its end.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "embargo/country.h"
#include "model/ascii.h"
#include "model/date.h"
#include "sources/csv_reader.h"
#include "sources/io.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

constexpr std::string_view kUkListName = "uk_ofsi";

enum Col : int {
  kName6,
  kName1,
  kName2,
  kName3,
  kName4,
  kName5,
  kTitle,
  kNameNonLatin,
  kNonLatinType,
  kNonLatinLanguage,
  kDob,
  kTownOfBirth,
  kCountryOfBirth,
  kNationality,
  kPassportNumber,
  kPassportDetails,
  kNationalIdNumber,
  kNiDetails,
  kNiNumber,  // the 2018 layout's single free-text column
  kPosition,
  kAddress1,
  kAddress2,
  kAddress3,
  kAddress4,
  kAddress5,
  kAddress6,
  kPostCode,
  kCountry,
  kOtherInformation,
  kGroupType,
  kAliasType,
  kAliasQuality,
  kRegime,
  kListedOn,
  kUkDateDesignated,
  kLastUpdated,
  kGroupId,
  kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "Name 6",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Title",
    "Name Non-Latin Script",
    "Non-Latin Script Type",
    "Non-Latin Script Language",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Number",
    "Passport Details",
    "National Identification Number",
    "NI Details",
    "NI Number",
    "Position",
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Alias Quality",
    "Regime",
    "Listed On",
    "UK Sanctions List Date Designated",
    "Last Updated",
    "Group ID"};

constexpr std::array<Col, 3> kRequired = {kName6, kGroupType, kGroupId};

// The 2018 layout, for files whose two header lines were cut off.
constexpr std::array<Col, 29> k2018Order = {kName6,
                                            kName1,
                                            kName2,
                                            kName3,
                                            kName4,
                                            kName5,
                                            kTitle,
                                            kDob,
                                            kTownOfBirth,
                                            kCountryOfBirth,
                                            kNationality,
                                            kPassportDetails,
                                            kNiNumber,
                                            kPosition,
                                            kAddress1,
                                            kAddress2,
                                            kAddress3,
                                            kAddress4,
                                            kAddress5,
                                            kAddress6,
                                            kPostCode,
                                            kCountry,
                                            kOtherInformation,
                                            kGroupType,
                                            kAliasType,
                                            kRegime,
                                            kListedOn,
                                            kLastUpdated,
                                            kGroupId};

template <typename T, typename Eq>
void AddUnique(std::vector<T>* to, T value, Eq eq) {
  if (std::none_of(to->begin(), to->end(),
                   [&](const T& y) { return eq(value, y); }))
    to->push_back(std::move(value));
}

bool Before(const PartialDate& a, const PartialDate& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// Splits enumerations such as "1) Saudi Arabia 2) Qatar",
// "(1) Tiaret (2)-(6) Mascara" or "a) X b) Y" into their items; text without
// markers is one item.
std::vector<std::string> SplitEnumerated(std::string_view text) {
  std::vector<std::string> out;
  auto marker_end = [&](size_t i) -> size_t {
    if (i > 0 && text[i - 1] != ' ') return 0;
    size_t j = i;
    if (j < text.size() && text[j] == '(') ++j;
    size_t k = j;
    while (k < text.size() && k - j < 2 && IsAsciiDigit(text[k])) ++k;
    if (k == j && j < text.size() && text[j] >= 'a' && text[j] <= 'z' &&
        (j + 1 < text.size() && text[j + 1] == ')'))
      k = j + 1;
    if (k == j || k >= text.size() || text[k] != ')') return 0;
    ++k;
    // "(2)-(6)": a range of items sharing one value.
    if (k + 1 < text.size() && text[k] == '-' && text[k + 1] == '(') {
      size_t m = k + 2;
      while (m < text.size() && IsAsciiDigit(text[m])) ++m;
      if (m < text.size() && text[m] == ')') k = m + 1;
    }
    if (k < text.size() && text[k] != ' ') return 0;
    return k;
  };
  size_t start = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = marker_end(i);
    if (end == 0) {
      ++i;
      continue;
    }
    std::string item = CleanText(text.substr(start, i - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = i = end;
  }
  std::string item = CleanText(text.substr(start));
  if (!item.empty()) out.push_back(std::move(item));
  return out;
}

// The first word of `text` that looks like a document number: four or more
// letters, digits and -./ with a digit, and not a year.
std::string FindDocumentNumber(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ':')) ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != ':') ++j;
    std::string_view word = text.substr(i, j - i);
    i = j;
    while (!word.empty() && std::string_view(".,;()[]").find(word.front()) !=
                                std::string_view::npos)
      word.remove_prefix(1);
    while (!word.empty() && std::string_view(".,;()[]").find(word.back()) !=
                                std::string_view::npos)
      word.remove_suffix(1);
    if (word.size() < 4) continue;
    bool digit = false, ok = true;
    for (char c : word) {
      if (IsAsciiDigit(c))
        digit = true;
      else if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' &&
               c != '.' && c != '/')
        ok = false;
    }
    bool year = word.size() == 4 &&
                std::all_of(word.begin(), word.end(), IsAsciiDigit) &&
                (word[0] == '1' || word[0] == '2');
    if (ok && digit && !year) return std::string(word);
  }
  return "";
}

// "12/06/1966", with 00 for an unknown day or month. A day given without a
// month ("10/00/1983") keeps only the year.
std::optional<DateSpec> ParseUkDate(std::string_view text) {
  text = TrimSpace(text);
  if (text.size() == 10 && text[2] == '/' && text[5] == '/' &&
      IsAsciiDigit(text[0]) && IsAsciiDigit(text[1]) && IsAsciiDigit(text[3]) &&
      IsAsciiDigit(text[4])) {
    DateSpec spec;
    spec.text = std::string(text);
    bool month_unknown = text.substr(3, 2) == "00";
    std::string normal = month_unknown ? fmt::format("00/00/{}", text.substr(6))
                                       : std::string(text);
    auto date = ParsePartialDate(normal, DateOrder::kDayFirst);
    if (!date) return std::nullopt;
    spec.from = *date;
    return spec;
  }
  return ParseDateSpec(text, DateOrder::kDayFirst);
}

struct RawRow {
  std::vector<std::string> fields;
  std::uint64_t line = 0;
};

class UkLoader {
 public:
  explicit UkLoader(const std::string& path) : path_(path) {}

  Result<EntityList> Load() {
    auto stream = OpenByteStream(path_);
    if (!stream.ok()) return stream.status();
    CsvReader reader(std::move(*stream), path_);
    std::vector<std::string> row;
    if (!reader.Next(&row)) {
      if (!reader.status().ok()) return reader.status();
      return Status::DataError(fmt::format("{}: the file is empty", path_));
    }
    list_.info.name = std::string(kUkListName);
    list_.info.format = "uk_csv";
    list_.info.files.push_back(path_);

    std::vector<RawRow> rows;
    std::string_view first = TrimSpace(row[0]);
    if (first == "Last Updated") {
      std::string_view date = row.size() > 1 ? TrimSpace(row[1]) : "";
      auto published = ParseUkDate(date);
      if (!published || published->is_range())
        return Status::DataError(
            fmt::format("{}:{}: field Last Updated: impossible date '{}'",
                        path_, reader.line(), date));
      list_.info.published = published->from;
      if (!reader.Next(&row)) {
        if (!reader.status().ok()) return reader.status();
        return Status::DataError(
            fmt::format("{}:{}: no header row after the Last Updated line",
                        path_, reader.line()));
      }
      EMBARGO_RETURN_IF_ERROR(ReadHeader(row, reader.line()));
    } else if (first == kColumnNames[kName6]) {
      EMBARGO_RETURN_IF_ERROR(ReadHeader(row, reader.line()));
    } else if (row.size() == k2018Order.size()) {
      pos_.fill(-1);
      header_.clear();
      for (size_t i = 0; i < k2018Order.size(); ++i) {
        pos_[k2018Order[i]] = static_cast<int>(i);
        header_.emplace_back(kColumnNames[k2018Order[i]]);
      }
      rows.push_back({std::move(row), reader.line()});
    } else {
      return Status::Unsupported(fmt::format(
          "{}:{}: neither a 'Last Updated' line, a header row, nor the "
          "29-column 2018 layout ({} fields)",
          path_, reader.line(), row.size()));
    }

    while (reader.Next(&row)) rows.push_back({std::move(row), reader.line()});
    if (!reader.status().ok()) return reader.status();

    std::uint64_t bad_line = 0;
    for (const RawRow& r : rows) {
      if (r.fields.size() != header_.size())
        return Status::DataError(
            fmt::format("{}:{}: {} fields, but the layout has {} columns",
                        path_, r.line, r.fields.size(), header_.size()));
      for (const std::string& f : r.fields)
        if (bad_line == 0 && FindInvalidUtf8(f) != std::string_view::npos)
          bad_line = r.line;
    }
    if (bad_line != 0) {
      for (RawRow& r : rows)
        for (std::string& f : r.fields) f = Windows1252ToUtf8(f);
      list_.info.warnings.push_back(fmt::format(
          "{}: not valid UTF-8 (first at line {}); read as Windows-1252", path_,
          bad_line));
    }
    return Build(rows);
  }

 private:
  Status ReadHeader(const std::vector<std::string>& header,
                    std::uint64_t line) {
    pos_.fill(-1);
    header_.clear();
    for (size_t i = 0; i < header.size(); ++i) {
      std::string name(TrimSpace(header[i]));
      // Read as the rows are (below); a name kept in invalid UTF-8, as an
      // unknown field, failed `embargo lists --json`.
      if (FindInvalidUtf8(name) != std::string_view::npos) {
        name = Windows1252ToUtf8(name);
        list_.info.warnings.push_back(fmt::format(
            "{}:{}: header column {}: not valid UTF-8; read as Windows-1252",
            path_, line, i + 1));
      }
      if (!name.empty() &&
          std::find(header_.begin(), header_.end(), name) != header_.end())
        return Status::DataError(fmt::format(
            "{}:{}: header: column '{}' appears twice", path_, line, name));
      header_.push_back(name);
      auto known = std::find(kColumnNames.begin(), kColumnNames.end(), name);
      if (known != kColumnNames.end())
        pos_[known - kColumnNames.begin()] = static_cast<int>(i);
    }
    for (Col c : kRequired)
      if (pos_[c] < 0)
        return Status::DataError(
            fmt::format("{}:{}: header: required column '{}' is missing", path_,
                        line, kColumnNames[c]));
    return Status::Ok();
  }

  std::string_view Field(const RawRow& row, Col c) const {
    return pos_[c] < 0 ? std::string_view() : TrimSpace(row.fields[pos_[c]]);
  }

  Status FieldError(const RawRow& row, std::string_view group, Col c,
                    std::string_view message) const {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, row.line, group,
                                         kColumnNames[c], message));
  }

  std::string MapCountry(std::string_view text) {
    text = TrimSpace(text);
    if (text.empty()) return "";
    std::string code = CountryCode(text);
    // "Pakistan (location as at May 2008)": the qualifier is not the name.
    if (code.empty()) {
      size_t paren = text.find(" (");
      if (paren != std::string_view::npos)
        code = CountryCode(text.substr(0, paren));
    }
    if (code.empty() && warned_.insert(std::string(text)).second)
      list_.info.warnings.push_back(fmt::format("unmapped country '{}'", text));
    return code;
  }

  Result<EntityList> Build(const std::vector<RawRow>& rows) {
    std::vector<std::vector<const RawRow*>> groups;
    std::unordered_map<std::string, size_t> by_id;
    for (const RawRow& r : rows) {
      for (size_t i = 0; i < r.fields.size(); ++i) {
        bool known = std::find(kColumnNames.begin(), kColumnNames.end(),
                               header_[i]) != kColumnNames.end();
        if (!known && !TrimSpace(r.fields[i]).empty())
          ++list_.info.unknown_fields[header_[i]];
      }
      std::string_view gid = Field(r, kGroupId);
      if (gid.empty())
        return Status::DataError(
            fmt::format("{}:{}: field Group ID: empty", path_, r.line));
      auto [it, inserted] = by_id.emplace(gid, groups.size());
      if (inserted) groups.emplace_back();
      groups[it->second].push_back(&r);
    }
    std::uint64_t no_primary = 0, imo_vessels = 0;
    for (const auto& group : groups) {
      Entity e;
      bool has_primary = false, imo_vessel = false;
      EMBARGO_RETURN_IF_ERROR(
          BuildEntity(group, &e, &has_primary, &imo_vessel));
      if (!has_primary) ++no_primary;
      if (imo_vessel) ++imo_vessels;
      list_.entities.push_back(std::move(e));
    }
    if (no_primary > 0)
      list_.info.warnings.push_back(fmt::format(
          "{}: {} groups have no 'Prime Alias' row; their first row's name is "
          "the primary name",
          path_, no_primary));
    if (imo_vessels > 0)
      list_.info.warnings.push_back(fmt::format(
          "{}: {} 'Entity' groups whose Other Information opens with an IMO "
          "number are read as vessels",
          path_, imo_vessels));
    return std::move(list_);
  }

  static std::optional<EntityKind> KindOf(std::string_view group_type) {
    std::string t = AsciiLower(group_type);
    if (t == "individual") return EntityKind::kPerson;
    if (t == "entity") return EntityKind::kOrganization;
    if (t == "ship") return EntityKind::kVessel;
    return std::nullopt;
  }

  // Before OFSI had a "Ship" group type, ships were entities whose Other
  // Information opens with "IMO: 1234567" or "(IMO number: 1234567)".
  static bool OpensWithImo(std::string_view other) {
    if (!other.empty() && other.front() == '(') other.remove_prefix(1);
    if (other.substr(0, 3) != "IMO") return false;
    other.remove_prefix(3);
    if (AsciiLower(other.substr(0, 7)) == " number") other.remove_prefix(7);
    if (!other.empty() && other.front() == ':') other.remove_prefix(1);
    while (!other.empty() && other.front() == ' ') other.remove_prefix(1);
    return other.size() >= 7 &&
           std::all_of(other.begin(), other.begin() + 7, IsAsciiDigit);
  }

  // The digits after each `tag` ("IMO", "MMSI") in `text`, `len` long.
  static std::vector<std::string> NumbersAfter(std::string_view text,
                                               std::string_view tag,
                                               size_t len) {
    std::vector<std::string> out;
    size_t at = 0;
    while ((at = text.find(tag, at)) != std::string_view::npos) {
      std::string_view rest = text.substr(at + tag.size());
      at += tag.size();
      if (AsciiLower(rest.substr(0, 7)) == " number") rest.remove_prefix(7);
      if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      size_t n = 0;
      while (n < rest.size() && IsAsciiDigit(rest[n])) ++n;
      if (n == len) AddUniqueText(&out, rest.substr(0, n));
    }
    return out;
  }

  Name RowName(const RawRow& row, EntityKind kind) const {
    Name name;
    std::string full;
    for (Col c : {kName1, kName2, kName3, kName4, kName5, kName6}) {
      std::string_view part = Field(row, c);
      if (part.empty()) continue;
      if (!full.empty()) full += ' ';
      full += part;
    }
    name.full = CleanText(full);
    if (kind == EntityKind::kPerson) {
      auto join = [&](std::initializer_list<Col> cols) {
        std::string out;
        for (Col c : cols) {
          std::string_view part = Field(row, c);
          if (part.empty()) continue;
          if (!out.empty()) out += ' ';
          out += part;
        }
        return CleanText(out);
      };
      name.parts.given = join({kName1});
      name.parts.middle = join({kName2, kName3});
      name.parts.other = join({kName4, kName5});
      name.parts.family = join({kName6});
    }
    return name;
  }

  // nullopt for an empty or unknown alias type.
  static std::optional<NameType> AliasTypeOf(std::string_view text) {
    std::string t = AsciiLower(text);
    if (t == "prime alias" || t == "primary name") return NameType::kPrimary;
    if (t == "aka" || t == "alias" || t == "primary name variation")
      return NameType::kAka;
    if (t == "fka") return NameType::kFka;
    if (t == "nka") return NameType::kNka;
    return std::nullopt;
  }

  static NameQuality QualityOf(std::string_view text) {
    std::string t = AsciiLower(text);
    if (t.rfind("good", 0) == 0) return NameQuality::kStrong;
    if (t.rfind("low", 0) == 0) return NameQuality::kLow;
    return NameQuality::kUnspecified;
  }

  // Identifiers from a free-text column such as "Passport Details" in the
  // 2018 layout, one per enumerated item; items without a number are kept
  // as remarks.
  void AddFreeTextIds(std::string_view text, IdKind kind, Col col, Entity* e) {
    for (std::string& item : SplitEnumerated(text)) {
      std::string number = FindDocumentNumber(item);
      if (number.empty()) {
        AddUniqueText(&e->remarks,
                      fmt::format("{}: {}", kColumnNames[col], item));
        continue;
      }
      Identifier id;
      id.kind = kind;
      id.value = std::move(number);
      id.label = std::string(kColumnNames[col]);
      if (item != id.value) id.notes = std::move(item);
      AddUnique(&e->identifiers, std::move(id),
                [](const Identifier& a, const Identifier& b) {
                  return a.kind == b.kind && a.value == b.value &&
                         a.notes == b.notes;
                });
    }
  }

  // 2020 layout: numbers in one column, free-text details in another.
  void AddNumberedIds(std::string_view numbers, std::string_view details,
                      IdKind kind, Col col, Entity* e) {
    if (numbers.empty()) {
      if (!details.empty()) AddFreeTextIds(details, kind, col, e);
      return;
    }
    for (std::string& item : SplitEnumerated(numbers)) {
      Identifier id;
      id.kind = kind;
      // "3520025509842-7 (Pakistani)": the number, with the rest as notes.
      id.value = FindDocumentNumber(item);
      if (id.value.empty()) id.value = item;
      id.label = std::string(kColumnNames[col]);
      id.notes = CleanText(details);
      if (item != id.value)
        id.notes = id.notes.empty() ? item : item + "; " + id.notes;
      AddUnique(&e->identifiers, std::move(id),
                [](const Identifier& a, const Identifier& b) {
                  return a.kind == b.kind && a.value == b.value;
                });
    }
  }

  Address RowAddress(const RawRow& row) {
    Address a;
    std::vector<std::string> lines;
    for (Col c :
         {kAddress1, kAddress2, kAddress3, kAddress4, kAddress5, kAddress6}) {
      std::string line = CleanText(Field(row, c));
      if (!line.empty()) lines.push_back(std::move(line));
    }
    for (const std::string& line : lines) {
      if (!a.street.empty()) a.street += ", ";
      a.street += line;
    }
    a.postal_code = std::string(Field(row, kPostCode));
    a.country_text = CleanText(Field(row, kCountry));
    a.country = MapCountry(a.country_text);
    if (a.country_text.empty() && !lines.empty()) {
      // Many 2018 rows put the country in the last address line instead.
      a.country = CountryCode(lines.back());
      if (!a.country.empty()) a.country_text = lines.back();
    }
    std::string full = a.street;
    for (const std::string* part : {&a.postal_code, &a.country_text}) {
      if (part->empty()) continue;
      if (!full.empty()) full += ", ";
      full += *part;
    }
    a.full = std::move(full);
    return a;
  }

  Status BuildEntity(const std::vector<const RawRow*>& group, Entity* e,
                     bool* has_primary, bool* imo_vessel) {
    const RawRow& head = *group.front();
    std::string gid(Field(head, kGroupId));
    e->id = "uk-" + gid;
    e->provenance.list = std::string(kUkListName);
    e->provenance.record_id = gid;
    e->provenance.published = list_.info.published;
    e->provenance.file = path_;
    e->provenance.line = head.line;

    std::string_view group_type = Field(head, kGroupType);
    auto kind = KindOf(group_type);
    if (!kind)
      return FieldError(head, gid, kGroupType,
                        fmt::format("unknown group type '{}'", group_type));
    for (const RawRow* r : group) {
      std::string_view t = Field(*r, kGroupType);
      if (KindOf(t) != kind)
        return FieldError(
            *r, gid, kGroupType,
            fmt::format("'{}' differs from '{}' on line {} of the same group",
                        t, group_type, head.line));
    }
    e->kind = *kind;
    if (e->kind == EntityKind::kOrganization &&
        OpensWithImo(Field(head, kOtherInformation))) {
      e->kind = EntityKind::kVessel;
      *imo_vessel = true;
    }

    // The primary name first, then every other distinct name.
    const RawRow* primary_row = &head;
    for (const RawRow* r : group) {
      if (AliasTypeOf(Field(*r, kAliasType)) == NameType::kPrimary) {
        primary_row = r;
        *has_primary = true;
        break;
      }
    }
    auto same_name = [](const Name& a, const Name& b) {
      return a.full == b.full && a.original_script == b.original_script;
    };
    {
      Name primary = RowName(*primary_row, e->kind);
      if (primary.full.empty())
        return FieldError(*primary_row, gid, kName6, "empty name");
      primary.type = NameType::kPrimary;
      primary.quality = QualityOf(Field(*primary_row, kAliasQuality));
      e->names.push_back(std::move(primary));
    }
    for (const RawRow* r : group) {
      Name name = RowName(*r, e->kind);
      if (name.full.empty()) return FieldError(*r, gid, kName6, "empty name");
      std::string_view alias_type = Field(*r, kAliasType);
      auto type = AliasTypeOf(alias_type);
      if (!type && !alias_type.empty())
        ++list_.info.unknown_fields[fmt::format("Alias Type: {}", alias_type)];
      name.type = type && *type != NameType::kPrimary ? *type : NameType::kAka;
      name.quality = QualityOf(Field(*r, kAliasQuality));
      AddUnique(&e->names, std::move(name), same_name);
      if (std::string_view script = Field(*r, kNameNonLatin); !script.empty()) {
        Name original;
        original.full = CleanText(script);
        original.type = NameType::kAka;
        original.original_script = true;
        original.language = std::string(Field(*r, kNonLatinLanguage));
        if (original.language.empty())
          original.language = std::string(Field(*r, kNonLatinType));
        AddUnique(&e->names, std::move(original), same_name);
      }
    }

    for (const RawRow* r : group) {
      const RawRow& row = *r;
      if (std::string_view dob = Field(row, kDob); !dob.empty()) {
        auto spec = ParseUkDate(dob);
        if (!spec)
          return FieldError(row, gid, kDob,
                            fmt::format("impossible date '{}'", dob));
        AddUnique(&e->birth_dates, std::move(*spec),
                  [](const DateSpec& a, const DateSpec& b) {
                    return a.text == b.text;
                  });
      }
      std::string town = CleanText(Field(row, kTownOfBirth));
      std::string country = CleanText(Field(row, kCountryOfBirth));
      if (!town.empty() && !country.empty())
        AddUniqueText(&e->birth_places, fmt::format("{}, {}", town, country));
      else
        AddUniqueText(&e->birth_places, town.empty() ? country : town);
      for (const std::string& n : SplitEnumerated(Field(row, kNationality))) {
        std::string code = MapCountry(n);
        if (code.empty())
          AddUniqueText(&e->remarks, "Nationality: " + n);
        else
          AddUniqueText(&e->nationalities, code);
      }
      if (pos_[kPassportNumber] >= 0)
        AddNumberedIds(Field(row, kPassportNumber),
                       Field(row, kPassportDetails), IdKind::kPassport,
                       kPassportNumber, e);
      else
        AddFreeTextIds(Field(row, kPassportDetails), IdKind::kPassport,
                       kPassportDetails, e);
      if (pos_[kNationalIdNumber] >= 0)
        AddNumberedIds(Field(row, kNationalIdNumber), Field(row, kNiDetails),
                       IdKind::kNationalId, kNationalIdNumber, e);
      AddFreeTextIds(Field(row, kNiNumber), IdKind::kNationalId, kNiNumber, e);
      AddUniqueText(&e->titles, CleanText(Field(row, kTitle)));
      AddUniqueText(&e->positions, CleanText(Field(row, kPosition)));
      if (Address a = RowAddress(row); !a.full.empty())
        AddUnique(&e->addresses, std::move(a),
                  [](const Address& x, const Address& y) {
                    return x.full == y.full;
                  });
      std::string other = CleanText(Field(row, kOtherInformation));
      AddUniqueText(&e->remarks, other);
      if (e->kind == EntityKind::kVessel) {
        for (const std::string& imo : NumbersAfter(other, "IMO", 7))
          AddUnique(&e->identifiers,
                    Identifier{IdKind::kImo, imo, "", "IMO", ""},
                    [](const Identifier& a, const Identifier& b) {
                      return a.kind == b.kind && a.value == b.value;
                    });
        for (const std::string& mmsi : NumbersAfter(other, "MMSI", 9))
          AddUnique(&e->identifiers,
                    Identifier{IdKind::kMmsi, mmsi, "", "MMSI", ""},
                    [](const Identifier& a, const Identifier& b) {
                      return a.kind == b.kind && a.value == b.value;
                    });
      }
      if (std::string regime = CleanText(Field(row, kRegime)); !regime.empty())
        AddUnique(&e->programs, Program{regime, ""},
                  [](const Program& a, const Program& b) {
                    return a.code == b.code;
                  });
      if (std::string_view listed = Field(row, kListedOn); !listed.empty()) {
        auto date = ParseUkDate(listed);
        if (!date || date->is_range())
          return FieldError(row, gid, kListedOn,
                            fmt::format("impossible date '{}'", listed));
        if (e->listed_on.empty() || Before(date->from, e->listed_on))
          e->listed_on = date->from;
      }
    }
    return Status::Ok();
  }

  const std::string& path_;
  std::array<int, kColumnCount> pos_{};
  std::vector<std::string> header_;
  EntityList list_;
  std::set<std::string> warned_;
};

}  // namespace

Result<EntityList> LoadUkCsv(const std::string& path) {
  UkLoader loader(path);
  return loader.Load();
}

}  // namespace embargo::internal
