#include "trade/hs_code.h"

#include <gtest/gtest.h>

namespace embargo::internal {
namespace {

TEST(HsCodeTest, NormalizeDeclaredAcceptsSixToTenDigitsWithSeparators) {
  EXPECT_EQ(NormalizeDeclaredHs("2701.12"), "270112");
  EXPECT_EQ(NormalizeDeclaredHs("2701 12 00"), "27011200");
  EXPECT_EQ(NormalizeDeclaredHs("8703.23.0190"), "8703230190");
  EXPECT_EQ(NormalizeDeclaredHs("0306-14"), "030614");
  EXPECT_FALSE(NormalizeDeclaredHs("2701"));         // heading only
  EXPECT_FALSE(NormalizeDeclaredHs("27011200000"));  // 11 digits
  EXPECT_FALSE(NormalizeDeclaredHs("27A112"));
  EXPECT_FALSE(NormalizeDeclaredHs(""));
}

TEST(HsCodeTest, ParsePatternChaptersHeadingsSubheadingsAndRanges) {
  auto chapter = ParseHsPattern("84");
  ASSERT_TRUE(chapter);
  EXPECT_EQ(chapter->from, "84");
  EXPECT_EQ(chapter->to, "84");
  auto range = ParseHsPattern("72-83");
  ASSERT_TRUE(range);
  EXPECT_EQ(range->from, "72");
  EXPECT_EQ(range->to, "83");
  auto dotted = ParseHsPattern("2710.12");
  ASSERT_TRUE(dotted);
  EXPECT_EQ(dotted->from, "271012");
  EXPECT_FALSE(ParseHsPattern("271"));      // odd length
  EXPECT_FALSE(ParseHsPattern("83-72"));    // backwards
  EXPECT_FALSE(ParseHsPattern("72-8301"));  // mixed lengths
  EXPECT_FALSE(ParseHsPattern("x1"));
}

TEST(HsCodeTest, MatchFullPartialAndNone) {
  auto range = *ParseHsPattern("86-89");
  EXPECT_EQ(MatchHs("870323", range), HsMatch::kFull);
  EXPECT_EQ(MatchHs("860110", range), HsMatch::kFull);
  EXPECT_EQ(MatchHs("890110", range), HsMatch::kFull);
  EXPECT_EQ(MatchHs("850110", range), HsMatch::kNone);
  EXPECT_EQ(MatchHs("900110", range), HsMatch::kNone);
  auto sub = *ParseHsPattern("27101941");
  EXPECT_EQ(MatchHs("271019", sub), HsMatch::kPartial);
  EXPECT_EQ(MatchHs("27101941", sub), HsMatch::kFull);
  EXPECT_EQ(MatchHs("27101943", sub), HsMatch::kNone);
  EXPECT_EQ(MatchHs("271012", *ParseHsPattern("2710")), HsMatch::kFull);
}

TEST(HsCodeTest, Format) {
  EXPECT_EQ(FormatHs("270112"), "2701.12");
  EXPECT_EQ(FormatHs("8703230190"), "8703.23.01.90");
  EXPECT_EQ(FormatHs("8703"), "8703");
}

}  // namespace
}  // namespace embargo::internal
