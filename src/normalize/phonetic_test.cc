#include "normalize/phonetic.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "reference/reference_phonetic.h"

namespace embargo::internal {
namespace {

std::string RefPhonetic(std::string_view t) {
  if (t.size() < 2) return "";
  std::string k = reference::Spell(t);
  return k.size() >= 2 ? k : "";
}

std::string RefSkeleton(std::string_view t) {
  std::string out;
  for (char c : reference::Spell(t)) {
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'v')
      continue;
    if (out.empty() || out.back() != c) out += c;
  }
  return out.size() >= 2 ? out : "";
}

TEST(PhoneticTest, KnownSpellings) {
  EXPECT_EQ(PhoneticKey("khadafi"), "hadafi");
  EXPECT_EQ(PhoneticKey("qaddafi"), "kadafi");
  EXPECT_EQ(PhoneticKey("aliyeff"), "aliev");
  EXPECT_EQ(PhoneticKey("chang"), "chang");
  EXPECT_EQ(PhoneticKey("dzhugashvili"), "jugashvili");
  EXPECT_EQ(ConsonantSkeleton("muhammad"), "mhmd");
  EXPECT_EQ(PhoneticKey("a"), "");
}

// The switch in phonetic.cc against the rule table in reference/, on the
// letters the rules are about, so that digraphs and their overlaps abound.
TEST(PhoneticTest, SwitchAgreesWithTheRuleTable) {
  std::mt19937 rng(42);
  const std::string letters = "cdeghkopqtuwxyzafhs-";
  for (int round = 0; round < 200000; ++round) {
    std::string t;
    const size_t len = rng() % 9;
    for (size_t i = 0; i < len; ++i) t += letters[rng() % letters.size()];
    ASSERT_EQ(PhoneticKey(t), RefPhonetic(t)) << t;
    ASSERT_EQ(ConsonantSkeleton(t), RefSkeleton(t)) << t;
    const PhoneticKeys keys = PhoneticKeysOf(t);
    ASSERT_EQ(keys.phonetic, RefPhonetic(t)) << t;
    ASSERT_EQ(keys.skeleton, RefSkeleton(t)) << t;
  }
}

}  // namespace
}  // namespace embargo::internal
