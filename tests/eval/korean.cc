#include "eval/korean.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <utility>

namespace embargo::eval {
namespace {

struct Spelling {
  std::string_view text;
  int index;  // jamo index in Unicode's Hangul syllable order
};

// Initial consonants: 0 g, 1 kk, 2 n, 3 d, 4 tt, 5 r, 6 m, 7 b, 8 pp, 9 s,
// 10 ss, 11 (none), 12 j, 13 jj, 14 ch, 15 k, 16 t, 17 p, 18 h. MR writes
// the plain stops as k/t/p/ch and marks aspiration with an apostrophe that
// lists drop; the DPRK writes aspiration as kh/th/ph/chh.
constexpr std::array<Spelling, 28> kInitials = {{
    {"", 11},   {"g", 0},   {"k", 0},   {"kk", 1},  {"gg", 1},   {"n", 2},
    {"d", 3},   {"t", 3},   {"tt", 4},  {"r", 5},   {"l", 5},    {"m", 6},
    {"b", 7},   {"p", 7},   {"pp", 8},  {"bb", 8},  {"s", 9},    {"sh", 9},
    {"ss", 10}, {"j", 12},  {"ch", 12}, {"jj", 13}, {"tch", 13}, {"chh", 14},
    {"kh", 15}, {"th", 16}, {"ph", 17}, {"h", 18},
}};

// Vowels: 0 a, 1 ae, 2 ya, 3 yae, 4 eo, 5 e, 6 yeo, 7 ye, 8 o, 9 wa, 10 wae,
// 11 oe, 12 yo, 13 u, 14 wo, 15 we, 16 wi, 17 yu, 18 eu, 19 ui, 20 i. Plus
// everyday spellings (oi in Choi, oo in Moon, ee in Lee, ou in Young).
constexpr std::array<Spelling, 29> kVowels = {{
    {"a", 0},   {"ae", 1},  {"ya", 2},  {"yae", 3},  {"eo", 4},   {"e", 5},
    {"yeo", 6}, {"ye", 7},  {"o", 8},   {"wa", 9},   {"wae", 10}, {"oe", 11},
    {"oi", 11}, {"yo", 12}, {"u", 13},  {"oo", 13},  {"wo", 14},  {"weo", 14},
    {"we", 15}, {"wi", 16}, {"yu", 17}, {"yoo", 17}, {"eu", 18},  {"ui", 19},
    {"i", 20},  {"ee", 20}, {"yi", 20}, {"ou", 4},   {"you", 6},
}};

// Final consonants: 0 none, 1 k, 4 n, 7 t, 8 l, 16 m, 17 p, 21 ng.
constexpr std::array<Spelling, 12> kCodas = {{
    {"", 0},
    {"k", 1},
    {"g", 1},
    {"n", 4},
    {"t", 7},
    {"d", 7},
    {"l", 8},
    {"r", 8},
    {"m", 16},
    {"p", 17},
    {"b", 17},
    {"ng", 21},
}};

// Everyday spellings that the jamo rules above do not produce.
constexpr std::array<std::string_view, 4> kWholeSpellings = {"park", "rhee",
                                                             "oh", "ahn"};

// Common DPRK (and South Korean) name syllables, so the Hangul says what the
// name most likely is: MR "o" is both eo and o, "ch" both j and ch, "u" both
// u and eu, and only the name tells which.
const std::map<std::string, std::string, std::less<>>& Lexicon() {
  static const auto* kLexicon =
      new std::map<std::string, std::string, std::less<>>{
          {"kim", "김"},    {"gim", "김"},    {"ri", "리"},     {"li", "리"},
          {"rhee", "이"},   {"lee", "이"},    {"yi", "이"},     {"pak", "박"},
          {"park", "박"},   {"bak", "박"},    {"choe", "최"},   {"choi", "최"},
          {"chwe", "최"},   {"jong", "정"},   {"chong", "정"},  {"jeong", "정"},
          {"chung", "정"},  {"kang", "강"},   {"gang", "강"},   {"jo", "조"},
          {"cho", "조"},    {"han", "한"},    {"o", "오"},      {"oh", "오"},
          {"yun", "윤"},    {"yoon", "윤"},   {"jang", "장"},   {"chang", "장"},
          {"song", "성"},   {"seong", "성"},  {"hwang", "황"},  {"ryu", "류"},
          {"yu", "유"},     {"an", "안"},     {"ahn", "안"},    {"mun", "문"},
          {"moon", "문"},   {"pyon", "변"},   {"byeon", "변"},  {"hyon", "현"},
          {"hyun", "현"},   {"hyeon", "현"},  {"ju", "주"},     {"chu", "주"},
          {"ko", "고"},     {"go", "고"},     {"sin", "신"},    {"shin", "신"},
          {"so", "서"},     {"seo", "서"},    {"ho", "호"},     {"rim", "림"},
          {"lim", "림"},    {"im", "임"},     {"nam", "남"},    {"paek", "백"},
          {"baek", "백"},   {"ham", "함"},    {"tong", "동"},   {"dong", "동"},
          {"thae", "태"},   {"tae", "태"},    {"kwon", "권"},   {"gwon", "권"},
          {"jon", "전"},    {"chon", "전"},   {"jeon", "전"},   {"un", "은"},
          {"eun", "은"},    {"il", "일"},     {"chol", "철"},   {"cheol", "철"},
          {"jol", "철"},    {"jeol", "철"},   {"su", "수"},     {"hui", "희"},
          {"hae", "해"},    {"hak", "학"},    {"hyok", "혁"},   {"hyeok", "혁"},
          {"yong", "영"},   {"young", "영"},  {"yeong", "영"},  {"ryong", "룡"},
          {"lyong", "룡"},  {"myong", "명"},  {"myeong", "명"}, {"chun", "춘"},
          {"jun", "준"},    {"sok", "석"},    {"seok", "석"},   {"sam", "삼"},
          {"sang", "상"},   {"kwang", "광"},  {"gwang", "광"},  {"kuk", "국"},
          {"guk", "국"},    {"min", "민"},    {"kyu", "규"},    {"gyu", "규"},
          {"jin", "진"},    {"chin", "진"},   {"won", "원"},    {"chan", "찬"},
          {"ung", "웅"},    {"thaek", "택"},  {"taek", "택"},   {"kum", "금"},
          {"geum", "금"},   {"gum", "금"},    {"sung", "승"},   {"seung", "승"},
          {"hung", "흥"},   {"heung", "흥"},  {"kyong", "경"},  {"gyong", "경"},
          {"gyeong", "경"}, {"hyong", "형"},  {"hyeong", "형"}, {"yon", "연"},
          {"yeon", "연"},   {"ryon", "련"},   {"tok", "덕"},    {"dok", "덕"},
          {"deok", "덕"},   {"pom", "범"},    {"bom", "범"},    {"beom", "범"},
          {"son", "선"},    {"seon", "선"},   {"ok", "옥"},     {"chi", "지"},
          {"ji", "지"},     {"sop", "섭"},    {"seop", "섭"},   {"chae", "재"},
          {"jae", "재"},    {"ki", "기"},     {"gi", "기"},     {"pil", "필"},
          {"phil", "필"},   {"myon", "면"},   {"hyang", "향"},  {"hyo", "효"},
          {"pyol", "별"},   {"byeol", "별"},  {"sol", "설"},    {"kil", "길"},
          {"gil", "길"},    {"tu", "두"},     {"du", "두"},     {"ryol", "렬"},
          {"ryo", "려"},    {"hye", "혜"},    {"kun", "군"},    {"gun", "군"},
          {"pyong", "평"},  {"phyong", "평"}, {"pyeong", "평"}, {"byong", "병"},
          {"byeong", "병"}, {"sun", "순"},    {"man", "만"},    {"hwan", "환"},
          {"hwa", "화"},    {"uk", "욱"},
      };
  return *kLexicon;
}

int Find(const auto& table, std::string_view text) {
  for (const Spelling& s : table)
    if (s.text == text) return s.index;
  return -1;
}

// Lengths of the syllables that can start at `pos`, longest first.
std::vector<RomanSyllable> SyllablesAt(std::string_view t, size_t pos) {
  std::vector<RomanSyllable> out;
  for (std::string_view w : kWholeSpellings)
    if (t.substr(pos, w.size()) == w)
      out.push_back({"", "", "", std::string(w)});
  for (const Spelling& i : kInitials) {
    if (t.substr(pos, i.text.size()) != i.text) continue;
    size_t vpos = pos + i.text.size();
    for (const Spelling& v : kVowels) {
      if (t.substr(vpos, v.text.size()) != v.text) continue;
      size_t cpos = vpos + v.text.size();
      for (const Spelling& c : kCodas) {
        if (t.substr(cpos, c.text.size()) != c.text) continue;
        out.push_back({std::string(i.text), std::string(v.text),
                       std::string(c.text), ""});
      }
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RomanSyllable& a, const RomanSyllable& b) {
                     return a.text().size() > b.text().size();
                   });
  return out;
}

// Every parse of t[pos..] into at most `left` syllables.
void AllParses(std::string_view t, size_t pos, size_t left,
               std::vector<RomanSyllable>* prefix,
               std::vector<std::vector<RomanSyllable>>* out) {
  if (pos == t.size()) {
    out->push_back(*prefix);
    return;
  }
  if (left == 0) return;
  for (RomanSyllable& s : SyllablesAt(t, pos)) {
    size_t len = s.text().size();
    prefix->push_back(std::move(s));
    AllParses(t, pos + len, left - 1, prefix, out);
    prefix->pop_back();
  }
}

enum class Case { kUpper, kLower, kCapital };

Case CaseOf(std::string_view word) {
  bool any_lower = false, any_upper = false;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') any_lower = true;
    if (c >= 'A' && c <= 'Z') any_upper = true;
  }
  if (any_upper && !any_lower) return Case::kUpper;
  if (any_lower && !any_upper) return Case::kLower;
  return Case::kCapital;
}

std::string Styled(std::string_view lower, Case c, bool first_part) {
  std::string s(lower);
  if (c == Case::kUpper) return AsciiUpper(s);
  if (c == Case::kCapital && first_part && !s.empty())
    s[0] = static_cast<char>(s[0] & ~0x20);
  return s;
}

struct Part {
  std::vector<RomanSyllable> syllables;
  bool capital = false;  // this part starts with a capital in mixed case
};

struct Word {
  std::string original;
  std::string trailing;  // "," after the family name
  bool korean = false;
  Case style = Case::kUpper;
  std::vector<Part> parts;  // split at hyphens
  std::string joiner = "-";
  bool removed = false;  // merged into the word before it
};

std::string Render(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    if (w.removed) continue;
    if (!out.empty()) out.push_back(' ');
    if (!w.korean) {
      out += w.original;
      continue;
    }
    for (size_t p = 0; p < w.parts.size(); ++p) {
      if (p) out += w.joiner;
      std::string text;
      for (const RomanSyllable& s : w.parts[p].syllables) text += s.text();
      bool capital = p == 0 || w.parts[p].capital || w.joiner == " ";
      out += Styled(text, w.style, capital);
    }
    out += w.trailing;
  }
  return out;
}

}  // namespace

bool ParseKoreanSyllables(std::string_view token,
                          std::vector<RomanSyllable>* out,
                          size_t max_syllables) {
  out->clear();
  if (!IsAsciiAlpha(token)) return false;
  std::string lower = AsciiLower(token);
  std::vector<RomanSyllable> prefix;
  std::vector<std::vector<RomanSyllable>> parses;
  AllParses(lower, 0, max_syllables, &prefix, &parses);
  if (parses.empty()) return false;
  // Romanization hides syllable boundaries ("sidong" is si+dong, not
  // sid+ong): prefer the parse made of more known name syllables, then
  // fewer syllables; parses come longest-first from the left, which breaks
  // the remaining ties ("jongun" is jong+un).
  auto known = [](const std::vector<RomanSyllable>& p) {
    size_t n = 0;
    for (const RomanSyllable& s : p) n += Lexicon().count(s.text());
    return n;
  };
  size_t best = 0;
  for (size_t i = 1; i < parses.size(); ++i) {
    size_t ki = known(parses[i]), kb = known(parses[best]);
    if (ki > kb || (ki == kb && parses[i].size() < parses[best].size()))
      best = i;
  }
  *out = std::move(parses[best]);
  return true;
}

char32_t SyllableToHangul(const RomanSyllable& syllable) {
  std::string text = syllable.text();
  if (auto it = Lexicon().find(text); it != Lexicon().end())
    return DecodeUtf8(it->second)[0];
  if (!syllable.whole.empty()) return U'\uFFFD';
  int i = Find(kInitials, syllable.initial);
  int v = Find(kVowels, syllable.vowel);
  int c = Find(kCodas, syllable.coda);
  if (i < 0 || v < 0 || c < 0) return U'\uFFFD';
  // An initial "ch" is aspirated in RR but plain in MR; names from MR
  // sources dominate the lists, and the lexicon covers the common
  // aspirated ones (Chol, Chun, Choe).
  return static_cast<char32_t>(0xAC00 + (i * 21 + v) * 28 + c);
}

std::string KoreanNameToHangul(std::string_view name) {
  std::vector<std::string> words = SplitWords(name);
  if (words.empty()) return "";
  size_t family = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i].empty() && words[i].back() == ',') {
      family = i;
      break;
    }
  }
  std::vector<size_t> order = {family};
  for (size_t i = 0; i < words.size(); ++i)
    if (i != family) order.push_back(i);
  std::string out;
  for (size_t i : order) {
    std::string w = words[i];
    while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
    size_t start = 0;
    while (start <= w.size()) {
      size_t dash = w.find('-', start);
      if (dash == std::string::npos) dash = w.size();
      std::vector<RomanSyllable> syllables;
      if (!ParseKoreanSyllables(std::string_view(w).substr(start, dash - start),
                                &syllables, 3))
        return "";
      for (const RomanSyllable& s : syllables) {
        char32_t h = SyllableToHangul(s);
        if (h == U'\uFFFD') return "";
        AppendUtf8(h, &out);
      }
      start = dash + 1;
    }
  }
  return out;
}

std::string KoreanRomanizationVariant(std::string_view name, bool person,
                                      const std::vector<bool>& korean, Rng* rng,
                                      std::string* applied) {
  std::vector<std::string> raw = SplitWords(name);
  std::vector<Word> words;
  size_t family = 0;
  bool comma = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    Word w;
    w.original = raw[i];
    std::string core = raw[i];
    while (!core.empty() && (core.back() == ',' || core.back() == '.')) {
      w.trailing.insert(w.trailing.begin(), core.back());
      core.pop_back();
    }
    if (!comma && w.trailing.find(',') != std::string::npos) {
      family = i;
      comma = true;
    }
    w.korean = i < korean.size() && korean[i];
    if (w.korean) {
      w.style = CaseOf(core);
      size_t start = 0;
      while (start <= core.size()) {
        size_t dash = core.find('-', start);
        if (dash == std::string::npos) dash = core.size();
        Part p;
        std::string_view piece =
            std::string_view(core).substr(start, dash - start);
        p.capital = !piece.empty() && piece[0] >= 'A' && piece[0] <= 'Z';
        if (!ParseKoreanSyllables(piece, &p.syllables, 3)) {
          w.korean = false;
          break;
        }
        w.parts.push_back(std::move(p));
        start = dash + 1;
      }
      if (!w.korean) w.parts.clear();
    }
    words.push_back(std::move(w));
  }

  // Every edit that applies, as closures over the words; each says what it
  // did so misses can be read.
  struct Edit {
    std::string label;
    std::function<void()> apply;
    const void* slot = nullptr;  // what it changes; two edits never share one
  };
  std::vector<Edit> edits;
  static const std::map<std::string, std::vector<std::string>, std::less<>>
      kWhole = {
          {"ri", {"li", "yi", "lee", "rhee", "i"}},
          {"li", {"ri", "lee", "yi"}},
          {"lee", {"ri", "li", "yi"}},
          {"yi", {"ri", "lee", "li"}},
          {"rhee", {"ri", "lee"}},
          {"pak", {"park", "bak"}},
          {"park", {"pak", "bak"}},
          {"bak", {"pak", "park"}},
          {"choe", {"choi", "chwe"}},
          {"choi", {"choe"}},
          {"jong", {"chong", "jeong"}},
          {"chong", {"jong", "jeong"}},
          {"jeong", {"jong", "chong"}},
          {"kim", {"gim"}},
          {"gim", {"kim"}},
      };
  static const std::map<std::string, std::string, std::less<>> kInitialSwap = {
      {"ch", "j"}, {"j", "ch"}, {"k", "g"}, {"g", "k"},
      {"t", "d"},  {"d", "t"},  {"p", "b"}, {"b", "p"},
  };
  static const std::map<std::string, std::string, std::less<>> kVowelSwap = {
      {"o", "eo"}, {"eo", "o"},   {"u", "eu"},
      {"eu", "u"}, {"yo", "yeo"}, {"yeo", "yo"},
  };
  for (Word& w : words) {
    if (!w.korean) continue;
    for (Part& p : w.parts) {
      for (RomanSyllable& s : p.syllables) {
        std::string text = s.text();
        if (auto it = kWhole.find(text); it != kWhole.end()) {
          for (const std::string& to : it->second) {
            RomanSyllable* target = &s;
            edits.push_back({fmt::format("{}->{}", text, to),
                             [target, to] {
                               *target = RomanSyllable{"", "", "", to};
                             },
                             target});
          }
          continue;  // whole-syllable spellings carry the classic variants
        }
        if (!s.whole.empty()) continue;
        // Which jamo the spelling stands for decides which alternations are
        // real: only the plain stops (g/k, d/t, b/p, j/ch) are voiced in RR
        // and not in MR, and only MR o/u that stand for eo/eu (Jong = 정,
        // Un = 은) are written eo/eu in RR; "O" (오) never becomes "Eo".
        char32_t hangul = SyllableToHangul(s);
        int initial = -1, medial = -1;
        if (hangul >= 0xAC00 && hangul <= 0xD7A3) {
          initial = static_cast<int>((hangul - 0xAC00) / 588);
          medial = static_cast<int>((hangul - 0xAC00) % 588 / 28);
        }
        bool plain_stop =
            initial == 0 || initial == 3 || initial == 7 || initial == 12;
        bool vowel_ok = s.vowel == "eo" || s.vowel == "eu" ||
                        s.vowel == "yeo" || (s.vowel == "o" && medial == 4) ||
                        (s.vowel == "yo" && medial == 6) ||
                        (s.vowel == "u" && medial == 18);
        auto it_initial = kInitialSwap.find(s.initial);
        if (plain_stop && it_initial != kInitialSwap.end()) {
          auto it = it_initial;
          RomanSyllable* target = &s;
          std::string to = it->second;
          edits.push_back({fmt::format("{}->{} ({})", s.initial, to, text),
                           [target, to] { target->initial = to; }, &s.initial});
        }
        auto it_vowel = kVowelSwap.find(s.vowel);
        if (vowel_ok && it_vowel != kVowelSwap.end()) {
          auto it = it_vowel;
          RomanSyllable* target = &s;
          std::string to = it->second;
          edits.push_back({fmt::format("{}->{} ({})", s.vowel, to, text),
                           [target, to] { target->vowel = to; }, &s.vowel});
        }
      }
    }
  }
  // Given-name syllables: "Won Ho" <-> "Won-ho" <-> "Wonho".
  std::vector<Edit> joins;
  if (person) {
    for (size_t i = 0; i < words.size(); ++i) {
      Word& w = words[i];
      if (!w.korean || i == family) continue;
      if (w.parts.size() == 2) {
        Word* target = &w;
        joins.push_back({"hyphen->merged", [target] {
                           target->parts[0].syllables.insert(
                               target->parts[0].syllables.end(),
                               target->parts[1].syllables.begin(),
                               target->parts[1].syllables.end());
                           target->parts.pop_back();
                         }});
        joins.push_back(
            {"hyphen->space", [target] { target->joiner.assign(1, ' '); }});
      }
      if (i + 1 < words.size() && i + 1 != family && words[i + 1].korean &&
          w.parts.size() == 1 && words[i + 1].parts.size() == 1 &&
          w.trailing.empty()) {
        Word* a = &w;
        Word* b = &words[i + 1];
        for (bool merge : {false, true}) {
          joins.push_back(
              {merge ? "space->merged" : "space->hyphen", [a, b, merge] {
                 Part second = b->parts[0];
                 second.capital = false;
                 if (merge) {
                   a->parts[0].syllables.insert(a->parts[0].syllables.end(),
                                                second.syllables.begin(),
                                                second.syllables.end());
                 } else {
                   a->parts.push_back(second);
                 }
                 a->trailing = b->trailing;
                 b->removed = true;
               }});
        }
      }
    }
  }
  if (edits.empty() && joins.empty()) return "";
  // One to three alternations: real variants usually differ in more than
  // one place (Kim Jong Un / Gim Jeong-eun).
  size_t want = 1 + rng->Uniform(3);
  rng->Shuffle(&edits);
  std::vector<const Edit*> picked;
  for (const Edit& e : edits) {
    if (picked.size() >= want) break;
    bool clash = false;
    for (const Edit* p : picked) clash = clash || p->slot == e.slot;
    if (!clash) picked.push_back(&e);
  }
  std::vector<std::string> picked_names;
  for (const Edit* e : picked) {
    e->apply();
    picked_names.push_back(e->label);
  }
  if (!joins.empty() && (picked.empty() || rng->Chance(0.35))) {
    Edit& j = joins[rng->Uniform(joins.size())];
    j.apply();
    picked_names.push_back(j.label);
  }
  if (applied) *applied = JoinWords(picked_names, "; ");
  return Render(words);
}

}  // namespace embargo::eval
