// The Canada SEMA loader: Global Affairs Canada's Consolidated Canadian
// Autonomous Sanctions List XML (sema-lmes.xml), <data-set> with one flat
// <record> per person, entity or ship.
//
// Ids. The list's own key is (Country, Schedule, Item): items are numbered
// per schedule of each country's regulations (Item 1 exists under Russia
// Schedule 1 Part 1 and Part 2 alike). The id is "ca-<regime>-<schedule>-
// <item>" with each part reduced to letters, digits and '.', runs of
// anything else becoming '_': "ca-Russia-1_Part_1-23", "ca-Zimbabwe-164"
// (no schedule), "ca-JVCFOR-54" (a regime's acronym in parentheses is used
// for it). The regime part comes from the published text, not from a country
// table, so ids do not change when the country table grows.
//
// The Aliases field is free text. It separates names with ',' ';' " or " '/'
// and language labels ("Russian: ..."), yet names themselves contain commas
// ("Банк Зенит, ПАО", "Министерство образования, науки и молодежи ..."), so
// SplitCaAliases() merges pieces back where a comma cannot have separated two
// names; see there.
#include "sources/ca_xml.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "embargo/country.h"
#include "model/ascii.h"
#include "model/date.h"
#include "sources/io.h"
#include "sources/loaders.h"
#include "sources/xml_reader.h"

namespace embargo::internal {
namespace {

constexpr char kCaListName[] = "ca_sema";

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string JoinWords(const std::vector<std::string>& w) {
  std::string out;
  for (const std::string& x : w) {
    if (!out.empty()) out += ' ';
    out += x;
  }
  return out;
}

// Trims spaces and the separators a split can leave at either end.
std::string TrimName(std::string_view s) {
  auto junk = [](char c) {
    return c == ' ' || c == ',' || c == ';' || c == ':';
  };
  while (!s.empty() && junk(s.front())) s.remove_prefix(1);
  while (!s.empty() && junk(s.back())) s.remove_suffix(1);
  std::string out = CleanText(s);
  // "LEVY, Yinon AKA": a stray marker, not part of the name.
  for (std::string_view tail : {" AKA", " aka"})
    if (out.size() > tail.size() &&
        out.compare(out.size() - tail.size(), tail.size(), tail) == 0)
      out.erase(out.size() - tail.size());
  return out;
}

// The code point starting at s[i], or 0 for an invalid sequence.
std::uint32_t CodePointAt(std::string_view s, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(s[i]);
  *len = 1;
  if (c < 0x80) return c;
  if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
    *len = 2;
    return ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
  }
  if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
    *len = 3;
    return ((c & 0x0Fu) << 12) |
           ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
  }
  return 0;
}

// A lower-case first letter (Latin, Latin-1 or Cyrillic) marks a piece that
// continues the previous one: "..., соотечественников, проживающих ...".
// "l'Armée", "d'..." are French names, not continuations.
bool StartsLowerCase(std::string_view s) {
  if (s.empty()) return false;
  if (s.size() > 1 && (s[1] == '\'' || s.substr(1, 3) == "\xE2\x80\x99"))
    return false;
  size_t len = 0;
  std::uint32_t cp = CodePointAt(s, 0, &len);
  return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
         (cp >= 0x430 && cp <= 0x45F);
}

// Legal forms written after the name, Russian style: "Рембаза, АО".
bool IsLegalForm(std::string_view piece) {
  static constexpr std::array<std::string_view, 26> kForms = {
      "ООО",  "АО",
      "ОАО",  "ЗАО",
      "ПАО",  "НАО",
      "САО",  "АНО",
      "ФГУП", "ГУП",
      "МУП",  "МК",
      "JSC",  "OJSC",
      "PJSC", "CJSC",
      "LLC",  "OOO",
      "AO",   "PAO",
      "FSUE", "LTD",
      "LTD.", "INC",
      "INC.", "Некоммерческое Партнерство"};
  std::string p = TrimName(piece);
  for (std::string_view f : kForms) {
    if (p == f) return true;
    // "САО or Страховое Акционерное Общество ...": the form ends a name and
    // an alternative follows.
    for (std::string_view next : {" or ", " and "})
      if (p.size() > f.size() + next.size() && p.compare(0, f.size(), f) == 0 &&
          p.compare(f.size(), next.size(), next) == 0)
        return true;
  }
  return false;
}

bool IsLanguage(std::string_view word) {
  static constexpr std::array<std::string_view, 18> kLanguages = {
      "arabic", "belarusian", "belarussian", "russian", "ukrainian", "persian",
      "farsi",  "chinese",    "korean",      "hebrew",  "armenian",  "georgian",
      "kazakh", "kyrgyz",     "uzbek",       "burmese", "french",    "english"};
  std::string w = AsciiLower(word);
  return std::find(kLanguages.begin(), kLanguages.end(), w) != kLanguages.end();
}

struct Piece {
  std::string text;
  std::string language;
};

// Splits at top-level commas: not inside (), [], «», “” or "".
// Unbalanced quotes or brackets (the list has some) would swallow the rest,
// so a second pass splits at every comma when the first never saw them close.
std::vector<std::string> SplitCommas(std::string_view s) {
  for (bool nest : {true, false}) {
    std::vector<std::string> out;
    int depth = 0;
    bool quoted = false;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      size_t len = 1;
      std::uint32_t cp = CodePointAt(s, i, &len);
      if (nest && (cp == '(' || cp == '[' || cp == 0xAB || cp == 0x201C))
        ++depth;
      if (nest && (cp == ')' || cp == ']' || cp == 0xBB || cp == 0x201D))
        --depth;
      if (nest && cp == '"') quoted = !quoted;
      if (cp == ',' && depth == 0 && !quoted) {
        out.emplace_back(s.substr(start, i - start));
        start = i + 1;
      }
      i += len - 1;
    }
    out.emplace_back(s.substr(start));
    if (!nest || (!quoted && depth == 0)) return out;
  }
  return {};
}

// Cuts "Foo, Russian: Бар" at language labels; the label applies to what
// follows it up to the next label.
std::vector<Piece> SplitLabels(const std::string& segment) {
  std::vector<Piece> out;
  std::string language;
  size_t start = 0;
  size_t colon = 0;
  while ((colon = segment.find(':', colon)) != std::string::npos) {
    size_t end = colon;
    while (end > start && segment[end - 1] == ' ') --end;
    size_t begin = end;
    while (begin > start &&
           std::isalpha(static_cast<unsigned char>(segment[begin - 1])))
      --begin;
    if (begin < end && IsLanguage(segment.substr(begin, end - begin))) {
      out.push_back({segment.substr(start, begin - start), language});
      language = segment.substr(begin, end - begin);
      language[0] = static_cast<char>(
          std::toupper(static_cast<unsigned char>(language[0])));
      if (language == "Belarussian") language = "Belarusian";
      start = colon + 1;
    }
    ++colon;
  }
  out.push_back({segment.substr(start), language});
  return out;
}

// Splits `s` at every occurrence of any of `seps` (case-insensitive).
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

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// How far apart two spellings are, 0 (same) to 1, ignoring case.
double Distance(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 1.0;
  std::string x = AsciiLower(a), y = AsciiLower(b);
  return static_cast<double>(EditDistance(x, y)) /
         static_cast<double>(std::max(x.size(), y.size()));
}

// "Alexei" for "Alexey ... DYUMIN" and "PASHENKO" for "... PASHCHENKO" are
// spellings of one part; under this distance they are, "Batya" is not.
constexpr double kVariantDistance = 0.45;

// Expands "Aleksander/ Aleksandr or Alexander /Alexandr Vladimirovich
// Karnienko": lone words before the longest alternative replace its first
// word, lone words after it replace its last word.
std::vector<std::string> ExpandAlternatives(std::vector<std::string> alts) {
  size_t longest = 0;
  std::vector<std::vector<std::string>> words;
  for (size_t i = 0; i < alts.size(); ++i) {
    words.push_back(Words(alts[i]));
    if (words[i].size() > words[longest].size()) longest = i;
  }
  if (words[longest].size() < 2) return alts;
  for (size_t i = 0; i < alts.size(); ++i) {
    if (words[i].size() != 1) continue;
    std::vector<std::string> w = words[longest];
    (i < longest ? w.front() : w.back()) = words[i][0];
    alts[i] = JoinWords(w);
  }
  return alts;
}

}  // namespace

std::vector<CaAlias> SplitCaAliases(std::string_view text, bool person,
                                    std::string_view given,
                                    std::string_view family) {
  std::string clean = CleanText(text);
  std::vector<Piece> pieces;
  // ';' always separates names, so a stray quote cannot reach past it.
  for (const std::string& seg : SplitAny(clean, {";"})) {
    for (Piece& labelled : SplitLabels(seg)) {
      std::vector<std::string> commas = SplitCommas(labelled.text);
      std::vector<Piece> merged;
      for (size_t i = 0; i < commas.size(); ++i) {
        std::string p = TrimName(commas[i]);
        if (p.empty()) continue;
        if (!merged.empty() && (StartsLowerCase(p) || IsLegalForm(p))) {
          merged.back().text += ", " + p;
        } else if (IsLegalForm(p) && i + 1 < commas.size()) {
          // "ОАО, БЭТО": the form leads.
          commas[i + 1] = p + ", " + TrimName(commas[i + 1]);
        } else {
          merged.push_back({p, labelled.language});
        }
      }
      pieces.insert(pieces.end(), merged.begin(), merged.end());
    }
  }

  std::vector<std::string_view> alt_seps = {" or ", "/"};
  if (person) alt_seps.push_back(" and ");
  std::vector<std::string> given_words = Words(given);
  std::vector<std::string> family_words = Words(family);
  std::vector<CaAlias> out;
  for (const Piece& piece : pieces) {
    std::vector<std::string> alts;
    for (const std::string& a : SplitAny(piece.text, alt_seps))
      if (std::string t = TrimName(a); !t.empty()) alts.push_back(t);
    if (alts.empty()) continue;
    if (person) alts = ExpandAlternatives(std::move(alts));
    for (std::string& a : alts) {
      if (person && Words(a).size() == 1 && !given_words.empty() &&
          !family_words.empty()) {
        double dg = Distance(a, given_words.front());
        double df = Distance(a, family_words.back());
        if (std::min(dg, df) <= kVariantDistance) {
          std::vector<std::string> g = given_words, f = family_words;
          (dg <= df ? g.front() : f.back()) = a;
          a = JoinWords(g) + " " + JoinWords(f);
        }
      }
      bool dup = false;
      for (const CaAlias& have : out) dup = dup || have.name == a;
      if (!dup) out.push_back({a, piece.language});
    }
  }
  return out;
}

namespace {

// "Russia / Russie" -> "Russia"; the regimes that are no country keep their
// English title.
std::string EnglishPart(const std::string& bilingual) {
  size_t slash = bilingual.find(" / ");
  return CleanText(slash == std::string::npos ? bilingual
                                              : bilingual.substr(0, slash));
}

// "(JVCFOR)" in the title, or "" when there is none.
std::string Acronym(const std::string& title) {
  size_t open = title.rfind('(');
  size_t close = title.rfind(')');
  if (open == std::string::npos || close == std::string::npos ||
      close < open + 3)
    return "";
  std::string inner = title.substr(open + 1, close - open - 1);
  for (char c : inner)
    if (!std::isupper(static_cast<unsigned char>(c))) return "";
  return inner;
}

std::string IdPart(std::string_view text) {
  std::string out;
  bool gap = false;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.') {
      if (gap && !out.empty()) out += '_';
      gap = false;
      out += c;
    } else {
      gap = true;
    }
  }
  return out;
}

// The position of the one '/' outside parentheses, or npos when there is
// none or more than one.
size_t TopLevelSlash(std::string_view s) {
  int depth = 0;
  size_t found = std::string_view::npos;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && depth > 0) --depth;
    if (s[i] == '/' && depth == 0) {
      if (found != std::string_view::npos) return std::string_view::npos;
      found = i;
    }
  }
  return found;
}

bool LooksIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

class CaLoader {
 public:
  explicit CaLoader(std::string path) : path_(std::move(path)) {}

  Result<EntityList> Load() {
    auto reader = XmlRecordReader::OpenFile(path_);
    if (!reader.ok()) return reader.status();
    list_.info.name = kCaListName;
    list_.info.format = "ca_xml";
    list_.info.files.push_back(path_);
    XmlRecord rec;
    bool root_checked = false;
    while ((*reader)->Next({"record"}, &rec)) {
      if (!root_checked) {
        if ((*reader)->root_name() != "data-set")
          return Status::DataError(
              fmt::format("{}: root element is <{}>, not the SEMA <data-set>",
                          path_, (*reader)->root_name()));
        root_checked = true;
      }
      EMBARGO_RETURN_IF_ERROR(AddRecord(rec));
    }
    if (!(*reader)->status().ok()) return (*reader)->status();
    if (unparsed_dates_ > 0)
      list_.info.warnings.push_back(fmt::format(
          "{} birth or build dates are not dates ('{}', ...) and were kept as "
          "remarks",
          unparsed_dates_, first_unparsed_));
    return std::move(list_);
  }

 private:
  Status Fail(const Entity& e, std::string_view field, std::string_view msg) {
    return Status::DataError(fmt::format("{}:{}: record {}: field {}: {}",
                                         path_, e.provenance.line,
                                         e.provenance.record_id, field, msg));
  }

  Status AddRecord(const XmlRecord& rec) {
    std::string country, last, given, entity, title, imo, dob, schedule, item,
        listed, aliases;
    for (pugi::xml_node c : rec.node.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = c.name();
      std::string value = CleanText(c.text().get());
      if (name == "Country")
        country = value;
      else if (name == "LastName")
        last = value;
      else if (name == "GivenName")
        given = value;
      else if (name == "EntityOrShip")
        entity = value;
      else if (name == "TitleOrShip")
        title = value;
      else if (name == "ShipIMONumber")
        imo = value;
      else if (name == "DateOfBirthOrShipBuildDate")
        dob = value;
      else if (name == "Schedule")
        schedule = value;
      else if (name == "Item")
        item = value;
      else if (name == "DateOfListing")
        listed = value;
      // The raw text: SplitCaAliases() needs it before spaces are collapsed.
      else if (name == "Aliases")
        aliases = c.text().get();
      else
        ++list_.info.unknown_fields[std::string(name)];
    }

    Entity e;
    e.provenance.list = kCaListName;
    e.provenance.file = path_;
    e.provenance.line = rec.line;
    std::string regime = EnglishPart(country);
    e.provenance.record_id =
        schedule.empty()
            ? fmt::format("{}, Item {}", regime, item)
            : fmt::format("{}, Schedule {}, Item {}", regime, schedule, item);
    if (country.empty()) return Fail(e, "Country", "missing");
    if (item.empty()) return Fail(e, "Item", "missing");
    std::string regime_id = Acronym(regime);
    if (regime_id.empty()) regime_id = IdPart(regime);
    e.id = "ca-" + regime_id;
    if (!schedule.empty()) e.id += "-" + IdPart(schedule);
    e.id += "-" + IdPart(item);

    std::string program = Acronym(regime).empty() ? regime : Acronym(regime);
    e.programs.push_back(Program{program, country});
    if (Acronym(regime).empty()) {
      std::string code = CountryCode(regime);
      if (code.empty()) {
        // "Myanmar (Burma)": the parenthesis is an old name.
        size_t paren = regime.find(" (");
        if (paren != std::string::npos)
          code = CountryCode(regime.substr(0, paren));
      }
      if (!code.empty()) {
        e.countries.push_back(code);
      } else if (warned_.insert(regime).second) {
        list_.info.warnings.push_back(
            fmt::format("unmapped country '{}'", regime));
      }
    }

    bool person = !last.empty() || !given.empty();
    if (person && !entity.empty())
      return Fail(e, "EntityOrShip",
                  "a record cannot name both a person and an entity or ship");
    if (person) {
      e.kind = EntityKind::kPerson;
      Name n;
      n.full = CleanText(given + " " + last);
      n.parts.given = given;
      n.parts.family = last;
      n.original_script = HasNonLatinLetters(n.full);
      e.names.push_back(std::move(n));
      // "Major General/major-général": English and French.
      for (const std::string& t : SplitAny(title, {"/"}))
        if (std::string x = CleanText(t); !x.empty()) AddUnique(&e.titles, x);
    } else if (!entity.empty()) {
      e.kind = imo.empty() ? EntityKind::kOrganization : EntityKind::kVessel;
      Name n;
      n.full = entity;
      // "Iranian Army/Armée iranienne": the English and French names.
      std::string french;
      if (e.kind == EntityKind::kOrganization) {
        size_t slash = TopLevelSlash(entity);
        if (slash != std::string::npos) {
          n.full = CleanText(entity.substr(0, slash));
          french = CleanText(entity.substr(slash + 1));
        }
      }
      n.original_script = HasNonLatinLetters(n.full);
      e.names.push_back(std::move(n));
      if (!french.empty()) {
        Name f;
        f.full = french;
        f.type = NameType::kAka;
        f.language = "French";
        e.names.push_back(std::move(f));
      }
      if (e.kind == EntityKind::kVessel) {
        e.vessel.type = title;
      } else if (!title.empty()) {
        e.remarks.push_back(title);
      }
    } else {
      return Fail(e, "LastName", "the record names no person, entity or ship");
    }

    if (!imo.empty()) {
      Identifier id;
      id.kind = IdKind::kImo;
      id.value = imo;
      id.label = "IMO number";
      e.identifiers.push_back(std::move(id));
    }

    if (!dob.empty()) EMBARGO_RETURN_IF_ERROR(AddDates(dob, &e));

    if (!listed.empty()) {
      auto d = ParsePartialDate(listed);
      if (!d)
        return Fail(e, "DateOfListing",
                    fmt::format("impossible date '{}'", listed));
      e.listed_on = *d;
    }

    if (!CleanText(aliases).empty()) {
      for (CaAlias& a : SplitCaAliases(aliases, person, given, last)) {
        bool dup = false;
        for (const Name& have : e.names) dup = dup || have.full == a.name;
        if (dup) continue;
        Name n;
        n.full = std::move(a.name);
        n.type = NameType::kAka;
        n.language = std::move(a.language);
        n.original_script = HasNonLatinLetters(n.full);
        e.names.push_back(std::move(n));
      }
    }
    list_.entities.push_back(std::move(e));
    return Status::Ok();
  }

  // "1965-04-29", "1972", "1963-1964", "1963 or 1964", "1965-07-15 OR ...".
  Status AddDates(const std::string& text, Entity* e) {
    if (e->kind == EntityKind::kVessel) {
      e->vessel.build_date = text;
      return Status::Ok();
    }
    for (const std::string& part : SplitAny(text, {" or "})) {
      std::string p = CleanText(part);
      if (p.empty()) continue;
      auto spec = ParseDateSpec(p);
      if (spec) {
        e->birth_dates.push_back(std::move(*spec));
        continue;
      }
      if (LooksIsoDate(p))
        return Fail(*e, "DateOfBirthOrShipBuildDate",
                    fmt::format("impossible date '{}'", p));
      // "born in the early 1970s": kept for the analyst, not guessed at.
      e->remarks.push_back("Date of birth: " + text);
      if (unparsed_dates_++ == 0) first_unparsed_ = text;
      break;
    }
    return Status::Ok();
  }

  std::string path_;
  EntityList list_;
  std::set<std::string> warned_;
  int unparsed_dates_ = 0;
  std::string first_unparsed_;
};

}  // namespace

Result<EntityList> LoadCaXml(const std::string& path) {
  return CaLoader(path).Load();
}

}  // namespace embargo::internal
