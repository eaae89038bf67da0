#include "normalize/abjad.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "normalize/recent_memo.h"

namespace embargo::internal {
namespace {

// Consonant classes, one letter each: B b/p, C sh/ch, D d/dh, F f/ph,
// G g/gh, H h/x, J j/dj/zh, K k/q/c/ck, L, M, N, R, S s/c(e,i), T t/th,
// X kh, Z z. Vowels stay lowercase a e i o u; w and y are semivowels.
enum class Kind : std::uint8_t { kConsonant, kVowel, kSemivowel };

struct Sym {
  Kind kind;
  char c;                   // class letter, vowel, or 'w'/'y'
  std::uint32_t mask = 0;   // query consonants: the classes it may stand for
  bool optional = false;    // query: a final h (ه) or an assimilated article
                            // l, often not written in Latin
  bool long_vowel = false;  // listed: ou, oo, ee, aa, ai, ei spell a written
                            // long vowel the script would show
};

std::uint32_t Bit(char cls) { return std::uint32_t{1} << (cls - 'A'); }

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Called for a dozen spellings at every letter of every token compared:
// the first letter decides most, without building a substring.
bool At(std::string_view s, size_t i, std::string_view p) {
  return i < s.size() && p.size() <= s.size() - i && s[i] == p[0] &&
         std::memcmp(s.data() + i, p.data(), p.size()) == 0;
}

void PushConsonant(std::vector<Sym>* out, char cls, std::uint32_t mask) {
  // Doubled letters are one consonant (the script writes it once).
  if (!out->empty() && out->back().kind == Kind::kConsonant &&
      out->back().mask == mask)
    return;
  out->push_back({Kind::kConsonant, cls, mask});
}

// A Latin listed token as the lists spell Arabic-script names.
std::vector<Sym> ParseListed(std::string_view t) {
  std::vector<Sym> out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    char c = t[i];
    auto cons = [&](char cls, size_t len) {
      PushConsonant(&out, cls, Bit(cls));
      i += len;
    };
    if (At(t, i, "sch") || At(t, i, "tch")) {
      cons('C', 3);
      continue;
    }
    if (At(t, i, "dzh")) {
      cons('J', 3);
      continue;
    }
    if (At(t, i, "kh")) {
      cons('X', 2);
      continue;
    }
    if (At(t, i, "gh")) {
      cons('G', 2);
      continue;
    }
    if (At(t, i, "sh") || At(t, i, "ch")) {
      cons('C', 2);
      continue;
    }
    if (At(t, i, "th")) {
      cons('T', 2);
      continue;
    }
    if (At(t, i, "dh")) {
      cons('D', 2);
      continue;
    }
    if (At(t, i, "ph")) {
      cons('F', 2);
      continue;
    }
    if (At(t, i, "dj") || At(t, i, "zh")) {
      cons('J', 2);
      continue;
    }
    if (At(t, i, "ck")) {
      cons('K', 2);
      continue;
    }
    if (At(t, i, "ou") || At(t, i, "oo")) {
      out.push_back({Kind::kVowel, 'u', 0, false, true});
      i += 2;
      continue;
    }
    if (At(t, i, "ee") || At(t, i, "ai") || At(t, i, "ei")) {
      out.push_back({Kind::kVowel, 'i', 0, false, true});
      i += 2;
      continue;
    }
    if (At(t, i, "aa")) {
      out.push_back({Kind::kVowel, 'a', 0, false, true});
      i += 2;
      continue;
    }
    // A final h after a vowel is ة or a silent ه (Abdallah, Osamah).
    if (c == 'h' && i + 1 == t.size() && !out.empty() &&
        out.back().kind != Kind::kConsonant) {
      ++i;
      continue;
    }
    switch (c) {
      case 'b':
      case 'p':
        cons('B', 1);
        break;
      case 'c': {
        char n = i + 1 < t.size() ? t[i + 1] : '\0';
        cons(n == 'e' || n == 'i' || n == 'y' ? 'S' : 'K', 1);
        break;
      }
      case 'd':
        cons('D', 1);
        break;
      case 'f':
        cons('F', 1);
        break;
      case 'g':
        cons('G', 1);
        break;
      case 'h':
      case 'x':
        cons('H', 1);
        break;
      case 'j':
        cons('J', 1);
        break;
      case 'k':
      case 'q':
        cons('K', 1);
        break;
      case 'l':
        cons('L', 1);
        break;
      case 'm':
        cons('M', 1);
        break;
      case 'n':
        cons('N', 1);
        break;
      case 'r':
        cons('R', 1);
        break;
      case 's':
        cons('S', 1);
        break;
      case 't':
        cons('T', 1);
        break;
      case 'z':
        cons('Z', 1);
        break;
      case 'v':
      case 'w':
        out.push_back({Kind::kSemivowel, 'w'});
        ++i;
        break;
      case 'y':
        out.push_back({Kind::kSemivowel, 'y'});
        ++i;
        break;
      default:
        if (IsVowel(c)) out.push_back({Kind::kVowel, c});
        ++i;
        break;
    }
  }
  return out;
}

// A token transliterated from an abjad: each consonant letter with the
// classes the Latin spellings of its Arabic letters fall in.
std::vector<Sym> ParseQuery(std::string_view t) {
  std::vector<Sym> out;
  out.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    char c = t[i];
    auto cons = [&](std::uint32_t mask, size_t len) {
      char first = 'A';
      while (!(mask & Bit(first))) ++first;
      PushConsonant(&out, first, mask);
      i += len;
    };
    if (At(t, i, "kh")) {
      cons(Bit('X') | Bit('H'), 2);
      continue;
    }
    if (At(t, i, "gh")) {
      cons(Bit('G') | Bit('K'), 2);
      continue;
    }
    if (At(t, i, "sh") || At(t, i, "ch")) {
      cons(Bit('C'), 2);
      continue;
    }
    if (At(t, i, "th")) {
      cons(Bit('T') | Bit('S'), 2);
      continue;
    }
    if (At(t, i, "dh")) {
      cons(Bit('D') | Bit('Z') | Bit('T'), 2);
      continue;
    }
    if (At(t, i, "zh")) {
      cons(Bit('J') | Bit('Z'), 2);
      continue;
    }
    if (At(t, i, "ou") || At(t, i, "oo")) {
      out.push_back({Kind::kVowel, 'u'});
      i += 2;
      continue;
    }
    // The article's l before a sun letter (transliterate.cc).
    if (c == 'L') {
      out.push_back({Kind::kConsonant, 'L', Bit('L'), /*optional=*/true});
      ++i;
      continue;
    }
    if (c == 'h' && i + 1 == t.size() && !out.empty()) {
      if (out.back().kind != Kind::kConsonant || out.back().mask != Bit('H'))
        out.push_back({Kind::kConsonant, 'H', Bit('H'), /*optional=*/true});
      ++i;
      continue;
    }
    switch (c) {
      case 'b':
      case 'p':
        cons(Bit('B'), 1);
        break;
      case 'c':
        cons(Bit('K') | Bit('S'), 1);
        break;
      case 'd':
        cons(Bit('D') | Bit('Z'), 1);
        break;
      case 'f':
        cons(Bit('F'), 1);
        break;
      case 'g':
        cons(Bit('G') | Bit('J'), 1);
        break;
      case 'h':
      case 'x':
        cons(Bit('H'), 1);
        break;
      case 'j':
        cons(Bit('J') | Bit('G'), 1);
        break;
      case 'k':
        cons(Bit('K'), 1);
        break;
      case 'q':
        cons(Bit('K') | Bit('G'), 1);
        break;
      case 'l':
        cons(Bit('L'), 1);
        break;
      case 'm':
        cons(Bit('M'), 1);
        break;
      case 'n':
        cons(Bit('N'), 1);
        break;
      case 'r':
        cons(Bit('R'), 1);
        break;
      case 's':
        cons(Bit('S'), 1);
        break;
      case 't':
        cons(Bit('T'), 1);
        break;
      case 'z':
        cons(Bit('Z') | Bit('D'), 1);
        break;
      case 'v':
      case 'w':
        out.push_back({Kind::kSemivowel, 'w'});
        ++i;
        break;
      case 'y':
        out.push_back({Kind::kSemivowel, 'y'});
        ++i;
        break;
      default:
        if (IsVowel(c))
          out.push_back({Kind::kVowel, c == 'o' ? 'u' : c == 'e' ? 'i' : c});
        ++i;
        break;
    }
  }
  return out;
}

size_t ConsonantCount(const std::vector<Sym>& s) {
  size_t n = 0;
  for (const Sym& x : s) n += x.kind == Kind::kConsonant && !x.optional;
  return n;
}

constexpr double kNo = 1e9;
// Above this total cost a pair is not the same name.
constexpr double kMaxCost = 0.75;
constexpr double kMaxShortCost = 0.25;

// Cost of a written query vowel or semivowel met by a Latin letter. Alef
// is "a" or "e", sometimes "o"; waw and yeh are what they are, but a final
// yeh may be alef maksura (موسى Musa), which the word form no longer shows.
double VowelCost(const Sym& q, const Sym& l, bool initial, bool final) {
  // A leading ain or hamza seat is any vowel in Latin (عمر Omar, Umar).
  if (initial && q.kind == Kind::kVowel && l.kind == Kind::kVowel) return 0;
  const char a = q.c, b = l.c;
  switch (a) {
    case 'a':
      if (l.kind != Kind::kVowel) return kNo;
      return b == 'a' ? 0 : b == 'e' ? 0.25 : b == 'o' ? 0.5 : 0.75;
    case 'i':
    case 'y':
      if (b == 'i' || b == 'e' || b == 'y') return 0;
      return a == 'i' && final && b == 'a' ? 0.25 : kNo;
    case 'u':
    case 'w':
      return b == 'u' || b == 'o' || b == 'w' ? 0 : kNo;
    default:
      return kNo;
  }
}

// Cost of a written query letter the Latin spelling lacks: a leading one
// (ain, hamza seat) often has none; alef sometimes; waw and yeh must show.
double SkipQueryCost(const Sym& q, bool initial) {
  if (q.kind == Kind::kConsonant) return q.optional ? 0 : kNo;
  if (initial) return 0;
  return q.kind == Kind::kVowel && q.c == 'a' ? 0.5 : kNo;
}

// Cost of a Latin letter the script does not write: short vowels are free;
// a semivowel costs a little; a long vowel spelled out (ee, ou) would have
// been written, so it rules the pair out alone (حسن is not Hussein).
double SkipListedCost(const Sym& l) {
  if (l.kind == Kind::kConsonant) return kNo;
  if (l.long_vowel) return 1.0;
  return l.kind == Kind::kSemivowel ? 0.25 : 0;
}

// AbjadQueryKeys(token), computed.
std::vector<std::string> ComputeQueryKeys(std::string_view token) {
  const std::vector<Sym> syms = ParseQuery(token);
  if (ConsonantCount(syms) < 1) return {};
  // The keys so far and the next ones: each thread's, kept with their
  // capacity (growing them anew for every consonant of every word was a
  // third of the cost).
  thread_local std::vector<std::string> keys, next;
  keys.assign(1, std::string());
  for (size_t i = 0; i < syms.size(); ++i) {
    const Sym& s = syms[i];
    if (s.kind != Kind::kConsonant) continue;
    // Neighbours in one class collapse, as doubled letters do; a written
    // vowel between them keeps both, as in the listed key (حسنين HSNN,
    // Hassanein).
    const bool adjacent = i > 0 && syms[i - 1].kind == Kind::kConsonant;
    next.clear();
    for (const std::string& k : keys) {
      if (s.optional) next.push_back(k);
      for (std::uint32_t m = s.mask; m != 0; m &= m - 1) {
        const char c = static_cast<char>('A' + std::countr_zero(m));
        next.push_back(k);
        if (!(adjacent && !k.empty() && k.back() == c)) next.back() += c;
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    if (next.size() > kMaxAbjadKeys) next.resize(kMaxAbjadKeys);
    keys.swap(next);
  }
  std::vector<std::string> out;
  out.reserve(keys.size());
  for (std::string& k : keys)
    if (!k.empty()) out.push_back(std::move(k));
  return out;
}

}  // namespace

std::string AbjadListedKey(std::string_view latin) {
  std::string key;
  for (const Sym& s : ParseListed(latin))
    if (s.kind == Kind::kConsonant) key += s.c;
  return key;
}

std::vector<std::string> AbjadQueryKeys(std::string_view token) {
  // A word's keys cost thousands of instructions (every class its letters
  // may stand for), and an abjad customer's words repeat.
  thread_local RecentMemo<std::vector<std::string>, 4096> memo;
  return memo.Get(token, [&] { return ComputeQueryKeys(token); });
}

double AbjadSimilarity(std::string_view query, std::string_view listed) {
  // One query word meets every listed spelling that shares a key with it
  // (dozens for a common name), one after another: its parse is kept for
  // the next call, and so is the table. The listed spellings recur from
  // word to word: parsing them again was a third of this function.
  thread_local std::string last_query;
  thread_local std::vector<Sym> q;
  thread_local std::vector<double> dp;
  thread_local RecentMemo<std::vector<Sym>, 16384> listed_parses;
  if (q.empty() || query != last_query) {
    q = ParseQuery(query);
    last_query.assign(query);
  }
  const std::vector<Sym>& l =
      listed_parses.Get(listed, [&] { return ParseListed(listed); });
  const size_t consonants = ConsonantCount(q);
  if (consonants < 1) return 0;
  // A word of one consonant (عيسى Isa, ضيا Zia) has little to tell it from
  // other short names by: its leading vowel must show and only one vowel
  // may differ.
  const bool short_word = consonants == 1;
  const double max_cost = short_word ? kMaxShortCost : kMaxCost;
  const size_t n = q.size(), m = l.size();
  // dp[i][j]: least cost aligning q[0,i) with l[0,j).
  dp.assign((n + 1) * (m + 1), kNo);
  auto at = [&](size_t i, size_t j) -> double& { return dp[i * (m + 1) + j]; };
  at(0, 0) = 0;
  for (size_t i = 0; i <= n; ++i) {
    // Every alignment passes through each row, and costs only add up: once
    // a whole row is dearer than allowed, so is the end.
    double row_best = kNo;
    for (size_t j = 0; j <= m; ++j) {
      const double here = at(i, j);
      row_best = std::min(row_best, here);
      if (here >= kNo) continue;
      if (i < n) {
        double c = SkipQueryCost(q[i], i == 0 && !short_word);
        if (c < kNo) at(i + 1, j) = std::min(at(i + 1, j), here + c);
      }
      if (j < m) {
        double c = SkipListedCost(l[j]);
        if (c < kNo) at(i, j + 1) = std::min(at(i, j + 1), here + c);
      }
      if (i < n && j < m) {
        double c = kNo;
        if (q[i].kind == Kind::kConsonant) {
          if (l[j].kind == Kind::kConsonant && (q[i].mask & Bit(l[j].c))) c = 0;
        } else if (l[j].kind != Kind::kConsonant) {
          c = VowelCost(q[i], l[j], i == 0, i + 1 == n);
        }
        if (c < kNo) at(i + 1, j + 1) = std::min(at(i + 1, j + 1), here + c);
      }
    }
    if (row_best > max_cost) return 0;
  }
  const double cost = at(n, m);
  if (cost > max_cost) return 0;
  return 0.90 - 0.06 * cost;
}

bool SpellingFitsLetters(std::string_view latin, std::string_view letters) {
  std::vector<Sym> q, l;
  for (const Sym& s : ParseQuery(letters))
    if (s.kind == Kind::kConsonant) q.push_back(s);
  if (ConsonantCount(q) < 1) return true;
  std::string joined;
  for (char c : latin)
    if (c != ' ') joined += c;
  for (const Sym& s : ParseListed(joined))
    if (s.kind == Kind::kConsonant) l.push_back(s);
  // The consonants pair off in order. Some written letters may have no
  // Latin consonant: a final h, a Persian ه read as a vowel (خامنه‌ای
  // Khamenei), the article's l before a sun letter (عبدالرحمن Abdurrahman).
  size_t j = 0;
  for (const Sym& s : q) {
    if (j < l.size() && (s.mask & Bit(l[j].c))) {
      ++j;
    } else if (!s.optional && s.mask != Bit('H') && s.mask != Bit('L')) {
      return false;
    }
  }
  return j == l.size();
}

}  // namespace embargo::internal
