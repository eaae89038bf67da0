// Name normalization: turns a name as published or as typed, in any script,
// into Latin ASCII tokens plus romanization keys, so that spellings of one
// name meet. Its knowledge (legal forms, honorifics, generic words,
// particles, romanization variants, Arabic/Hebrew-script given names) lives
// in the data tables in data/, compiled into the library, with their sources
// in data/README.md.
//
// Pipeline of NormalizeName():
//   1. Pure ASCII input is tokenized directly (no ICU).
//   2. Latin with diacritics, fullwidth forms and typographic punctuation are
//      folded by a table (data/latin_fold.txt, no ICU).
//   3. Anything else: ICU NFKC_Casefold, then per script run: Hangul by
//      Revised Romanization syllable by syllable (own code); Han by ICU
//      Han-Latin one character per token; Cyrillic by ICU's BGN/PCGN rules
//      for the language its letters reveal (Russian, Ukrainian, Belarusian,
//      Serbian, Kazakh); Arabic-script and Hebrew words by the given-name
//      table, else letter rules (Arabic) or ICU Hebrew-Latin; Greek, Georgian,
//      Armenian, Thai, Devanagari, kana by ICU (UNGEGN/BGN where ICU has
//      them); other scripts by ICU Any-Latin. The Latin result is folded to
//      ASCII by the table.
//   4. Tokens: apostrophes join (KY'ONG -> kyong), hyphens and other
//      punctuation split, dotted abbreviations join (S.A. -> sa, U.S.A. ->
//      usa) unless they are one or two initials (J.R. -> j r).
//   5. "Last, First" reordering, then roles and keys from the tables.
//
// Thread-safety: every function here is safe to call from many threads at
// once. The tables are built once (on first use, thread-safe); ICU
// transliterators are created once as prototypes and cloned per thread.
#ifndef EMBARGO_NORMALIZE_NORMALIZE_H_
#define EMBARGO_NORMALIZE_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embargo::internal {

// What a token contributes to identifying a name.
enum class TokenRole : std::uint8_t {
  kName = 0,       // an ordinary name token
  kInitial = 1,    // a single letter, e.g. "J" in "George W. Bush"
  kLegalForm = 2,  // ltd, llc, gmbh, ooo, "sa de cv", jsc, co, corp, ...
  kHonorific = 3,  // mr, dr, sheikh, haji, general, ...; also jr, sr, iii
  kGeneric = 4,    // trading, international, group, the, of, ...
  kParticle = 5,   // al, el, bin, ibn, de, van (abu is a name part)
  kNumber = 6,     // digits
};

struct NameToken {
  std::string
      text;  // lowercase ASCII letters/digits: "kyongsu" -> "kyong","su"
  // The romanization key: variants of one name syllable or word share it,
  // e.g. chong/jong/jeong, pak/park/bak, ri/li/yi/lee/rhee, kim/gim,
  // muhammad/mohammed/mohamed, valery/valeriy/valerii, hsi/xi. Keys are
  // opaque strings, only compared with each other (they may differ from
  // every spelling, e.g. the key of jong is "jong" but of kim "gim"). For a
  // name token: RomanizationKey(text). For tables' tokens: the table's
  // canonical form (limited -> "ltd", shaikh -> "sheikh", al/el/ash -> "al",
  // ibn/ben -> "bin"). Initials and numbers: the text.
  std::string key;
  TokenRole role = TokenRole::kName;
};

struct NormalizedName {
  // Tokens in reading order; "MADURO MOROS, Nicolas" becomes
  // nicolas maduro moros. Multi-word legal forms ("sa de cv", "limited
  // liability company") become consecutive kLegalForm tokens.
  std::vector<NameToken> tokens;
  bool transliterated = false;  // the input had non-Latin letters
  // ArabicLetterForms() of the input, read off the same transliteration
  // (a second pass through ICU was 7% of screening an Arabic-script name).
  std::vector<std::pair<std::string, std::string>> arabic_forms;
};

// NFKC, case folding, transliteration of any script to Latin, ASCII
// folding, punctuation removal (apostrophes join: KY'ONG -> kyong; hyphens
// split: KYONG-SU -> kyong su), "Last, First" reordering, and token roles
// and keys from the tables. Never fails: unknown characters are dropped, and
// invalid UTF-8 bytes are skipped.
// Idempotent: normalizing the tokens' texts joined by spaces gives the same
// tokens, roles and keys again.
NormalizedName NormalizeName(std::string_view utf8);

// NormalizeName(utf8).tokens.size(). The name is kept for this thread's next
// NormalizeName() of the same text, which then costs a comparison: a caller
// that checks a name's length in tokens before matching it (ValidateQuery)
// normalizes it once.
size_t CountNameTokens(std::string_view utf8);

// The whole string in lowercase Latin ASCII tokens joined by single spaces,
// in input order (no reordering, no roles), e.g. "김정은" -> "gim jeong eun",
// "Владимир" -> "vladimir", "KY'ONG-SU" -> "kyong su". Never fails.
std::string ToLatin(std::string_view utf8);

// The romanization key of one already-normalized token (lowercase ASCII, as
// in NameToken::text; other characters are ignored). Variants listed in
// data/romanization.txt share the key of their group; otherwise, in order:
// Korean syllable rules when the token parses entirely as romanized Korean
// syllables (voicing/aspiration classes k/g, t/d, p/b, ch/j, s/sh and r/l
// collapsed; eo/o/u/eu/oo collapsed, ae/e, yeo/yo/yu, oe/oi/wae/we; a
// leading r/l before i/y dropped), Chinese syllable rules when it parses as
// pinyin or Wade-Giles syllables (Wade-Giles converted to pinyin, then the
// same consonant and vowel classes), else generic spelling rules (double
// letters, x -> ks, w -> v, q -> k, ou/oo -> u, ee -> i, final -iy/-ii/-y
// -> -i, -ey -> -ei, initial ye -> e, ...). Arabic names with the abd-
// prefix written as one word (abdurrahman, abdelaziz) get "abd" followed by
// the key of the rest, and -allah/-uddin compounds (nasrullah, saifuddin)
// the key of the stem followed by that of allah/din, so they meet "abd" +
// "rahman" or "nasr" + "allah" when a matcher merges adjacent tokens' keys.
// Keys of recent tokens are memoized per thread (16384 slots, about 1 MiB
// per thread).
std::string RomanizationKey(std::string_view token);
// The same key through a memo of its own (4096 slots a thread): for text
// that seldom recurs (two query words spelled together, new in nearly
// every row of a customer file), which would only push the words that do
// recur out of RomanizationKey()'s memo.
std::string RomanizationKeyOfNew(std::string_view token);

// "name", "initial", "legal", "honorific", "generic", "particle", "number".
std::string_view TokenRoleName(TokenRole role);

}  // namespace embargo::internal

#endif  // EMBARGO_NORMALIZE_NORMALIZE_H_
