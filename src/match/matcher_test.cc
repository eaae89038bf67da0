#include "match/matcher.h"

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "embargo/entity.h"
#include "index/name_index.h"
#include "normalize/phonetic.h"

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

// ListedToken views strings the index owns; here a deque owns them.
ListedToken Info(const std::string& text, TokenRole role = TokenRole::kName) {
  static std::deque<std::string> strings;
  auto keep = [](std::string s) -> std::string_view {
    return strings.emplace_back(std::move(s));
  };
  ListedToken t;
  t.key = keep(RomanizationKey(text));
  t.phonetic = keep(PhoneticKey(text));
  t.skeleton = keep(ConsonantSkeleton(text));
  t.text = keep(text);
  t.role = role;
  return t;
}

TEST(TokenSimilarityTest, Methods) {
  const char* method = nullptr;
  EXPECT_EQ(TokenSimilarity(Tok("habbash"), Info("habbash"), false, &method),
            1.0);
  EXPECT_STREQ(method, "exact");
  EXPECT_EQ(TokenSimilarity(Tok("chong"), Info("jong"), false, &method), 0.95);
  EXPECT_STREQ(method, "romanization");
  EXPECT_EQ(TokenSimilarity(Tok("w", TokenRole::kInitial), Info("walker"),
                            false, &method),
            0.8);
  EXPECT_STREQ(method, "initial");
  EXPECT_GT(TokenSimilarity(Tok("mohamad"), Info("mohammad"), false, &method),
            0.9);
  // Too different to be evidence.
  EXPECT_EQ(TokenSimilarity(Tok("bush"), Info("habbash"), false), 0.0);
  // Four letters: another consonant is another name, another vowel a
  // transliteration's spelling (Бэч bech / Bach).
  EXPECT_EQ(TokenSimilarity(Tok("emma"), Info("emka"), false), 0.0);
  EXPECT_EQ(TokenSimilarity(Tok("bech"), Info("bach"), false), 0.85);
  // Short tokens need exact or romanization equality.
  EXPECT_EQ(TokenSimilarity(Tok("kin"), Info("kam"), false), 0.0);
}

// Each token takes its own word's letters, in order: the article is "aL"
// before a sun letter (الرحمن) and "al" before a moon letter (الجلاهمة),
// and the second article must not take the first one's letters.
TEST(MatcherPrepareTest, TokensTakeTheirOwnWordsLetters) {
  Entity e;
  e.names.push_back({});
  e.names.back().full = "Abdurrahman Jalahmah";
  std::vector<const Entity*> entities{&e};
  NameIndex index;
  index.Build(entities);
  Matcher matcher(index);
  PreparedQuery q = matcher.Prepare("الرحمن الجلاهمة");
  std::vector<std::string> letters;
  for (const PreparedToken& t : q.tokens) letters.push_back(t.abjad_text);
  EXPECT_EQ(letters, (std::vector<std::string>{"aL", "rhmn", "al", "jlahma"}));
}

}  // namespace
}  // namespace embargo::internal
