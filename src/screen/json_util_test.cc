#include "screen/json_util.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace embargo::internal
