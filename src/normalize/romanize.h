// Romanization keys: the rules behind RomanizationKey() (normalize.h), split
// out so the table loader can key a group's canonical form by the same rules.
// Thread-safety: pure functions; safe from any thread.
#ifndef EMBARGO_NORMALIZE_ROMANIZE_H_
#define EMBARGO_NORMALIZE_ROMANIZE_H_

#include <string>
#include <string_view>

namespace embargo::internal {

struct Tables;

// The key by rules alone (no romanization.txt lookup): Korean syllables,
// else Chinese syllables, else RuleForm().
std::string RuleKey(std::string_view token, const Tables& tables);

// Generic spelling rules for Latin tokens of Arabic, Persian, Russian and
// European names (double letters, x -> ks, w -> v, q -> k, ph -> f, dj/dzh
// -> j, zh -> j, ou/oo -> u, ee -> i, ue/oe/ae -> u/o/a, initial ye -> e, final
// -iy/-ii/-yi/-ij/-y -> -i, -ey/-ej -> -ei, -ay -> -ai, -oy -> -oi, final h
// after a vowel dropped).
std::string RuleForm(std::string_view token);

// Korean: the key when `token` parses entirely as 1-4 romanized Korean
// syllables (RR, McCune-Reischauer without diacritics, or common spellings
// such as Park, Lee, Choi, Oh, Ahn, Young), else false. `shortcut` false
// parses every token its letters allow, for tests: the reference for the
// early refusal of tokens with more vowels apart than syllables.
bool KoreanKey(std::string_view token, std::string* key, bool shortcut = true);

// Chinese: the key when `token` parses entirely as 1-4 pinyin or Wade-Giles
// syllables, else false. Wade-Giles syllables are converted to pinyin first.
bool ChineseKey(std::string_view token, const Tables& tables, std::string* key);

// Wade-Giles syllable (apostrophes already removed) -> pinyin, or "" when it
// is not one; a syllable that is already pinyin is returned as is.
std::string WadeGilesToPinyin(std::string_view syllable, const Tables& tables);

// The key of one pinyin syllable, as the first syllable of a token or not
// (the Korean initial-sound rule only applies to the first).
std::string PinyinSyllableKey(std::string_view pinyin, bool first);

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_ROMANIZE_H_
