#include "screen/json_util.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <utility>

namespace embargo::internal {
namespace {

std::string Json(std::string_view s) {
  std::string out;
  AppendJsonString(&out, s);
  return out;
}

constexpr const char* kFffd = "\xEF\xBF\xBD";

TEST(JsonUtilTest, EscapesAndKeepsValidUtf8) {
  EXPECT_EQ(Json("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  EXPECT_EQ(Json("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"),
            "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"");        // é € 😀
  EXPECT_EQ(Json("\xF4\x8F\xBF\xBF"), "\"\xF4\x8F\xBF\xBF\"");  // U+10FFFF
}

// fuzz_screen_csv: a customer field holding F5 BC 8F 9A (a "code point"
// past U+10FFFF) was copied into the jsonl output as is, so the line was
// not JSON. Every ill-formed byte now becomes one U+FFFD.
TEST(JsonUtilTest, FuzzCrashCodePointPastMaxBecomesReplacement) {
  std::string four = std::string(kFffd) + kFffd + kFffd + kFffd;
  EXPECT_EQ(Json("U\xAD\xD3\xD3\xD3\xF5\xBC\x8F\x9Arson"),
            "\"U" + four + four + "rson\"");
  EXPECT_EQ(Json("\xF4\x90\x80\x80"), "\"" + four + "\"");
}

TEST(JsonUtilTest, OverlongAndSurrogateFormsBecomeReplacements) {
  EXPECT_EQ(Json("\xC0\x80"), std::string("\"") + kFffd + kFffd + "\"");
  EXPECT_EQ(Json("\xC1\xBF"), std::string("\"") + kFffd + kFffd + "\"");
  EXPECT_EQ(Json("\xE0\x80\x80"),
            std::string("\"") + kFffd + kFffd + kFffd + "\"");
  EXPECT_EQ(Json("\xED\xA0\x80"),
            std::string("\"") + kFffd + kFffd + kFffd + "\"");
  EXPECT_EQ(Json("\xF0\x80\x80\x80"),
            std::string("\"") + kFffd + kFffd + kFffd + kFffd + "\"");
  EXPECT_EQ(Json("\xE2\x82"), std::string("\"") + kFffd + kFffd + "\"");
}

// Plain runs are copied whole: escapes at their edges, and runs alone.
TEST(JsonUtilTest, PlainRunsAroundEscapes) {
  EXPECT_EQ(Json(""), "\"\"");
  EXPECT_EQ(Json("KIM Jong Un"), "\"KIM Jong Un\"");
  EXPECT_EQ(Json("\"x\""), "\"\\\"x\\\"\"");
  EXPECT_EQ(Json("ab\t\xC3\xA9"
                 "cd\x7f"),
            "\"ab\\t\xC3\xA9"
            "cd\x7f\"");
}

// The plain runs are scanned eight bytes at a time: each byte that needs a
// look is found wherever it falls in a word, and the bytes just past the
// classes' edges (0x1F/0x20, 0x7F/0x80) are told apart.
TEST(JsonUtilTest, EveryPositionOfAByteThatNeedsALook) {
  const std::pair<std::string, std::string> cases[] = {
      {"\"", "\\\""},      {"\\", "\\\\"},      {"\n", "\\n"},
      {"\x1f", "\\u001f"}, {"\x01", "\\u0001"}, {" ", " "},
      {"\x7f", "\x7f"},    {"!", "!"},          {"#", "#"},
      {"[", "["},          {"]", "]"},          {"\xC3\xA9", "\xC3\xA9"},
      {"\x80", kFffd},     {"\xFF", kFffd}};
  for (const auto& [raw, escaped] : cases) {
    for (size_t at = 0; at < 24; ++at) {
      std::string in(at, 'a'), want = "\"" + in;
      in.append(raw).append(23 - at, 'b');
      want.append(escaped).append(23 - at, 'b').append("\"");
      EXPECT_EQ(Json(in), want) << "byte at " << at;
    }
  }
}

// The slow reference: printf's "%.4f", trailing zeros trimmed.
std::string ReferenceScore(double v) {
  char buf[400];
  int n = std::snprintf(buf, sizeof buf, "%.4f", v);
  while (n > 1 && buf[n - 1] == '0') --n;
  if (n > 1 && buf[n - 1] == '.') --n;
  return std::string(buf, static_cast<size_t>(n));
}

std::string Score(double v) {
  std::string out;
  AppendScore(&out, v);
  return out;
}

TEST(JsonUtilTest, ScoresAsPrintfRoundsThem) {
  EXPECT_EQ(Score(0.93), "0.93");
  EXPECT_EQ(Score(1.0), "1");
  EXPECT_EQ(Score(0.0), "0");
  EXPECT_EQ(Score(0.81995), ReferenceScore(0.81995));
  EXPECT_EQ(Score(-0.05), "-0.05");
  EXPECT_EQ(Score(1e300), ReferenceScore(1e300));  // wider than a score
  EXPECT_EQ(Score(-1.7976931348623157e308),
            ReferenceScore(-1.7976931348623157e308));
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(-1.0, 2.0);
  for (int i = 0; i < 100000; ++i) {
    const double v = unit(rng);
    ASSERT_EQ(Score(v), ReferenceScore(v)) << v;
  }
  // Ties and near-ties of the fourth decimal (0.03125 is exact: printf
  // rounds it to even), ten-thousandths, their neighbours, and large ones.
  for (int k = 0; k <= 40000; ++k) {
    for (double v :
         {k / 20000.0, k / 10000.0, k / 20000.0 + 1e-12, k / 20000.0 - 1e-12,
          std::nextafter(k / 20000.0, 0.0), std::nextafter(k / 20000.0, 2.0),
          k * 0.025 + 0.00005, 999.99995, 999.99994999, 1000.0})
      ASSERT_EQ(Score(v), ReferenceScore(v)) << v;
  }
  EXPECT_EQ(Score(0.03125), "0.0312");
  EXPECT_EQ(Score(0.03135), ReferenceScore(0.03135));
}

}  // namespace
}  // namespace embargo::internal
