#include "eval/korean.h"

#include <gtest/gtest.h>

#include <set>

namespace embargo::eval {
namespace {

std::string Texts(const std::vector<RomanSyllable>& syllables) {
  std::string out;
  for (const RomanSyllable& s : syllables) out += s.text() + "|";
  return out;
}

TEST(KoreanTest, ParsesLongSyllablesFirst) {
  std::vector<RomanSyllable> s;
  ASSERT_TRUE(ParseKoreanSyllables("Jongun", &s));
  EXPECT_EQ(Texts(s), "jong|un|");
  ASSERT_TRUE(ParseKoreanSyllables("KYONGSU", &s));
  EXPECT_EQ(Texts(s), "kyong|su|");
  // Known name syllables win over longest-first: si+dong, not sid+ong.
  ASSERT_TRUE(ParseKoreanSyllables("Sidong", &s));
  EXPECT_EQ(Texts(s), "si|dong|");
  ASSERT_TRUE(ParseKoreanSyllables("park", &s));
  EXPECT_EQ(Texts(s), "park|");
  EXPECT_FALSE(ParseKoreanSyllables("Aleksandr", &s));
  EXPECT_FALSE(ParseKoreanSyllables("Zhang", &s));
  // More syllables than allowed.
  EXPECT_FALSE(ParseKoreanSyllables("kimjongunil", &s, 3));
}

TEST(KoreanTest, ComposesHangulByTheUnicodeFormula) {
  // ㅁ (initial 6) + ㅏ (vowel 0) + ㄹ (final 8): U+AC00 + (6*21+0)*28+8.
  RomanSyllable mal{"m", "a", "l", ""};
  EXPECT_EQ(SyllableToHangul(mal),
            static_cast<char32_t>(0xAC00 + 126 * 28 + 8));
  EXPECT_EQ(SyllableToHangul(mal), U'말');
  RomanSyllable gyeo{"g", "yeo", "", ""};
  EXPECT_EQ(SyllableToHangul(gyeo), U'겨');
  // The table wins where romanization is ambiguous: MR "chol" is 철.
  RomanSyllable chol{"ch", "o", "l", ""};
  EXPECT_EQ(SyllableToHangul(chol), U'철');
}

TEST(KoreanTest, WritesNamesFamilyFirstWithoutSpaces) {
  EXPECT_EQ(KoreanNameToHangul("KIM JONG UN"), "김정은");
  EXPECT_EQ(KoreanNameToHangul("RI WON HO"), "리원호");
  EXPECT_EQ(KoreanNameToHangul("Jong Un KIM,"), "김정은");
  EXPECT_EQ(KoreanNameToHangul("KIM, Jong-un"), "김정은");
  EXPECT_EQ(KoreanNameToHangul("Pak Chol-su"), "박철수");
  EXPECT_EQ(KoreanNameToHangul("Choe Ryong Hae"), "최룡해");
  EXPECT_EQ(KoreanNameToHangul("HWANG, Pyong So"), "황평서");
  EXPECT_EQ(KoreanNameToHangul("Vladimir PUTIN"), "");
}

TEST(KoreanTest, VariantsChangeTheSpellingButStayKorean) {
  Rng rng(7);
  int changed = 0;
  for (int i = 0; i < 200; ++i) {
    std::string applied;
    std::string v = KoreanRomanizationVariant(
        "RI WON HO", true, {true, true, true}, &rng, &applied);
    ASSERT_FALSE(v.empty());
    EXPECT_FALSE(applied.empty());
    if (FoldForCompare(v) != "ri won ho") ++changed;
    // Still romanized Korean, word by word.
    for (const std::string& w : SplitWords(v)) {
      std::string core = w;
      std::erase(core, '-');
      std::vector<RomanSyllable> s;
      EXPECT_TRUE(ParseKoreanSyllables(core, &s)) << v;
    }
  }
  // Only an edit pair that cancels out (o->eo then back is impossible: one
  // edit per slot) could leave the name unchanged.
  EXPECT_EQ(changed, 200);
}

TEST(KoreanTest, VowelAndConsonantAlternationsFollowTheJamo) {
  Rng rng(5);
  for (int i = 0; i < 300; ++i) {
    std::string applied;
    // 오 is never "Eo", 우 never "Eu"; 철 (aspirated) is never "Jol".
    std::string v = KoreanRomanizationVariant(
        "O U CHOL", true, {true, true, true}, &rng, &applied);
    EXPECT_EQ(v.find("EO "), std::string::npos) << v << " " << applied;
    EXPECT_EQ(v.find("EU"), std::string::npos) << v << " " << applied;
    EXPECT_EQ(v.find("JOL"), std::string::npos) << v << " " << applied;
    EXPECT_EQ(v.find("JEOL"), std::string::npos) << v << " " << applied;
  }
  std::set<std::string> seen;
  for (int i = 0; i < 300; ++i)
    seen.insert(KoreanRomanizationVariant("Jong Un", false, {true, true}, &rng,
                                          nullptr));
  EXPECT_TRUE(seen.count("Jeong Un")) << *seen.begin();
  EXPECT_TRUE(seen.count("Jong Eun"));
  EXPECT_TRUE(seen.count("Chong Un"));
}

TEST(KoreanTest, VariantKeepsCaseStyleAndNonKoreanWords) {
  Rng rng(11);
  for (int i = 0; i < 50; ++i) {
    std::string v =
        KoreanRomanizationVariant("KOREA RYONBONG GENERAL CORPORATION", false,
                                  {false, true, false, false}, &rng, nullptr);
    ASSERT_FALSE(v.empty());
    EXPECT_EQ(v.rfind("KOREA ", 0), 0u) << v;
    EXPECT_NE(v.find(" GENERAL CORPORATION"), std::string::npos) << v;
    EXPECT_EQ(AsciiUpper(v), v);
  }
  std::string applied;
  Rng rng2(3);
  std::string v;
  // Given names joined: "Won Ho" -> "Won-ho" / "Wonho" keep mixed case.
  for (int i = 0; i < 100 && v.find('-') == std::string::npos; ++i)
    v = KoreanRomanizationVariant("Kim Won Ho", true, {true, true, true}, &rng2,
                                  &applied);
  ASSERT_NE(v.find('-'), std::string::npos);
  // "Won-ho" (or a respelling of it): the second syllable stays lower case.
  char after = v[v.find('-') + 1];
  EXPECT_TRUE(after >= 'a' && after <= 'z') << v;
}

}  // namespace
}  // namespace embargo::eval
