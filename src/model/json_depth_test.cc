#include "model/json_depth.h"

#include <gtest/gtest.h>

#include <string>

namespace embargo::internal {
namespace {

TEST(JsonDepthTest, DepthAtTheLimitPasses) {
  EXPECT_EQ(FindJsonDepthOverflow("[[[]]]", 3), std::string_view::npos);
  EXPECT_EQ(FindJsonDepthOverflow(R"({"a":[{"b":1}]})", 3),
            std::string_view::npos);
}

TEST(JsonDepthTest, OneLevelPastTheLimitNamesItsOffset) {
  EXPECT_EQ(FindJsonDepthOverflow("[[[[]]]]", 3), 3u);
  EXPECT_EQ(FindJsonDepthOverflow(R"({"a":[{"b":[]}]})", 3), 11u);
}

TEST(JsonDepthTest, BracketsInsideStringsDoNotCount) {
  EXPECT_EQ(FindJsonDepthOverflow(R"(["[[[[", "\"[[[["])", 1),
            std::string_view::npos);
}

TEST(JsonDepthTest, SiblingsDoNotAddUp) {
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "[],";
  EXPECT_EQ(FindJsonDepthOverflow("[" + many + "[]]", 2),
            std::string_view::npos);
}

}  // namespace
}  // namespace embargo::internal
