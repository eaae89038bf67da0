// Matching a name token read from an abjad (Arabic, Persian, Pashto, Urdu
// script) against the Latin spellings the lists use. The script writes
// consonants and long vowels (ا و ي) but no short vowels, and one letter
// has several customary Latin spellings (ق q/k/g, ج j/g/dj, ث th/s/t, ذ
// dh/z/d, ض d/z, ظ z/dh/d, ش sh/ch, final ه h or nothing). So:
//
//  - a listed Latin token is reduced to its consonant classes (vowels,
//    w/y/v and doubled letters dropped: "Djouadi" -> JD, "Noorzai" -> NRZ);
//  - a query token transliterated from an abjad yields every class string
//    its letters may stand for ("jawadi" -> JD, GD, JZ, GZ);
//  - a pair whose classes agree is then aligned letter by letter: the Latin
//    short vowels cost nothing (the script does not write them) but every
//    long vowel and consonantal w/y the script does write must appear, in
//    order, as a compatible Latin vowel ("mahmud" meets "mahmoud", not
//    "muhammad").
//
// Thread-safety: pure functions.
#ifndef EMBARGO_NORMALIZE_ABJAD_H_
#define EMBARGO_NORMALIZE_ABJAD_H_

#include <string>
#include <string_view>
#include <vector>

namespace embargo::internal {

// The consonant classes of a lowercase ASCII (Latin) token; "" when it has
// no consonant.
std::string AbjadListedKey(std::string_view latin);

// Every consonant-class string an abjad-transliterated lowercase ASCII token
// may stand for (at most kMaxAbjadKeys, distinct, the plainest first);
// empty when the token has no consonant.
inline constexpr size_t kMaxAbjadKeys = 16;
std::vector<std::string> AbjadQueryKeys(std::string_view token);

// Similarity in [0.855, 0.90] ([0.885, 0.90] for a word of one consonant,
// which has less to tell it apart) of the letters of an abjad-script query word
// (ArabicLetterForms(): consonants and long vowels, none guessed) and a
// Latin listed token whose consonants agree and whose written vowels align
// (see above); 0 otherwise. Only pairs sharing a key can score above 0.
double AbjadSimilarity(std::string_view query, std::string_view listed);

// True when `latin` (one or more tokens) may spell the word whose
// letter-by-letter rendering is `letters`: their consonant classes agree,
// or the rendering has no consonant to tell by. Guards the name table
// against spellings of another language's cognate (عيسى is Isa, not Jesus).
bool SpellingFitsLetters(std::string_view latin, std::string_view letters);

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_ABJAD_H_
