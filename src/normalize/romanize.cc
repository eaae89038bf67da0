#include "normalize/romanize.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "normalize/normalize.h"
#include "normalize/recent_memo.h"
#include "normalize/spelling_writer.h"
#include "normalize/tables.h"

namespace embargo::internal {
namespace {

bool IsVowelOrY(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }

// The runs of a/e/i/o/u letters in `token` ("kimjongun": 3).
int VowelRuns(std::string_view token) {
  int runs = 0;
  bool in_run = false;
  for (char c : token) {
    const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
    runs += static_cast<int>(vowel && !in_run);
    in_run = vowel;
  }
  return runs;
}

// ---------------------------------------------------------------------------
// Korean. A romanized syllable is onset + vowel + coda; each part maps to a
// class letter so that RR, McCune-Reischauer (after the breves and
// apostrophes are gone) and everyday spellings of one syllable give one key:
//   onsets  g/k/kk -> g, d/t/tt -> d, b/p/pp -> b, j/ch/jj/tch -> j,
//           s/ss/sh -> s, r/l/rh -> r   (aspiration and tensing are what
//           the systems disagree on; MR's apostrophe is lost anyway)
//   vowels  eo/o/u/eu/oo -> o  (ŏ and ŭ fold to o and u; Sung/Seong/Song
//           and Un/Eun are written every which way), ae/e -> e,
//           yeo/yo/yu/yoo/you -> yo, oe/oi/wae/we -> we (Choe/Choi),
//           ee/yi/i -> i (Lee, Yi), weo/wo -> wo, eui/ui -> ui
//   codas   k/g -> g, t/d -> d, p/b -> b (the same letters as the onsets, so
//           a split between syllables does not change the key), l, m, n, ng;
//           an h after the vowel before n/m/ng at the end or at the very end
//           is silent (Ahn, Hahn, Sohn, Oh), and Park's r is too.
// The first syllable loses an r/l before i/y (Ri/Li/Lee/Rhee -> I, Ryu ->
// Yu, Ryong -> Yong): South Korea's initial sound law, which is why one
// surname is Ri in the North and Lee/Yi in the South.
// ---------------------------------------------------------------------------

struct Unit {
  std::string_view spelling;
  std::string_view key;
};

constexpr Unit kOnsets[] = {
    {"tch", "j"}, {"kk", "g"}, {"gg", "g"}, {"tt", "d"}, {"dd", "d"},
    {"pp", "b"},  {"bb", "b"}, {"ss", "s"}, {"jj", "j"}, {"ch", "j"},
    {"sh", "s"},  {"rh", "r"}, {"g", "g"},  {"k", "g"},  {"n", "n"},
    {"d", "d"},   {"t", "d"},  {"r", "r"},  {"l", "r"},  {"m", "m"},
    {"b", "b"},   {"p", "b"},  {"s", "s"},  {"j", "j"},  {"h", "h"},
    {"", ""},
};

constexpr Unit kVowels[] = {
    {"yeo", "yo"}, {"yae", "ye"}, {"wae", "we"}, {"weo", "wo"}, {"eui", "ui"},
    {"you", "yo"}, {"yoo", "yo"}, {"eo", "o"},   {"eu", "o"},   {"ae", "e"},
    {"ya", "ya"},  {"ye", "ye"},  {"yo", "yo"},  {"yu", "yo"},  {"wa", "wa"},
    {"we", "we"},  {"wo", "wo"},  {"wi", "wi"},  {"oe", "we"},  {"oi", "we"},
    {"ui", "ui"},  {"oo", "o"},   {"ee", "i"},   {"yi", "i"},   {"a", "a"},
    {"e", "e"},    {"o", "o"},    {"u", "o"},    {"i", "i"},
};

constexpr Unit kCodas[] = {
    {"ng", "ng"}, {"kk", "g"}, {"rk", "g"}, {"k", "g"}, {"g", "g"},
    {"n", "n"},   {"t", "d"},  {"d", "d"},  {"l", "l"}, {"m", "m"},
    {"p", "b"},   {"b", "b"},  {"", ""},
};

constexpr int kMaxSyllables = 4;

// The units of one list grouped by first letter, longest first, so a parse
// step only looks at the units that can match (the empty unit is tried
// last, separately).
struct ByFirstLetter {
  static constexpr std::uint8_t kEnd = 0xFF;
  std::array<std::array<std::uint8_t, 12>, 128> index;
  template <std::size_t N>
  explicit ByFirstLetter(const Unit (&units)[N]) {
    for (auto& a : index) a.fill(kEnd);
    std::array<int, 128> count{};
    for (std::size_t i = 0; i < N; ++i) {
      if (units[i].spelling.empty()) continue;
      auto c = static_cast<unsigned char>(units[i].spelling[0]);
      index[c][static_cast<std::size_t>(count[c]++)] =
          static_cast<std::uint8_t>(i);
    }
  }
  const std::array<std::uint8_t, 12>& operator[](char c) const {
    return index[static_cast<unsigned char>(c) & 0x7F];
  }
};

const ByFirstLetter& OnsetIndex() {
  static const ByFirstLetter index(kOnsets);
  return index;
}
const ByFirstLetter& VowelIndex() {
  static const ByFirstLetter index(kVowels);
  return index;
}
const ByFirstLetter& CodaIndex() {
  static const ByFirstLetter index(kCodas);
  return index;
}
constexpr Unit kEmptyUnit = {"", ""};

// Hand-rolled: the prefixes are 1-3 letters, for which a memcmp call costs
// more than the comparison.
inline bool StartsWith(std::string_view s, std::size_t pos,
                       std::string_view p) {
  if (s.size() - pos < p.size()) return false;
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (s[pos + k] != p[k]) return false;
  }
  return true;
}

// Depth-first parse, longest units first, with a memo of the (position,
// syllable count) pairs known to fail, so a long non-Korean token costs a
// bounded number of steps.
class KoreanParser {
 public:
  explicit KoreanParser(std::string_view t) : t_(t) {}

  // `shortcut`: false for the plain parse, tests' reference.
  bool Parse(int first_syllable, std::string* key, bool shortcut = true) {
    if (t_.empty() || t_.size() > 24) return false;
    // Letters no romanization of Korean uses (c only in ch).
    static constexpr auto kUsed = [] {
      std::array<bool, 256> used{};
      for (char c = 'a'; c <= 'z'; ++c)
        used[static_cast<unsigned char>(c)] = true;
      for (char c : std::string_view("fqvxz"))
        used[static_cast<unsigned char>(c)] = false;
      return used;
    }();
    for (std::size_t i = 0; i < t_.size(); ++i) {
      const char c = t_[i];
      if (!kUsed[static_cast<unsigned char>(c)] ||
          (c == 'c' && (i + 1 == t_.size() || t_[i + 1] != 'h')))
        return false;
    }
    // Each syllable's vowel is one unit whose a/e/i/o/u letters stand
    // together, and no onset or coda holds one: a token with more runs of
    // them than syllables are left cannot parse. Most query words spelled
    // together (Prepare()'s merged probes, new in nearly every row of a
    // customer file) have that many, and the parse was 3% of a row.
    if (shortcut && VowelRuns(t_) > kMaxSyllables - first_syllable)
      return false;
    return Step(0, first_syllable, key);
  }

 private:
  bool Step(std::size_t pos, int syllable, std::string* key) {
    if (pos == t_.size()) return syllable > 0;
    if (syllable >= kMaxSyllables) return false;
    const std::uint32_t bit = 1u << pos;
    if (failed_[syllable] & bit) return false;
    const std::size_t key_size = key->size();
    const auto& onsets = OnsetIndex()[t_[pos]];
    for (std::size_t oi = 0; oi <= onsets.size(); ++oi) {
      // The listed onsets for this letter, then the empty onset.
      if (oi < onsets.size() && onsets[oi] == ByFirstLetter::kEnd) {
        oi = onsets.size();
      }
      const Unit& on = oi < onsets.size() ? kOnsets[onsets[oi]] : kEmptyUnit;
      if (!StartsWith(t_, pos, on.spelling)) continue;
      std::size_t p1 = pos + on.spelling.size();
      if (p1 == t_.size()) continue;
      for (std::uint8_t vi : VowelIndex()[t_[p1]]) {
        if (vi == ByFirstLetter::kEnd) break;
        const Unit& v = kVowels[vi];
        if (!StartsWith(t_, p1, v.spelling)) continue;
        std::size_t p2 = p1 + v.spelling.size();
        std::string_view onset_key = on.key;
        std::string_view vowel_key = v.key;
        if (syllable == 0 && onset_key == "r" &&
            (vowel_key.front() == 'i' || vowel_key.front() == 'y')) {
          onset_key = "";
        }
        // Ye/E at the start: Cyrillic's BGN writes a leading е as "ye"
        // (Yemma), and Korean surnames hardly distinguish them.
        if (syllable == 0 && onset_key.empty() && vowel_key == "ye") {
          vowel_key = "e";
        }
        // Silent h after the vowel: only before a final n/m/ng or at the end.
        bool silent_h = p2 < t_.size() && t_[p2] == 'h';
        for (int h = silent_h ? 1 : 0; h >= 0; --h) {
          std::size_t p3 = p2 + static_cast<std::size_t>(h);
          const auto& codas = CodaIndex()[p3 < t_.size() ? t_[p3] : '\0'];
          for (std::size_t ci = 0; ci <= codas.size(); ++ci) {
            if (ci < codas.size() && codas[ci] == ByFirstLetter::kEnd) {
              ci = codas.size();
            }
            const Unit& co = ci < codas.size() ? kCodas[codas[ci]] : kEmptyUnit;
            if (!StartsWith(t_, p3, co.spelling)) continue;
            std::size_t p4 = p3 + co.spelling.size();
            if (h == 1 && !(p4 == t_.size() &&
                            (co.spelling.empty() || co.spelling == "n" ||
                             co.spelling == "m" || co.spelling == "ng"))) {
              continue;
            }
            key->append(onset_key);
            key->append(vowel_key);
            key->append(co.key);
            if (Step(p4, syllable + 1, key)) return true;
            key->resize(key_size);
          }
        }
      }
    }
    failed_[syllable] |= bit;
    return false;
  }

  std::string_view t_;
  std::uint32_t failed_[kMaxSyllables] = {};
};

// ---------------------------------------------------------------------------
// Chinese. A token of pinyin or Wade-Giles syllables is keyed per syllable:
// the pinyin is given the Korean classes where the two overlap (so WG
// "chung", which also parses as Korean, and pinyin "zhong" meet), and the
// aspiration pairs that Wade-Giles writes with the apostrophe we removed are
// collapsed: zh/ch/j/q -> j, z/c -> z, x/sh/s -> s, g/k -> g, d/t -> d,
// b/p -> b, l/r -> r.
// ---------------------------------------------------------------------------

}  // namespace

std::string PinyinSyllableKey(std::string_view p, bool first) {
  char onset = 0;
  std::size_t i = 0;
  if (StartsWith(p, 0, "zh") || StartsWith(p, 0, "ch")) {
    onset = 'j';
    i = 2;
  } else if (StartsWith(p, 0, "sh")) {
    onset = 's';
    i = 2;
  } else if (!p.empty()) {
    i = 1;
    switch (p[0]) {
      case 'q':
        onset = 'j';
        break;
      case 'x':
        onset = 's';
        break;
      case 'c':
        onset = 'z';
        break;
      case 'k':
        onset = 'g';
        break;
      case 't':
        onset = 'd';
        break;
      case 'p':
        onset = 'b';
        break;
      case 'l':
        onset = 'r';
        break;
      default:
        i = 0;
        break;
    }
  }
  std::string s;
  s.reserve(p.size());
  if (onset != 0) s.push_back(onset);
  s.append(p.substr(i));
  std::string key;
  // Starting at syllable 1 keeps the initial-sound rules (r/l dropped before
  // i/y) to the token's first syllable, as for Korean tokens.
  if (KoreanParser(s).Parse(first ? 0 : 1, &key)) return key;
  return s;
}

namespace {

// Parses with the syllable table of Tables::chinese (pinyin and Wade-Giles
// spellings with their precomputed keys): hash lookups, no allocation.
class ChineseParser {
 public:
  ChineseParser(std::string_view t, const Tables& tables)
      : t_(t), tables_(tables) {}

  bool Parse(std::string* key) {
    if (t_.empty() || t_.size() > 24) return false;
    for (char c : t_) {
      if (c < 'a' || c > 'z' || c == 'v') return false;
    }
    return Step(0, 0, key);
  }

 private:
  bool Step(std::size_t pos, int syllable, std::string* key) {
    if (pos == t_.size()) return syllable > 0;
    if (syllable >= kMaxSyllables) return false;
    const std::uint32_t bit = 1u << pos;
    if (failed_[syllable] & bit) return false;
    const std::size_t key_size = key->size();
    // Every syllable starting at `pos`, found in one walk down the trie.
    std::array<std::int32_t, 8> found;
    std::array<std::size_t, 8> lengths;
    std::size_t count = 0;
    std::int32_t node = 0;
    for (std::size_t k = pos; k < t_.size() && k - pos < 7; ++k) {
      node = tables_.chinese_trie[static_cast<std::size_t>(node)]
                 .next[static_cast<std::size_t>(t_[k] - 'a')];
      if (node < 0) break;
      std::int32_t s =
          tables_.chinese_trie[static_cast<std::size_t>(node)].syllable;
      if (s >= 0 && count < found.size()) {
        found[count] = s;
        lengths[count++] = k - pos + 1;
      }
    }
    while (count > 0) {  // longest first
      --count;
      const Tables::ChineseSyllable& syl =
          tables_.chinese[static_cast<std::size_t>(found[count])];
      key->append(syllable == 0 ? syl.key_first : syl.key_rest);
      if (Step(pos + lengths[count], syllable + 1, key)) return true;
      key->resize(key_size);
    }
    failed_[syllable] |= bit;
    return false;
  }

  std::string_view t_;
  const Tables& tables_;
  std::uint32_t failed_[kMaxSyllables] = {};
};

// "abd" + optional linking vowel + the article's l or the doubled first
// letter of the sun-letter assimilation: abdulaziz, abdelaziz, abdurrahman,
// abdirahman -> the rest ("aziz", "rahman"), or "" when `t` is not such a
// compound.
std::string_view AbdCompoundRest(std::string_view t) {
  if (t.size() < 6 || t.substr(0, 3) != "abd") return {};
  std::string_view rest = t.substr(3);
  if (!rest.empty() && (rest[0] == 'u' || rest[0] == 'e' || rest[0] == 'a' ||
                        rest[0] == 'o' || rest[0] == 'i')) {
    rest.remove_prefix(1);
  }
  // The article (abdul-aziz), or the article assimilated to the next
  // consonant (abdur-rahman, abdul-lah).
  if (rest.size() >= 2 && ((rest[0] == 'l' && rest[1] != 'l') ||
                           (rest[0] == rest[1] && !IsVowelOrY(rest[0])))) {
    rest.remove_prefix(1);
  }
  if (rest == "lah" || rest == "la" || rest == "ah") return "allah";
  if (rest.size() < 3) return {};
  return rest;
}

// Compounds with allah or din written as one word: nasrallah,
// hidayatullah, saifuddin, nureddine -> {stem, "allah" | "din"}.
bool SplitAllahDin(std::string_view t, std::string_view* stem,
                   std::string_view* tail) {
  static constexpr std::string_view kAllah[] = {"ullah", "allah", "ollah",
                                                "illah", "ellah", "ulloh",
                                                "ulla",  "alla",  "olla"};
  static constexpr std::string_view kDin[] = {
      "uddeen", "uldeen", "eddine", "uddin", "eddin", "addin",
      "iddin",  "oddin",  "aldin",  "uldin", "eldin"};
  for (std::string_view s : kAllah) {
    if (t.size() >= s.size() + 3 && t.substr(t.size() - s.size()) == s) {
      *stem = t.substr(0, t.size() - s.size());
      *tail = "allah";
      return true;
    }
  }
  for (std::string_view s : kDin) {
    if (t.size() >= s.size() + 3 && t.substr(t.size() - s.size()) == s) {
      *stem = t.substr(0, t.size() - s.size());
      *tail = "din";
      return true;
    }
  }
  return false;
}

}  // namespace

std::string WadeGilesToPinyin(std::string_view s, const Tables& tables) {
  if (tables.pinyin.find(s) != tables.pinyin.end()) return std::string(s);
  static constexpr std::string_view kInitials[] = {
      "hs", "ts", "tz", "ss", "sz", "ch", "sh", "k", "t", "p",
      "j",  "m",  "f",  "n",  "l",  "h",  "y",  "w", ""};
  std::string_view ini;
  for (std::string_view i : kInitials) {
    if (StartsWith(s, 0, i)) {
      ini = i;
      break;
    }
  }
  std::string fin(s.substr(ini.size()));
  std::string out_ini;
  if (ini == "hs") {
    out_ini = "x";
  } else if (ini == "ts" || ini == "tz") {
    out_ini = "z";
  } else if (ini == "ss" || ini == "sz") {
    out_ini = "s";
  } else if (ini == "ch") {
    out_ini = (fin != "ih" && !fin.empty() && fin[0] == 'i') ? "j" : "zh";
  } else if (ini == "k") {
    out_ini = "g";
  } else if (ini == "t") {
    out_ini = "d";
  } else if (ini == "p") {
    out_ini = "b";
  } else if (ini == "j") {
    out_ini = "r";
  } else {
    out_ini = std::string(ini);
  }
  bool sibilant = ini == "ts" || ini == "tz" || ini == "ss" || ini == "sz";
  if ((sibilant && fin == "u") || fin == "ih") {
    fin = "i";  // tzu -> zi, ssu -> si; chih -> zhi, shih -> shi, jih -> ri
  } else if (fin == "ung") {
    fin = "ong";
  } else if (fin == "iung") {
    fin = "iong";
  } else if (fin == "ieh") {
    fin = "ie";
  } else if (fin == "ien") {
    fin = "ian";
  } else if (fin == "uei") {
    fin = "ui";
  } else if (fin == "ueh") {
    fin = "ue";
  } else if (fin == "erh" && ini.empty()) {
    fin = "er";
  } else if (fin == "o") {
    if (out_ini == "g" || out_ini == "k" || out_ini == "h") {
      fin = "e";  // ko -> ge, ho -> he
    } else if (!(out_ini.empty() || out_ini == "b" || out_ini == "p" ||
                 out_ini == "m" || out_ini == "f" || out_ini == "y" ||
                 out_ini == "w")) {
      fin = "uo";  // lo -> luo, to -> duo, tso -> zuo
    }
  }
  if (ini == "y") {
    if (fin == "en") fin = "an";
    if (fin == "eh") fin = "e";
    if (fin == "u") fin = "ou";
    if (fin == "ung") fin = "ong";
  }
  if (ini.empty() && fin == "i") fin = "yi";
  std::string out = out_ini + fin;
  if (out == s) return {};
  return tables.pinyin.find(out) != tables.pinyin.end() ? out : std::string();
}

bool KoreanKey(std::string_view token, std::string* key, bool shortcut) {
  key->clear();
  // (The parser refuses any other letter.)
  if (KoreanParser(token).Parse(0, key, shortcut)) return true;
  key->clear();
  return false;
}

bool ChineseKey(std::string_view token, const Tables& tables,
                std::string* key) {
  key->clear();
  if (token.empty()) return false;
  for (char c : token) {
    if (!IsLetter(c)) return false;
  }
  if (ChineseParser(token, tables).Parse(key)) return true;
  key->clear();
  return false;
}

std::string RuleForm(std::string_view token) {
  // Grigoryev/Grigoriev/Grigorev, Sergeyevich/Sergeevich, Chatayev/Chataev,
  // Atabiyev/Atabiev: the iotation before -ev is written or not. First, so
  // the letter rules below see one spelling.
  std::string pre;
  std::string_view t = token;
  for (std::size_t p = 1; p + 2 < token.size(); ++p) {
    if ((token[p] == 'y' || token[p] == 'i') && token[p + 1] == 'e' &&
        token[p + 2] == 'v') {
      pre.assign(token);
      for (std::size_t q = p; q + 2 < pre.size();) {
        if ((pre[q] == 'y' || pre[q] == 'i') && pre[q + 1] == 'e' &&
            pre[q + 2] == 'v') {
          pre.erase(q, 1);
          if (q > 1) --q;  // "iyev": look at the i again
          continue;
        }
        ++q;
      }
      t = pre;
      break;
    }
  }
  // Written in each thread's scratch, whose room stays: a string sized
  // for twice a token's length is on the heap past 7 letters, and the
  // result, copied out at its length, mostly is not.
  thread_local std::string s;
  // No rule writes more than two chars for one ("x": "ks").
  SpellingWriter w(&s, 2 * t.size());
  for (std::size_t i = 0; i < t.size();) {
    const char c = t[i];
    const char n = i + 1 < t.size() ? t[i + 1] : '\0';
    const char n2 = i + 2 < t.size() ? t[i + 2] : '\0';
    switch (c) {
      case 'd':
        if (n == 'z' && n2 == 'h') {  // dzh -> j
          w += 'j';
          i += 3;
          continue;
        }
        if (n == 'j') {  // dj -> j
          w += 'j';
          i += 2;
          continue;
        }
        break;
      case 'z':
        if (n == 'h') {  // zh -> j
          w += 'j';
          i += 2;
          continue;
        }
        break;
      case 't':
        if (n == 'c' && n2 == 'h') {  // tch -> ch
          w += "ch";
          i += 3;
          continue;
        }
        if (n == 'z') {  // tz -> ts
          w += "ts";
          i += 2;
          continue;
        }
        break;
      case 'p':
        if (n == 'h') {  // ph -> f
          w += 'f';
          i += 2;
          continue;
        }
        break;
      case 'c':
        if (n == 'k') {  // ck -> k
          w += 'k';
          i += 2;
          continue;
        }
        break;
      case 'o':
        if (n == 'u' || n == 'o') {  // ou, oo -> u
          w += 'u';
          i += 2;
          continue;
        }
        if (n == 'e') {  // oe -> o
          w += 'o';
          i += 2;
          continue;
        }
        break;
      case 'u':
        if (n == 'e') {  // ue -> u
          w += 'u';
          i += 2;
          continue;
        }
        break;
      case 'a':
      case 'e':
        // ay/ey before a consonant -> ai/ei: Khayrallah/Khairallah,
        // Heydar/Heidar.
        if (n == 'y' && n2 != '\0' && !IsVowelOrY(n2)) {
          w += c;
          w += 'i';
          i += 2;
          continue;
        }
        if (c == 'e' && n == 'e') {  // ee -> i
          w += 'i';
          i += 2;
          continue;
        }
        if (c == 'a' && n == 'e') {  // ae -> a
          w += 'a';
          i += 2;
          continue;
        }
        break;
      case 'x':
        w += "ks";
        ++i;
        continue;
      case 'w':
        w += 'v';
        ++i;
        continue;
      case 'q':
        w += 'k';
        ++i;
        continue;
      default:
        break;
    }
    w += c;
    ++i;
  }
  w.Finish();
  // Initial iotation: Yelena/Elena, Iurii/Yurii, Iakov/Yakov.
  if (s.size() > 3 && s.compare(0, 2, "ye") == 0) {
    s.erase(0, 1);
  } else if (s.size() > 3 && s[0] == 'i' &&
             (s[1] == 'u' || s[1] == 'a' || s[1] == 'o')) {
    s[0] = 'y';
  }
  // Endings: -iy/-ii/-ij/-yi/-y -> -i (Valeriy, Dmitrii, Dmitrij, -sky),
  // -ey/-ej -> -ei, -ay/-aj -> -ai, -oy/-oj -> -oi; -iya/-ya -> -ia.
  if (s.size() > 3) {
    const std::size_t n = s.size();
    const char p = s[n - 3], a = s[n - 2], b = s[n - 1];
    if ((a == 'i' || a == 'y') && (b == 'y' || b == 'i' || b == 'j')) {
      s.pop_back();
      s.back() = 'i';
    } else if (((b == 'j' || b == 'y') &&
                (a == 'e' || a == 'a' || a == 'o' || a == 'u')) ||
               (b == 'y' && !IsVowelOrY(a))) {
      s.back() = 'i';
    } else if (p == 'i' && a == 'y' && b == 'a') {
      s.erase(n - 2, 1);
    } else if (a == 'y' && b == 'a' && !IsVowelOrY(p)) {
      s[n - 2] = 'i';
    }
  }
  // Final h after a vowel: Fatimah/Fatima, Hamzah/Hamza.
  if (s.size() > 3 && s.back() == 'h' && IsVowelOrY(s[s.size() - 2])) {
    s.pop_back();
  }
  CollapseDoubles(&s);
  return s;
}

std::string RuleKey(std::string_view token, const Tables& tables) {
  std::string key;
  if (KoreanKey(token, &key)) return key;
  if (ChineseKey(token, tables, &key)) return key;
  return RuleForm(token);
}

namespace {

std::string ComputeKey(std::string_view clean, const Tables& tables) {
  if (clean.size() <= 1) return std::string(clean);
  for (char c : clean) {
    if (c >= '0' && c <= '9') return std::string(clean);
  }
  if (auto it = tables.romanization.find(clean);
      it != tables.romanization.end()) {
    return it->second;
  }
  if (std::string_view rest = AbdCompoundRest(clean); !rest.empty()) {
    return "abd" + RomanizationKey(rest);
  }
  if (std::string_view stem, tail; SplitAllahDin(clean, &stem, &tail)) {
    return RomanizationKey(stem) + RomanizationKey(tail);
  }
  std::string form = RuleForm(clean);
  if (auto it = tables.romanization.find(form);
      it != tables.romanization.end()) {
    return it->second;
  }
  std::string key;
  if (KoreanKey(clean, &key)) return key;
  if (ChineseKey(clean, tables, &key)) return key;
  return form;
}

// `token` lower-case letters and digits only, kept in `buf` when it was not.
std::string_view CleanForKey(std::string_view token, std::string* buf) {
  for (char c : token) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      for (char d : token) {
        if (d >= 'A' && d <= 'Z') d = static_cast<char>(d - 'A' + 'a');
        if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9')) {
          buf->push_back(d);
        }
      }
      return *buf;
    }
  }
  return token;
}

// `token`'s key through `memo` (a token too short or too long to repeat
// skips it).
template <size_t kSlots>
std::string KeyThrough(RecentMemo<std::string, kSlots>& memo,
                       std::string_view token) {
  std::string clean_buf;
  const std::string_view clean = CleanForKey(token, &clean_buf);
  if (clean.size() <= 1 || clean.size() > 32) {
    return ComputeKey(clean, GetTables());
  }
  return memo.Get(clean, [&] { return ComputeKey(clean, GetTables()); });
}

}  // namespace

std::string RomanizationKey(std::string_view token) {
  // Names repeat heavily in screening (the same given names and surnames
  // over and over), and a key costs a table lookup plus up to two syllable
  // parses. About 1 MiB per thread.
  thread_local RecentMemo<std::string, 16384> memo;
  return KeyThrough(memo, token);
}

std::string RomanizationKeyOfNew(std::string_view token) {
  thread_local RecentMemo<std::string, 4096> memo;
  return KeyThrough(memo, token);
}

}  // namespace embargo::internal
