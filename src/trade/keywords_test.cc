#include "trade/keywords.h"

#include <gtest/gtest.h>

namespace embargo::internal {
namespace {

bool Matches(std::string_view lang, std::string_view keyword,
             std::string_view text) {
  return KeywordMatches(MakeKeyword(std::string(lang), keyword),
                        PrepareText(text));
}

TEST(KeywordsTest, EnglishWholeWordsWithPlurals) {
  EXPECT_TRUE(Matches("en", "crab", "Frozen snow crabs, 20 kg cartons"));
  EXPECT_TRUE(Matches("en", "anthracite", "ANTHRACITE COAL, lumps"));
  EXPECT_TRUE(Matches("en", "sweater", "knitted sweaters of wool"));
  EXPECT_TRUE(Matches("en", "excavator", "Hydraulic excavator, used"));
  EXPECT_TRUE(Matches("en", "fishery", "fisheries products"));
  EXPECT_TRUE(Matches("en", "box", "boxes"));
  // Whole words only: "coal" is not in "charcoal", "car" not in "carpet".
  EXPECT_FALSE(Matches("en", "coal", "charcoal briquettes"));
  EXPECT_FALSE(Matches("en", "car", "wool carpet"));
}

TEST(KeywordsTest, PhrasesMatchConsecutiveTokens) {
  EXPECT_TRUE(Matches("en", "iron ore", "Iron ore fines 62% Fe"));
  EXPECT_TRUE(Matches("en", "iron ore", "IRON ORES AND CONCENTRATES"));
  EXPECT_FALSE(Matches("en", "iron ore", "ore of iron"));
  EXPECT_TRUE(Matches("en", "jet a-1", "Aviation kerosene JET A-1"));
}

TEST(KeywordsTest, ChineseAndKoreanMatchAsSubstrings) {
  EXPECT_TRUE(Matches("zh", "无烟煤", "朝鲜无烟煤 5000吨"));
  EXPECT_TRUE(Matches("ko", "무연탄", "북한산무연탄"));
  EXPECT_TRUE(Matches("ko", "대게", "냉동 대게 (frozen snow crab)"));
  EXPECT_FALSE(Matches("zh", "煤炭", "煤油"));  // kerosene is not coal
}

TEST(KeywordsTest, AsciiTokensFoldDiacriticsAndJoinApostrophes) {
  EXPECT_EQ(AsciiTokens("Namp'o, Hŭngnam; Wŏnsan"),
            (std::vector<std::string>{"nampo", "hungnam", "wonsan"}));
  EXPECT_EQ(AsciiTokens("Ch\u2019ongjin"),
            std::vector<std::string>{"chongjin"});
  EXPECT_EQ(AsciiTokens("  "), std::vector<std::string>{});
}

}  // namespace
}  // namespace embargo::internal
