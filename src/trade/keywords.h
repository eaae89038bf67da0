// Goods descriptions against rule keywords: "Frozen snow crabs" meets the
// keyword "crab", "无烟煤 (anthracite)" meets "无烟煤". English words match
// whole tokens (a plural -s/-es/-ies is tolerated); keywords in other
// scripts (Chinese, Korean) match as substrings, since those scripts do not
// separate words with spaces.
// Thread-safety: a built Keyword is immutable; matching is a pure function.
#ifndef EMBARGO_TRADE_KEYWORDS_H_
#define EMBARGO_TRADE_KEYWORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace embargo::internal {

struct Keyword {
  std::string language;  // "en", "zh", "ko", ...
  std::string text;      // as written in the rule file
  // Lowercase ASCII tokens for Latin keywords; empty for substring ones.
  std::vector<std::string> tokens;
  std::string folded;  // lowercased text for substring matching
};

// Builds a keyword; an empty result (no tokens, no text) means the keyword
// had nothing matchable.
Keyword MakeKeyword(std::string language, std::string_view text);

// A description prepared once for many keywords.
struct PreparedText {
  std::vector<std::string> tokens;  // lowercase ASCII alphanumerics
  std::string folded;               // ASCII-lowercased text
};
PreparedText PrepareText(std::string_view text);

bool KeywordMatches(const Keyword& keyword, const PreparedText& text);

// Lowercase ASCII alphanumeric tokens of `text`; Latin letters with
// diacritics are folded to their base letter first (ŏ -> o).
std::vector<std::string> AsciiTokens(std::string_view text);

}  // namespace embargo::internal

#endif  // EMBARGO_TRADE_KEYWORDS_H_
