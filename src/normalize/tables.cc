#include "normalize/tables.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "normalize/romanize.h"

namespace embargo::internal {

extern const std::string_view kLatinFoldTxt;
extern const std::string_view kLegalFormsTxt;
extern const std::string_view kHonorificsTxt;
extern const std::string_view kGenericWordsTxt;
extern const std::string_view kParticlesTxt;
extern const std::string_view kRomanizationTxt;
extern const std::string_view kScriptNamesTxt;
extern const std::string_view kPinyinTxt;
extern const std::string_view kHanReadingsTxt;

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Calls fn(line) for every line without its '#' comment, trimmed, non-empty.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (!line.empty()) fn(line);
  }
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    std::size_t p = s.find(sep);
    parts.push_back(Trim(s.substr(0, p)));
    if (p == std::string_view::npos) break;
    s = s.substr(p + 1);
  }
  return parts;
}

// "CANONICAL = V | V ..." or a bare "WORD"; calls fn(canonical, variants).
// The canonical form is always one of the variants.
template <typename Fn>
void ForEachGroup(std::string_view line, Fn fn) {
  std::size_t eq = line.find('=');
  std::string_view canonical = Trim(line.substr(0, eq));
  std::vector<std::string_view> variants;
  if (eq != std::string_view::npos) variants = Split(line.substr(eq + 1), '|');
  if (std::find(variants.begin(), variants.end(), canonical) ==
      variants.end()) {
    variants.insert(variants.begin(), canonical);
  }
  fn(canonical, variants);
}

std::vector<std::string> TokenTexts(std::string_view text,
                                    const StringSet* legal_single) {
  std::vector<NameToken> tokens;
  std::vector<int> segments;
  TokenizeAscii(text, legal_single, &tokens, &segments);
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (NameToken& t : tokens) out.push_back(std::move(t.text));
  return out;
}

void AddPhrase(PhraseTable* table, std::vector<std::string> tokens,
               std::string_view canonical) {
  if (tokens.empty()) return;
  Phrase p;
  std::size_t joined = 0;
  for (const std::string& t : tokens) joined += t.size();
  p.is_short = joined <= 2;
  p.tokens = std::move(tokens);
  // A multi-word canonical ("his excellency") is no single token key; its
  // tokens keep their own text as key (see normalize.cc).
  p.canonical = std::string(canonical);
  std::vector<Phrase>& list = table->by_first[p.tokens.front()];
  for (const Phrase& q : list) {
    if (q.tokens == p.tokens) return;
  }
  list.push_back(std::move(p));
  std::stable_sort(list.begin(), list.end(),
                   [](const Phrase& a, const Phrase& b) {
                     return a.tokens.size() > b.tokens.size();
                   });
}

void LoadFold(Tables* t) {
  t->fold_direct.assign(Tables::kFoldDirect, Fold{});
  ForEachLine(kLatinFoldTxt, [&](std::string_view line) {
    std::size_t sp = line.find(' ');
    std::string_view hex = line.substr(0, sp);
    std::string_view fold = sp == std::string_view::npos
                                ? std::string_view()
                                : Trim(line.substr(sp));
    std::uint32_t cp = 0;
    std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
    Fold f;
    f.present = true;
    f.offset = static_cast<std::uint32_t>(t->fold_pool.size());
    for (char c : fold) t->fold_pool.push_back(c == '_' ? ' ' : c);
    f.length = static_cast<std::uint8_t>(fold.size());
    if (cp < Tables::kFoldDirect) {
      t->fold_direct[cp] = f;
    } else {
      t->fold_other[cp] = f;
    }
  });
}

void LoadLegal(Tables* t) {
  // First pass: the single-token forms, as a dotted abbreviation that spells
  // one of them ("S.A.") stays joined in names.
  ForEachLine(kLegalFormsTxt, [&](std::string_view line) {
    ForEachGroup(line, [&](std::string_view,
                           const std::vector<std::string_view>& variants) {
      for (std::string_view v : variants) {
        std::vector<std::string> toks = TokenTexts(v, nullptr);
        if (toks.size() == 1) t->legal_single.insert(toks.front());
      }
    });
  });
  ForEachLine(kLegalFormsTxt, [&](std::string_view line) {
    ForEachGroup(line, [&](std::string_view canonical,
                           const std::vector<std::string_view>& variants) {
      for (std::string_view v : variants) {
        AddPhrase(&t->legal, TokenTexts(v, &t->legal_single), canonical);
      }
    });
  });
}

void LoadHonorifics(Tables* t) {
  bool suffix = false;
  ForEachLine(kHonorificsTxt, [&](std::string_view line) {
    if (line == "@suffix") {
      suffix = true;
      return;
    }
    ForEachGroup(line, [&](std::string_view canonical,
                           const std::vector<std::string_view>& variants) {
      for (std::string_view v : variants) {
        AddPhrase(suffix ? &t->honorific_suffix : &t->honorific_prefix,
                  TokenTexts(v, &t->legal_single), canonical);
      }
    });
  });
}

void LoadGeneric(Tables* t) {
  ForEachLine(kGenericWordsTxt, [&](std::string_view line) {
    ForEachGroup(line, [&](std::string_view canonical,
                           const std::vector<std::string_view>& variants) {
      for (std::string_view v : variants) {
        AddPhrase(&t->generic, TokenTexts(v, &t->legal_single), canonical);
      }
    });
  });
}

void LoadParticles(Tables* t) {
  ForEachLine(kParticlesTxt, [&](std::string_view line) {
    std::size_t at = line.rfind('@');
    std::string_view cls_name = Trim(line.substr(at + 1));
    ParticleClass cls = ParticleClass::kNobiliary;
    if (cls_name == "article") cls = ParticleClass::kArticle;
    if (cls_name == "sun") cls = ParticleClass::kSun;
    if (cls_name == "patronym") cls = ParticleClass::kPatronym;
    if (cls_name == "short") cls = ParticleClass::kShort;
    ForEachGroup(Trim(line.substr(0, at)),
                 [&](std::string_view canonical,
                     const std::vector<std::string_view>& variants) {
                   for (std::string_view v : variants) {
                     t->particles.emplace(
                         std::string(v), Particle{std::string(canonical), cls});
                   }
                 });
  });
}

void LoadPinyin(Tables* t) {
  ForEachLine(kPinyinTxt, [&](std::string_view line) {
    for (std::string_view s : Split(line, ' ')) {
      if (!s.empty()) t->pinyin.emplace(s);
    }
  });
}

// Every Wade-Giles spelling: initials x finals, kept when WadeGilesToPinyin
// maps it to a pinyin syllable.
void LoadChineseSyllables(Tables* t) {
  t->chinese_trie.assign(1, Tables::TrieNode{});
  t->chinese_trie[0].next.fill(-1);
  for (const std::string& p : t->pinyin) {
    t->AddChineseSyllable(p,
                          Tables::ChineseSyllable{p, PinyinSyllableKey(p, true),
                                                  PinyinSyllableKey(p, false)});
  }
  static constexpr std::string_view kInitials[] = {
      "",  "ch", "hs", "ts", "tz", "ss", "sz", "sh", "k", "t",
      "p", "j",  "m",  "f",  "n",  "l",  "h",  "y",  "w"};
  static constexpr std::string_view kFinals[] = {
      "a",   "ai",   "an",  "ang",  "ao",  "e",   "ei",  "en",  "eng",
      "erh", "i",    "ia",  "iang", "iao", "ieh", "ien", "ih",  "in",
      "ing", "io",   "iu",  "iung", "o",   "ou",  "u",   "ua",  "uai",
      "uan", "uang", "uei", "ui",   "un",  "ung", "uo",  "ueh", "eh"};
  for (std::string_view i : kInitials) {
    for (std::string_view f : kFinals) {
      std::string wg = std::string(i) + std::string(f);
      std::string p = WadeGilesToPinyin(wg, *t);
      if (p.empty() || p == wg) continue;
      t->AddChineseSyllable(
          wg, Tables::ChineseSyllable{p, PinyinSyllableKey(p, true),
                                      PinyinSyllableKey(p, false)});
    }
  }
}

void LoadRomanization(Tables* t) {
  // Exact variants first, so that a rule form never shadows a variant
  // written out in another group.
  std::vector<std::pair<std::string, std::string>> rule_forms;
  bool exact = false;
  ForEachLine(kRomanizationTxt, [&](std::string_view line) {
    if (line == "@exact") {
      exact = true;
      return;
    }
    ForEachGroup(line, [&](std::string_view canonical,
                           const std::vector<std::string_view>& variants) {
      std::string key = RuleKey(canonical, *t);
      ++t->romanization_groups;
      for (std::string_view v : variants) {
        ++t->romanization_variants;
        t->romanization.emplace(std::string(v), key);
        if (!exact) rule_forms.emplace_back(RuleForm(v), key);
      }
    });
  });
  for (auto& [form, key] : rule_forms) {
    t->romanization.emplace(std::move(form), std::move(key));
  }
}

void LoadScriptNames(Tables* t) {
  ForEachLine(kScriptNamesTxt, [&](std::string_view line) {
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return;
    std::u32string form = Utf8ToUtf32(Trim(line.substr(0, tab)));
    std::string latin(Trim(line.substr(tab + 1)));
    bool hebrew = !form.empty() && form[0] >= 0x0590 && form[0] <= 0x05FF;
    std::u32string norm =
        hebrew ? NormalizeHebrewWord(form) : NormalizeArabicWord(form);
    ++t->script_name_entries;
    t->script_names.emplace(Utf32ToUtf8(norm), latin);
    if (norm.find(U' ') != std::u32string::npos) {
      std::u32string joined;
      for (char32_t c : norm) {
        if (c != U' ') joined.push_back(c);
      }
      t->script_names.emplace(Utf32ToUtf8(joined), latin);
    }
  });
}

void IndexTokens(Tables* t) {
  for (auto& [first, list] : t->legal.by_first)
    t->token_info[first].legal = &list;
  for (auto& [first, list] : t->honorific_prefix.by_first) {
    t->token_info[first].honorific = &list;
  }
  for (auto& [first, list] : t->honorific_suffix.by_first) {
    t->token_info[first].suffix = &list;
  }
  for (auto& [first, list] : t->generic.by_first) {
    t->token_info[first].generic = &list;
  }
  for (auto& [word, particle] : t->particles) {
    t->token_info[word].particle = &particle;
  }
}

Tables BuildTables() {
  Tables t;
  LoadFold(&t);
  LoadLegal(&t);
  LoadHonorifics(&t);
  LoadGeneric(&t);
  LoadParticles(&t);
  LoadPinyin(&t);
  LoadChineseSyllables(&t);
  LoadRomanization(&t);
  LoadScriptNames(&t);
  IndexTokens(&t);
  return t;
}

}  // namespace

int PhraseTable::Match(const std::vector<std::string_view>& tokens,
                       std::size_t pos, const Phrase** phrase) const {
  auto it = by_first.find(tokens[pos]);
  if (it == by_first.end()) return 0;
  return MatchPhrases(it->second, tokens, pos, phrase);
}

int MatchPhrases(const std::vector<Phrase>& list,
                 const std::vector<std::string_view>& tokens, std::size_t pos,
                 const Phrase** phrase) {
  for (const Phrase& p : list) {
    if (pos + p.tokens.size() > tokens.size()) continue;
    bool ok = true;
    for (std::size_t k = 1; k < p.tokens.size() && ok; ++k) {
      ok = tokens[pos + k] == p.tokens[k];
    }
    if (ok) {
      if (phrase != nullptr) *phrase = &p;
      return static_cast<int>(p.tokens.size());
    }
  }
  return 0;
}

std::size_t PhraseTable::size() const {
  std::size_t n = 0;
  for (const auto& [first, list] : by_first) n += list.size();
  return n;
}

void Tables::AddChineseSyllable(std::string_view spelling, ChineseSyllable s) {
  std::int32_t node = 0;
  for (char ch : spelling) {
    int k = ch - 'a';
    if (k < 0 || k >= 26) return;
    if (chinese_trie[node].next[k] < 0) {
      TrieNode fresh;
      fresh.next.fill(-1);
      chinese_trie.push_back(fresh);
      chinese_trie[node].next[k] =
          static_cast<std::int32_t>(chinese_trie.size() - 1);
    }
    node = chinese_trie[node].next[k];
  }
  if (chinese_trie[node].syllable >= 0) return;  // pinyin wins over WG
  chinese.push_back(std::move(s));
  chinese_trie[node].syllable = static_cast<std::int32_t>(chinese.size() - 1);
}

const Tables& GetTables() {
  static const Tables tables = BuildTables();
  return tables;
}

namespace {

// Each line is "HEX READING..." for consecutive code points from HEX ("-":
// none); after "@names", a name's first character's readings.
HanReadings LoadHanReadings() {
  HanReadings h;
  std::map<std::u32string, std::uint16_t, std::less<>> interned;
  auto intern = [&](std::string_view utf8) -> std::uint16_t {
    if (utf8 == "-") return 0;
    auto [it, added] = interned.try_emplace(
        Utf8ToUtf32(utf8), static_cast<std::uint16_t>(h.readings.size()));
    if (added) h.readings.push_back(it->first);
    return it->second;
  };
  h.readings.emplace_back();
  h.base.assign(HanReadings::kLast - HanReadings::kFirst + 1, 0);
  bool names = false;
  ForEachLine(kHanReadingsTxt, [&](std::string_view line) {
    if (line == "@names") {
      names = true;
      return;
    }
    const std::vector<std::string_view> parts = Split(line, ' ');
    std::uint32_t cp = 0;
    std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), cp, 16);
    for (size_t i = 1; i < parts.size(); ++i, ++cp) {
      if (names)
        h.names[cp] = intern(parts[i]);
      else if (cp >= HanReadings::kFirst && cp <= HanReadings::kLast)
        h.base[cp - HanReadings::kFirst] = intern(parts[i]);
    }
  });
  return h;
}

}  // namespace

const HanReadings& GetHanReadings() {
  static const HanReadings readings = LoadHanReadings();
  return readings;
}

namespace {

// Character classes for the tokenizer, one table lookup per byte.
enum : std::uint8_t {
  kSep = 0,
  kUpper,
  kLowerOrDigit,
  kApostrophe,
  kDot,
  kComma
};

constexpr std::array<std::uint8_t, 256> MakeCharClass() {
  std::array<std::uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c)
    t[static_cast<std::size_t>(c)] = kLowerOrDigit;
  for (int c = '0'; c <= '9'; ++c)
    t[static_cast<std::size_t>(c)] = kLowerOrDigit;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = kUpper;
  t['\''] = kApostrophe;
  t['`'] = kApostrophe;
  t['.'] = kDot;
  t[','] = kComma;
  return t;
}
constexpr std::array<std::uint8_t, 256> kCharClass = MakeCharClass();

}  // namespace

void TokenizeAscii(std::string_view ascii, const StringSet* legal_single,
                   std::vector<NameToken>* tokens, std::vector<int>* segments) {
  const std::size_t first = tokens->size();
  // Tokens followed by '.' and then directly a letter ("U.S.A."): only
  // those can start a dotted abbreviation.
  thread_local std::vector<bool> dot_glued;
  dot_glued.clear();
  bool any_dotted = false;
  int segment = 0;
  bool segment_has_tokens = false;
  std::size_t begin = 0, letters = 0;
  // Copies the token ending before `end`, lowercased, without apostrophes.
  auto flush = [&](std::size_t end, bool glued) {
    if (letters == 0) return;
    std::string& text = tokens->emplace_back().text;
    text.resize(letters);
    std::size_t w = 0;
    for (std::size_t k = begin; k < end; ++k) {
      const char c = ascii[k];
      switch (kCharClass[static_cast<unsigned char>(c)]) {
        case kLowerOrDigit:
          text[w++] = c;
          break;
        case kUpper:
          text[w++] = static_cast<char>(c - 'A' + 'a');
          break;
        default:
          break;
      }
    }
    segments->push_back(segment);
    dot_glued.push_back(glued);
    any_dotted = any_dotted || glued;
    segment_has_tokens = true;
    letters = 0;
  };
  const std::size_t n = ascii.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t cls = kCharClass[static_cast<unsigned char>(ascii[i])];
    if (cls == kLowerOrDigit || cls == kUpper) {
      if (letters++ == 0) begin = i;
    } else if (cls == kApostrophe) {
      // Apostrophes join: KY'ONG -> kyong, O'Neil -> oneil.
    } else if (cls == kDot) {
      std::uint8_t next =
          i + 1 < n ? kCharClass[static_cast<unsigned char>(ascii[i + 1])]
                    : static_cast<std::uint8_t>(kSep);
      flush(i, next == kUpper || next == kLowerOrDigit);
    } else if (cls == kComma) {
      flush(i, false);
      if (segment_has_tokens) {
        ++segment;
        segment_has_tokens = false;
      }
    } else {
      flush(i, false);
    }
  }
  flush(n, false);
  if (!any_dotted) return;

  // Join dotted abbreviations in place: "U.S.A." -> usa, "S.A." -> sa (a
  // legal form), but "J.R." -> j r: one or two dotted letters are initials
  // unless they spell a legal form.
  auto single_letter = [](const std::string& s) {
    return s.size() == 1 && s[0] >= 'a' && s[0] <= 'z';
  };
  std::vector<NameToken>& tok = *tokens;
  std::vector<int>& seg = *segments;
  std::size_t w = first;
  for (std::size_t i = first; i < tok.size();) {
    std::size_t j = i;
    if (single_letter(tok[i].text)) {
      while (dot_glued[j - first] && j + 1 < tok.size() &&
             single_letter(tok[j + 1].text) && seg[j + 1] == seg[i]) {
        ++j;
      }
    }
    std::string text = std::move(tok[i].text);
    int s = seg[i];
    if (j > i) {
      std::string joined = text;
      for (std::size_t k = i + 1; k <= j; ++k) joined += tok[k].text;
      if (legal_single == nullptr || joined.size() >= 3 ||
          legal_single->find(joined) != legal_single->end()) {
        text = std::move(joined);
        i = j + 1;
      } else {
        ++i;
      }
    } else {
      ++i;
    }
    tok[w].text = std::move(text);
    seg[w] = s;
    ++w;
  }
  tok.resize(w);
  seg.resize(w);
}

std::u32string NormalizeArabicWord(std::u32string_view word) {
  std::u32string out;
  out.reserve(word.size());
  for (char32_t c : word) {
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
        c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F) {
      continue;  // harakat, superscript alef, tatweel, joiners
    }
    switch (c) {
      case 0x0623:  // alef with hamza above
      case 0x0625:  // alef with hamza below
      case 0x0622:  // alef with madda
      case 0x0671:  // alef wasla
        c = 0x0627;
        break;
      case 0x0649:  // alef maksura
      case 0x06CC:  // Farsi yeh
      case 0x06D2:  // yeh barree
      case 0x0626:  // yeh with hamza
        c = 0x064A;
        break;
      case 0x06A9:  // keheh (Persian kaf)
        c = 0x0643;
        break;
      case 0x06C0:  // heh with yeh above
      case 0x06C1:  // heh goal
        c = 0x0647;
        break;
      case 0x0624:  // waw with hamza
        c = 0x0648;
        break;
      default:
        break;
    }
    out.push_back(c);
  }
  return out;
}

std::u32string NormalizeHebrewWord(std::u32string_view word) {
  std::u32string out;
  out.reserve(word.size());
  for (char32_t c : word) {
    if (c >= 0x0591 && c <= 0x05C7 && c != 0x05BE) continue;  // points
    if (c == 0x05F3 || c == 0x05F4 || c == U'\'' || c == U'"' || c == 0x200E ||
        c == 0x200F) {
      continue;  // geresh, gershayim
    }
    out.push_back(c);
  }
  return out;
}

std::u32string Utf8ToUtf32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t c = 0;
    if (b < 0x80) {
      len = 1;
      c = b;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2;
      c = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      c = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      c = b & 0x07;
    } else {
      ++i;  // stray continuation or invalid lead byte: skip it
      continue;
    }
    if (i + len > s.size()) break;
    bool ok = true;
    for (int k = 1; k < len; ++k) {
      auto cb = static_cast<unsigned char>(s[i + k]);
      if ((cb & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      c = (c << 6) | (cb & 0x3F);
    }
    if (!ok) {
      ++i;
      continue;
    }
    i += len;
    bool overlong = (len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
                    (len == 4 && c < 0x10000);
    if (overlong || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) continue;
    out.push_back(c);
  }
  return out;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string Utf32ToUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

}  // namespace embargo::internal
