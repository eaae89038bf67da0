// The Australia DFAT loader: regulation8_consolidated.xlsx, one sheet with
// one row per name. Rows of one listing share the number their Reference
// starts with: "2" is the primary name, "2a", "2b", "34c1" its other names.
// The rows of a listing are nearly always adjacent, but not always (2940j
// follows 2989 in the December 2024 file), so rows are grouped by that
// number wherever they appear. Ids are "au-<number>".
//
// Values are typed by hand at DFAT: case and trailing spaces vary ("Entity ",
// "primary Name"), dates come as text in a dozen forms, as Excel serials or as
// bare years, and a cell often lists several values "a) ... b) ...". The
// loader reads what it can and keeps the rest as remarks; it refuses a file
// only when a row cannot be placed (no reference, no name, unknown Type) or
// a required column is missing.
//
// info.published is the workbook's docProps/core.xml modified date: DFAT
// saves the file when it updates the list (2024-11-11T01:01:21Z, the same day
// as the newest Control Date, in the December 2024 copy). Control Date itself
// is a per-row change date, kept as a remark.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "embargo/country.h"
#include "model/ascii.h"
#include "model/date.h"
#include "sources/io.h"
#include "sources/loaders.h"
#include "sources/xlsx_reader.h"

namespace embargo::internal {

// Loads with explicit zip limits, so tests can exercise them.
Result<EntityList> LoadAuXlsxWithLimits(const std::string& path,
                                        const XlsxLimits& limits);

namespace {

constexpr char kAuListName[] = "au_dfat";

enum Column {
  kReference,
  kName,
  kType,
  kNameType,
  kDateOfBirth,
  kPlaceOfBirth,
  kCitizenship,
  kAddress,
  kAdditionalInformation,
  kListingInformation,
  kCommittees,
  kControlDate,
  kColumnCount,
};

struct ColumnSpec {
  std::string_view header;
  bool required;
};

constexpr std::array<ColumnSpec, kColumnCount> kColumns = {{
    {"Reference", true},
    {"Name of Individual or Entity", true},
    {"Type", true},
    {"Name Type", true},
    {"Date of Birth", false},
    {"Place of Birth", false},
    {"Citizenship", false},
    {"Address", false},
    {"Additional Information", false},
    {"Listing Information", false},
    {"Committees", false},
    {"Control Date", false},
}};

// DFAT's ways of writing "nothing".
bool IsNull(std::string_view s) {
  std::string l = AsciiLower(s);
  return l.empty() || l == "na" || l == "n/a" || l == "-" || l == "none" ||
         l == "nil" || l == "not applicable" || l == "unknown";
}

std::string Trim(std::string_view s, std::string_view junk = " ;,") {
  while (!s.empty() && junk.find(s.front()) != std::string_view::npos)
    s.remove_prefix(1);
  while (!s.empty() && junk.find(s.back()) != std::string_view::npos)
    s.remove_suffix(1);
  return std::string(s);
}

// Splits "a) X b) Y c) Z" (or "(a) X (b) Y") into X, Y, Z. Markers must come
// in order, so an "e)" inside a value does not cut it. Text without a leading
// "a)" is one value.
std::vector<std::string> SplitEnumeration(const std::string& text) {
  std::string s = CleanText(text);
  auto marker_at = [&](size_t i, char letter, size_t* len) {
    size_t j = i;
    bool paren = j < s.size() && s[j] == '(';
    if (paren) ++j;
    if (j + 1 >= s.size() || s[j] != letter || s[j + 1] != ')') return false;
    if (i > 0 && s[i - 1] != ' ' && s[i - 1] != ';' && s[i - 1] != ',' &&
        s[i - 1] != '.')
      return false;
    *len = j + 2 - i;
    return true;
  };
  size_t len = 0;
  if (!marker_at(0, 'a', &len)) return {s};
  std::vector<std::string> out;
  size_t start = len;
  char next = 'b';
  for (size_t i = start; i < s.size(); ++i) {
    size_t mlen = 0;
    if (marker_at(i, next, &mlen)) {
      out.push_back(Trim(s.substr(start, i - start)));
      start = i + mlen;
      i = start - 1;
      ++next;
    }
  }
  out.push_back(Trim(s.substr(start)));
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

// Splits at any of `seps`, case-insensitively.
std::vector<std::string> SplitAny(const std::string& s,
                                  const std::vector<std::string_view>& seps) {
  std::string low = AsciiLower(s);
  std::vector<std::string> out;
  size_t start = 0;
  size_t i = 0;
  while (i < s.size()) {
    bool cut = false;
    for (std::string_view sep : seps) {
      if (low.compare(i, sep.size(), sep) == 0) {
        out.push_back(s.substr(start, i - start));
        i += sep.size();
        start = i;
        cut = true;
        break;
      }
    }
    if (!cut) ++i;
  }
  out.push_back(s.substr(start));
  return out;
}

// "12. Jul 1970" -> "12 Jul 1970"; "1955- 1958" -> "1955-1958".
std::string NormalizeDateText(std::string_view in) {
  std::string s = CleanText(in);
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    bool after_digit =
        i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]));
    if (s[i] == '.' && after_digit && i + 1 < s.size() && s[i + 1] == ' ')
      continue;
    if (s[i] == ' ' && i > 0 && s[i - 1] == '-' && i >= 5 &&
        std::isdigit(static_cast<unsigned char>(s[i - 2])))
      continue;
    if (s[i] == ' ' && i + 1 < s.size() && s[i + 1] == '-' && after_digit)
      continue;
    out += s[i];
  }
  return out;
}

bool ParseNumber(std::string_view s, double* v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

// The first date after "on" in "Listed on 9 Sep. 2003 (relisted ...)" or
// "... Regulations 2011 on 21 March 2022".
std::optional<PartialDate> FirstListingDate(const std::string& text) {
  std::string s = NormalizeDateText(text);
  std::string low = AsciiLower(s);
  size_t pos = 0;
  while ((pos = low.find("on", pos)) != std::string::npos) {
    bool word =
        (pos == 0 || !std::isalpha(static_cast<unsigned char>(low[pos - 1]))) &&
        pos + 2 < low.size() && (low[pos + 2] == ' ' || low[pos + 2] == ':');
    pos += 2;
    if (!word) continue;
    std::string_view rest = std::string_view(s).substr(pos);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':'))
      rest.remove_prefix(1);
    std::vector<std::string_view> words;
    size_t i = 0;
    while (words.size() < 3 && i < rest.size()) {
      size_t j = rest.find(' ', i);
      if (j == std::string_view::npos) j = rest.size();
      words.push_back(rest.substr(i, j - i));
      i = j + 1;
    }
    for (size_t n = words.size(); n >= 1; --n) {
      std::string candidate;
      for (size_t k = 0; k < n; ++k) {
        if (k) candidate += ' ';
        candidate += words[k];
      }
      // Only whole dates: a bare year is not a listing date.
      auto d = ParsePartialDate(Trim(candidate, " ,.;()"));
      if (d && d->day != 0) return d;
    }
  }
  return std::nullopt;
}

struct Group {
  Entity entity;
  bool has_primary = false;
  std::string control_date;  // newest, as YYYY-MM-DD
};

class AuLoader {
 public:
  AuLoader(std::string path, XlsxLimits limits)
      : path_(std::move(path)), limits_(limits) {}

  Result<EntityList> Load() {
    auto reader = XlsxSheetReader::Open(path_, limits_);
    if (!reader.ok()) return reader.status();
    sheet_ = (*reader)->sheet_name();
    list_.info.name = kAuListName;
    list_.info.format = "au_xlsx";
    list_.info.files.push_back(path_);
    if (!(*reader)->modified().empty()) {
      if (auto d = ParsePartialDate((*reader)->modified()))
        list_.info.published = *d;
    }
    XlsxRow row;
    bool have_header = false;
    while ((*reader)->Next(&row)) {
      if (Blank(row)) continue;
      if (!have_header) {
        EMBARGO_RETURN_IF_ERROR(ReadHeader(row));
        have_header = true;
        continue;
      }
      EMBARGO_RETURN_IF_ERROR(AddRow(row));
    }
    if (!(*reader)->status().ok()) return (*reader)->status();
    if (!have_header)
      return Status::DataError(fmt::format(
          "{}: sheet '{}' is empty (no header row)", path_, sheet_));
    for (Group& g : groups_) {
      Entity& e = g.entity;
      if (!g.has_primary) {
        list_.info.warnings.push_back(fmt::format(
            "{}:{}: record {}: no Primary Name row; the first name is used",
            path_, e.provenance.line, e.provenance.record_id));
        e.names.front().type = NameType::kPrimary;
      }
      if (!g.control_date.empty())
        e.remarks.push_back("Control date: " + g.control_date);
      e.provenance.published = list_.info.published;
      list_.entities.push_back(std::move(e));
    }
    if (!unparsed_dates_.empty())
      list_.info.warnings.push_back(fmt::format(
          "{} distinct Date of Birth values are not (only) dates ('{}', ...); "
          "they were kept as remarks",
          unparsed_dates_.size(), first_unparsed_));
    return std::move(list_);
  }

 private:
  static bool Blank(const XlsxRow& row) {
    for (const XlsxCell& c : row.cells)
      if (!CleanText(c.text).empty()) return false;
    return true;
  }

  Status ReadHeader(const XlsxRow& row) {
    columns_.fill(-1);
    for (size_t i = 0; i < row.cells.size(); ++i) {
      std::string h = CleanText(row.cells[i].text);
      if (h.empty()) continue;
      bool known = false;
      for (size_t c = 0; c < kColumns.size(); ++c) {
        if (AsciiLower(h) == AsciiLower(kColumns[c].header)) {
          columns_[c] = static_cast<int>(i);
          known = true;
        }
      }
      if (!known) extra_headers_[i] = h;
    }
    for (size_t c = 0; c < kColumns.size(); ++c)
      if (kColumns[c].required && columns_[c] < 0)
        return Status::DataError(
            fmt::format("{}:{}: sheet '{}': missing required column '{}'",
                        path_, row.number, sheet_, kColumns[c].header));
    return Status::Ok();
  }

  const XlsxCell& Cell(const XlsxRow& row, Column c) const {
    static const XlsxCell kEmpty;
    int i = columns_[c];
    if (i < 0 || static_cast<size_t>(i) >= row.cells.size()) return kEmpty;
    return row.cells[static_cast<size_t>(i)];
  }

  std::string Text(const XlsxRow& row, Column c) const {
    std::string t = CleanText(Cell(row, c).text);
    return IsNull(t) ? "" : t;
  }

  Status Fail(std::uint64_t row, std::string_view record, Column c,
              std::string_view msg) {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, row, record, kColumns[c].header,
                                         msg));
  }

  void CountExtras(const XlsxRow& row) {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      if (CleanText(row.cells[i].text).empty()) continue;
      bool mapped = false;
      for (int c : columns_) mapped = mapped || c == static_cast<int>(i);
      if (mapped) continue;
      auto it = extra_headers_.find(i);
      ++list_.info
            .unknown_fields[it != extra_headers_.end()
                                ? it->second
                                : fmt::format("column {}", ColumnName(i))];
    }
  }

  static std::string ColumnName(size_t i) {
    std::string out;
    size_t n = i + 1;
    while (n > 0) {
      out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
      n = (n - 1) / 26;
    }
    return out;
  }

  Status AddRow(const XlsxRow& row) {
    CountExtras(row);
    std::string ref = CleanText(Cell(row, kReference).text);
    if (ref.empty())
      return Status::DataError(
          fmt::format("{}:{}: field Reference: missing", path_, row.number));
    size_t digits = 0;
    while (digits < ref.size() &&
           std::isdigit(static_cast<unsigned char>(ref[digits])))
      ++digits;
    if (digits == 0)
      return Fail(row.number, ref, kReference,
                  fmt::format("'{}' does not start with a number", ref));
    std::string number = ref.substr(0, digits);
    // Excel may store "12" as the number 12.0.
    if (Cell(row, kReference).is_number && ref.size() > digits &&
        ref.substr(digits) == ".0")
      ref = number;

    std::string name = CleanText(Cell(row, kName).text);
    if (name.empty()) return Fail(row.number, ref, kName, "empty");
    std::string type = CleanText(Cell(row, kType).text);
    auto kind = ParseEntityKind(type);
    if (!kind)
      return Fail(row.number, ref, kType,
                  fmt::format("unknown value '{}'", type));

    auto [it, inserted] = group_of_.emplace(number, groups_.size());
    if (inserted) {
      groups_.emplace_back();
      Entity& e = groups_.back().entity;
      e.id = "au-" + number;
      e.kind = *kind;
      e.provenance.list = kAuListName;
      e.provenance.record_id = number;
      e.provenance.file = path_;
      e.provenance.line = row.number;
    }
    Group& g = groups_[it->second];
    Entity& e = g.entity;

    Name n;
    n.full = name;
    std::string name_type = AsciiLower(CleanText(Cell(row, kNameType).text));
    bool primary = false;
    if (name_type == "primary name") {
      primary = true;
    } else if (name_type == "aka") {
      n.type = NameType::kAka;
    } else if (name_type == "original script") {
      n.type = NameType::kAka;
      n.original_script = true;
    } else if (name_type == "formerly known as" || name_type == "fka" ||
               name_type == "previously listed as") {
      n.type = NameType::kFka;
    } else if (name_type == "now known as" || name_type == "nka") {
      n.type = NameType::kNka;
    } else {
      n.type = NameType::kAka;
      if (warned_.insert("name type " + name_type).second)
        list_.info.warnings.push_back(
            fmt::format("{}:{}: unknown Name Type '{}' read as aka", path_,
                        row.number, CleanText(Cell(row, kNameType).text)));
    }
    n.original_script = n.original_script || HasNonLatinLetters(n.full);
    if (primary && g.has_primary) {
      list_.info.warnings.push_back(fmt::format(
          "{}:{}: record {}: a second Primary Name row, read as aka", path_,
          row.number, number));
      primary = false;
      n.type = NameType::kAka;
    }
    if (primary) {
      g.has_primary = true;
      e.kind = *kind;
      e.provenance.line = row.number;
      e.names.insert(e.names.begin(), std::move(n));
    } else {
      bool dup = false;
      for (const Name& have : e.names) dup = dup || have.full == n.full;
      if (!dup) e.names.push_back(std::move(n));
    }

    EMBARGO_RETURN_IF_ERROR(AddBirthDates(row, ref, &e));
    for (const std::string& p : SplitEnumeration(Text(row, kPlaceOfBirth)))
      if (!IsNull(p)) AddUnique(&e.birth_places, p);
    AddCitizenship(Text(row, kCitizenship), &e);
    for (const std::string& item : SplitEnumeration(Text(row, kAddress)))
      for (const std::string& a : SplitAny(item, {";"}))
        if (std::string t = Trim(a); !IsNull(t)) AddAddress(t, &e);
    if (std::string info = Text(row, kAdditionalInformation); !info.empty())
      AddUnique(&e.remarks, info);
    if (std::string listing = Text(row, kListingInformation);
        !listing.empty()) {
      AddUnique(&e.remarks, listing);
      if (e.listed_on.empty())
        if (auto d = FirstListingDate(listing)) e.listed_on = *d;
    }
    if (std::string c = Text(row, kCommittees); !c.empty()) {
      bool have = false;
      for (const Program& p : e.programs) have = have || p.code == c;
      if (!have) e.programs.push_back(Program{c, ""});
    }
    EMBARGO_RETURN_IF_ERROR(AddControlDate(row, ref, &g));
    return Status::Ok();
  }

  Status AddBirthDates(const XlsxRow& row, const std::string& ref, Entity* e) {
    const XlsxCell& cell = Cell(row, kDateOfBirth);
    std::string text = CleanText(cell.text);
    if (IsNull(text)) return Status::Ok();
    if (cell.is_number) {
      // A bare year is stored as a number too; Excel serials are far larger.
      double v = 0;
      if (!ParseNumber(text, &v))
        return Fail(row.number, ref, kDateOfBirth,
                    fmt::format("not a number '{}'", text));
      DateSpec spec;
      spec.text = text;
      if (v >= 1000 && v < 3000 && v == std::floor(v)) {
        spec.from.year = static_cast<std::int16_t>(v);
      } else {
        auto d = DateFromExcelSerial(v);
        if (!d)
          return Fail(row.number, ref, kDateOfBirth,
                      fmt::format("impossible date serial '{}'", text));
        spec.from = *d;
        spec.text = spec.from.ToString();
      }
      AddDate(std::move(spec), e);
      return Status::Ok();
    }
    bool unparsed = false;
    for (const std::string& item : SplitEnumeration(text)) {
      // "5 Feb. 1970 (this aka only, born 5 Feb. 1969": the date is read, the
      // whole text kept as a remark.
      std::string norm = Trim(NormalizeDateText(item), " ;,");
      std::string core = Trim(WithoutParentheses(norm), " ;,");
      if (core != norm) unparsed = true;
      if (core.empty()) continue;
      if (AsciiLower(norm).find("hijri") != std::string::npos) {
        unparsed = true;  // not a Gregorian date
        continue;
      }
      // "Between 1958 and 1963" is one value; try the item whole first.
      if (auto spec = ParseDateSpec(core)) {
        AddDate(std::move(*spec), e);
        continue;
      }
      for (const std::string& part :
           SplitAny(core, {";", ">>", " or ", "alt dob:", " and "})) {
        std::string p = Trim(part, " ;,");
        if (IsNull(p)) continue;
        if (auto spec = ParseDateSpec(p)) {
          AddDate(std::move(*spec), e);
        } else {
          unparsed = true;
        }
      }
    }
    if (unparsed) {
      AddUnique(&e->remarks, "Date of birth: " + text);
      if (unparsed_dates_.empty()) first_unparsed_ = text;
      unparsed_dates_.insert(text);
    }
    return Status::Ok();
  }

  static void AddDate(DateSpec spec, Entity* e) {
    for (const DateSpec& have : e->birth_dates)
      if (have.from == spec.from && have.to == spec.to &&
          have.circa == spec.circa)
        return;
    e->birth_dates.push_back(std::move(spec));
  }

  // "Russian and Ukrainian", "a) Syrian b) Iraqi", "Indonesian (as at Dec.
  // 2003)", "United Kingdom of Great Britain and Northern Ireland".
  void AddCitizenship(const std::string& text, Entity* e) {
    if (text.empty()) return;
    for (const std::string& item : SplitEnumeration(text)) {
      std::string whole = Trim(item, " ;,.");
      if (std::string code = CitizenshipCode(whole); !code.empty()) {
        AddUnique(&e->citizenships, code);
        continue;
      }
      for (const std::string& part :
           SplitAny(WithoutParentheses(whole), {";", ",", " and ", "/"})) {
        std::string p = Trim(part, " ;,.");
        if (IsNull(p)) continue;
        std::string code = CitizenshipCode(p);
        if (!code.empty()) {
          AddUnique(&e->citizenships, code);
          continue;
        }
        AddUnique(&e->remarks, "Citizenship: " + whole);
        if (warned_.insert("country " + p).second)
          list_.info.warnings.push_back(
              fmt::format("unmapped country '{}'", p));
      }
    }
  }

  static std::string CitizenshipCode(const std::string& text) {
    std::string code = CountryCode(text);
    if (code.empty()) code = CountryCode(WithoutParentheses(text));
    return code;
  }

  static std::string WithoutParentheses(const std::string& text) {
    std::string out;
    int depth = 0;
    for (char c : text) {
      if (c == '(') ++depth;
      if (depth == 0) out += c;
      if (c == ')' && depth > 0) --depth;
    }
    return CleanText(out);
  }

  // Free text; the last comma part is the country where it names one.
  static void AddAddress(const std::string& text, Entity* e) {
    Address a;
    a.full = text;
    size_t comma = text.rfind(',');
    std::string last =
        Trim(comma == std::string::npos ? text : text.substr(comma + 1), " .;");
    std::string code = CountryCode(last);
    if (!code.empty()) {
      a.country = code;
      a.country_text = last;
    }
    for (const Address& have : e->addresses)
      if (have.full == a.full) return;
    e->addresses.push_back(std::move(a));
  }

  Status AddControlDate(const XlsxRow& row, const std::string& ref, Group* g) {
    const XlsxCell& cell = Cell(row, kControlDate);
    std::string text = CleanText(cell.text);
    if (text.empty()) return Status::Ok();
    std::optional<PartialDate> d;
    double v = 0;
    if (cell.is_number && ParseNumber(text, &v)) {
      d = DateFromExcelSerial(v);
    } else {
      d = ParsePartialDate(text);
    }
    if (!d)
      return Fail(row.number, ref, kControlDate,
                  fmt::format("not a date '{}'", text));
    std::string iso = d->ToString();
    if (iso > g->control_date) g->control_date = iso;
    return Status::Ok();
  }

  std::string path_;
  XlsxLimits limits_;
  std::string sheet_;
  EntityList list_;
  std::array<int, kColumnCount> columns_{};
  std::map<size_t, std::string> extra_headers_;
  std::map<std::string, size_t> group_of_;
  std::vector<Group> groups_;
  std::set<std::string> warned_;
  std::set<std::string> unparsed_dates_;
  std::string first_unparsed_;
};

}  // namespace

Result<EntityList> LoadAuXlsxWithLimits(const std::string& path,
                                        const XlsxLimits& limits) {
  return AuLoader(path, limits).Load();
}

Result<EntityList> LoadAuXlsx(const std::string& path) {
  return LoadAuXlsxWithLimits(path, XlsxLimits{});
}

}  // namespace embargo::internal
