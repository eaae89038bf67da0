#include "sources/io.h"

#include <gtest/gtest.h>

namespace embargo::internal {
namespace {

TEST(IoTest, FindInvalidUtf8) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("\xEA\xB9\x80\xEC\xA0\x95\xEC\x9D\x80"),
            std::string_view::npos);                // 김정은
  EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);         // truncated sequence
  EXPECT_EQ(FindInvalidUtf8("a\xC0\xAF"), 1u);      // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("a\xED\xA0\x80"), 1u);  // surrogate
  EXPECT_EQ(FindInvalidUtf8("\xE9t\xE9"), 0u);      // Latin-1 bytes
}

TEST(IoTest, Windows1252) {
  EXPECT_EQ(Windows1252ToUtf8("caf\xE9 \x80 \x93x\x94"),
            "caf\xC3\xA9 \xE2\x82\xAC \xE2\x80\x9Cx\xE2\x80\x9D");
}

TEST(IoTest, HashOfSharedFileIsStable) {
  auto h = HashFiles(
      {std::string(EMBARGO_SHARED_DATA) + "/ofac_sdn/2021-07-07/sdn.csv"});
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  // PROVENANCE.md gives the first 16 hex digits.
  EXPECT_EQ(h->substr(0, 7 + 16), "sha256:2a08fac873a3be0b");
}

TEST(IoTest, GzipIsDecompressedTransparently) {
  auto head = ReadFilePrefix(std::string(EMBARGO_SHARED_DATA) +
                                 "/us_csl/2022-05-16/consolidated.csv.gz",
                             24);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, "_id,source,entity_number");
}

TEST(IoTest, MissingFileIsNotFound) {
  auto s = OpenByteStream("/nonexistent/x.csv");
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(), "/nonexistent/x.csv: no such file");
}

TEST(IoTest, CleanTextTurnsUnicodeSpacesIntoSpaces) {
  // SEMA's "Jumah\u00A0", a narrow no-break space and an ideographic space.
  EXPECT_EQ(CleanText("  Jumah\u00A0"), "Jumah");
  EXPECT_EQ(CleanText("Gomel,\u202FOAO\u3000Stanko\n"), "Gomel, OAO Stanko");
  // Zero-width non-joiner is part of Persian spelling, not a space.
  EXPECT_EQ(CleanText("\u0631\u0647\u200C\u067E"), "\u0631\u0647\u200C\u067E");
  EXPECT_EQ(CleanText("plain  ascii "), "plain ascii");
}

TEST(IoTest, HasNonLatinLetters) {
  EXPECT_FALSE(HasNonLatinLetters("Mohamed Ben Belkacem Aouadi"));
  EXPECT_FALSE(
      HasNonLatinLetters("Aleksandr Vja\u010Deslavovi\u010D Zacharov"));
  EXPECT_FALSE(HasNonLatinLetters("Nguy\u1EC5n \u201CCST\u201D \u2013 Ltd"));
  EXPECT_TRUE(HasNonLatinLetters("\u0421\u0435\u0440\u0433\u0435\u0439"));
  EXPECT_TRUE(HasNonLatinLetters("\u0645\u062D\u0645\u062F"));
  EXPECT_TRUE(HasNonLatinLetters("\u30B6\u30E9"));
  // One Cyrillic letter in a Latin-looking name ("P\u0430\u0457\u0441\u0430").
  EXPECT_TRUE(HasNonLatinLetters("P\u0430\u0457\u0441\u0430"));
}

}  // namespace
}  // namespace embargo::internal
