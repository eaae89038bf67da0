#include "match/matcher.h"

#include "normalize/phonetic.h"

#include <gtest/gtest.h>

namespace embargo::internal {
namespace {

PreparedToken Tok(std::string text, TokenRole role = TokenRole::kName) {
  PreparedToken p;
  p.token.key = RomanizationKey(text);
  p.phonetic = PhoneticKey(text);
  p.skeleton = ConsonantSkeleton(text);
  p.token.text = std::move(text);
  p.token.role = role;
  return p;
}

ListedToken Info(std::string text, TokenRole role = TokenRole::kName) {
  ListedToken t;
  t.key = RomanizationKey(text);
  t.phonetic = PhoneticKey(text);
  t.skeleton = ConsonantSkeleton(text);
  t.text = std::move(text);
  t.role = role;
  return t;
}

TEST(TokenSimilarityTest, Methods) {
  const char* method = nullptr;
  EXPECT_EQ(TokenSimilarity(Tok("habbash"), Info("habbash"), false, &method), 1.0);
  EXPECT_STREQ(method, "exact");
  EXPECT_EQ(TokenSimilarity(Tok("chong"), Info("jong"), false, &method), 0.95);
  EXPECT_STREQ(method, "romanization");
  EXPECT_EQ(TokenSimilarity(Tok("w", TokenRole::kInitial), Info("walker"), false, &method),
            0.8);
  EXPECT_STREQ(method, "initial");
  EXPECT_GT(TokenSimilarity(Tok("mohamad"), Info("mohammad"), false, &method), 0.9);
  // Too different to be evidence.
  EXPECT_EQ(TokenSimilarity(Tok("bush"), Info("habbash"), false), 0.0);
  // Short tokens need exact or romanization equality.
  EXPECT_EQ(TokenSimilarity(Tok("kin"), Info("kam"), false), 0.0);
}

}  // namespace
}  // namespace embargo::internal
