#include "screen/json_util.h"

#include <cmath>
#include <cstdio>

namespace embargo::internal {

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out->append("\\\""); break;
        case '\\': out->append("\\\\"); break;
        case '\n': out->append("\\n"); break;
        case '\r': out->append("\\r"); break;
        case '\t': out->append("\\t"); break;
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
    int len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = len > 0 && i + len <= s.size();
    for (int k = 1; valid && k < len; ++k)
      valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (valid) {
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
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.4f", v);
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
