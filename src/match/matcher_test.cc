#include "match/matcher.h"

#include <gtest/gtest.h>

namespace embargo::internal {
namespace {

NameToken Tok(std::string text, TokenRole role = TokenRole::kName) {
  NameToken t;
  t.key = RomanizationKey(text);
  t.text = std::move(text);
  t.role = role;
  return t;
}

ListedToken Info(std::string text, TokenRole role = TokenRole::kName) {
  ListedToken t;
  t.key = RomanizationKey(text);
  t.text = std::move(text);
  t.role = role;
  return t;
}

TEST(TokenSimilarityTest, Methods) {
  const char* method = nullptr;
  EXPECT_EQ(TokenSimilarity(Tok("habbash"), Info("habbash"), &method), 1.0);
  EXPECT_STREQ(method, "exact");
  EXPECT_EQ(TokenSimilarity(Tok("chong"), Info("jong"), &method), 0.95);
  EXPECT_STREQ(method, "romanization");
  EXPECT_EQ(TokenSimilarity(Tok("w", TokenRole::kInitial), Info("walker"), &method),
            0.8);
  EXPECT_STREQ(method, "initial");
  EXPECT_GT(TokenSimilarity(Tok("mohamad"), Info("mohammad"), &method), 0.9);
  // Too different to be evidence.
  EXPECT_EQ(TokenSimilarity(Tok("bush"), Info("habbash")), 0.0);
  // Short tokens need exact or romanization equality.
  EXPECT_EQ(TokenSimilarity(Tok("kin"), Info("kam")), 0.0);
}

}  // namespace
}  // namespace embargo::internal
