#include "embargo/country.h"

#include <cctype>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace embargo::internal {
extern const std::string_view kCountriesTsv;
}  // namespace embargo::internal

namespace embargo {
namespace {

// Lower-cases ASCII, turns punctuation into spaces, drops a leading "the" and
// collapses spaces, so "Korea, North" and "KOREA NORTH" meet. UTF-8 bytes are
// kept as they are (the table lists accented spellings explicitly).
std::string Key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    // Typographic apostrophes (U+2018, U+2019) vanish like ASCII ones.
    if (c == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
        (text[i + 2] == '\x98' || text[i + 2] == '\x99')) {
      i += 2;
      continue;
    }
    if (c >= 0x80 || std::isalnum(c)) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(c >= 0x80 ? c : std::tolower(c));
    } else if (c == '\'' || c == 0x60) {
      // "People's" == "Peoples"
    } else {
      space = true;
    }
  }
  if (out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  return out;
}

struct Table {
  std::unordered_map<std::string, std::string> by_key;   // key -> code
  std::unordered_map<std::string, std::string> names;    // code -> name
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
      t.by_key.emplace(Key(code), code);
      t.by_key.emplace(Key(cols[1]), code);
      if (cols.size() >= 3) {
        std::string_view aliases = cols[2];
        size_t a = 0;
        while (a <= aliases.size()) {
          size_t bar = aliases.find('|', a);
          if (bar == std::string_view::npos) bar = aliases.size();
          std::string_view alias = aliases.substr(a, bar - a);
          if (!alias.empty()) t.by_key.emplace(Key(alias), code);
          a = bar + 1;
        }
      }
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string CountryCode(std::string_view text) {
  const Table& t = GetTable();
  std::string key = Key(text);
  if (key.empty()) return "";
  if (auto it = t.by_key.find(key); it != t.by_key.end()) return it->second;
  // Bilingual values such as Canada's "Belarus / Bélarus": try each half.
  if (size_t slash = text.find('/'); slash != std::string_view::npos) {
    std::string left = CountryCode(text.substr(0, slash));
    if (!left.empty()) return left;
    return CountryCode(text.substr(slash + 1));
  }
  return "";
}

std::string_view CountryName(std::string_view code) {
  const Table& t = GetTable();
  auto it = t.names.find(std::string(code));
  return it == t.names.end() ? std::string_view() : std::string_view(it->second);
}

bool IsCountryCode(std::string_view code) {
  return code.size() == 2 && !CountryName(code).empty();
}

}  // namespace embargo
