#include "embargo/country.h"

#include <array>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

namespace embargo::internal {
extern const std::string_view kCountriesTsv;
}  // namespace embargo::internal

namespace embargo {
namespace {

// ASCII folds of U+00C0..U+017F (Latin-1 Supplement letters and Latin
// Extended-A), so "Côte d'Ivoire", "Türkiye" and "Bélarus" meet their plain
// spellings without pulling ICU into the model library. nullptr marks the two
// symbols in the block (U+00D7 ×, U+00F7 ÷), which separate words.
constexpr std::array<const char*, 0x180 - 0xC0> kLatinFold = {
    // U+00C0..U+00DF: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û
    // Ü Ý Þ ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",
    "i", "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u",
    "y", "th", "ss",
    // U+00E0..U+00FF: the lower-case letters of the row above, plus ÷ and ÿ.
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",
    "i", "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u",
    "y", "th", "y",
    // U+0100..U+017F: Latin Extended-A, upper/lower pairs in code point order.
    "a", "a", "a", "a", "a", "a",                                // Ā..ą
    "c", "c", "c", "c", "c", "c", "c", "c",                      // Ć..č
    "d", "d", "d", "d",                                          // Ď..đ
    "e", "e", "e", "e", "e", "e", "e", "e", "e", "e",            // Ē..ě
    "g", "g", "g", "g", "g", "g", "g", "g",                      // Ĝ..ģ
    "h", "h", "h", "h",                                          // Ĥ..ħ
    "i", "i", "i", "i", "i", "i", "i", "i", "i", "i",            // Ĩ..ı
    "ij", "ij",                                                  // Ĳ ĳ
    "j", "j",                                                    // Ĵ ĵ
    "k", "k", "k",                                               // Ķ ķ ĸ
    "l", "l", "l", "l", "l", "l", "l", "l", "l", "l",            // Ĺ..ł
    "n", "n", "n", "n", "n", "n", "n", "n", "n",                 // Ń..ŋ
    "o", "o", "o", "o", "o", "o",                                // Ō..ő
    "oe", "oe",                                                  // Œ œ
    "r", "r", "r", "r", "r", "r",                                // Ŕ..ř
    "s", "s", "s", "s", "s", "s", "s", "s",                      // Ś..š
    "t", "t", "t", "t", "t", "t",                                // Ţ..ŧ
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",  // Ũ..ų
    "w", "w",                                                    // Ŵ ŵ
    "y", "y", "y",                                               // Ŷ ŷ Ÿ
    "z", "z", "z", "z", "z", "z",                                // Ź..ž
    "s",                                                         // ſ
};

// Length of the UTF-8 sequence that starts with `lead` (1 for stray bytes, so
// malformed input still advances).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF7) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

// How Key() treats one non-ASCII code point.
enum class Kind { kKeep, kDrop, kSeparator, kFold };

struct Folded {
  Kind kind;
  const char* text = nullptr;  // for kFold: replacement text
};

Folded FoldCodePoint(char32_t cp) {
  // Apostrophes and modifier letters vanish like the ASCII ones: "People’s".
  if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BB || cp == 0x02BC ||
      cp == 0x00B4) {
    return {Kind::kDrop};
  }
  // Soft hyphen, zero-width and bidirectional marks, BOM, combining accents:
  // invisible, so they must not split or change a word.
  if (cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0x202A && cp <= 0x202E) || cp == 0x2060 || cp == 0xFEFF ||
      (cp >= 0x0300 && cp <= 0x036F)) {
    return {Kind::kDrop};
  }
  if (cp >= 0xC0 && cp < 0x180) {
    const char* f = kLatinFold[cp - 0xC0];
    return f == nullptr ? Folded{Kind::kSeparator} : Folded{Kind::kFold, f};
  }
  // Latin-1 punctuation and symbols (NBSP, «», °...) and General Punctuation
  // (typographic spaces, dashes, quotes).
  if ((cp >= 0x80 && cp < 0xC0) || (cp >= 0x2000 && cp <= 0x206F)) {
    return {Kind::kSeparator};
  }
  // Arabic: harakat, superscript alef and tatweel are optional marks; the
  // hamza-carrying alefs, alef maqsura and teh marbuta are written
  // interchangeably with their plain forms ("الإمارات" / "الامارات",
  // "السعودية" / "السعوديه").
  if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) {
    return {Kind::kDrop};
  }
  if (cp == 0x0622 || cp == 0x0623 || cp == 0x0625 || cp == 0x0671) {
    return {Kind::kFold, "\xD8\xA7"};  // ا
  }
  if (cp == 0x0649) return {Kind::kFold, "\xD9\x8A"};  // ى -> ي
  if (cp == 0x0629) return {Kind::kFold, "\xD9\x87"};  // ة -> ه
  // Arabic comma, semicolon, question mark, percent and separators, full stop.
  if (cp == 0x060C || cp == 0x061B || cp == 0x061F ||
      (cp >= 0x066A && cp <= 0x066D) || cp == 0x06D4) {
    return {Kind::kSeparator};
  }
  return {Kind::kKeep};
}

char32_t DecodeUtf8(std::string_view s) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  switch (s.size()) {
    case 2:
      return ((char32_t{b(0)} & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((char32_t{b(0)} & 0x0F) << 12) | ((char32_t{b(1)} & 0x3F) << 6) |
             (b(2) & 0x3F);
    case 4:
      return ((char32_t{b(0)} & 0x07) << 18) | ((char32_t{b(1)} & 0x3F) << 12) |
             ((char32_t{b(2)} & 0x3F) << 6) | (b(3) & 0x3F);
    default:
      return b(0);
  }
}

// The lookup key: lower-cased ASCII, Latin diacritics folded, Arabic marks
// stripped, apostrophes dropped, "&" read as "and", any other punctuation a
// word break, single spaces, and a leading or trailing "the" removed. So
// "Korea, North" and "KOREA NORTH", "Gambia, The" and "The Gambia", "Côte
// d'Ivoire" and "Cote dIvoire" meet. Other scripts are kept byte for byte.
// src/model/data/README.md documents these rules for table editors.
std::string Key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  auto emit = [&](std::string_view piece) {
    if (space && !out.empty()) out += ' ';
    space = false;
    out += piece;
  };
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      if (std::isalnum(c)) {
        char lower = static_cast<char>(std::tolower(c));
        emit(std::string_view(&lower, 1));
      } else if (c == '&') {
        space = true;
        emit("and");
        space = true;
      } else if (c != '\'' && c != '`') {
        space = true;
      }
      continue;
    }
    size_t len = SequenceLength(c);
    if (i + len > text.size()) len = text.size() - i;
    std::string_view seq = text.substr(i, len);
    i += len;
    Folded f = FoldCodePoint(DecodeUtf8(seq));
    switch (f.kind) {
      case Kind::kDrop:
        break;
      case Kind::kSeparator:
        space = true;
        break;
      case Kind::kFold:
        emit(f.text);
        break;
      case Kind::kKeep:
        emit(seq);
        break;
    }
  }
  if (out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  if (out.size() > 4 && out.compare(out.size() - 4, 4, " the") == 0) {
    out.resize(out.size() - 4);
  }
  return out;
}

struct Table {
  std::unordered_map<std::string, std::string> by_key;  // key -> code
  std::unordered_map<std::string, std::string> names;   // code -> name
};

const Table& GetTable() {
  static const Table table = [] {
    Table t;
    std::string_view data = internal::kCountriesTsv;
    size_t pos = 0;
    while (pos < data.size()) {
      size_t end = data.find('\n', pos);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = data.substr(pos, end - pos);
      pos = end + 1;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      std::vector<std::string_view> cols;
      size_t c = 0;
      while (true) {
        size_t tab = line.find('\t', c);
        cols.push_back(line.substr(c, tab == std::string_view::npos
                                          ? std::string_view::npos
                                          : tab - c));
        if (tab == std::string_view::npos) break;
        c = tab + 1;
      }
      if (cols.size() < 2) continue;
      std::string code(cols[0]);
      t.names.emplace(code, std::string(cols[1]));
      // First writer wins; country_test checks that no two rows claim a key.
      t.by_key.emplace(Key(code), code);
      t.by_key.emplace(Key(cols[1]), code);
      if (cols.size() >= 3) {
        std::string_view aliases = cols[2];
        size_t a = 0;
        while (a <= aliases.size()) {
          size_t bar = aliases.find('|', a);
          if (bar == std::string_view::npos) bar = aliases.size();
          std::string_view alias = aliases.substr(a, bar - a);
          if (std::string k = Key(alias); !k.empty()) t.by_key.emplace(k, code);
          a = bar + 1;
        }
      }
    }
    return t;
  }();
  return table;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

bool AllDigits(std::string_view s) {
  return !s.empty() &&
         s.find_first_not_of("0123456789") == std::string_view::npos;
}

// The key as given, then without the framing words lists put around a
// country: OFAC's "Region: Gaza", UN birth places' "now Republic of Moldova",
// UK nationalities' "Kuwaiti citizenship" and "Belgian nationalities", and a
// postal code glued to the country in address lines ("Crimea 295000", "115432
// Russia").
std::string LookupKey(const Table& t, std::string_view key) {
  if (auto it = t.by_key.find(std::string(key)); it != t.by_key.end()) {
    return it->second;
  }
  for (std::string_view prefix : {"region ", "now "}) {
    if (key.size() > prefix.size() && StartsWith(key, prefix)) {
      return LookupKey(t, key.substr(prefix.size()));
    }
  }
  for (std::string_view suffix : {" citizenship", " citizen", " nationalities",
                                  " nationality", " national"}) {
    if (key.size() > suffix.size() && EndsWith(key, suffix)) {
      return LookupKey(t, key.substr(0, key.size() - suffix.size()));
    }
  }
  // Only a name may carry a postal code: "No. 2" is not Norway.
  if (size_t sp = key.find(' '); sp != std::string_view::npos &&
                                 AllDigits(key.substr(0, sp)) &&
                                 key.size() - sp - 1 > 3) {
    return LookupKey(t, key.substr(sp + 1));
  }
  if (size_t sp = key.rfind(' ');
      sp != std::string_view::npos && sp > 3 && AllDigits(key.substr(sp + 1))) {
    return LookupKey(t, key.substr(0, sp));
  }
  return "";
}

std::string_view TrimRight(std::string_view s, std::string_view chars) {
  size_t end = s.find_last_not_of(chars);
  return end == std::string_view::npos ? std::string_view()
                                       : s.substr(0, end + 1);
}

}  // namespace

std::string CountryCode(std::string_view text) {
  // The UN list writes "na" (not available) where it has no nationality;
  // Namibia is "NA" or a name.
  if (std::string_view t = TrimRight(text, " \t\r\n."); t == "na") return "";
  const Table& table = GetTable();
  std::string key = Key(text);
  if (key.empty()) return "";
  if (std::string code = LookupKey(table, key); !code.empty()) return code;
  // A trailing qualifier: "Afghanistan (since 2009)", "Iraq (previous)",
  // "Vitebsk (Belarusian SSR)". The text before it wins; else the qualifier.
  std::string_view trimmed = TrimRight(text, " \t\r\n.;,");
  if (!trimmed.empty() && trimmed.back() == ')') {
    size_t open = trimmed.rfind('(');
    if (open != std::string_view::npos) {
      if (open > 0) {
        std::string code = CountryCode(trimmed.substr(0, open));
        if (!code.empty()) return code;
      }
      std::string code =
          CountryCode(trimmed.substr(open + 1, trimmed.size() - open - 2));
      if (!code.empty()) return code;
    }
  }
  // Bilingual values such as Canada's "Belarus / Bélarus": the halves must
  // agree (or one be empty). "Sudan/South Sudan" names two countries, which
  // is for the caller to split, not for this function to pick from.
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    std::string_view left_text = text.substr(0, slash);
    std::string_view right_text = text.substr(slash + 1);
    std::string left = CountryCode(left_text);
    std::string right = CountryCode(right_text);
    if (left.empty() && Key(left_text).empty()) return right;
    if (right.empty() && Key(right_text).empty()) return left;
    return left == right ? left : "";
  }
  return "";
}

std::string_view CountryName(std::string_view code) {
  const Table& t = GetTable();
  auto it = t.names.find(std::string(code));
  return it == t.names.end() ? std::string_view()
                             : std::string_view(it->second);
}

bool IsCountryCode(std::string_view code) {
  return code.size() == 2 && !CountryName(code).empty();
}

}  // namespace embargo
