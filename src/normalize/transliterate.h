// Transliteration of any script to lowercase ASCII text (letters, digits,
// spaces and the punctuation the tokenizer cares about: ' . , -), the first
// step of NormalizeName() for non-ASCII input.
// Thread-safety: safe from many threads. ICU transliterators are created
// once per process as prototypes (under std::call_once) and cloned once per
// thread; each thread only ever uses its own clones.
#ifndef EMBARGO_NORMALIZE_TRANSLITERATE_H_
#define EMBARGO_NORMALIZE_TRANSLITERATE_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embargo::internal {

// True when every byte is ASCII: such input skips this step entirely.
// Eight bytes at a time: every name a search or a screened row reads is
// asked, some names three times.
inline bool IsAscii(std::string_view s) {
  std::uint64_t high = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    high |= w;
  }
  for (; i < s.size(); ++i) high |= static_cast<unsigned char>(s[i]);
  return (high & 0x8080808080808080ull) == 0;
}

// Appends the ASCII rendering of `utf8` to `*out`. Latin text (any
// diacritics, fullwidth forms, typographic apostrophes and dashes) is folded
// by data/latin_fold.txt without ICU; other scripts go through ICU (see
// normalize.h for which transliterator each script gets). Sets
// `*transliterated` when a non-Latin letter was seen. Never fails: what no
// rule covers is dropped. When `arabic_forms` is given, appends to it what
// ArabicLetterForms(utf8) returns, from the same pass. A run of a script
// ICU transliterates goes a word at a time, each word remembered per thread
// (the rules never look across words); `whole_runs` passes each run to ICU
// whole instead: the reference the tests hold the words against.
void TransliterateToAscii(
    std::string_view utf8, std::string* out, bool* transliterated,
    std::vector<std::pair<std::string, std::string>>* arabic_forms = nullptr,
    bool whole_runs = false);

// For the Arabic-script words of `utf8`, each single token their
// transliteration yields (from the name table or letter by letter) with
// the word's letters as written: consonants and long vowels, no vowel
// guessed ("حسن" -> {"hassan", "hsn"}, "دلاور" -> {"dalawr", "dlawr"}).
// Two-word table names (عبد الله) and multi-token spellings are left out.
std::vector<std::pair<std::string, std::string>> ArabicLetterForms(
    std::string_view utf8);

// Revised Romanization of one precomposed Hangul syllable (U+AC00..U+D7A3),
// as a standalone syllable: 김 -> "gim", 박 -> "bak", 은 -> "eun", 리 -> "ri".
std::string RomanizeHangulSyllable(char32_t syllable);

// Creates every transliterator prototype now (Han-Latin's rules, for the
// characters data/han_readings.txt lacks, take about 80 ms to compile), so
// that no query pays for it later.
void PrepareTransliterators();

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_TRANSLITERATE_H_
