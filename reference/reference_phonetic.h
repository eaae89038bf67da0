// The oracle for src/normalize/phonetic.cc: the phonetic spelling written as
// a plain table of rewrite rules tried in order, longest first. The library
// uses a switch on the first letter instead; tests check the two agree.
// Thread-safety: pure functions.
#ifndef EMBARGO_REFERENCE_REFERENCE_PHONETIC_H_
#define EMBARGO_REFERENCE_REFERENCE_PHONETIC_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embargo::reference {

// Lowercase ASCII letters in, phonetic spelling out; other chars dropped,
// doubled letters collapsed, a final -ff read as -v.
inline std::string Spell(std::string_view t) {
  static const std::vector<std::pair<std::string_view, std::string_view>>
      kRules = {{"dzh", "j"}, {"tch", "ch"}, {"dj", "j"}, {"zh", "j"},
                {"kh", "h"},  {"gh", "g"},   {"ph", "f"}, {"th", "t"},
                {"ck", "k"},  {"ou", "u"},   {"oo", "u"}, {"ee", "i"},
                {"q", "k"},   {"c", "k"},    {"x", "ks"}, {"w", "v"},
                {"y", "i"}};
  std::string s;
  for (size_t i = 0; i < t.size();) {
    if (t[i] < 'a' || t[i] > 'z') {
      ++i;
      continue;
    }
    bool done = false;
    for (const auto& [from, to] : kRules) {
      if (t.substr(i, from.size()) != from) continue;
      if (from == "c" && t.substr(i, 2) == "ch") break;  // "ch" stays
      s += to;
      i += from.size();
      done = true;
      break;
    }
    if (!done) s += t[i++];
  }
  if (s.size() >= 2 && s.substr(s.size() - 2) == "ff")
    s.replace(s.size() - 2, 2, "v");
  std::string out;
  for (char c : s)
    if (out.empty() || out.back() != c) out += c;
  return out;
}

}  // namespace embargo::reference

#endif  // EMBARGO_REFERENCE_REFERENCE_PHONETIC_H_
