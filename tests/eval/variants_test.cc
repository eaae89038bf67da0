#include "eval/variants.h"

#include <gtest/gtest.h>

#include <set>

namespace embargo::eval {
namespace {

// Levenshtein distance with adjacent transpositions (optimal string
// alignment), to check that a typo is exactly one edit.
int Osa(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

TEST(VariantsTest, TypoIsOneEditInALongToken) {
  Rng rng(1);
  std::set<std::string> kinds;
  for (int i = 0; i < 200; ++i) {
    std::string applied;
    std::string v = TypoVariant("ALI MOHAMMED", &rng, &applied);
    ASSERT_EQ(v.rfind("ALI ", 0), 0u) << v;  // the 3-letter token is kept
    EXPECT_EQ(Osa(AsciiLower(v.substr(4)), "mohammed"), 1) << v;
    EXPECT_EQ(AsciiUpper(v), v);
    kinds.insert(applied.substr(0, applied.find(' ')));
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"substitution", "deletion",
                                          "insertion", "transposition"}));
  EXPECT_EQ(TypoVariant("KIM JONG UN", &rng, nullptr), "");
}

TEST(VariantsTest, ReorderTurnsCommaFormsAround) {
  Rng rng(2);
  EXPECT_EQ(ReorderVariant("KIM, Jong Un", true, &rng, nullptr), "Jong Un KIM");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i)
    seen.insert(ReorderVariant("Vladimir PUTIN", true, &rng, nullptr));
  EXPECT_EQ(seen, (std::set<std::string>{"PUTIN, Vladimir", "PUTIN Vladimir"}));
  EXPECT_EQ(ReorderVariant("ACME", false, &rng, nullptr), "");
}

TEST(VariantsTest, DropsOnlyMiddleNames) {
  Rng rng(3);
  EXPECT_EQ(DropMiddleVariant("John Paul Smith", &rng, nullptr), "John Smith");
  EXPECT_EQ(DropMiddleVariant("SMITH, John Paul", &rng, nullptr),
            "SMITH, John");
  EXPECT_EQ(DropMiddleVariant("SMITH, John", &rng, nullptr), "");
  EXPECT_EQ(DropMiddleVariant("John Smith", &rng, nullptr), "");
}

TEST(VariantsTest, HyphenatesOrMergesShortTokens) {
  Rng rng(4);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i)
    seen.insert(HyphenMergeVariant("Kyong Su", &rng, nullptr));
  EXPECT_EQ(seen, (std::set<std::string>{"Kyong-su", "Kyongsu"}));
  seen.clear();
  for (int i = 0; i < 100; ++i)
    seen.insert(HyphenMergeVariant("KYONG SU", &rng, nullptr));
  EXPECT_EQ(seen, (std::set<std::string>{"KYONG-SU", "KYONGSU"}));
  // Not across a comma.
  EXPECT_EQ(HyphenMergeVariant("KIM, Su", &rng, nullptr), "");
}

TEST(VariantsTest, RespellsWithCommonRomanizations) {
  Rng rng(5);
  auto all = [](std::string_view) { return true; };
  std::set<std::string> seen;
  for (int i = 0; i < 300; ++i)
    seen.insert(RomanizationVariant("Mohammed", all, &rng, nullptr));
  EXPECT_EQ(seen, (std::set<std::string>{"Muhammad", "Mohamed", "Mohammad",
                                         "Muhammed", "Mohamad"}));
  EXPECT_EQ(RomanizationVariant("PETROV", all, &rng, nullptr), "PETROFF");
  auto none = [](std::string_view) { return false; };
  EXPECT_EQ(RomanizationVariant("Mohammed", none, &rng, nullptr), "");
}

}  // namespace
}  // namespace embargo::eval
