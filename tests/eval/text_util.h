// Small text and randomness helpers for building evaluation sets: UTF-8
// decoding, script detection, comparison folding, a minimal CSV reader and
// a seeded generator whose sequence is the same on every platform (the
// standard distributions are not, so sets built from them would differ
// between standard libraries).
// Thread-safety: free functions are pure; an Rng must not be shared between
// threads.
#ifndef EMBARGO_TESTS_EVAL_TEXT_UTIL_H_
#define EMBARGO_TESTS_EVAL_TEXT_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "embargo/status.h"

namespace embargo::eval {

// Decodes UTF-8; invalid bytes become U+FFFD.
std::u32string DecodeUtf8(std::string_view text);
void AppendUtf8(char32_t c, std::string* out);
std::string EncodeUtf8(std::u32string_view text);

enum class Script { kNone, kLatin, kCyrillic, kArabic, kHangul, kHan, kOther };
std::string_view ScriptName(Script script);  // "Latin", "Cyrillic", ...
Script ScriptOf(char32_t c);  // kNone for digits, spaces, punctuation
// The script of most of the letters in `text` (kNone when it has none).
Script DominantScript(std::string_view text);
// True when every letter is Latin (ASCII or accented).
bool IsLatinText(std::string_view text);

// Lower-cases ASCII, removes ASCII punctuation and collapses whitespace:
// "AL-QA'IDA, Inc." -> "alqaida inc". Non-ASCII characters are kept as
// they are.
std::string FoldForCompare(std::string_view text);

// Replaces ASCII punctuation with spaces: "AL-QA'IDA" -> "AL QA IDA".
std::string PunctuationAsSpace(std::string_view text);

// Splits on ASCII whitespace, dropping empty pieces.
std::vector<std::string> SplitWords(std::string_view text);
std::string JoinWords(const std::vector<std::string>& words,
                      std::string_view separator = " ");

// Letters only, lower-cased ASCII (non-ASCII bytes count as letters).
bool IsAsciiAlpha(std::string_view word);
std::string AsciiLower(std::string_view text);
std::string AsciiUpper(std::string_view text);

// Reads an RFC 4180 CSV file (quotes, doubled quotes, CRLF, a leading BOM).
// Lines starting with `comment` (when not 0) outside quotes are skipped, as
// are empty lines. Errors name the file.
Result<std::vector<std::vector<std::string>>> ReadCsv(const std::string& path,
                                                      char comment = 0);

// Reads a file whole.
Result<std::string> ReadFile(const std::string& path);

// SplitMix64: tiny, fast and fully specified, so a seed gives the same sets
// everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  // Uniform in [0, n); n > 0. The modulo bias is negligible for small n.
  size_t Uniform(size_t n) { return static_cast<size_t>(Next() % n); }
  bool Chance(double p) {
    return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p;
  }
  // Fisher-Yates, so the order depends only on the seed.
  template <typename T>
  void Shuffle(std::vector<T>* v) {
    for (size_t i = v->size(); i > 1; --i)
      std::swap((*v)[i - 1], (*v)[Uniform(i)]);
  }

 private:
  std::uint64_t state_;
};

// A seed derived from a base seed and a set name, so adding a set does not
// change the others.
std::uint64_t SeedFor(std::uint64_t base, std::string_view name);

}  // namespace embargo::eval

#endif  // EMBARGO_TESTS_EVAL_TEXT_UTIL_H_
