#include "normalize/phonetic.h"

#include <array>
#include <cstdint>
#include <utility>

#include "normalize/recent_memo.h"
#include "normalize/spelling_writer.h"
#include "normalize/transliterate.h"

namespace embargo::internal {
namespace {

bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// Digraphs and letters that spell one sound many ways, longest first:
// dzh/dj/zh -> j, tch -> ch, kh -> h, gh -> g, ph -> f, th -> t, ck/c/q -> k
// ("ch" stays: c->k would merge Chang with Kang), ou/oo -> u, ee -> i,
// x -> ks, w -> v, y -> i. A switch on the first letter: this runs for
// every token of every query.
std::string Spell(std::string_view t) {
  // Each thread's scratch, as in RuleForm (romanize.cc).
  thread_local std::string s;
  // No rule writes more than two chars for one ("x": "ks").
  SpellingWriter w(&s, 2 * t.size());
  const size_t n = t.size();
  auto at = [&](size_t i) { return i < n ? t[i] : '\0'; };
  for (size_t i = 0; i < n;) {
    const char c = t[i];
    if (c < 'a' || c > 'z') {
      ++i;
      continue;
    }
    const char d = at(i + 1);
    switch (c) {
      case 'd':
        if (d == 'z' && at(i + 2) == 'h') {
          w += 'j';
          i += 3;
          continue;
        }
        if (d == 'j') {
          w += 'j';
          i += 2;
          continue;
        }
        break;
      case 't':
        if (d == 'c' && at(i + 2) == 'h') {
          w += "ch";
          i += 3;
          continue;
        }
        if (d == 'h') {
          w += 't';
          i += 2;
          continue;
        }
        break;
      case 'z':
        if (d == 'h') {
          w += 'j';
          i += 2;
          continue;
        }
        break;
      case 'k':
        if (d == 'h') {
          w += 'h';
          i += 2;
          continue;
        }
        break;
      case 'g':
        if (d == 'h') {
          w += 'g';
          i += 2;
          continue;
        }
        break;
      case 'p':
        if (d == 'h') {
          w += 'f';
          i += 2;
          continue;
        }
        break;
      case 'c':
        if (d == 'k') {
          w += 'k';
          i += 2;
          continue;
        }
        if (d != 'h') {
          w += 'k';
          i += 1;
          continue;
        }
        break;
      case 'o':
        if (d == 'u' || d == 'o') {
          w += 'u';
          i += 2;
          continue;
        }
        break;
      case 'e':
        if (d == 'e') {
          w += 'i';
          i += 2;
          continue;
        }
        break;
      case 'q':
        w += 'k';
        ++i;
        continue;
      case 'x':
        w += "ks";
        ++i;
        continue;
      case 'w':
        w += 'v';
        ++i;
        continue;
      case 'y':
        w += 'i';
        ++i;
        continue;
      default:
        break;
    }
    w += c;
    ++i;
  }
  w.Finish();
  // Aliyeff / Aliyev: a final -ff is Russian -v spelled the French way.
  if (EndsWith(s, "ff")) s.replace(s.size() - 2, 2, "v");
  CollapseDoubles(&s);
  return s;
}

std::string SkeletonOfSpelled(std::string_view spelled) {
  std::string out;
  for (char c : spelled) {
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v')
      continue;
    if (out.empty() || out.back() != c) out += c;
  }
  return out.size() >= 2 ? out : "";
}

}  // namespace

std::string PhoneticKey(std::string_view token) {
  if (token.size() < 2) return "";
  std::string k = Spell(token);
  return k.size() >= 2 ? k : "";
}

std::string ConsonantSkeleton(std::string_view token) {
  return SkeletonOfSpelled(Spell(token));
}

const PhoneticKeys& PhoneticKeysOf(std::string_view token) {
  // Asked for every query token, and customers' words repeat row after
  // row: 2% of screening a row before they were remembered. About 1.5 MiB
  // per thread.
  thread_local RecentMemo<PhoneticKeys, 16384> memo;
  return memo.Get(token, [&] {
    std::string spelled = Spell(token);
    PhoneticKeys keys;
    keys.skeleton = SkeletonOfSpelled(spelled);
    if (token.size() >= 2 && spelled.size() >= 2)
      keys.phonetic = std::move(spelled);
    return keys;
  });
}

bool IsVowelPoor(std::string_view t) {
  if (t.size() < 3) return false;
  size_t vowels = 0;
  for (char c : t)
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') ++vowels;
  return vowels * 4 <= t.size();
}

bool HasCjkLetters(std::string_view s) {
  if (IsAscii(s)) return false;
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    auto d = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xE1 && d >= 0x84 && d <= 0x87) return true;  // Hangul jamo
    if (c == 0xE3 && d >= 0x81) return true;  // kana, CJK ext. A start
    if (c >= 0xE4 && c <= 0xE9) return true;  // CJK unified ideographs
    if (c >= 0xEA && c <= 0xED) {             // Hangul syllables
      std::uint32_t cp = ((c & 0x0Fu) << 12) | ((d & 0x3Fu) << 6) |
                         (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      if (cp >= 0xAC00 && cp <= 0xD7AF) return true;
    }
  }
  return false;
}

bool HasAbjadLetters(std::string_view s) {
  if (IsAscii(s)) return false;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    // U+0590..U+08FF: Hebrew, Arabic, Syriac, Thaana, Arabic supplements.
    if (c >= 0xD6 && c <= 0xDF) return true;
    if (c == 0xE0 && static_cast<unsigned char>(s[i + 1]) >= 0xA0 &&
        static_cast<unsigned char>(s[i + 1]) <= 0xA3)
      return true;
    // Arabic presentation forms U+FB50..U+FDFF, U+FE70..U+FEFF.
    if (c == 0xEF && i + 2 < s.size()) {
      auto d = static_cast<unsigned char>(s[i + 1]);
      if ((d >= 0xAD && d <= 0xB7) || (d >= 0xB9 && d <= 0xBB)) return true;
    }
  }
  return false;
}

bool IsPatronymic(std::string_view t) {
  if (t.size() < 6) return false;
  for (std::string_view suffix :
       {"ovich", "evich", "ovitch", "evitch", "ovych", "evych", "ovna", "evna",
        "ichna", "ogly", "oglu", "kyzy", "qizi"}) {
    if (EndsWith(t, suffix)) return true;
  }
  return false;
}

}  // namespace embargo::internal
