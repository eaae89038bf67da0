#include "normalize/spelling_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace embargo::internal {
namespace {

TEST(SpellingWriter, HoldsWhatWasAppended) {
  std::string s = "left over";
  SpellingWriter w(&s, 8);
  w += 'k';
  w += "s";
  w += "";
  w += "ch";
  w.Finish();
  EXPECT_EQ(s, "ksch");
  SpellingWriter full(&s, 4);
  full += "abcd";
  full.Finish();
  EXPECT_EQ(s, "abcd");
  SpellingWriter none(&s, 3);
  none.Finish();
  EXPECT_EQ(s, "");
}

TEST(SpellingWriter, CollapseDoubles) {
  for (auto [in, out] : {std::pair<std::string, std::string>{"", ""},
                         {"a", "a"},
                         {"mohammed", "mohamed"},
                         {"aaab", "ab"},
                         {"abba", "aba"},
                         {"zz", "z"}}) {
    CollapseDoubles(&in);
    EXPECT_EQ(in, out);
  }
}

}  // namespace
}  // namespace embargo::internal
