#include "normalize/abjad.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "normalize/transliterate.h"

namespace embargo::internal {
namespace {

TEST(Abjad, ListedKeyDropsVowelsSemivowelsAndDoubles) {
  EXPECT_EQ(AbjadListedKey("djouadi"), "JD");
  EXPECT_EQ(AbjadListedKey("noorzai"), "NRZ");
  EXPECT_EQ(AbjadListedKey("abdallah"), "BDL");  // final -ah is ة/ه
  EXPECT_EQ(AbjadListedKey("lounici"), "LNS");   // French c before i
  EXPECT_EQ(AbjadListedKey("harrachi"), "HRC");  // ch = sh
  EXPECT_EQ(AbjadListedKey("ali"), "");          // one consonant
}

TEST(Abjad, QueryKeysCoverEachLettersSpellings) {
  // ج j/g, د d/z (ض): four class strings.
  EXPECT_EQ(AbjadQueryKeys("jwadi"),
            (std::vector<std::string>{"GD", "GZ", "JD", "JZ"}));
  // A final ه may be unwritten in Latin (اسامه Osama).
  EXPECT_EQ(AbjadQueryKeys("asamh"), (std::vector<std::string>{"SM", "SMH"}));
  EXPECT_TRUE(AbjadQueryKeys("ali").empty());
}

TEST(Abjad, ShortVowelsAreFreeWrittenVowelsMustShow) {
  EXPECT_DOUBLE_EQ(AbjadSimilarity("dlawr", "delawar"), 0.90);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("nurzi", "noorzai"), 0.90);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("abidi", "ubaydi"), 0.90);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("hsn", "hassan"), 0.90);
  // Alef read as "e" costs a little.
  EXPECT_DOUBLE_EQ(AbjadSimilarity("drukdal", "droukdel"), 0.90 - 0.06 * 0.25);
  // حسن is not Hussein (ei spells a written yeh), حسين not Hassan.
  EXPECT_EQ(AbjadSimilarity("hsn", "hussein"), 0.0);
  EXPECT_EQ(AbjadSimilarity("hsin", "hassan"), 0.0);
  // محمود is not Muhammad: its waw must show.
  EXPECT_EQ(AbjadSimilarity("mhmud", "muhammad"), 0.0);
  // Consonants must agree.
  EXPECT_EQ(AbjadSimilarity("dlawr", "delawal"), 0.0);
}

TEST(Abjad, SpellingFitsLetters) {
  EXPECT_TRUE(SpellingFitsLetters("hossein", "hsin"));
  EXPECT_TRUE(SpellingFitsLetters("khamenei", "khamnhai"));  // ه as a vowel
  EXPECT_TRUE(SpellingFitsLetters("abdurrahman", "abdalrhmn"));  // sun letter
  EXPECT_FALSE(SpellingFitsLetters("jesus", "isi"));
}

TEST(Abjad, TableSpellingsOfCognatesAreRefused) {
  // The name table's groups put عيسى with Jesus; the letters say Isa.
  EXPECT_EQ(ToLatin("عيسى"), "isi");
  EXPECT_EQ(ToLatin("محمد"), "muhammad");
}

TEST(Abjad, LetterFormsOfEachToken) {
  using Forms = std::vector<std::pair<std::string, std::string>>;
  // شهاب الدين is a two-word table name (shahabuddin): left out.
  EXPECT_EQ(ArabicLetterForms("دلاور شهاب الدين"),
            (Forms{{"dalawr", "dlawr"}}));
  EXPECT_EQ(
      ArabicLetterForms("جلال الدين حقانى"),
      (Forms{{"jalal", "jlal"}, {"aldin", "aldin"}, {"haqqani", "hqani"}}));
  EXPECT_EQ(ArabicLetterForms("Ali"), Forms{});
}

}  // namespace
}  // namespace embargo::internal
