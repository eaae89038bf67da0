// Spelling-independent forms of a normalized token, for the variants that
// romanization tables do not list: a phonetic key (w/v, kh/h, q/k, ou/u,
// y/i, doubled letters, -eff/-ev) and, for names written in abjads (Arabic,
// Hebrew, Persian), a consonant skeleton, since those scripts omit short
// vowels and their transliterations show only consonants ("mhmd").
// Thread-safety: pure functions.
#ifndef EMBARGO_NORMALIZE_PHONETIC_H_
#define EMBARGO_NORMALIZE_PHONETIC_H_

#include <string>
#include <string_view>

namespace embargo::internal {

// Lowercase ASCII token -> phonetic key; "" for tokens under 2 letters.
std::string PhoneticKey(std::string_view token);

// Lowercase ASCII token -> its consonants in phonetic spelling, vowels and
// the semivowels w/y dropped, doubles collapsed: muhammad -> mhmd,
// hussein -> hsn. "" when fewer than 2 consonants remain.
std::string ConsonantSkeleton(std::string_view token);
// Both of a token's keys, spelling it once (each spells it anew).
struct PhoneticKeys {
  std::string phonetic;  // PhoneticKey(token)
  std::string skeleton;  // ConsonantSkeleton(token)
};
// (The reference stays valid until this thread's next call.)
const PhoneticKeys& PhoneticKeysOf(std::string_view token);

// True for a token written without its vowels, as abjad transliterations
// are ("mhmd", "hsyn", "zahd"): at most one vowel in four letters.
bool IsVowelPoor(std::string_view token);

// True when the UTF-8 text contains Han, kana or Hangul: scripts whose
// transliteration yields short syllables where one letter makes another
// name (chen/cheng, jong/jung).
bool HasCjkLetters(std::string_view utf8);

// True when the UTF-8 text contains Arabic-script or Hebrew letters.
bool HasAbjadLetters(std::string_view utf8);

// True for Slavic and Turkic patronymics (-ovich, -evna, -ogly, -kyzy...),
// which one side of a comparison often omits.
bool IsPatronymic(std::string_view token);

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_PHONETIC_H_
