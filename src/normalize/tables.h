// The normalization tables (data/*.txt compiled in as text), parsed once
// into lookup structures.
// Thread-safety: GetTables() and GetHanReadings() build their tables on
// first use (function-local statics, so thread-safe) and return const
// references that are safe to read from any number of threads.
#ifndef EMBARGO_NORMALIZE_TABLES_H_
#define EMBARGO_NORMALIZE_TABLES_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "normalize/normalize.h"

namespace embargo::internal {

// Transparent hash for string_view lookups. Deliberately not noexcept:
// libstdc++ then caches each node's hash code, so a lookup compares hash codes
// before strings and never rehashes neighbours' keys while scanning a bucket.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>{}(s);
  }
};
template <typename V>
using StringMap =
    std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// One variant of a table entry: its tokens and the entry's canonical form.
struct Phrase {
  std::vector<std::string> tokens;
  std::string canonical;
  // Joined length of the tokens <= 2 ("sa", "a s", "ag"): such a legal form
  // only counts at a name's start or end or next to another legal form.
  bool is_short = false;
};

// Phrases indexed by their first token, longest first.
struct PhraseTable {
  StringMap<std::vector<Phrase>> by_first;
  // Number of tokens of the longest phrase matching `tokens` at `pos`, or 0;
  // `*phrase` is set to it.
  int Match(const std::vector<std::string_view>& tokens, std::size_t pos,
            const Phrase** phrase) const;
  std::size_t size() const;  // number of phrases
};

// Longest phrase of `list` (phrases sharing a first token, longest first)
// matching `tokens` at `pos`: its length, or 0.
int MatchPhrases(const std::vector<Phrase>& list,
                 const std::vector<std::string_view>& tokens, std::size_t pos,
                 const Phrase** phrase);

enum class ParticleClass : std::uint8_t {
  kArticle,    // al, el, ul: before another token
  kSun,        // ad, ash, as, an...: next token starts with the consonant
  kPatronym,   // bin, ibn, ben: neither first nor last
  kNobiliary,  // de, van, von: before another token
  kShort,      // da, di, do, du, la, le: neither first nor last
};

struct Particle {
  std::string key;
  ParticleClass cls;
};

// Everything the tables know about one token, found with one lookup.
struct TokenInfo {
  const std::vector<Phrase>* legal = nullptr;  // phrases starting here
  const std::vector<Phrase>* honorific = nullptr;
  const std::vector<Phrase>* suffix = nullptr;
  const std::vector<Phrase>* generic = nullptr;
  const Particle* particle = nullptr;
};

// Latin fold of one code point; see data/latin_fold.txt.
struct Fold {
  std::uint32_t offset = 0;  // into Tables::fold_pool
  std::uint8_t length = 0;
  bool present = false;
};

struct Tables {
  // Code points below kFoldDirect are looked up in fold_direct, others in
  // fold_other.
  static constexpr char32_t kFoldDirect = 0x3000;
  std::vector<Fold> fold_direct;
  std::unordered_map<char32_t, Fold> fold_other;
  std::string fold_pool;

  PhraseTable legal;
  StringSet legal_single;  // single-token legal forms ("sa", "llc"): a
                           // dotted abbreviation that spells one stays joined
  PhraseTable honorific_prefix;
  PhraseTable honorific_suffix;
  PhraseTable generic;
  StringMap<Particle> particles;
  StringMap<TokenInfo> token_info;  // union of the five tables above

  // romanization.txt: variant (as written and after the generic rules) ->
  // key of the group.
  StringMap<std::string> romanization;
  std::size_t romanization_groups = 0;
  std::size_t romanization_variants = 0;

  StringSet pinyin;
  // Pinyin and Wade-Giles syllable spellings with their keys, in a trie
  // (26-way nodes) so a parse finds every syllable starting at a position
  // in one walk, without hashing substrings.
  struct ChineseSyllable {
    std::string pinyin;
    std::string key_first;  // as a token's first syllable
    std::string key_rest;
  };
  std::vector<ChineseSyllable> chinese;
  struct TrieNode {
    std::array<std::int32_t, 26> next;
    std::int32_t syllable = -1;  // index into `chinese`, or -1
  };
  std::vector<TrieNode> chinese_trie;  // node 0 is the root
  void AddChineseSyllable(std::string_view spelling, ChineseSyllable s);

  // script_names.txt: normalized Arabic-script or Hebrew word (or two words
  // joined by a space, and the same without the space) -> Latin.
  StringMap<std::string> script_names;
  std::size_t script_name_entries = 0;

  // Returns nullptr when the code point is not in the table.
  const Fold* FindFold(char32_t c) const {
    if (c < kFoldDirect) {
      const Fold& f = fold_direct[c];
      return f.present ? &f : nullptr;
    }
    auto it = fold_other.find(c);
    return it == fold_other.end() ? nullptr : &it->second;
  }
  std::string_view FoldText(const Fold& f) const {
    return std::string_view(fold_pool).substr(f.offset, f.length);
  }
};

const Tables& GetTables();

// data/han_readings.txt: ICU's Han-Latin reading of each Han character of
// U+3000..U+9FFF, and Han-Latin/Names' for a name's first character (its
// surname) where it differs.
struct HanReadings {
  static constexpr char32_t kFirst = 0x3000, kLast = 0x9FFF;
  std::vector<std::u32string> readings;  // readings[0] is empty: none
  std::vector<std::uint16_t> base;       // into readings, from kFirst on
  std::unordered_map<char32_t, std::uint16_t> names;
  // Empty where the table has no reading (TransliterateToAscii() then asks
  // ICU).
  std::u32string_view Find(char32_t c, bool first) const {
    if (first) {
      if (auto it = names.find(c); it != names.end())
        return readings[it->second];
    }
    return c >= kFirst && c <= kLast ? readings[base[c - kFirst]]
                                     : std::u32string_view();
  }
};

// Apart from GetTables(): only a Han character needs it (a few
// milliseconds to parse; compiling ICU's Han-Latin takes about 80).
const HanReadings& GetHanReadings();

// Tokenizes ASCII text (any case) the way names are tokenized, without
// roles: used by NormalizeName() and for the tables' own entries. Appends
// the tokens (text only) to `*tokens` and, for each, the index of the
// comma-separated part it came from to `*segments`. `legal_single` says
// which joined dotted abbreviations stay one token (nullptr: all do).
void TokenizeAscii(std::string_view ascii, const StringSet* legal_single,
                   std::vector<NameToken>* tokens, std::vector<int>* segments);

// Normalizes one Arabic-script word for the script_names lookup: drops
// harakat, tatweel and joiners; unifies alef, yeh, kaf, heh variants.
std::u32string NormalizeArabicWord(std::u32string_view word);
// Drops Hebrew points and geresh.
std::u32string NormalizeHebrewWord(std::u32string_view word);

std::u32string Utf8ToUtf32(std::string_view utf8);
void AppendUtf8(char32_t c, std::string* out);
std::string Utf32ToUtf8(std::u32string_view s);

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_TABLES_H_
