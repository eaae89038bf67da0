// The UN Security Council Consolidated List (sc-sanctions.xsd): one
// <INDIVIDUAL> or <ENTITY> element per listed person or organization, read
// record by record with XmlRecordReader.
//
// Both shapes in the shared data load the same way. UN_consolidated.xml
// (2026-02-27) and consolidatedLegacyByPRN.xml (2025-08-02) have the same
// root, the same element names, the same attributes and the same child
// order (INDIVIDUALS before ENTITIES, records by reference-number prefix);
// they differ in content only: 2026 adds the 121 Iran records re-listed in
// 2025 and 6 Sudan/Haiti listings, drops IQi.074, QDi.317 and QDi.336, and
// edits some comments. The loader keys on element names, never on position,
// so a reordering would not matter either.
//
// Choices worth knowing:
// - Name parts. The UN fills FIRST_NAME..FOURTH_NAME in the order the name
//   is written, not by role. For DPRK records that order is Korean (RI /
//   WON HO: family name first), so FIRST_NAME is the family name and the
//   rest the given name. Elsewhere FIRST_NAME is the given name and the last
//   filled field the family name; a field between them is the father's name
//   (patronymic) when the record carries an Arabic-script original name
//   (Arabic nasab: MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE), otherwise a
//   middle name; a third field between them goes to `other`.
// - NAME_ORIGINAL_SCRIPT is the primary name in its own script: a kPrimary
//   name with original_script set, right after names[0].
// - Alias QUALITY holds Good/Low for individuals and "a.k.a."/"f.k.a." for
//   entities; an alias NOTE of "previously listed as"/"formerly listed as"
//   makes it a former name; "original script: X" adds X as an
//   original-script alias. An alias packing several names ("A; B", or
//   "<Arabic> (A; B)") becomes one alias per name (see SplitAlias).
// - Entities are organizations. The UN lists no vessels as ENTITY records:
//   every "IMO number" in the DPRK entities' comments is the IMO company
//   number of a shipping company (KPe.022 CHONGCHONGANG SHIPPING COMPANY,
//   IMO 5342883). Those numbers, and SWIFT/BIC codes in comments, become
//   identifiers; the kind stays kOrganization.
// - Bookkeeping elements (DATAID, VERSIONNUM, LIST_TYPE, LAST_DAY_UPDATED,
//   SORT_KEY, SORT_KEY_LAST_MOD) are known and skipped; any other element
//   the loader does not know is counted in info.unknown_fields.
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
#include "sources/io.h"
#include "sources/loaders.h"
#include "sources/xml_reader.h"

namespace embargo::internal {
namespace {

constexpr std::string_view kUnListName = "un_sc";
constexpr std::string_view kRootName = "CONSOLIDATED_LIST";

// UN_LIST_TYPE codes and the resolution that set up each regime's
// sanctions committee.
constexpr auto kRegimes =
    std::to_array<std::pair<std::string_view, std::string_view>>({
        {"Al-Qaida", "1267 (1999) / 1989 (2011) / 2253 (2015)"},
        {"Taliban", "1988 (2011)"},
        {"DPRK", "1718 (2006)"},
        {"Iran", "1737 (2006)"},
        {"Iraq", "1518 (2003)"},
        {"DRC", "1533 (2004)"},
        {"Libya", "1970 (2011)"},
        {"Somalia", "2713 (2023)"},
        {"CAR", "2127 (2013)"},
        {"Haiti", "2653 (2022)"},
        {"Yemen", "2140 (2014)"},
        {"GB", "2048 (2012)"},
        {"Sudan", "1591 (2005)"},
        {"SouthSudan", "2206 (2015)"},
        {"Mali", "2374 (2017)"},
        {"Lebanon", "1636 (2005)"},
    });

// Record children the loader reads or deliberately skips.
constexpr auto kRecordFields = std::to_array<std::string_view>({
    "DATAID",
    "VERSIONNUM",
    "FIRST_NAME",
    "SECOND_NAME",
    "THIRD_NAME",
    "FOURTH_NAME",
    "UN_LIST_TYPE",
    "REFERENCE_NUMBER",
    "LISTED_ON",
    "NAME_ORIGINAL_SCRIPT",
    "COMMENTS1",
    "TITLE",
    "DESIGNATION",
    "NATIONALITY",
    "LIST_TYPE",
    "LAST_DAY_UPDATED",
    "GENDER",
    "INDIVIDUAL_ALIAS",
    "ENTITY_ALIAS",
    "INDIVIDUAL_ADDRESS",
    "ENTITY_ADDRESS",
    "INDIVIDUAL_DATE_OF_BIRTH",
    "INDIVIDUAL_PLACE_OF_BIRTH",
    "INDIVIDUAL_DOCUMENT",
    "SORT_KEY",
    "SORT_KEY_LAST_MOD",
});
constexpr auto kAliasFields = std::to_array<std::string_view>(
    {"QUALITY", "ALIAS_NAME", "NOTE", "DATE_OF_BIRTH", "CITY_OF_BIRTH",
     "COUNTRY_OF_BIRTH"});
constexpr auto kAddressFields = std::to_array<std::string_view>(
    {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"});
constexpr auto kDobFields = std::to_array<std::string_view>(
    {"TYPE_OF_DATE", "DATE", "YEAR", "FROM_YEAR", "TO_YEAR", "NOTE"});
constexpr auto kPobFields = std::to_array<std::string_view>(
    {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY", "NOTE"});
constexpr auto kDocumentFields = std::to_array<std::string_view>(
    {"TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2", "NUMBER", "ISSUING_COUNTRY",
     "COUNTRY_OF_ISSUE", "CITY_OF_ISSUE", "DATE_OF_ISSUE", "NOTE"});
constexpr auto kValueFields = std::to_array<std::string_view>({"VALUE"});

std::string Text(const pugi::xml_node& node) {
  return CleanText(node.text().as_string());
}

std::string Child(const pugi::xml_node& node, const char* name) {
  return CleanText(node.child(name).text().as_string());
}

void AppendJoined(std::string* out, std::string_view part,
                  std::string_view sep = ", ") {
  if (part.empty()) return;
  if (!out->empty()) *out += sep;
  *out += part;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// True if the UTF-8 text holds a letter of the Arabic block (U+0600-U+06FF,
// lead bytes 0xD8-0xDB): Arabic, Persian, Pashto, Urdu.
bool HasArabicScript(std::string_view s) {
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if (b >= 0xD8 && b <= 0xDB) return true;
  }
  return false;
}

// Splits "A; B" on its semicolons.
void SplitSemicolons(std::string_view text, std::vector<std::string>* out) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(';', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string one = CleanText(text.substr(pos, end - pos));
    if (!one.empty()) out->push_back(std::move(one));
    pos = end + 1;
  }
}

// One ALIAS_NAME may pack several names: spellings joined by "; "
// ("Azim Adhajani; Azim Agha-Jani"), or a name in one script followed by
// its renderings in the other in parentheses ("حسن غول (Hassan Ghul;
// Hassan Gul)", "Ibrahim Hassan Tali Asiri (إبراهيم حسن طالع عسيري)").
// Those come apart; anything else (nested parentheses, an acronym in
// parentheses) stays one name as published.
std::vector<std::string> SplitAlias(const std::string& text) {
  std::vector<std::string> out;
  size_t open = text.find('(');
  size_t close = text.find(')');
  bool one_group = open != std::string::npos && close == text.size() - 1 &&
                   text.find('(', open + 1) == std::string::npos &&
                   text.find(')') == close && open > 0;
  if (one_group) {
    std::string outer = CleanText(std::string_view(text).substr(0, open));
    std::string_view inner =
        std::string_view(text).substr(open + 1, close - open - 1);
    if (!outer.empty() &&
        HasNonLatinLetters(outer) != HasNonLatinLetters(inner)) {
      out.push_back(std::move(outer));
      SplitSemicolons(inner, &out);
      return out;
    }
  }
  if (text.find("; ") != std::string::npos &&
      text.find_first_of("()") == std::string::npos) {
    SplitSemicolons(text, &out);
    return out;
  }
  out.push_back(text);
  return out;
}

// libxml2 stops at the first byte that is not UTF-8 and names only the
// line. On that error the file is scanned once more to name the element and
// the record around the byte.
Status DescribeBadUtf8(const std::string& path, const Status& original) {
  if (original.message().find("UTF-8") == std::string::npos) return original;
  auto data = ReadFileContents(path);
  if (!data.ok()) return original;
  std::string_view text = *data;
  size_t at = FindInvalidUtf8(text);
  if (at == std::string_view::npos) return original;
  std::string field = "?";
  size_t lt = text.rfind('<', at);
  if (lt != std::string_view::npos && lt + 1 < text.size() &&
      text[lt + 1] != '/') {
    size_t end = text.find_first_of(" >/", lt + 1);
    if (end != std::string_view::npos && end < at)
      field = std::string(text.substr(lt + 1, end - lt - 1));
  }
  std::string record = "?";
  constexpr size_t npos = std::string_view::npos;
  size_t individual = text.rfind("<INDIVIDUAL>", at);
  size_t entity = text.rfind("<ENTITY>", at);
  size_t start = individual == npos ? entity
                 : entity == npos   ? individual
                                    : std::max(individual, entity);
  if (start != npos) {
    size_t stop = std::min(text.find("</INDIVIDUAL>", start),
                           text.find("</ENTITY>", start));
    constexpr std::string_view kTag = "<REFERENCE_NUMBER>";
    size_t ref = text.find(kTag, start);
    if (ref != npos && ref < stop) {
      size_t b = ref + kTag.size();
      size_t e = text.find('<', b);
      if (e != npos) record = CleanText(text.substr(b, e - b));
    }
  }
  return Status::DataError(
      fmt::format("{}:{}: record {}: field {}: invalid UTF-8 (byte 0x{:02X})",
                  path, LineOfOffset(text, at), record, field,
                  static_cast<unsigned char>(text[at])));
}

class UnLoader {
 public:
  explicit UnLoader(const std::string& path) : path_(path) {}

  Result<EntityList> Load();

 private:
  // "PATH:LINE: record REF: field FIELD: what".
  Status Error(std::string_view field, std::string_view what) const {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, line_, ref_, field, what));
  }
  void CountUnknown(const pugi::xml_node& node, std::string_view parent,
                    const std::string_view* known, size_t n_known);
  template <size_t N>
  void CountUnknown(const pugi::xml_node& node, std::string_view parent,
                    const std::array<std::string_view, N>& known) {
    CountUnknown(node, parent, known.data(), N);
  }
  void Warn(std::string message) {
    if (warned_.insert(message).second)
      list_.info.warnings.push_back(std::move(message));
  }
  // ISO alpha-2 for `text`, or "" with one warning per distinct value.
  std::string Country(std::string_view text);
  // A YYYY-MM-DD date (an xsd:date timezone suffix is ignored).
  Result<PartialDate> IsoDate(std::string_view field, std::string_view text);

  Status ParseRecord(const XmlRecord& record);
  Status ParseNames(const pugi::xml_node& node, Entity* e);
  Status ParseAlias(const pugi::xml_node& node, std::string_view parent,
                    Entity* e);
  void AddName(Entity* e, Name name);
  Status ParseBirthDate(const pugi::xml_node& node, Entity* e);
  void ParseBirthPlace(const pugi::xml_node& node, Entity* e);
  void ParseAddress(const pugi::xml_node& node, std::string_view parent,
                    Entity* e);
  Status ParseDocument(const pugi::xml_node& node, Entity* e);
  void ParseComments(std::string_view comments, Entity* e);

  const std::string& path_;
  EntityList list_;
  std::set<std::string> warned_;
  std::unordered_map<std::string, std::uint64_t> seen_refs_;
  // The record being parsed, for messages.
  std::uint64_t line_ = 0;
  std::string ref_;
};

void UnLoader::CountUnknown(const pugi::xml_node& node, std::string_view parent,
                            const std::string_view* known, size_t n_known) {
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = child.name();
    if (std::find(known, known + n_known, name) != known + n_known) continue;
    ++list_.info.unknown_fields[fmt::format("{}/{}", parent, name)];
  }
}

std::string UnLoader::Country(std::string_view text) {
  if (text.empty()) return "";
  std::string code = CountryCode(text);
  if (code.empty()) Warn(fmt::format("unmapped country '{}'", text));
  return code;
}

Result<PartialDate> UnLoader::IsoDate(std::string_view field,
                                      std::string_view text) {
  // "2015-04-07-04:00" is an xsd:date with its timezone.
  bool iso = text.size() >= 10 && AllDigits(text.substr(0, 4)) &&
             text[4] == '-' && AllDigits(text.substr(5, 2)) && text[7] == '-' &&
             AllDigits(text.substr(8, 2));
  if (!iso) return Error(field, fmt::format("unrecognized date '{}'", text));
  int y = std::stoi(std::string(text.substr(0, 4)));
  int m = std::stoi(std::string(text.substr(5, 2)));
  int d = std::stoi(std::string(text.substr(8, 2)));
  if (!IsValidPartialDate(y, m, d) || m == 0 || d == 0)
    return Error(field, fmt::format("impossible date '{}'", text));
  PartialDate out;
  out.year = static_cast<std::int16_t>(y);
  out.month = static_cast<std::uint8_t>(m);
  out.day = static_cast<std::uint8_t>(d);
  return out;
}

void UnLoader::AddName(Entity* e, Name name) {
  if (name.full.empty()) return;
  for (const Name& n : e->names)
    if (n.full == name.full && n.original_script == name.original_script)
      return;  // the UN repeats the primary name among aliases at times
  e->names.push_back(std::move(name));
}

Status UnLoader::ParseNames(const pugi::xml_node& node, Entity* e) {
  std::array<std::string, 4> f = {
      Child(node, "FIRST_NAME"), Child(node, "SECOND_NAME"),
      Child(node, "THIRD_NAME"), Child(node, "FOURTH_NAME")};
  Name primary;
  for (const std::string& part : f) AppendJoined(&primary.full, part, " ");
  if (primary.full.empty()) return Error("FIRST_NAME", "empty (no name)");
  std::string original = Child(node, "NAME_ORIGINAL_SCRIPT");
  if (e->kind == EntityKind::kPerson) {
    NameParts& p = primary.parts;
    bool korean = e->programs.size() == 1 && e->programs[0].code == "DPRK";
    if (korean) {
      p.family = f[0];
      for (size_t i = 1; i < f.size(); ++i) AppendJoined(&p.given, f[i], " ");
    } else {
      size_t last = 0;
      for (size_t i = 0; i < f.size(); ++i)
        if (!f[i].empty()) last = i;
      p.given = f[0];
      if (last > 0) p.family = f[last];
      if (last >= 2) {
        (HasArabicScript(original) ? p.patronymic : p.middle) = f[1];
      }
      if (last == 3) p.other = f[2];
      if (p.given.empty()) {  // a mononym filed under SECOND_NAME
        p.given = p.family;
        p.family.clear();
      }
    }
  }
  e->names.push_back(std::move(primary));
  if (!original.empty()) {
    if (original.find("\xEF\xBF\xBD") != std::string::npos)
      Warn(fmt::format(
          "{}:{}: record {}: field NAME_ORIGINAL_SCRIPT: holds U+FFFD "
          "replacement characters (damaged at the source)",
          path_, line_, ref_));
    Name n;
    n.full = original;
    n.original_script = true;
    AddName(e, std::move(n));
  }
  return Status::Ok();
}

Status UnLoader::ParseAlias(const pugi::xml_node& node, std::string_view parent,
                            Entity* e) {
  CountUnknown(node, parent, kAliasFields);
  std::string quality = Child(node, "QUALITY");
  std::string text = Child(node, "ALIAS_NAME");
  std::string note = Child(node, "NOTE");

  Name proto;
  proto.type = NameType::kAka;
  if (quality == "Good") {
    proto.quality = NameQuality::kStrong;
  } else if (quality == "Low") {
    proto.quality = NameQuality::kLow;
  } else if (quality == "f.k.a.") {
    proto.type = NameType::kFka;
  } else if (!quality.empty() && quality != "a.k.a.") {
    Warn(fmt::format("unknown alias QUALITY '{}' (read as unspecified)",
                     quality));
  }
  std::string lnote = AsciiLower(note);
  if (lnote.starts_with("previously listed as") ||
      lnote.starts_with("formerly listed as"))
    proto.type = NameType::kFka;

  if (!text.empty()) {
    std::vector<std::string> spellings = SplitAlias(text);
    for (std::string& s : spellings) {
      Name n = proto;
      n.full = std::move(s);
      n.original_script = HasNonLatinLetters(n.full);
      AddName(e, std::move(n));
    }
  }

  // "original script: Абу Банат", "in Arabic script: شركة الكوثر",
  // "In Arabic: سيف العدل": the alias in its own script.
  auto says_nothing_more = [](std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '.' ||
                          s.back() == ',' || s.back() == ';'))
      s.remove_suffix(1);
    return s.empty() || s == "previously listed as" ||
           s == "formerly listed as";
  };
  bool note_used = says_nothing_more(lnote);
  for (std::string_view marker :
       {"original script:", "in arabic script:", "in arabic:"}) {
    size_t at = lnote.find(marker);
    if (at == std::string::npos) continue;
    std::string script =
        CleanText(std::string_view(note).substr(at + marker.size()));
    if (script.empty() || !HasNonLatinLetters(script)) continue;
    Name n = proto;
    n.full = std::move(script);
    n.original_script = true;
    if (marker != "original script:") n.language = "Arabic";
    AddName(e, std::move(n));
    note_used =
        note_used || says_nothing_more(std::string_view(lnote).substr(0, at));
    break;
  }
  if (!note_used) {
    if (text.empty()) {
      e->remarks.push_back(fmt::format("Alias note: {}", note));
    } else {
      e->remarks.push_back(fmt::format("Alias '{}': {}", text, note));
    }
  }

  // Birth details the UN attaches to one alias belong to the person.
  std::string dob = Child(node, "DATE_OF_BIRTH");
  if (!dob.empty()) {
    DateSpec spec;
    spec.text = dob;
    if (dob.size() == 4 && AllDigits(dob)) {
      spec.from.year = static_cast<std::int16_t>(std::stoi(dob));
    } else {
      auto date = IsoDate(fmt::format("{}/DATE_OF_BIRTH", parent), dob);
      if (!date.ok()) return date.status();
      spec.from = *date;
    }
    bool dup = std::any_of(
        e->birth_dates.begin(), e->birth_dates.end(),
        [&](const DateSpec& d) { return d.ToString() == spec.ToString(); });
    if (!dup) e->birth_dates.push_back(std::move(spec));
  }
  std::string place;
  AppendJoined(&place, Child(node, "CITY_OF_BIRTH"));
  AppendJoined(&place, Child(node, "COUNTRY_OF_BIRTH"));
  if (!place.empty() &&
      std::find(e->birth_places.begin(), e->birth_places.end(), place) ==
          e->birth_places.end())
    e->birth_places.push_back(std::move(place));
  return Status::Ok();
}

Status UnLoader::ParseBirthDate(const pugi::xml_node& node, Entity* e) {
  CountUnknown(node, "INDIVIDUAL_DATE_OF_BIRTH", kDobFields);
  constexpr std::string_view kField = "INDIVIDUAL_DATE_OF_BIRTH";
  std::string type = Child(node, "TYPE_OF_DATE");
  std::string date = Child(node, "DATE");
  std::string year = Child(node, "YEAR");
  std::string from_year = Child(node, "FROM_YEAR");
  std::string to_year = Child(node, "TO_YEAR");
  std::string note = Child(node, "NOTE");

  auto parse_year = [&](std::string_view field,
                        const std::string& text) -> Result<PartialDate> {
    if (text.size() != 4 || !AllDigits(text))
      return Error(fmt::format("{}/{}", kField, field),
                   fmt::format("unrecognized year '{}'", text));
    PartialDate d;
    d.year = static_cast<std::int16_t>(std::stoi(text));
    if (d.year < 1000)
      return Error(fmt::format("{}/{}", kField, field),
                   fmt::format("impossible year '{}'", text));
    return d;
  };

  DateSpec spec;
  if (!date.empty()) {
    auto d = IsoDate(fmt::format("{}/DATE", kField), date);
    if (!d.ok()) return d.status();
    spec.from = *d;
    spec.text = date;
  } else if (!year.empty()) {
    auto d = parse_year("YEAR", year);
    if (!d.ok()) return d.status();
    spec.from = *d;
    spec.text = year;
  }
  if (!from_year.empty() || !to_year.empty()) {
    auto a = parse_year("FROM_YEAR", from_year);
    if (!a.ok()) return a.status();
    auto b = parse_year("TO_YEAR", to_year);
    if (!b.ok()) return b.status();
    if (b->year < a->year)
      return Error(fmt::format("{}/TO_YEAR", kField),
                   fmt::format("range ends ({}) before it starts ({})", to_year,
                               from_year));
    spec.from = *a;
    spec.to = *b;
    spec.text = fmt::format("between {} and {}", from_year, to_year);
  }
  if (type == "APPROXIMATELY") {
    spec.circa = true;
  } else if (!type.empty() && type != "EXACT" && type != "BETWEEN") {
    Warn(fmt::format("unknown TYPE_OF_DATE '{}' (read as EXACT)", type));
  }

  std::string lnote = AsciiLower(note);
  // "Nov. 1973": the date parser reads a '.' as a numeric separator, so the
  // abbreviation's full stop goes.
  std::string date_note;
  for (size_t i = 0; i < note.size(); ++i)
    if (!(note[i] == '.' && i > 0 &&
          std::isalpha(static_cast<unsigned char>(note[i - 1]))))
      date_note += note[i];
  bool note_used = false;
  if (lnote == "approximately") {
    spec.circa = true;
    note_used = true;
  } else if (!note.empty() && spec.from.empty()) {
    // The date is only in the note: "Nov. 1973", "August 1961".
    if (auto parsed = ParseDateSpec(date_note)) {
      spec.from = parsed->from;
      spec.to = parsed->to;
      spec.circa = spec.circa || parsed->circa;
      spec.text = note;
      note_used = true;
    }
  } else if (!note.empty() && spec.from.month == 0 && spec.to.empty()) {
    // A month beside a YEAR: <YEAR>1958</YEAR><NOTE>Sep.</NOTE>.
    if (auto parsed = ParsePartialDate(date_note + " " + year);
        parsed && parsed->year == spec.from.year) {
      spec.from = *parsed;
      spec.text = note + " " + year;
      note_used = true;
    }
  }
  if (spec.from.empty()) {
    if (!note.empty()) e->remarks.push_back("Date of birth: " + note);
    return Status::Ok();
  }
  if (spec.circa && !spec.text.empty())
    spec.text = "approximately " + spec.text;
  if (!note.empty() && !note_used) spec.text += " (" + note + ")";
  for (const DateSpec& d : e->birth_dates)
    if (d.ToString() == spec.ToString()) return Status::Ok();
  e->birth_dates.push_back(std::move(spec));
  return Status::Ok();
}

void UnLoader::ParseBirthPlace(const pugi::xml_node& node, Entity* e) {
  CountUnknown(node, "INDIVIDUAL_PLACE_OF_BIRTH", kPobFields);
  std::string place;
  for (const char* f :
       {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"})
    AppendJoined(&place, Child(node, f));
  std::string note = Child(node, "NOTE");
  if (!note.empty()) {
    if (place.empty()) {
      place = note;
    } else {
      place += " (" + note + ")";
    }
  }
  if (place.empty()) return;
  if (std::find(e->birth_places.begin(), e->birth_places.end(), place) ==
      e->birth_places.end())
    e->birth_places.push_back(std::move(place));
}

void UnLoader::ParseAddress(const pugi::xml_node& node, std::string_view parent,
                            Entity* e) {
  CountUnknown(node, parent, kAddressFields);
  Address a;
  a.street = Child(node, "STREET");
  a.city = Child(node, "CITY");
  a.region = Child(node, "STATE_PROVINCE");
  a.postal_code = Child(node, "ZIP_CODE");
  a.country_text = Child(node, "COUNTRY");
  a.note = Child(node, "NOTE");
  for (const std::string* part :
       {&a.street, &a.city, &a.region, &a.postal_code, &a.country_text})
    AppendJoined(&a.full, *part);
  if (a.full.empty() && a.note.empty()) return;
  a.country = Country(a.country_text);
  e->addresses.push_back(std::move(a));
}

IdKind DocumentKind(std::string_view type, std::string_view type2) {
  std::string t2 = AsciiLower(type2);
  if (!t2.empty()) {
    if (t2.find("passport") != std::string::npos) return IdKind::kPassport;
    if (t2.find("fiscal code") != std::string::npos ||
        t2.find("tax") != std::string::npos)
      return IdKind::kTaxId;
    for (std::string_view other :
         {"birth certificate", "ration card", "driver", "voter", "student",
          "other id", "residential", "military", "serviceman", "certificate of",
          "fardc"})
      if (t2.find(other) != std::string::npos) return IdKind::kOther;
    for (std::string_view id :
         {"identi", "national number", "social security", "bundespersonal"})
      if (t2.find(id) != std::string::npos) return IdKind::kNationalId;
    return IdKind::kOther;
  }
  std::string t = AsciiLower(type);
  if (t.find("passport") != std::string::npos ||
      t.find("passeport") != std::string::npos ||
      t.find("pasaporte") != std::string::npos)
    return IdKind::kPassport;
  if (t.find("identification") != std::string::npos ||
      t.find("identity") != std::string::npos)
    return IdKind::kNationalId;
  return IdKind::kOther;
}

Status UnLoader::ParseDocument(const pugi::xml_node& node, Entity* e) {
  CountUnknown(node, "INDIVIDUAL_DOCUMENT", kDocumentFields);
  std::string type = Child(node, "TYPE_OF_DOCUMENT");
  std::string type2 = Child(node, "TYPE_OF_DOCUMENT2");
  while (!type2.empty() && (type2.back() == ':' || type2.back() == ' '))
    type2.pop_back();
  // "number:" under TYPE_OF_DOCUMENT2 says nothing about the document.
  std::string l2 = AsciiLower(type2);
  if (l2 == "number" || l2 == "no" || l2 == "no.") type2.clear();
  std::string number = Child(node, "NUMBER");
  std::string issuing = Child(node, "ISSUING_COUNTRY");
  std::string country_of_issue = Child(node, "COUNTRY_OF_ISSUE");
  std::string city = Child(node, "CITY_OF_ISSUE");
  std::string issued = Child(node, "DATE_OF_ISSUE");
  std::string note = Child(node, "NOTE");
  if (!issued.empty()) {
    auto d = IsoDate("INDIVIDUAL_DOCUMENT/DATE_OF_ISSUE", issued);
    if (!d.ok()) return d.status();
  }
  std::string label = type2.empty() ? type : type2;
  if (number.empty()) {
    // No number to match on; what the list says stays readable.
    std::string text;
    AppendJoined(&text, note, "; ");
    if (!issued.empty()) AppendJoined(&text, "issued " + issued, "; ");
    if (!text.empty() || !label.empty())
      e->remarks.push_back(label.empty() ? text : label + ": " + text);
    return Status::Ok();
  }
  Identifier id;
  id.kind = DocumentKind(type, type2);
  id.value = number;
  id.label = label;
  std::string country_text = issuing.empty() ? country_of_issue : issuing;
  id.country = Country(country_text);
  if (id.country.empty() && !country_text.empty())
    AppendJoined(&id.notes, "issued by " + country_text, "; ");
  if (!issued.empty()) AppendJoined(&id.notes, "issued " + issued, "; ");
  if (!city.empty()) AppendJoined(&id.notes, "issued in " + city, "; ");
  if (!issuing.empty() && !country_of_issue.empty() &&
      country_of_issue != issuing)
    AppendJoined(&id.notes, "country of issue " + country_of_issue, "; ");
  AppendJoined(&id.notes, note, "; ");
  // The UN repeats some documents under French and Spanish labels
  // ("Numéro de passeport", "Número de pasaporte"): one identifier, with
  // the English label when there is one.
  for (Identifier& other : e->identifiers) {
    if (other.kind != id.kind || other.value != id.value ||
        other.country != id.country)
      continue;
    if (type2.empty() &&
        (type == "Passport" || type == "National Identification Number"))
      other.label = id.label;
    if (other.notes.empty()) other.notes = id.notes;
    return Status::Ok();
  }
  e->identifiers.push_back(std::move(id));
  return Status::Ok();
}

// IMO numbers ("IMO number: 5571322", "International Maritime Organization
// (IMO) Number: 1790183", "Company Number IMO 5434358") and SWIFT/BIC codes
// ("SWIFT/BIC: KUDBKPPY", "SWIFT: ILSIKPPY") written into the comments.
void UnLoader::ParseComments(std::string_view comments, Entity* e) {
  auto add = [&](IdKind kind, std::string value, std::string label) {
    for (const Identifier& id : e->identifiers)
      if (id.kind == kind && id.value == value) return;
    Identifier id;
    id.kind = kind;
    id.value = std::move(value);
    id.label = std::move(label);
    if (kind == IdKind::kImo && e->kind == EntityKind::kOrganization)
      id.notes = "IMO company number (from COMMENTS1)";
    else
      id.notes = "from COMMENTS1";
    e->identifiers.push_back(std::move(id));
  };
  for (size_t at = comments.find("IMO"); at != std::string_view::npos;
       at = comments.find("IMO", at + 3)) {
    if (at > 0 && std::isalnum(static_cast<unsigned char>(comments[at - 1])))
      continue;  // inside a word
    // Up to "IMO) Number: " of filler, then exactly seven digits.
    size_t p = at + 3;
    size_t limit = std::min(comments.size(), p + 12);
    while (p < limit && !std::isdigit(static_cast<unsigned char>(comments[p])))
      ++p;
    size_t q = p;
    while (q < comments.size() &&
           std::isdigit(static_cast<unsigned char>(comments[q])))
      ++q;
    if (q - p == 7)
      add(IdKind::kImo, std::string(comments.substr(p, 7)), "IMO number");
  }
  for (size_t at = comments.find("SWIFT"); at != std::string_view::npos;
       at = comments.find("SWIFT", at + 5)) {
    size_t p = at + 5;
    if (comments.substr(p, 4) == "/BIC") p += 4;
    while (p < comments.size() && (comments[p] == ':' || comments[p] == ' '))
      ++p;
    size_t q = p;
    while (q < comments.size() &&
           std::isalnum(static_cast<unsigned char>(comments[q])))
      ++q;
    std::string code(comments.substr(p, q - p));
    bool upper = std::all_of(code.begin(), code.end(), [](char c) {
      return std::isupper(static_cast<unsigned char>(c)) ||
             std::isdigit(static_cast<unsigned char>(c));
    });
    if ((code.size() == 8 || code.size() == 11) && upper)
      add(IdKind::kSwiftBic, std::move(code), "SWIFT/BIC");
  }
}

Status UnLoader::ParseRecord(const XmlRecord& record) {
  const pugi::xml_node& node = record.node;
  line_ = record.line;
  ref_ = Child(node, "REFERENCE_NUMBER");
  if (ref_.empty()) {
    ref_ = fmt::format("<{}>", record.name);
    return Error("REFERENCE_NUMBER", "missing");
  }
  if (ref_.find_first_of(" /\\") != std::string::npos)
    return Error("REFERENCE_NUMBER", fmt::format("malformed '{}'", ref_));
  auto [first, inserted] = seen_refs_.emplace(ref_, line_);
  if (!inserted)
    return Error("REFERENCE_NUMBER",
                 fmt::format("duplicated (first at line {})", first->second));
  CountUnknown(node, record.name, kRecordFields);

  Entity e;
  e.id = "un-" + ref_;
  e.kind = record.name == "INDIVIDUAL" ? EntityKind::kPerson
                                       : EntityKind::kOrganization;
  e.provenance.list = std::string(kUnListName);
  e.provenance.record_id = ref_;
  e.provenance.published = list_.info.published;
  e.provenance.file = path_;
  e.provenance.line = line_;

  std::string program = Child(node, "UN_LIST_TYPE");
  if (!program.empty()) {
    Program p;
    p.code = program;
    for (const auto& [code, name] : kRegimes)
      if (code == program) p.name = std::string(name);
    if (p.name.empty())
      Warn(fmt::format("UN_LIST_TYPE '{}' has no known regime name", program));
    e.programs.push_back(std::move(p));
  }
  EMBARGO_RETURN_IF_ERROR(ParseNames(node, &e));

  if (std::string listed = Child(node, "LISTED_ON"); !listed.empty()) {
    auto d = IsoDate("LISTED_ON", listed);
    if (!d.ok()) return d.status();
    e.listed_on = *d;
  }
  std::string gender = AsciiLower(Child(node, "GENDER"));
  if (gender == "male") {
    e.gender = Gender::kMale;
  } else if (gender == "female") {
    e.gender = Gender::kFemale;
  } else if (!gender.empty()) {
    Warn(fmt::format("unknown GENDER '{}'", Child(node, "GENDER")));
  }
  if (std::string comments = Child(node, "COMMENTS1"); !comments.empty()) {
    ParseComments(comments, &e);
    e.remarks.insert(e.remarks.begin(), std::move(comments));
  }

  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    std::string_view name = child.name();
    if (name == "TITLE" || name == "DESIGNATION" || name == "NATIONALITY") {
      CountUnknown(child, name, kValueFields);
      for (const pugi::xml_node& v : child.children("VALUE")) {
        std::string value = Text(v);
        if (value.empty()) continue;
        if (name == "TITLE") {
          e.titles.push_back(std::move(value));
        } else if (name == "DESIGNATION") {
          e.positions.push_back(std::move(value));
        } else {
          // "na": not available, not Namibia.
          std::string lv = AsciiLower(value);
          if (lv == "na" || lv == "n/a") continue;
          std::string code = Country(value);
          if (code.empty()) {
            e.remarks.push_back("Nationality: " + value);
          } else if (std::find(e.nationalities.begin(), e.nationalities.end(),
                               code) == e.nationalities.end()) {
            e.nationalities.push_back(std::move(code));
          }
        }
      }
    } else if (name == "INDIVIDUAL_ALIAS" || name == "ENTITY_ALIAS") {
      EMBARGO_RETURN_IF_ERROR(ParseAlias(child, name, &e));
    } else if (name == "INDIVIDUAL_ADDRESS" || name == "ENTITY_ADDRESS") {
      ParseAddress(child, name, &e);
    } else if (name == "INDIVIDUAL_DATE_OF_BIRTH") {
      EMBARGO_RETURN_IF_ERROR(ParseBirthDate(child, &e));
    } else if (name == "INDIVIDUAL_PLACE_OF_BIRTH") {
      ParseBirthPlace(child, &e);
    } else if (name == "INDIVIDUAL_DOCUMENT") {
      EMBARGO_RETURN_IF_ERROR(ParseDocument(child, &e));
    }
  }
  list_.entities.push_back(std::move(e));
  return Status::Ok();
}

Result<EntityList> UnLoader::Load() {
  list_.info.name = std::string(kUnListName);
  list_.info.format = "un_xml";
  list_.info.files.push_back(path_);
  auto head = ReadFilePrefix(path_, 1);
  if (!head.ok()) return head.status();
  if (head->empty())
    return Status::DataError(fmt::format("{}: the file is empty", path_));
  auto reader_or = XmlRecordReader::OpenFile(path_);
  if (!reader_or.ok()) return reader_or.status();
  XmlRecordReader& reader = **reader_or;
  XmlRecord record;
  bool root_checked = false;
  while (reader.Next({"INDIVIDUAL", "ENTITY"}, &record)) {
    if (!root_checked) {
      if (reader.root_name() != kRootName)
        return Status::DataError(
            fmt::format("{}: root element is <{}>, not <{}>", path_,
                        reader.root_name(), kRootName));
      auto it = reader.root_attributes().find("dateGenerated");
      if (it != reader.root_attributes().end()) {
        auto d = ParsePartialDate(it->second);
        if (!d)
          return Status::DataError(
              fmt::format("{}: {}@dateGenerated: unrecognized date '{}'", path_,
                          kRootName, it->second));
        list_.info.published = *d;
      }
      root_checked = true;
    }
    EMBARGO_RETURN_IF_ERROR(ParseRecord(record));
  }
  if (!reader.status().ok()) return DescribeBadUtf8(path_, reader.status());
  if (!root_checked) {
    if (reader.root_name() != kRootName)
      return Status::DataError(fmt::format("{}: root element is <{}>, not <{}>",
                                           path_, reader.root_name(),
                                           kRootName));
    return Status::DataError(
        fmt::format("{}: no INDIVIDUAL or ENTITY records", path_));
  }
  return std::move(list_);
}

}  // namespace

Result<EntityList> LoadUnXml(const std::string& path) {
  UnLoader loader(path);
  return loader.Load();
}

}  // namespace embargo::internal
