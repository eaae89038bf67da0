#include "trade/hs_code.h"

#include <algorithm>

namespace embargo::internal {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

bool ValidPatternLength(size_t n) {
  return n == 2 || n == 4 || n == 6 || n == 8 || n == 10;
}

}  // namespace

std::optional<std::string> NormalizeDeclaredHs(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != '.' && c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  if (digits.size() < 6 || digits.size() > 10) return std::nullopt;
  return digits;
}

std::optional<HsPattern> ParseHsPattern(std::string_view text) {
  HsPattern p;
  p.text = std::string(text);
  size_t dash = text.find('-');
  std::string_view a = text.substr(0, dash);
  std::string_view b =
      dash == std::string_view::npos ? a : text.substr(dash + 1);
  auto strip = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (c != '.' && c != ' ') out += c;
    return out;
  };
  p.from = strip(a);
  p.to = strip(b);
  if (!AllDigits(p.from) || !AllDigits(p.to)) return std::nullopt;
  if (!ValidPatternLength(p.from.size()) || p.from.size() != p.to.size())
    return std::nullopt;
  if (p.to < p.from) return std::nullopt;
  return p;
}

HsMatch MatchHs(std::string_view declared, const HsPattern& pattern) {
  const size_t n = pattern.from.size();
  if (declared.size() >= n) {
    std::string_view head = declared.substr(0, n);
    return head >= pattern.from && head <= pattern.to ? HsMatch::kFull
                                                      : HsMatch::kNone;
  }
  // The declared code is shorter: compare on its length.
  const size_t m = declared.size();
  std::string_view lo = std::string_view(pattern.from).substr(0, m);
  std::string_view hi = std::string_view(pattern.to).substr(0, m);
  return declared >= lo && declared <= hi ? HsMatch::kPartial : HsMatch::kNone;
}

std::string FormatHs(std::string_view digits) {
  if (digits.size() <= 4) return std::string(digits);
  std::string out(digits.substr(0, 4));
  out += '.';
  out += digits.substr(4, 2);
  for (size_t i = 6; i < digits.size(); i += 2) {
    out += '.';
    out += digits.substr(i, 2);
  }
  return out;
}

}  // namespace embargo::internal
