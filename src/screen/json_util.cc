#include "screen/json_util.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

namespace embargo::internal {

namespace {

// The length of the well-formed UTF-8 sequence that starts `s` (Unicode
// Table 3-7), or 0. Checking only the continuation bytes is not enough:
// overlong forms (C0 80), surrogates (ED A0 80) and code points past
// U+10FFFF (F4 90.., F5..F7 leads) are ill-formed too, and JSON parsers
// reject a document holding them (found by fuzz/fuzz_screen_csv.cc).
size_t WellFormedUtf8Length(std::string_view s) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(0);
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() < len || byte(1) < lo || byte(1) > hi) return 0;
  for (size_t k = 2; k < len; ++k)
    if ((byte(k) & 0xC0) != 0x80) return 0;
  return len;
}

// The bytes a JSON string holds as they are: not a control character, a
// quote, a backslash or a byte of a multibyte sequence (checked apart). A
// table: names are short, so most bytes are looked at one at a time (the
// four comparisons a byte it replaced were 0.7% of a /search request).
constexpr std::array<bool, 256> kPlainByte = [] {
  std::array<bool, 256> plain{};
  for (int b = 0x20; b < 0x80; ++b) plain[b] = b != '"' && b != '\\';
  return plain;
}();

}  // namespace

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    // Most names need no escaping: their plain runs are copied whole.
    size_t plain = i;
    // Eight bytes at a time while none needs a look (SWAR: a byte below
    // 0x20, at or past 0x80, a quote or a backslash sets its high bit).
    for (std::uint64_t w; plain + 8 <= s.size(); plain += 8) {
      std::memcpy(&w, s.data() + plain, 8);
      constexpr std::uint64_t kOnes = 0x0101010101010101, kHigh = kOnes * 0x80;
      auto zero_byte = [&](std::uint64_t x) {
        return (x - kOnes) & ~x & kHigh;
      };
      if (((w | zero_byte(w & ~(kOnes * 0x1F))) |  // high bit, or below 0x20
           zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\'))) &
          kHigh)
        break;
    }
    while (plain < s.size() && kPlainByte[static_cast<unsigned char>(s[plain])])
      ++plain;
    out->append(s.substr(i, plain - i));
    i = plain;
    if (i == s.size()) break;
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out->append(buf);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    size_t len = WellFormedUtf8Length(s.substr(i));
    if (len > 0) {
      out->append(s.substr(i, len));
      i += len;
    } else {
      out->append("\xEF\xBF\xBD");
      ++i;
    }
  }
  out->push_back('"');
}

void AppendScore(std::string* out, double v) {
  if (!std::isfinite(v)) v = 0;
  // Scores and weights, below 1000 and not negative: the nearest number of
  // ten-thousandths, unless the product is within a millionth of a tie
  // (0.03125 is one, which printf rounds to even), where its rounding error
  // (under 1e-9 here) could decide. to_chars was a twentieth of a /search
  // request's instructions.
  if (v >= 0 && v < 1000) {
    const double scaled = v * 10000;
    const double whole = std::floor(scaled);
    const double frac = scaled - whole;
    if (std::fabs(frac - 0.5) > 1e-6) {
      const auto k = static_cast<std::uint32_t>(whole) + (frac > 0.5 ? 1u : 0u);
      char buf[16];
      auto* end = std::to_chars(buf, buf + sizeof buf, k / 10000).ptr;
      if (std::uint32_t f = k % 10000; f != 0) {
        *end++ = '.';
        for (std::uint32_t d = 1000; f != 0; d /= 10) {
          *end++ = static_cast<char>('0' + f / d);
          f %= d;
        }
      }
      out->append(buf, end);
      return;
    }
  }
  // to_chars rounds as printf's "%.4f" does, without its locale and
  // stream machinery (a /search answer holds some hundred numbers). The
  // buffer holds any double: 309 digits, the sign and ".0000".
  char buf[320];
  auto n =
      std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 4).ptr -
      buf;
  while (n > 1 && buf[n - 1] == '0') --n;
  if (n > 1 && buf[n - 1] == '.') --n;
  out->append(buf, n);
}

void AppendCsvField(std::string* out, std::string_view s) {
  bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendExplanationJson(std::string* out, const Explanation& ex,
                           std::string_view leading_fields) {
  out->push_back('{');
  if (!leading_fields.empty()) {
    out->append(leading_fields);
    out->push_back(',');
  }
  out->append("\"name_score\":");
  AppendScore(out, ex.name_score);
  out->append(",\"tokens\":[");
  for (size_t i = 0; i < ex.tokens.size(); ++i) {
    const TokenAlignment& t = ex.tokens[i];
    if (i) out->push_back(',');
    out->append("{\"query\":");
    AppendJsonString(out, t.query_token);
    out->append(",\"listed\":");
    AppendJsonString(out, t.listed_token);
    out->append(",\"similarity\":");
    AppendScore(out, t.similarity);
    out->append(",\"weight\":");
    AppendScore(out, t.weight);
    out->append(",\"method\":");
    AppendJsonString(out, t.method);
    out->push_back('}');
  }
  out->append("],\"unmatched_query\":[");
  for (size_t i = 0; i < ex.unmatched_query_tokens.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonString(out, ex.unmatched_query_tokens[i]);
  }
  out->append("],\"unmatched_listed\":[");
  for (size_t i = 0; i < ex.unmatched_listed_tokens.size(); ++i) {
    if (i) out->push_back(',');
    AppendJsonString(out, ex.unmatched_listed_tokens[i]);
  }
  out->append("],\"features\":[");
  for (size_t i = 0; i < ex.features.size(); ++i) {
    const FeatureContribution& f = ex.features[i];
    if (i) out->push_back(',');
    out->append("{\"feature\":");
    AppendJsonString(out, f.feature);
    out->append(",\"delta\":");
    if (f.delta < 0) {
      out->push_back('-');
      AppendScore(out, -f.delta);
    } else {
      AppendScore(out, f.delta);
    }
    out->append(",\"detail\":");
    AppendJsonString(out, f.detail);
    out->push_back('}');
  }
  out->append("]}");
}

}  // namespace embargo::internal
