#include "model/date.h"

#include <gtest/gtest.h>

namespace embargo::internal {
namespace {

std::string P(std::string_view s, DateOrder o = DateOrder::kDayFirst) {
  auto d = ParsePartialDate(s, o);
  return d ? d->ToString() : "none";
}
std::string S(std::string_view s) {
  auto d = ParseDateSpec(s);
  return d ? d->ToString() : "none";
}

TEST(DateTest, SingleDates) {
  EXPECT_EQ(P("1966-06-12"), "1966-06-12");
  EXPECT_EQ(P("2026-02-27T00:00:09.554Z"), "2026-02-27");
  EXPECT_EQ(P("1966"), "1966");
  EXPECT_EQ(P("1966-06"), "1966-06");
  EXPECT_EQ(P("12 Jun 1966"), "1966-06-12");
  EXPECT_EQ(P("12 June 1966"), "1966-06-12");
  EXPECT_EQ(P("June 12, 1966"), "1966-06-12");
  EXPECT_EQ(P("Jun 1966"), "1966-06");
  EXPECT_EQ(P("12/06/1966"), "1966-06-12");
  EXPECT_EQ(P("06/12/1966", DateOrder::kMonthFirst), "1966-06-12");
  EXPECT_EQ(P("00/00/1981"), "1981");
  EXPECT_EQ(P("12.06.1966"), "1966-06-12");
  EXPECT_EQ(P("01-Jan-1965"), "1965-01-01");
  // A month abbreviation's dot is not a numeric separator (AU DFAT writes
  // dates this way).
  EXPECT_EQ(P("9 Sep. 1991"), "1991-09-09");
  EXPECT_EQ(P("Jan. 12, 1966"), "1966-01-12");
}

TEST(DateTest, ImpossibleDatesAreRejected) {
  EXPECT_EQ(P("31 Feb 1970"), "none");
  EXPECT_EQ(P("1970-02-31"), "none");
  EXPECT_EQ(P("29/02/1971"), "none");
  EXPECT_EQ(P("29/02/1972"), "1972-02-29");
  EXPECT_EQ(P("1970-13-01"), "none");
  EXPECT_EQ(P("Junk 1966"), "none");
  EXPECT_EQ(P(""), "none");
}

TEST(DateTest, Qualifiers) {
  EXPECT_EQ(S("circa 1966"), "circa 1966");
  EXPECT_EQ(S("c. 1966"), "circa 1966");
  EXPECT_EQ(S("approximately 1960"), "circa 1960");
  EXPECT_EQ(S("Between 1965 and 1969"), "1965..1969");
  EXPECT_EQ(S("1965 to 1969"), "1965..1969");
  EXPECT_EQ(S("1965-1969"), "1965..1969");
  EXPECT_EQ(S("1966-06-12"), "1966-06-12");
  auto spec = ParseDateSpec(" circa 1966 ");
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->text, "circa 1966");
}

TEST(DateTest, ExcelSerial) {
  EXPECT_EQ(DateFromExcelSerial(45607)->ToString(), "2024-11-11");
  EXPECT_EQ(DateFromExcelSerial(1)->ToString(), "1900-01-01");
  EXPECT_EQ(DateFromExcelSerial(61)->ToString(), "1900-03-01");
  EXPECT_FALSE(DateFromExcelSerial(-3));
}

}  // namespace
}  // namespace embargo::internal
