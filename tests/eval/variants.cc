#include "eval/variants.h"

#include <array>
#include <utility>
#include <vector>

namespace embargo::eval {
namespace {

// A word split into leading punctuation, an alphabetic core and trailing
// punctuation, so "(KIM," is edited as KIM and put back together.
struct PunctuatedWord {
  std::string lead, core, trail;
  std::string str() const { return lead + core + trail; }
};

PunctuatedWord SplitWord(std::string_view w) {
  PunctuatedWord out;
  size_t a = 0, b = w.size();
  auto punct = [](char c) {
    return c == ',' || c == '.' || c == '(' || c == ')' || c == ';' ||
           c == '"' || c == ':';
  };
  while (a < b && punct(w[a])) ++a;
  while (b > a && punct(w[b - 1])) --b;
  out.lead = std::string(w.substr(0, a));
  out.core = std::string(w.substr(a, b - a));
  out.trail = std::string(w.substr(b));
  return out;
}

std::vector<PunctuatedWord> Words(std::string_view name) {
  std::vector<PunctuatedWord> out;
  for (const std::string& w : SplitWords(name)) out.push_back(SplitWord(w));
  return out;
}

std::string Join(const std::vector<PunctuatedWord>& words) {
  std::string out;
  for (const PunctuatedWord& w : words) {
    if (w.str().empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += w.str();
  }
  return out;
}

bool IsUpper(std::string_view s) {
  bool any = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') any = true;
  }
  return any;
}

// Re-cases `lower` like `model`: all caps, all lower, or capitalized.
std::string LikeCase(std::string_view lower, std::string_view model) {
  if (IsUpper(model)) return AsciiUpper(lower);
  std::string out(lower);
  if (!model.empty() && model[0] >= 'A' && model[0] <= 'Z' && !out.empty() &&
      out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] & ~0x20);
  return out;
}

char RandomLetter(Rng* rng, bool upper, char avoid) {
  char c;
  do {
    c = static_cast<char>('a' + rng->Uniform(26));
  } while (c == (avoid | 0x20));
  return upper ? static_cast<char>(c & ~0x20) : c;
}

// Common alternative spellings of whole name words.
const std::vector<std::vector<std::string_view>>& WordGroups() {
  static const auto* kGroups = new std::vector<std::vector<std::string_view>>{
      {"mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad"},
      {"ahmed", "ahmad"},
      {"hussein", "husain", "hussain", "husayn", "hossein"},
      {"hassan", "hasan"},
      {"abdul", "abdel", "abdal"},
      {"abdullah", "abdallah", "abdulla"},
      {"osama", "usama"},
      {"yousef", "yusuf", "youssef", "yousif", "yusef"},
      {"omar", "umar"},
      {"othman", "uthman", "osman"},
      {"mahmoud", "mahmud"},
      {"khaled", "khalid"},
      {"said", "saeed", "sayed"},
      {"saleh", "salih"},
      {"ibrahim", "ebrahim", "ibraheem"},
      {"mustafa", "mostafa", "moustafa"},
      {"abu", "abou"},
      {"al", "el"},
      {"jamal", "gamal"},
      {"qasim", "kasim", "qassem", "kassem"},
      {"nasser", "nasir", "naser"},
      {"faisal", "faysal"},
      {"sheikh", "shaikh", "shaykh"},
      {"mullah", "mulla", "molla"},
      {"haji", "hajji", "hadji"},
      {"rahman", "rehman"},
      {"ali", "aly"},
      {"sergei", "sergey", "serguei"},
      {"alexander", "aleksandr", "alexandr", "aleksander"},
      {"alexei", "aleksey", "alexey", "aleksei"},
      {"yuri", "yury", "yuriy", "iouri"},
      {"dmitry", "dmitri", "dmitriy"},
      {"andrei", "andrey"},
      {"nikolai", "nikolay"},
      {"evgeny", "yevgeny", "evgeni", "yevgeniy"},
      {"viktor", "victor"},
      {"vladimir", "wladimir"},
      {"pyotr", "petr"},
      {"fyodor", "fedor"},
      {"vasily", "vasiliy", "vasili"},
      {"anatoly", "anatoliy", "anatoli"},
      {"grigory", "grigoriy", "grigori"},
      {"gennady", "gennadiy"},
      {"valery", "valeriy", "valeri"},
      {"tatiana", "tatyana"},
      {"natalia", "natalya"},
      {"yelena", "elena"},
      {"zhang", "chang"},
      {"zhou", "chou"},
      {"xu", "hsu"},
      {"zheng", "cheng"},
      {"zhao", "chao"},
      {"qian", "chien"},
      {"xie", "hsieh"},
  };
  return *kGroups;
}

enum class Where { kAny, kStart, kEnd };

struct Rule {
  std::string_view from, to;
  Where where;
};

// Letter-level alternations between transliteration schemes (English,
// French, German conventions; Arabic shadda written or not).
constexpr std::array<Rule, 37> kRules = {{
    {"ou", "u", Where::kAny},    {"oo", "u", Where::kAny},
    {"ee", "i", Where::kAny},    {"kh", "h", Where::kAny},
    {"dj", "j", Where::kAny},    {"j", "dj", Where::kStart},
    {"sh", "ch", Where::kAny},   {"q", "k", Where::kAny},
    {"dh", "z", Where::kAny},    {"x", "ks", Where::kAny},
    {"ks", "x", Where::kAny},    {"w", "v", Where::kAny},
    {"zh", "j", Where::kAny},    {"ch", "tch", Where::kAny},
    {"ph", "f", Where::kAny},    {"ov", "off", Where::kEnd},
    {"ev", "eff", Where::kEnd},  {"sky", "ski", Where::kEnd},
    {"ski", "sky", Where::kEnd}, {"iy", "y", Where::kEnd},
    {"iy", "i", Where::kEnd},    {"ya", "ia", Where::kAny},
    {"yu", "iu", Where::kAny},   {"ai", "ay", Where::kAny},
    {"ay", "ai", Where::kAny},   {"ei", "ey", Where::kAny},
    {"ss", "s", Where::kAny},    {"mm", "m", Where::kAny},
    {"dd", "d", Where::kAny},    {"ll", "l", Where::kAny},
    {"nn", "n", Where::kAny},    {"tt", "t", Where::kAny},
    {"rr", "r", Where::kAny},    {"bb", "b", Where::kAny},
    {"aa", "a", Where::kAny},    {"ie", "iye", Where::kEnd},
    {"ah", "a", Where::kEnd},
}};

struct Respelling {
  size_t word;
  std::string lower;  // the new spelling, lower case
  std::string what;
};

void Respellings(const std::vector<PunctuatedWord>& words,
                 const std::function<bool(std::string_view)>& may_edit,
                 std::vector<Respelling>* out) {
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& core = words[i].core;
    if (!IsAsciiAlpha(core)) continue;
    std::string lower = AsciiLower(core);
    if (!may_edit(lower)) continue;
    bool grouped = false;
    for (const auto& group : WordGroups()) {
      bool member = false;
      for (std::string_view g : group) member = member || g == lower;
      if (!member) continue;
      grouped = true;
      for (std::string_view g : group)
        if (g != lower)
          out->push_back({i, std::string(g), lower + "->" + std::string(g)});
    }
    // Abbreviations ("Jr", "Al") are not respelled letter by letter.
    if (grouped || lower.size() < 3) continue;
    for (const Rule& r : kRules) {
      for (size_t pos = lower.find(r.from); pos != std::string::npos;
           pos = lower.find(r.from, pos + 1)) {
        if (r.where == Where::kStart && pos != 0) continue;
        if (r.where == Where::kEnd && pos + r.from.size() != lower.size())
          continue;
        // Keep at least three letters; "Al" -> "A" is not a respelling.
        if (lower.size() - r.from.size() + r.to.size() < 3) continue;
        std::string s = lower;
        s.replace(pos, r.from.size(), r.to);
        out->push_back(
            {i, s,
             std::string(r.from) + "->" + std::string(r.to) + " in " + lower});
      }
    }
  }
}

}  // namespace

std::string TypoVariant(std::string_view name, Rng* rng, std::string* applied) {
  std::vector<PunctuatedWord> words = Words(name);
  std::vector<size_t> eligible;
  for (size_t i = 0; i < words.size(); ++i)
    if (IsAsciiAlpha(words[i].core) && words[i].core.size() >= 6)
      eligible.push_back(i);
  if (eligible.empty()) return "";
  PunctuatedWord& w = words[eligible[rng->Uniform(eligible.size())]];
  std::string before = w.core;
  std::string& s = w.core;
  bool upper = IsUpper(s);
  std::string what;
  switch (rng->Uniform(4)) {
    case 0: {
      size_t p = rng->Uniform(s.size());
      bool up = p == 0 ? (s[0] >= 'A' && s[0] <= 'Z') : upper;
      s[p] = RandomLetter(rng, up, s[p]);
      what = "substitution";
      break;
    }
    case 1:
      s.erase(rng->Uniform(s.size()), 1);
      what = "deletion";
      break;
    case 2: {
      size_t p = rng->Uniform(s.size() + 1);
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(p),
               RandomLetter(rng, upper && p > 0 ? true : upper, 0));
      what = "insertion";
      break;
    }
    default: {
      std::vector<size_t> spots;
      for (size_t p = 0; p + 1 < s.size(); ++p)
        if ((s[p] | 0x20) != (s[p + 1] | 0x20)) spots.push_back(p);
      if (spots.empty()) return "";
      size_t p = spots[rng->Uniform(spots.size())];
      std::swap(s[p], s[p + 1]);
      // Keep the capital where it was: "Ahmed" -> "hAmed" reads as a
      // different error.
      if (p == 0 && !upper) {
        s[0] = static_cast<char>(s[0] & ~0x20);
        s[1] = static_cast<char>(s[1] | 0x20);
      }
      what = "transposition";
      break;
    }
  }
  if (applied) *applied = what + " in " + before;
  return Join(words);
}

std::string ReorderVariant(std::string_view name, bool person, Rng* rng,
                           std::string* applied) {
  std::vector<PunctuatedWord> words = Words(name);
  if (words.size() < 2) return "";
  size_t comma = words.size();
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i].trail.find(',') != std::string::npos) {
      comma = i;
      break;
    }
  }
  std::string what;
  if (person && comma < words.size()) {
    // "KIM, Jong Un" -> "Jong Un KIM"
    std::vector<PunctuatedWord> out(
        words.begin() + static_cast<std::ptrdiff_t>(comma) + 1, words.end());
    for (size_t i = 0; i <= comma; ++i) out.push_back(words[i]);
    out.back().trail.erase(out.back().trail.find(','), 1);
    words = std::move(out);
    what = "\"Last, First\" -> \"First Last\"";
  } else if (person && rng->Chance(0.5)) {
    // "Vladimir PUTIN" -> "PUTIN, Vladimir"
    PunctuatedWord last = words.back();
    words.pop_back();
    last.trail += ",";
    words.insert(words.begin(), last);
    what = "\"First Last\" -> \"Last, First\"";
  } else {
    size_t i = rng->Uniform(words.size());
    size_t j = rng->Uniform(words.size() - 1);
    if (j >= i) ++j;
    if (AsciiLower(words[i].core) == AsciiLower(words[j].core)) return "";
    std::swap(words[i].core, words[j].core);
    what = "swapped " + words[j].core + " and " + words[i].core;
  }
  if (applied) *applied = what;
  return Join(words);
}

std::string DropMiddleVariant(std::string_view name, Rng* rng,
                              std::string* applied) {
  std::vector<PunctuatedWord> words = Words(name);
  if (words.size() < 3) return "";
  size_t comma = words.size();
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i].trail.find(',') != std::string::npos) {
      comma = i;
      break;
    }
  }
  std::vector<size_t> eligible;
  if (comma < words.size()) {
    // "FAMILY, Given Middle": the middle names follow the first given name.
    for (size_t i = comma + 2; i < words.size(); ++i) eligible.push_back(i);
  } else {
    for (size_t i = 1; i + 1 < words.size(); ++i) eligible.push_back(i);
  }
  std::erase_if(eligible, [&](size_t i) { return words[i].core.empty(); });
  if (eligible.empty()) return "";
  size_t drop = eligible[rng->Uniform(eligible.size())];
  if (applied) *applied = "dropped " + words[drop].core;
  words.erase(words.begin() + static_cast<std::ptrdiff_t>(drop));
  return Join(words);
}

std::string HyphenMergeVariant(std::string_view name, Rng* rng,
                               std::string* applied) {
  std::vector<PunctuatedWord> words = Words(name);
  std::vector<size_t> eligible;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const PunctuatedWord& a = words[i];
    const PunctuatedWord& b = words[i + 1];
    if (!a.trail.empty() || !b.lead.empty()) continue;
    if (!IsAsciiAlpha(a.core) || !IsAsciiAlpha(b.core)) continue;
    if (a.core.size() < 2 || a.core.size() > 7 || b.core.size() < 2 ||
        b.core.size() > 7)
      continue;
    eligible.push_back(i);
  }
  if (eligible.empty()) return "";
  size_t i = eligible[rng->Uniform(eligible.size())];
  bool merge = rng->Chance(0.5);
  std::string second = words[i + 1].core;
  // "Kyong Su" -> "Kyong-su"; all caps stay all caps.
  if (!IsUpper(second)) second = AsciiLower(second);
  if (IsUpper(words[i].core)) second = AsciiUpper(second);
  if (applied)
    *applied = (merge ? "merged " : "hyphenated ") + words[i].core + " " +
               words[i + 1].core;
  words[i].core += (merge ? "" : "-") + second;
  words[i].trail = words[i + 1].trail;
  words.erase(words.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  return Join(words);
}

std::string RomanizationVariant(
    std::string_view name,
    const std::function<bool(std::string_view)>& may_edit, Rng* rng,
    std::string* applied) {
  std::vector<PunctuatedWord> words = Words(name);
  std::vector<Respelling> options;
  Respellings(words, may_edit, &options);
  if (options.empty()) return "";
  rng->Shuffle(&options);
  size_t want = rng->Chance(0.3) ? 2 : 1;
  std::vector<std::string> what;
  std::vector<bool> edited(words.size(), false);
  for (const Respelling& r : options) {
    if (what.size() >= want) break;
    if (edited[r.word]) continue;
    edited[r.word] = true;
    words[r.word].core = LikeCase(r.lower, words[r.word].core);
    what.push_back(r.what);
  }
  if (applied) *applied = JoinWords(what, "; ");
  return Join(words);
}

}  // namespace embargo::eval
