#include "normalize/transliterate.h"

#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <memory>
#include <string>

#include "normalize/normalize.h"
#include "normalize/tables.h"

namespace embargo::internal {
namespace {

std::string Ascii(std::string_view utf8) {
  std::string out;
  bool transliterated = false;
  TransliterateToAscii(utf8, &out, &transliterated);
  return out;
}

TEST(Hangul, RevisedRomanizationPerSyllable) {
  EXPECT_EQ(RomanizeHangulSyllable(U'김'), "gim");
  EXPECT_EQ(RomanizeHangulSyllable(U'정'), "jeong");
  EXPECT_EQ(RomanizeHangulSyllable(U'은'), "eun");
  EXPECT_EQ(RomanizeHangulSyllable(U'박'), "bak");
  EXPECT_EQ(RomanizeHangulSyllable(U'최'), "choe");
  EXPECT_EQ(RomanizeHangulSyllable(U'룡'), "ryong");
  EXPECT_EQ(RomanizeHangulSyllable(U'리'), "ri");
  EXPECT_EQ(RomanizeHangulSyllable(U'곽'), "gwak");
  EXPECT_EQ(RomanizeHangulSyllable(U'없'), "eop");
  EXPECT_EQ(RomanizeHangulSyllable(U'A'), "");
  EXPECT_EQ(ToLatin("조지 워싱턴"), "jo ji wo sing teon");
}

TEST(Transliterate, LatinKeepsTokenPunctuation) {
  EXPECT_EQ(Ascii("Łukasz-Żółć, Jr."), "lukasz-zolc, jr.");
  EXPECT_EQ(Ascii("Ky’ŏng–su"), "ky'ong-su");
  EXPECT_EQ(Ascii("café"), "cafe");  // combining acute dropped
}

TEST(Transliterate, ScriptsRunByScript) {
  EXPECT_EQ(ToLatin("Владимир Putin"), "vladimir putin");
  EXPECT_EQ(ToLatin("Ким Чен Ын / 김정은"), "kim chen yn gim jeong eun");
  EXPECT_EQ(ToLatin("Зеленський Володимир"), "zelenskiy volodimir");
  EXPECT_EQ(ToLatin("Лукашэнка Аляксандр"), "lukashenka alyaksandr");  // be
  EXPECT_EQ(ToLatin("Вучић Александар"), "vucic aleksandar");          // sr
  EXPECT_EQ(ToLatin("محمد رضا خامنه‌ای"),
            "mohammadreza khamenei");
  EXPECT_EQ(ToLatin("KY'ONG-SU"), "kyong su");
  EXPECT_EQ(ToLatin("MADURO MOROS, Nicolas"), "maduro moros nicolas");
}

TEST(Transliterate, ArabicLetterRules) {
  // Words the name table lacks: consonant skeleton, long vowels, and an "a"
  // between two leading consonants.
  EXPECT_EQ(ToLatin("برزان"), "barzan");
  EXPECT_EQ(ToLatin("الزرقاوي"), "al zarqawi");
  EXPECT_EQ(ToLatin("عبدالرحمن"), "abd al rahman");
  EXPECT_EQ(ToLatin("عبدالله"), "abdullah");
  EXPECT_EQ(ToLatin("عبدالزرقاوي"), "abd al zarqawi");
  EXPECT_EQ(ToLatin("٢٠٢٤"), "2024");
}

// The fold table was generated from ICU's Latin-ASCII; a letter in it must
// still fold the way ICU does, except the letters ICU leaves non-ASCII
// (IPA, schwa), which the table maps by hand.
TEST(LatinFold, AgreesWithIcuLatinAscii) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu_fold(
      icu::Transliterator::createInstance("Latin-ASCII; Lower", UTRANS_FORWARD,
                                          err));
  ASSERT_TRUE(U_SUCCESS(err));
  const Tables& t = GetTables();
  int letters = 0, agree = 0;
  for (char32_t c = 0xC0; c < 0x2C7F; ++c) {
    const Fold* f = t.FindFold(c);
    if (f == nullptr || !u_isalpha(static_cast<UChar32>(c))) continue;
    icu::UnicodeString s(static_cast<UChar32>(c));
    icu_fold->transliterate(s);
    std::string icu_out, ours;
    s.toUTF8String(icu_out);
    bool ascii = true;
    std::string alnum;
    for (char ch : icu_out) {
      if (static_cast<unsigned char>(ch) >= 0x80) ascii = false;
      if (std::isalnum(static_cast<unsigned char>(ch))) alnum += ch;
    }
    if (!ascii || t.FoldText(*f) == "'") continue;  // hand-mapped
    ++letters;
    if (std::string(t.FoldText(*f)) == alnum) {
      ++agree;
    } else {
      ADD_FAILURE() << "U+" << std::hex << static_cast<int>(c) << ": table '"
                    << t.FoldText(*f) << "' ICU '" << icu_out << "'";
    }
  }
  EXPECT_EQ(agree, letters);
  EXPECT_EQ(letters, 673);
}

// The Han readings were generated from ICU's Han-Latin and Han-Latin/Names;
// each must still be what the linked ICU gives that character alone, as
// TransliterateToAscii() would otherwise ask it. Where ICU gives no Latin
// reading the table must hold none, so that ICU is asked.
TEST(HanReadings, AgreeWithIcu) {
  for (const bool first : {false, true}) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> icu_han(
        icu::Transliterator::createInstance(
            first ? "Han-Latin/Names" : "Han-Latin", UTRANS_FORWARD, err));
    ASSERT_TRUE(U_SUCCESS(err));
    int readings = 0;
    for (char32_t c = 0x3000; c <= 0x9FFF; ++c) {
      UErrorCode script_err = U_ZERO_ERROR;
      if (uscript_getScript(static_cast<UChar32>(c), &script_err) !=
          USCRIPT_HAN) {
        EXPECT_TRUE(GetHanReadings().Find(c, first).empty())
            << std::hex << static_cast<int>(c);
        continue;
      }
      icu::UnicodeString s(static_cast<UChar32>(c));
      icu_han->transliterate(s);
      std::u32string icu_out;
      bool latin = s != icu::UnicodeString(static_cast<UChar32>(c));
      for (int32_t i = 0; i < s.length(); i += U16_LENGTH(s.char32At(i))) {
        const UChar32 x = s.char32At(i);
        UErrorCode e = U_ZERO_ERROR;
        latin &= u_getCombiningClass(x) != 0 ||
                 (u_islower(x) && uscript_getScript(x, &e) == USCRIPT_LATIN);
        icu_out.push_back(static_cast<char32_t>(x));
      }
      if (!latin) icu_out.clear();
      readings += !icu_out.empty();
      EXPECT_EQ(std::u32string(GetHanReadings().Find(c, first)), icu_out)
          << "U+" << std::hex << static_cast<int>(c) << (first ? " first" : "");
    }
    // As many as the table holds (han_readings.txt, ICU 72): none of the
    // characters ICU reads is left to it.
    EXPECT_EQ(readings, 26693) << first;
  }
  // Read from the table and through ICU alike: the surname reading first.
  EXPECT_EQ(ToLatin("金正恩"), "jin zheng en");
  EXPECT_EQ(ToLatin("单单"), "shan dan");
  EXPECT_EQ(ToLatin("曾曾"), "zeng ceng");
  // Extension B: no table entry, ICU reads it.
  EXPECT_TRUE(GetHanReadings().Find(U'\U00020000', false).empty());
  EXPECT_EQ(ToLatin("\U00020000"), "he");
}

TEST(Tables, Sizes) {
  const Tables& t = GetTables();
  // Phrases (variants) per table, as loaded from data/: these change only
  // with the tables.
  EXPECT_EQ(t.legal.size(), 218u);
  EXPECT_EQ(t.honorific_prefix.size(), 166u);
  EXPECT_EQ(t.honorific_suffix.size(), 14u);
  EXPECT_EQ(t.generic.size(), 131u);
  EXPECT_EQ(t.particles.size(), 58u);
  EXPECT_EQ(t.romanization_groups, 206u);
  EXPECT_EQ(t.pinyin.size(), 406u);
  EXPECT_EQ(t.script_name_entries, 3610u);
  std::printf(
      "tables: legal %zu, honorific %zu+%zu, generic %zu, particles %zu, "
      "romanization %zu groups / %zu variants, pinyin %zu, script names %zu\n",
      t.legal.size(), t.honorific_prefix.size(), t.honorific_suffix.size(),
      t.generic.size(), t.particles.size(), t.romanization_groups,
      t.romanization_variants, t.pinyin.size(), t.script_name_entries);
}

}  // namespace
}  // namespace embargo::internal
