// Generated variants of listed names, the way customers and other lists
// write them: typos, reordered tokens, a dropped middle name, hyphenated or
// merged given names, and other romanizations of Arabic, Persian, Russian
// and Chinese names. Each generator keeps the letter case style of the
// original and returns "" when it does not apply to the name; `applied`
// (optional) receives what was done, e.g. "transposition in MOHAMMED".
// Thread-safety: pure functions of their arguments; the Rng is the caller's.
#ifndef EMBARGO_TESTS_EVAL_VARIANTS_H_
#define EMBARGO_TESTS_EVAL_VARIANTS_H_

#include <functional>
#include <string>
#include <string_view>

#include "eval/text_util.h"

namespace embargo::eval {

// One substitution, deletion, insertion or transposition in a token of at
// least 6 letters.
std::string TypoVariant(std::string_view name, Rng* rng, std::string* applied);

// "Last, First" <-> "First Last" (persons), or two tokens swapped.
std::string ReorderVariant(std::string_view name, bool person, Rng* rng,
                           std::string* applied);

// Drops one middle token of a name with at least 3 (for "FAMILY, Given
// Middle" forms, a given name other than the first).
std::string DropMiddleVariant(std::string_view name, Rng* rng,
                              std::string* applied);

// Two adjacent short tokens hyphenated or merged: "Kyong Su" -> "Kyong-su"
// or "Kyongsu".
std::string HyphenMergeVariant(std::string_view name, Rng* rng,
                               std::string* applied);

// One or two tokens respelled by a common romanization alternation
// (Mohammed/Muhammad, Yousef/Yusuf, -ov/-off, kh/h, ou/u, dj/j, ...). Only
// tokens for which `may_edit` (lower-case token) is true are changed.
std::string RomanizationVariant(
    std::string_view name,
    const std::function<bool(std::string_view)>& may_edit, Rng* rng,
    std::string* applied);

}  // namespace embargo::eval

#endif  // EMBARGO_TESTS_EVAL_VARIANTS_H_
