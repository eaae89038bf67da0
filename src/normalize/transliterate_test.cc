#include "normalize/transliterate.h"

#include <gtest/gtest.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <zlib.h>

#include <fstream>
#include <memory>
#include <set>
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

// IsAscii reads eight bytes at a time: a byte of 0x80 or more anywhere,
// in any length, is seen as a byte-by-byte loop sees it.
TEST(IsAscii, EveryPositionAndLength) {
  auto reference = [](std::string_view s) {
    for (char c : s)
      if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
  };
  for (size_t n = 0; n <= 40; ++n) {
    std::string s(n, 'a');
    EXPECT_TRUE(IsAscii(s)) << n;
    for (size_t i = 0; i < n; ++i)
      for (unsigned char high : {0x80, 0xC3, 0xFF}) {
        std::string t = s;
        t[i] = static_cast<char>(high);
        EXPECT_EQ(IsAscii(t), reference(t)) << n << " " << i;
        EXPECT_FALSE(IsAscii(t)) << n << " " << i;
      }
  }
  EXPECT_TRUE(IsAscii(std::string_view("\x7f\x01 ~", 4)));
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

// The Cyrillic and Greek names in a file: each run of those letters, with
// the spaces, hyphens and apostrophes inside it.
std::set<std::string> CyrillicAndGreekNames(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::set<std::string> names;
  auto letter = [](std::string_view s, size_t i) {
    // UTF-8 lead bytes of U+0370..U+04FF: 0xCD (from 0xB0) to 0xD3.
    const auto b = static_cast<unsigned char>(s[i]);
    const auto c = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    return (b == 0xCD && c >= 0xB0) || (b >= 0xCE && b <= 0xD3);
  };
  for (std::string line; std::getline(in, line);) {
    for (size_t i = 0; i < line.size();) {
      if (!letter(line, i)) {
        ++i;
        continue;
      }
      size_t end = i, j = i;
      while (j < line.size()) {
        if (letter(line, j)) {
          j += 2;
          end = j;
        } else if (line[j] == ' ' || line[j] == '-' || line[j] == '\'') {
          ++j;
        } else {
          break;
        }
      }
      names.insert(line.substr(i, end - i));
      i = j;
    }
  }
  return names;
}

// The forms of more than one word, in any script but Latin, of
// nomenklatura's given names ("form, form, ... => Q123" a line).
std::set<std::string> MultiWordForms(const std::string& gz_path) {
  std::set<std::string> forms;
  gzFile f = gzopen(gz_path.c_str(), "rb");
  EXPECT_NE(f, nullptr) << gz_path;
  if (f == nullptr) return forms;
  char buf[65536];
  while (gzgets(f, buf, sizeof buf) != nullptr) {
    std::string_view line(buf);
    line = line.substr(0, line.find("=>"));
    while (!line.empty()) {
      const size_t comma = line.find(", ");
      std::string_view form = line.substr(0, comma);
      while (!form.empty() && form.back() == ' ') form.remove_suffix(1);
      if (form.find(' ') != std::string_view::npos && !IsAscii(form))
        forms.emplace(form);
      line = comma == std::string_view::npos ? "" : line.substr(comma + 2);
    }
  }
  gzclose(f);
  return forms;
}

// A script run goes to ICU a word at a time (and from a per-thread memo):
// the same letters as the whole run, on every Cyrillic and Greek name of
// real lists and every form of more than one word of nomenklatura's given
// names, and twice over (the second time from the memo).
TEST(Transliterate, WordsAloneAsInTheRun) {
  std::set<std::string> names = CyrillicAndGreekNames(
      std::string(EMBARGO_SHARED_DATA) + "/canada_sema/2025-05-25/cannada.xml");
  for (const char* path : {"/un_sc/2026-02-27/UN_consolidated.xml",
                           "/opensanctions/yente_zala/entities.ftm.json",
                           "/name_matching/watchman/cross_script_pairs.csv"}) {
    auto more = CyrillicAndGreekNames(std::string(EMBARGO_SHARED_DATA) + path);
    names.insert(more.begin(), more.end());
  }
  ASSERT_GT(names.size(), 3000u);
  const auto forms = MultiWordForms(std::string(EMBARGO_SHARED_DATA) +
                                    "/name_matching/nomenklatura/names.gz");
  ASSERT_GT(forms.size(), 500u);
  names.insert(forms.begin(), forms.end());
  for (const char* name :
       {"Ελευθέριος Βενιζέλος", "Ірина Єрмак-Ґудзь", "Вучић Александар",
        "Ёлкин Ъ-Эдуард", "Ўладзімір Лукашэнка", "नरेन्द्र मोदी",
        "ประยุทธ์ จันทร์โอชา", "მიხეილ სააკაშვილი", "Նիկոլ Փաշինյան",
        "アベ シンゾウ", "あべ しんぞう",
        // Words past the memo's 32 letters go to ICU unremembered.
        "Абдурахмановичевскийабдурахмановичевский Ёлкин",
        "Ελευθερίουβενιζέλουελευθερίουβενιζέλου Ελευθέριος"})
    names.insert(name);
  size_t multi_word = 0;
  for (int round = 0; round < 2; ++round) {
    for (const std::string& name : names) {
      std::string whole, by_word;
      bool t1 = false, t2 = false;
      TransliterateToAscii(name, &whole, &t1, nullptr, /*whole_runs=*/true);
      TransliterateToAscii(name, &by_word, &t2);
      EXPECT_EQ(by_word, whole) << name;
      EXPECT_EQ(t1, t2) << name;
      multi_word += round == 0 && name.find(' ') != std::string::npos;
    }
  }
  EXPECT_GT(multi_word, 2500u);
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
