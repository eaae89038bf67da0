#include "model/date.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include "model/ascii.h"

namespace embargo::internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) ||
                        s.front() == ',' || s.front() == '.'))
    s.remove_prefix(1);
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) ||
                        s.back() == ',' || s.back() == '.' || s.back() == ';'))
    s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// Month from an English (or common French/Spanish) name or abbreviation.
int MonthFromName(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "jan", "feb", "mar", "apr", "may", "jun",
      "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string w = AsciiLower(word);
  while (!w.empty() && w.back() == '.') w.pop_back();
  if (w.size() < 3) return 0;
  if (w == "sept") return 9;
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (w.compare(0, 3, kNames[i]) == 0) {
      // Accept the abbreviation or the full English name only.
      static constexpr std::array<std::string_view, 12> kFull = {
          "january",   "february", "march",    "april",
          "may",       "june",     "july",     "august",
          "september", "october",  "november", "december"};
      if (w.size() == 3 || w == kFull[i]) return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::optional<PartialDate> Make(int y, int m, int d) {
  if (y < 1000 || y > 2999) return std::nullopt;
  if (!IsValidPartialDate(y, m, d)) return std::nullopt;
  PartialDate p;
  p.year = static_cast<std::int16_t>(y);
  p.month = static_cast<std::uint8_t>(m);
  p.day = static_cast<std::uint8_t>(d);
  return p;
}

}  // namespace

bool IsValidPartialDate(int year, int month, int day) {
  if (year <= 0 || month < 0 || month > 12 || day < 0 || day > 31) return false;
  if (month == 0) return day == 0;
  if (day == 0) return true;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30,
                                                31, 31, 30, 31, 30, 31};
  if (day > kDays[month - 1]) return false;
  if (month == 2 && day == 29) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap;
  }
  return true;
}

std::optional<PartialDate> ParsePartialDate(std::string_view text,
                                            DateOrder order) {
  std::string_view s = Trim(text);
  if (s.empty()) return std::nullopt;
  // ISO forms, with an optional time part.
  if (size_t t = s.find('T'); t == 10 && s.size() > 10) s = s.substr(0, 10);
  if (s.size() >= 4 && AllDigits(s.substr(0, 4)) &&
      (s.size() == 4 || s[4] == '-')) {
    int y = ToInt(s.substr(0, 4));
    if (s.size() == 4) return Make(y, 0, 0);
    if (s.size() == 7 && AllDigits(s.substr(5, 2)))
      return Make(y, ToInt(s.substr(5, 2)), 0);
    if (s.size() == 10 && s[7] == '-' && AllDigits(s.substr(5, 2)) &&
        AllDigits(s.substr(8, 2)))
      return Make(y, ToInt(s.substr(5, 2)), ToInt(s.substr(8, 2)));
    return std::nullopt;
  }
  // Numeric with / or . separators.
  for (char sep : {'/', '.'}) {
    size_t a = s.find(sep);
    if (a == std::string_view::npos) continue;
    size_t b = s.find(sep, a + 1);
    std::string_view p1 = s.substr(0, a);
    if (b == std::string_view::npos) {
      // "06/1966": month and year.
      std::string_view p2 = s.substr(a + 1);
      // "9 Sep. 1991": an abbreviation's dot, read as words below.
      if (!AllDigits(p1) || !AllDigits(p2)) continue;
      if (p2.size() == 4 && p1.size() <= 2)
        return Make(ToInt(p2), ToInt(p1), 0);
      return std::nullopt;
    }
    std::string_view p2 = s.substr(a + 1, b - a - 1);
    std::string_view p3 = s.substr(b + 1);
    if (!AllDigits(p1) || !AllDigits(p2) || !AllDigits(p3)) continue;
    if (p1.size() == 4)  // 1966/06/12
      return Make(ToInt(p1), ToInt(p2), ToInt(p3));
    if (p3.size() != 4 || p1.size() > 2 || p2.size() > 2) return std::nullopt;
    int x = ToInt(p1), y = ToInt(p2), year = ToInt(p3);
    // dd/mm/yyyy or mm/dd/yyyy; 00 means unknown in some lists.
    return order == DateOrder::kDayFirst ? Make(year, y, x) : Make(year, x, y);
  }
  // Words: "12 Jun 1966", "Jun 1966", "June 12, 1966", "12-Jun-1966".
  std::string words(s);
  for (char& c : words)
    if (c == '-') c = ' ';
  std::vector<std::string_view> w = SplitWords(words);
  if (w.size() == 3) {
    if (AllDigits(w[0]) && MonthFromName(w[1]) && AllDigits(w[2]) &&
        w[2].size() == 4)
      return Make(ToInt(w[2]), MonthFromName(w[1]), ToInt(w[0]));
    if (MonthFromName(w[0]) && AllDigits(w[1]) && AllDigits(w[2]) &&
        w[2].size() == 4)
      return Make(ToInt(w[2]), MonthFromName(w[0]), ToInt(w[1]));
  }
  if (w.size() == 2 && MonthFromName(w[0]) && AllDigits(w[1]) &&
      w[1].size() == 4)
    return Make(ToInt(w[1]), MonthFromName(w[0]), 0);
  return std::nullopt;
}

std::optional<DateSpec> ParseDateSpec(std::string_view text, DateOrder order) {
  std::string_view trimmed = Trim(text);
  if (trimmed.empty()) return std::nullopt;
  DateSpec spec;
  spec.text = std::string(trimmed);
  std::string low = AsciiLower(trimmed);
  std::string_view s = low;
  for (std::string_view prefix :
       {"circa ", "circa", "ca. ", "ca ", "c. ", "c.", "approximately ",
        "approx. ", "approx ", "about ", "around "}) {
    if (s.substr(0, prefix.size()) == prefix) {
      spec.circa = true;
      s.remove_prefix(prefix.size());
      break;
    }
  }
  s = Trim(s);
  if (s.substr(0, 8) == "between ") {
    s.remove_prefix(8);
    size_t and_pos = s.find(" and ");
    if (and_pos == std::string_view::npos) return std::nullopt;
    auto a = ParsePartialDate(s.substr(0, and_pos), order);
    auto b = ParsePartialDate(s.substr(and_pos + 5), order);
    if (!a || !b) return std::nullopt;
    spec.from = *a;
    spec.to = *b;
    return spec;
  }
  for (std::string_view sep : {" to ", " - ", " – ", "-"}) {
    size_t p = s.find(sep);
    if (p == std::string_view::npos) continue;
    // "1965-1969" is a range; "1966-06-12" is not (handled by ISO below).
    if (sep == "-" && !(p == 4 && s.size() == 9)) continue;
    auto a = ParsePartialDate(s.substr(0, p), order);
    auto b = ParsePartialDate(s.substr(p + sep.size()), order);
    if (a && b) {
      spec.from = *a;
      spec.to = *b;
      return spec;
    }
  }
  auto d = ParsePartialDate(s, order);
  if (!d) return std::nullopt;
  spec.from = *d;
  return spec;
}

std::optional<PartialDate> DateFromExcelSerial(double serial) {
  if (!(serial >= 1 && serial < 2958466)) return std::nullopt;
  // Excel counts 1900-02-29, which never existed; serial 60 is that day.
  std::int64_t days = static_cast<std::int64_t>(serial);
  if (days >= 60) days -= 1;
  // Serial 1 is 1900-01-01, i.e. day -25567 from 1970-01-01; then the civil
  // date from the day count (Howard Hinnant's civil_from_days).
  std::int64_t z = days - 25568 + 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  return Make(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

}  // namespace embargo::internal
