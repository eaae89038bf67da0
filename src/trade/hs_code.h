// Harmonized System codes: normalizing declared codes and matching them
// against rule scopes (chapters, headings, subheadings, national lines, and
// ranges of these).
// Thread-safety: pure functions and plain values.
#ifndef EMBARGO_TRADE_HS_CODE_H_
#define EMBARGO_TRADE_HS_CODE_H_

#include <optional>
#include <string>
#include <string_view>

namespace embargo::internal {

// "2701.12", "2701 12 00", "270112" -> "270112". Dots, spaces and hyphens
// are dropped; nullopt unless 6 to 10 digits remain (the shipment form).
std::optional<std::string> NormalizeDeclaredHs(std::string_view text);

// A rule's HS pattern: a code of 2 (chapter), 4 (heading), 6 (subheading),
// 8 or 10 digits, or a range "72-83" / "8401-8405" of equally long codes.
struct HsPattern {
  std::string from;  // digits
  std::string to;    // == from unless a range
  std::string text;  // as written in the rule file
};

// Nullopt when `text` is not a valid pattern.
std::optional<HsPattern> ParseHsPattern(std::string_view text);

enum class HsMatch {
  kNone = 0,
  // The pattern is more specific than the declared code: the goods may or
  // may not fall under it (e.g. rule 271012, declared 2710).
  kPartial = 1,
  kFull = 2,
};

// How declared digits relate to a pattern.
HsMatch MatchHs(std::string_view declared, const HsPattern& pattern);

// "2701.12" style display of declared digits.
std::string FormatHs(std::string_view digits);

}  // namespace embargo::internal

#endif  // EMBARGO_TRADE_HS_CODE_H_
