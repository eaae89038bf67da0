// Loader for the UAE Local Terrorist List as exported to CSV (UTF-8 with a
// BOM): title rows, then an Arabic header row starting with "#", then one
// numbered row per listed individual, with names in Arabic and Latin script.
// "-" marks an empty cell.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/country.h"
#include "model/date.h"
#include "sources/csv_reader.h"
#include "sources/io.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

constexpr std::string_view kUaeListName = "uae_ltl";

// Rows before the header: the export has three; allow for a few more.
constexpr int kMaxRowsBeforeHeader = 10;

enum Col : int {
  kNumber,
  kClass,
  kNationality,
  kFamilyArabic,
  kFamilyLatin,
  kFullArabic,
  kFullLatin,
  kDob,
  kPob,
  kKnownName,
  kStreet,
  kCity,
  kAddressCountry,
  kDocType,
  kDocNumber,
  kDocIssuer,
  kDocIssued,
  kDocExpires,
  kOtherInfo,
  kColumnCount
};

// Header texts as published, whitespace collapsed.
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "#",
    "التصنيف",
    "الجنسية",
    "اسم العائلة (بالحروف العربية)",
    "اسم العائلة (بالحروف اللاتينية)",
    "الاسم الكامل (بالحروف العربية)",
    "الاسم الكامل (بالحروف اللاتينية)",
    "تاريخ الميلاد",
    "مكان الميلاد",
    "الاسم",
    "الشارع",
    "المدينة",
    "الدولة",
    "النوع",
    "رقم الوثيقة",
    "جهة الإصدار",
    "تاريخ الإصدار",
    "تاريخ الانتهاء",
    "معلومات أخرى"};

// English glosses, for error messages read by non-Arabic speakers.
constexpr std::array<std::string_view, kColumnCount> kColumnGloss = {
    "number",
    "classification",
    "nationality",
    "family name, Arabic",
    "family name, Latin",
    "full name, Arabic",
    "full name, Latin",
    "date of birth",
    "place of birth",
    "name",
    "street",
    "city",
    "country",
    "document type",
    "document number",
    "issuer",
    "issue date",
    "expiry date",
    "other information"};

constexpr std::array<Col, 2> kRequired = {kNumber, kFullLatin};

constexpr std::string_view kArabicComma = "\xD8\x8C";  // "،"
constexpr std::string_view kNumberLabel = "رقم:";      // "number:"
constexpr std::string_view kArabicOr = " أو ";         // " or "

// Splits on any of `seps`, trimming and dropping empty parts.
std::vector<std::string> SplitAny(
    std::string_view text, std::initializer_list<std::string_view> seps) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t best = std::string_view::npos, len = 0;
    for (std::string_view sep : seps) {
      size_t at = text.find(sep, start);
      if (at < best) {
        best = at;
        len = sep.size();
      }
    }
    std::string part = CleanText(text.substr(
        start, best == std::string_view::npos ? std::string_view::npos
                                              : best - start));
    if (!part.empty()) out.push_back(std::move(part));
    if (best == std::string_view::npos) break;
    start = best + len;
  }
  return out;
}

// "13-07-1989", "17/02/1967", "1962".
std::optional<DateSpec> ParseUaeDate(std::string_view text) {
  std::string s(TrimSpace(text));
  if (s.size() == 10 && s[2] == '-' && s[5] == '-' && IsAsciiDigit(s[0]) &&
      IsAsciiDigit(s[3]) && IsAsciiDigit(s[6])) {
    s[2] = '/';
    s[5] = '/';
  }
  auto spec = ParseDateSpec(s, DateOrder::kDayFirst);
  if (spec) spec->text = std::string(TrimSpace(text));
  return spec;
}

class UaeLoader {
 public:
  explicit UaeLoader(const std::string& path) : path_(path) {}

  Result<EntityList> Load() {
    auto stream = OpenByteStream(path_);
    if (!stream.ok()) return stream.status();
    CsvReader reader(std::move(*stream), path_);
    std::vector<std::string> row;
    bool header_found = false;
    for (int i = 0; i < kMaxRowsBeforeHeader && reader.Next(&row); ++i) {
      EMBARGO_RETURN_IF_ERROR(CheckUtf8(row, reader.line(), nullptr));
      if (!row.empty() && TrimSpace(row[0]) == "#") {
        header_found = true;
        break;
      }
    }
    if (!reader.status().ok()) return reader.status();
    if (!header_found) {
      if (reader.records() == 0)
        return Status::DataError(fmt::format("{}: the file is empty", path_));
      return Status::DataError(fmt::format(
          "{}: no header row (a row starting with '#') in the first {} rows",
          path_, kMaxRowsBeforeHeader));
    }
    EMBARGO_RETURN_IF_ERROR(ReadHeader(row, reader.line()));
    list_.info.name = std::string(kUaeListName);
    list_.info.format = "uae_csv";
    list_.info.files.push_back(path_);

    while (reader.Next(&row)) {
      std::uint64_t line = reader.line();
      if (row.size() != header_.size())
        return Status::DataError(
            fmt::format("{}:{}: {} fields, but the header names {} columns",
                        path_, line, row.size(), header_.size()));
      if (std::all_of(row.begin(), row.end(), [](const std::string& f) {
            return TrimSpace(f).empty();
          }))
        continue;
      EMBARGO_RETURN_IF_ERROR(CheckUtf8(row, line, &header_));
      Entity entity;
      EMBARGO_RETURN_IF_ERROR(ParseRow(row, line, &entity));
      list_.entities.push_back(std::move(entity));
    }
    if (!reader.status().ok()) return reader.status();
    return std::move(list_);
  }

 private:
  Status CheckUtf8(const std::vector<std::string>& row, std::uint64_t line,
                   const std::vector<std::string>* header) const {
    for (size_t i = 0; i < row.size(); ++i) {
      size_t bad = FindInvalidUtf8(row[i]);
      if (bad == std::string_view::npos) continue;
      std::string field = header && i < header->size()
                              ? (*header)[i]
                              : fmt::format("{}", i + 1);
      std::string_view record =
          header && pos_[kNumber] >= 0 ? TrimSpace(row[pos_[kNumber]]) : "";
      return Status::DataError(fmt::format(
          "{}:{}: {}field {}: invalid UTF-8 (byte 0x{:02X} at offset {})",
          path_, line,
          record.empty() ? std::string() : fmt::format("record {}: ", record),
          field, static_cast<unsigned char>(row[i][bad]), bad));
    }
    return Status::Ok();
  }

  Status ReadHeader(const std::vector<std::string>& header,
                    std::uint64_t line) {
    pos_.fill(-1);
    header_.clear();
    for (size_t i = 0; i < header.size(); ++i) {
      std::string name = CleanText(header[i]);
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
            fmt::format("{}:{}: header: required column '{}' ({}) is missing",
                        path_, line, kColumnNames[c], kColumnGloss[c]));
    return Status::Ok();
  }

  // The cell, trimmed; "" for the "-" placeholder.
  std::string_view Value(const std::vector<std::string>& row, Col c) const {
    if (pos_[c] < 0) return "";
    std::string_view v = TrimSpace(row[pos_[c]]);
    return v == "-" ? std::string_view() : v;
  }

  Status FieldError(std::uint64_t line, std::string_view record, Col c,
                    std::string_view message) const {
    return Status::DataError(fmt::format("{}:{}: record {}: field {} ({}): {}",
                                         path_, line, record, kColumnNames[c],
                                         kColumnGloss[c], message));
  }

  std::string MapCountry(std::string_view text) {
    text = TrimSpace(text);
    if (text.empty()) return "";
    std::string code = CountryCode(text);
    if (code.empty() && warned_.insert(std::string(text)).second)
      list_.info.warnings.push_back(fmt::format("unmapped country '{}'", text));
    return code;
  }

  // Arabic names: "A، B" and "A أو B" ("A or B") list two names;
  // "NAME (KUNYA)" gives a kunya or another name in brackets. Each becomes
  // its own alias.
  void AddArabicNames(std::string_view text, std::string_view family,
                      Entity* e) {
    for (const std::string& item :
         SplitAny(text, {kArabicComma, " - ", kArabicOr})) {
      std::string main = item;
      std::vector<std::string> extra;
      size_t open;
      while ((open = main.find('(')) != std::string::npos) {
        size_t close = main.find(')', open);
        if (close == std::string::npos) {
          main.erase(open, 1);
          continue;
        }
        extra.push_back(CleanText(main.substr(open + 1, close - open - 1)));
        main = CleanText(main.substr(0, open) + " " + main.substr(close + 1));
      }
      extra.insert(extra.begin(), main);
      for (const std::string& full : extra) AddAlias(full, family, true, e);
    }
  }

  void AddAlias(const std::string& full, std::string_view family, bool arabic,
                Entity* e) {
    if (full.empty()) return;
    for (const Name& n : e->names)
      if (n.full == full) return;
    Name name;
    name.full = full;
    name.type = NameType::kAka;
    // The Arabic columns occasionally hold a Latin spelling.
    name.original_script = arabic && HasNonLatinLetters(full);
    if (name.original_script) name.language = "Arabic";
    SetParts(family, &name);
    e->names.push_back(std::move(name));
  }

  // The family name is given; what precedes it in the full name is given
  // names.
  static void SetParts(std::string_view family, Name* name) {
    if (family.empty()) return;
    std::string fam = CleanText(family);
    const std::string& full = name->full;
    if (full.size() < fam.size()) return;
    std::string tail = full.substr(full.size() - fam.size());
    bool same = std::equal(
        tail.begin(), tail.end(), fam.begin(), fam.end(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        });
    if (!same) return;
    if (full.size() > fam.size() && full[full.size() - fam.size() - 1] != ' ')
      return;
    name->parts.family = tail;
    name->parts.given =
        std::string(TrimSpace(full.substr(0, full.size() - fam.size())));
  }

  Status ParseDocuments(const std::vector<std::string>& row, std::uint64_t line,
                        std::string_view record, Entity* e) {
    std::string_view numbers = Value(row, kDocNumber);
    if (numbers.empty()) return Status::Ok();
    std::string type = CleanText(Value(row, kDocType));
    IdKind kind = IdKind::kOther;
    if (type.find("جواز") != std::string::npos) kind = IdKind::kPassport;
    std::string dates;
    for (auto [col, word] :
         {std::pair{kDocIssued, "issued"}, std::pair{kDocExpires, "expires"}}) {
      std::string_view text = Value(row, col);
      if (text.empty()) continue;
      auto date = ParseUaeDate(text);
      if (!date || date->is_range())
        return FieldError(line, record, col,
                          fmt::format("impossible date '{}'", text));
      if (!dates.empty()) dates += ", ";
      dates += fmt::format("{} {}", word, date->from.ToString());
    }
    std::string_view issuer = Value(row, kDocIssuer);
    // One cell may hold several documents, one per line:
    // "تركي رقم: U24171753" ("Turkish number: ...").
    std::vector<std::string> lines = SplitAny(numbers, {"\n"});
    for (const std::string& l : lines) {
      Identifier id;
      id.kind = kind;
      id.label = type;
      std::string_view country_text = lines.size() == 1 ? issuer : "";
      size_t at = l.find(kNumberLabel);
      if (at != std::string::npos) {
        id.value = std::string(
            TrimSpace(std::string_view(l).substr(at + kNumberLabel.size())));
        country_text = TrimSpace(std::string_view(l).substr(0, at));
      } else {
        id.value = l;
      }
      id.country = MapCountry(country_text);
      std::vector<std::string> notes;
      if (id.country.empty() && !country_text.empty())
        notes.push_back(fmt::format("issued by {}", country_text));
      if (!dates.empty()) notes.push_back(dates);
      for (const std::string& n : notes)
        id.notes += (id.notes.empty() ? "" : "; ") + n;
      if (!id.value.empty()) e->identifiers.push_back(std::move(id));
    }
    return Status::Ok();
  }

  Status ParseRow(const std::vector<std::string>& row, std::uint64_t line,
                  Entity* e) {
    std::string_view number = Value(row, kNumber);
    if (number.empty())
      return Status::DataError(fmt::format(
          "{}:{}: field # (number): empty (continuation rows are not "
          "supported)",
          path_, line));
    e->id = fmt::format("uae-{}", number);
    e->provenance.list = std::string(kUaeListName);
    e->provenance.record_id = std::string(number);
    e->provenance.file = path_;
    e->provenance.line = line;
    e->kind = EntityKind::kPerson;
    if (std::string_view cls = Value(row, kClass); !cls.empty()) {
      if (cls.find("كيان") != std::string_view::npos ||   // entity
          cls.find("منظمة") != std::string_view::npos ||  // organization
          cls.find("جماعة") != std::string_view::npos)    // group
        e->kind = EntityKind::kOrganization;
      else if (cls.find("شخص") == std::string_view::npos &&  // person
               cls.find("فرد") == std::string_view::npos)    // individual
        return FieldError(line, number, kClass,
                          fmt::format("unknown classification '{}'", cls));
    }

    // Latin names: "A - B - C" lists one subject's spellings.
    std::vector<std::string> latin = SplitAny(Value(row, kFullLatin), {" - "});
    for (std::string& n : latin) {
      // "((MOHSEN ..." has stray brackets; they are not part of the name.
      if (std::count(n.begin(), n.end(), '(') !=
          std::count(n.begin(), n.end(), ')')) {
        n.erase(std::remove_if(n.begin(), n.end(),
                               [](char c) { return c == '(' || c == ')'; }),
                n.end());
        n = CleanText(n);
      }
    }
    std::string_view family_latin = Value(row, kFamilyLatin);
    for (const std::string& n : latin) AddAlias(n, family_latin, false, e);
    AddArabicNames(Value(row, kFullArabic), Value(row, kFamilyArabic), e);
    AddArabicNames(Value(row, kKnownName), Value(row, kFamilyArabic), e);
    if (e->names.empty())
      return FieldError(line, number, kFullLatin, "empty, and no Arabic name");
    e->names.front().type = NameType::kPrimary;

    if (std::string_view dob = Value(row, kDob); !dob.empty()) {
      auto spec = ParseUaeDate(dob);
      if (!spec)
        return FieldError(line, number, kDob,
                          fmt::format("impossible date '{}'", dob));
      e->birth_dates.push_back(std::move(*spec));
    }
    AddUniqueText(&e->birth_places, CleanText(Value(row, kPob)));

    // "السعودية / الكويت"; "الحالية: السويد السابقة: ليبيريا" (current: ...,
    // former: ...).
    for (std::string part :
         SplitAny(Value(row, kNationality), {"/", kArabicComma, ",", " و "})) {
      for (std::string_view label : {"الحالية:", "السابقة:"}) {
        // Rebuilt rather than replace()d in place: GCC 12 at -O3 reports a
        // false -Wrestrict overlap for std::string::replace here.
        size_t at;
        while ((at = part.find(label)) != std::string::npos)
          part = part.substr(0, at) + "|" + part.substr(at + label.size());
      }
      for (const std::string& n : SplitAny(part, {"|"})) {
        std::string code = MapCountry(n);
        if (code.empty())
          AddUniqueText(&e->remarks, "Nationality: " + n);
        else
          AddUniqueText(&e->nationalities, code);
      }
    }

    Address a;
    a.street = CleanText(Value(row, kStreet));
    a.city = CleanText(Value(row, kCity));
    a.country_text = CleanText(Value(row, kAddressCountry));
    if (!a.country_text.empty()) {
      a.country = CountryCode(a.country_text);
      // "مصر - مسجون" ("Egypt - imprisoned"): the note is not the country.
      size_t dash = a.country_text.find(" - ");
      std::string_view country_part =
          std::string_view(a.country_text).substr(0, dash);
      if (a.country.empty()) a.country = MapCountry(country_part);
      if (dash != std::string::npos) a.note = a.country_text.substr(dash + 3);
    }
    for (const std::string* part : {&a.street, &a.city, &a.country_text}) {
      if (part->empty()) continue;
      if (!a.full.empty()) a.full += ", ";
      a.full += *part;
    }
    if (!a.full.empty()) e->addresses.push_back(std::move(a));

    EMBARGO_RETURN_IF_ERROR(ParseDocuments(row, line, number, e));

    e->programs.push_back({"UAE-LTL", "UAE Local Terrorist List"});
    if (std::string info = CleanText(Value(row, kOtherInfo)); !info.empty()) {
      // "مدرج بموجب قرار مجلس الوزراء رقم (18) لسنة 2017": listed by Cabinet
      // Resolution No. 18 of 2017; the year is the listing date we know.
      constexpr std::string_view kOfYear = "لسنة ";
      size_t at = info.find(kOfYear);
      if (at != std::string::npos) {
        std::string_view year =
            std::string_view(info).substr(at + kOfYear.size(), 4);
        if (year.size() == 4 &&
            std::all_of(year.begin(), year.end(), IsAsciiDigit))
          e->listed_on.year =
              static_cast<std::int16_t>(std::stoi(std::string(year)));
      }
      e->remarks.push_back(std::move(info));
    }

    for (size_t i = 0; i < row.size(); ++i) {
      bool known = std::find(kColumnNames.begin(), kColumnNames.end(),
                             header_[i]) != kColumnNames.end();
      std::string_view v = TrimSpace(row[i]);
      if (!known && !v.empty() && v != "-")
        ++list_.info.unknown_fields[header_[i].empty()
                                        ? fmt::format("column {}", i + 1)
                                        : header_[i]];
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

Result<EntityList> LoadUaeCsv(const std::string& path) {
  UaeLoader loader(path);
  return loader.Load();
}

}  // namespace embargo::internal
