// Parsing the date forms sanctions lists use: "12 Jun 1966", "1966",
// "circa 1966", "Between 1965 and 1969", "12/06/1966", "1966-06-12",
// "Jun 1966", "1965 to 1969", Excel serial numbers.
// Thread-safety: pure functions.
#ifndef EMBARGO_MODEL_DATE_H_
#define EMBARGO_MODEL_DATE_H_

#include <optional>
#include <string_view>

#include "embargo/entity.h"

namespace embargo::internal {

// How to read an all-numeric date such as 03/04/1970.
enum class DateOrder { kDayFirst, kMonthFirst };

// True if the year/month/day exist in the Gregorian calendar (month or day 0
// means unknown and is accepted). Rejects 31 Feb.
bool IsValidPartialDate(int year, int month, int day);

// One date: ISO (YYYY, YYYY-MM, YYYY-MM-DD, with an optional time after "T"),
// "12 Jun 1966", "Jun 1966", "June 12, 1966", "12/06/1966" (per `order`),
// "12.06.1966". Returns nullopt for anything else or an impossible date.
std::optional<PartialDate> ParsePartialDate(
    std::string_view text, DateOrder order = DateOrder::kDayFirst);

// A birth date with qualifiers: the forms above, plus "circa"/"c."/"approx."/
// "about", ranges ("1965 to 1969", "Between 1965 and 1969", "1965-1969").
// `text` of the result is the input trimmed.
std::optional<DateSpec> ParseDateSpec(std::string_view text,
                                      DateOrder order = DateOrder::kDayFirst);

// Excel's 1900 date system serial (45607 -> 2024-11-11).
std::optional<PartialDate> DateFromExcelSerial(double serial);

}  // namespace embargo::internal

#endif  // EMBARGO_MODEL_DATE_H_
