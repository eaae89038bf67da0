// Minimal JSON text helpers for the hot output path (one line per screened
// row), where a DOM library would cost more than the screening itself.
// Thread-safety: pure functions.
#ifndef EMBARGO_SCREEN_JSON_UTIL_H_
#define EMBARGO_SCREEN_JSON_UTIL_H_

#include <string>
#include <string_view>

#include "embargo/screener.h"

namespace embargo::internal {

// Appends `s` as a JSON string literal (quoted, escaped). Invalid UTF-8
// bytes become U+FFFD so the output is always valid JSON.
void AppendJsonString(std::string* out, std::string_view s);

// Appends a score with 4 decimals, trailing zeros trimmed ("0.93").
void AppendScore(std::string* out, double v);

// Appends `s` as one CSV field, quoted when needed.
void AppendCsvField(std::string* out, std::string_view s);

// Appends an explanation as the JSON object used by `embargo screen` and the
// HTTP API. `leading_fields` (raw JSON members, e.g. "\"list\":\"un_sc\"")
// are written first, inside the same object.
void AppendExplanationJson(std::string* out, const Explanation& ex,
                           std::string_view leading_fields = {});

}  // namespace embargo::internal

#endif  // EMBARGO_SCREEN_JSON_UTIL_H_
