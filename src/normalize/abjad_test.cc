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
  EXPECT_EQ(AbjadListedKey("ali"), "L");         // one consonant
  EXPECT_EQ(AbjadListedKey("aia"), "");
}

TEST(Abjad, QueryKeysCoverEachLettersSpellings) {
  // ج j/g, د d/z (ض): four class strings.
  EXPECT_EQ(AbjadQueryKeys("jwadi"),
            (std::vector<std::string>{"GD", "GZ", "JD", "JZ"}));
  // A final ه may be unwritten in Latin (اسامه Osama).
  EXPECT_EQ(AbjadQueryKeys("asamh"), (std::vector<std::string>{"SM", "SMH"}));
  EXPECT_EQ(AbjadQueryKeys("isi"), (std::vector<std::string>{"S"}));
  EXPECT_TRUE(AbjadQueryKeys("ai").empty());
}

TEST(Abjad, QueryKeysKeepSameClassLettersAcrossAWrittenVowel) {
  // حسنين: the yeh between the two nun keeps both, as "Hassanein" does.
  EXPECT_EQ(AbjadQueryKeys("hsnin"), (std::vector<std::string>{"HSNN"}));
  EXPECT_EQ(AbjadListedKey("hassanein"), "HSNN");
  EXPECT_DOUBLE_EQ(AbjadSimilarity("hsnin", "hassanein"), 0.90);
  // ممتاز Mumtaz: the waw between the two mim.
  EXPECT_EQ(AbjadQueryKeys("mmtaz"), (std::vector<std::string>{"MTD", "MTZ"}));
  EXPECT_EQ(AbjadQueryKeys("mumtaz"),
            (std::vector<std::string>{"MMTD", "MMTZ"}));
}

TEST(Abjad, OneConsonantWords) {
  // عيسى Isa, Essa (final yeh as alef maksura); عدي Uday; ضيا Zia; عوض
  // Ewaz, Awad.
  EXPECT_DOUBLE_EQ(AbjadSimilarity("isi", "isa"), 0.90 - 0.06 * 0.25);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("isi", "essa"), 0.90 - 0.06 * 0.25);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("adi", "uday"), 0.90);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("dya", "zia"), 0.90);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("ud", "ewaz"), 0.90);
  // Little to tell short names apart: the leading vowel must show (عدي is
  // not Zia) and one vowel at most may be off (ضيا is not Uday).
  EXPECT_EQ(AbjadSimilarity("adi", "zia"), 0.0);
  EXPECT_EQ(AbjadSimilarity("dya", "uday"), 0.0);
  EXPECT_EQ(AbjadSimilarity("isi", "sue"), 0.0);
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

// A name's normalization reads the forms off its own transliteration, and
// keeps them when the name was counted first (ValidateQuery's path).
TEST(Abjad, NormalizedNameCarriesItsLetterForms) {
  using Forms = std::vector<std::pair<std::string, std::string>>;
  const Forms jalal{
      {"jalal", "jlal"}, {"aldin", "aldin"}, {"haqqani", "hqani"}};
  EXPECT_EQ(NormalizeName("جلال الدين حقانى").arabic_forms, jalal);
  ASSERT_EQ(CountNameTokens("جلال الدين حقانى"), 3u);
  EXPECT_EQ(NormalizeName("جلال الدين حقانى").arabic_forms, jalal);
  // Only the Arabic-script words of a mixed name; none for other scripts.
  EXPECT_EQ(NormalizeName("Ivan دلاور Петров").arabic_forms,
            (Forms{{"dalawr", "dlawr"}}));
  EXPECT_TRUE(NormalizeName("Ким Чен Ын").arabic_forms.empty());
  EXPECT_TRUE(NormalizeName("Ali Hassan").arabic_forms.empty());
}

TEST(Abjad, TheArticleIsAWordOfItsOwn) {
  // The table spells السيد and البغدادي without their article; the article
  // stays a token (with its letters, for the joined "Elsayed"), and the
  // name's letters are the name's alone (سيد meets Sayed).
  using Forms = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(ToLatin("السيد"), "al seyed");
  EXPECT_EQ(ArabicLetterForms("السيد"),
            (Forms{{"al", "aL"}, {"seyed", "sid"}}));
  EXPECT_EQ(ToLatin("البغدادي"), "al baghdadi");
  // Table names that begin with the letters of the article keep them.
  EXPECT_EQ(ToLatin("الله"), "allah");
}

TEST(Abjad, TheArticlesLMayBeSaidAsASunLetter) {
  using Forms = std::vector<std::pair<std::string, std::string>>;
  // عبدالحی written as one word: abd, the article, hi, each with letters.
  EXPECT_EQ(ArabicLetterForms("عبدالحی"),
            (Forms{{"abd", "abd"}, {"al", "al"}, {"hi", "hi"}}));
  // Before ر the article is ar-: its l is optional ("L").
  EXPECT_EQ(ArabicLetterForms("الرحمان"),
            (Forms{{"al", "aL"}, {"rahman", "rhman"}}));
  EXPECT_EQ(AbjadQueryKeys("aLrhman"),
            (std::vector<std::string>{"LRHMN", "RHMN"}));
  // عزيز الرحمان: Azizirahman and Aziz al-Rahman.
  // (The article's alef unwritten costs 0.5.)
  EXPECT_DOUBLE_EQ(AbjadSimilarity("azizaLrhman", "azizirahman"),
                   0.90 - 0.06 * 0.5);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("azizaLrhman", "azizalrahman"), 0.90);
  // Only the article's l: a written lam must show.
  EXPECT_EQ(AbjadSimilarity("azizalrhman", "azizirahman"), 0.0);
}

TEST(Abjad, AbdWithANameThatHasTheArticleIsThreeTokens) {
  // The lists write عبد السلام as Abdulsalam, Abdul Salam and Abd al-Salam;
  // the name table's one token met only the first. Three tokens with their
  // letters meet all three (the matcher's abjad pair and triple probes).
  using Forms = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(ArabicLetterForms("عبد السلام"),
            (Forms{{"abd", "abd"}, {"al", "aL"}, {"salam", "slam"}}));
  EXPECT_EQ(ToLatin("عبدالحليم"), "abd al halim");
  // (The article's alef read as u, or unwritten: 0.5.)
  EXPECT_DOUBLE_EQ(AbjadSimilarity("abdaLslam", "abdussalam"),
                   0.90 - 0.06 * 0.5);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("abdalhlim", "abdelhalim"),
                   0.90 - 0.06 * 0.25);
  // عبد الله stays the table's one name.
  EXPECT_EQ(ToLatin("عبد الله"), "abdullah");
}

TEST(Abjad, ZahIsAlsoTh) {
  // كاظم is Kazem, Kadhim and, in Iraq and the Gulf, Kathim.
  using Forms = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(ArabicLetterForms("كاظم"), (Forms{{"kazem", "kadhm"}}));
  EXPECT_DOUBLE_EQ(AbjadSimilarity("kadhm", "kathim"), 0.90);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("kadhm", "kazem"), 0.90);
  EXPECT_DOUBLE_EQ(AbjadSimilarity("kadhm", "kadhim"), 0.90);
  // زاهد (zay) stays z or d: not Tahid.
  EXPECT_EQ(AbjadSimilarity("zahd", "tahid"), 0.0);
}

}  // namespace
}  // namespace embargo::internal
