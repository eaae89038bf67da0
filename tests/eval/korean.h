// Korean names in Latin letters: splitting romanized tokens into syllables
// (Revised Romanization, McCune-Reischauer without diacritics, the DPRK's
// own spellings and everyday ones such as Park, Lee, Choi), rewriting them
// with the alternations real lists show (ch/j, k/g, t/d, p/b, o/eo, u/eu,
// Ri/Li/Yi/Lee/Rhee, Pak/Park/Bak, Choe/Choi, Jong/Chong/Jeong, Kim/Gim,
// hyphens and merges between given-name syllables), and composing a
// synthetic Hangul rendering (U+AC00 + (initial*21 + vowel)*28 + final).
// The Hangul is a plausible rendering, not an authoritative one: romanized
// Korean loses distinctions (MR o is either of two vowels) that only a
// lexicon of the actual names could restore; common DPRK name syllables are
// looked up in a small table, the rest composed by rule.
// Thread-safety: pure functions; safe from any thread.
#ifndef EMBARGO_TESTS_EVAL_KOREAN_H_
#define EMBARGO_TESTS_EVAL_KOREAN_H_

#include <string>
#include <string_view>
#include <vector>

#include "eval/text_util.h"

namespace embargo::eval {

struct RomanSyllable {
  std::string initial;  // "", "k", "ch", "th", ...
  std::string vowel;    // "a", "eo", "yo", ...
  std::string coda;     // "", "n", "ng", ...
  std::string whole;    // set for everyday spellings parsed whole (park, lee)
  std::string text() const {
    return whole.empty() ? initial + vowel + coda : whole;
  }
};

// Splits a token (any case, letters only) into 1..max_syllables romanized
// Korean syllables, preferring long syllables from the left ("jongun" ->
// jong+un). False when it does not parse.
bool ParseKoreanSyllables(std::string_view token,
                          std::vector<RomanSyllable>* out,
                          size_t max_syllables = 4);

// The Hangul syllable for one romanized syllable: a table of common DPRK
// name syllables, else composed from the jamo the spelling most likely
// stands for.
char32_t SyllableToHangul(const RomanSyllable& syllable);

// A Korean personal name in Hangul, written as Koreans do (family and given
// names together: "RI WON HO" -> "리원호", "KIM, Jong Un" -> "김정은"). The
// family name is the token before a comma, else the first token. Returns ""
// when a token is not romanized Korean.
std::string KoreanNameToHangul(std::string_view name);

// A romanization variant of a Korean name (person or organization) with
// 1-3 alternations applied, keeping the original's letter case style.
// `person` enables the given-name hyphen/space/merge rewrites. `korean`
// says which word positions may be rewritten (others are kept). Returns ""
// when nothing applicable was found. `applied` (optional) receives a short
// description such as "ri->lee; o->eo".
std::string KoreanRomanizationVariant(std::string_view name, bool person,
                                      const std::vector<bool>& korean, Rng* rng,
                                      std::string* applied);

}  // namespace embargo::eval

#endif  // EMBARGO_TESTS_EVAL_KOREAN_H_
