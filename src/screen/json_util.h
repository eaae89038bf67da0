// Minimal JSON text helpers for the hot output path (one line per screened
// row), where a DOM library would cost more than the screening itself.
// Thread-safety: pure functions.
#ifndef EMBARGO_SCREEN_JSON_UTIL_H_
#define EMBARGO_SCREEN_JSON_UTIL_H_

#include <string>
#include <string_view>

namespace embargo::internal {

// Appends `s` as a JSON string literal (quoted, escaped). Invalid UTF-8
// bytes become U+FFFD so the output is always valid JSON.
void AppendJsonString(std::string* out, std::string_view s);

// Appends a score with 4 decimals, trailing zeros trimmed ("0.93").
void AppendScore(std::string* out, double v);

// Appends `s` as one CSV field, quoted when needed.
void AppendCsvField(std::string* out, std::string_view s);

}  // namespace embargo::internal

#endif  // EMBARGO_SCREEN_JSON_UTIL_H_
