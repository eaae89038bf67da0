#include "embargo/country.h"

#include <gtest/gtest.h>

namespace embargo {
namespace {

TEST(CountryTest, NorthKoreaUnderEveryName) {
  for (const char* name :
       {"Democratic People's Republic of Korea", "Korea, North", "North Korea",
        "DPRK", "KP", "korea north", "  Democratic People’s Republic of Korea "}) {
    EXPECT_EQ(CountryCode(name), "KP") << name;
  }
}

TEST(CountryTest, UnknownIsEmpty) {
  EXPECT_EQ(CountryCode("Atlantis"), "");
  EXPECT_EQ(CountryCode(""), "");
}

TEST(CountryTest, BilingualHalves) {
  EXPECT_EQ(CountryCode("Russia / Russie"), "RU");
}

TEST(CountryTest, Names) {
  EXPECT_EQ(CountryName("KP"), "North Korea");
  EXPECT_TRUE(IsCountryCode("KP"));
  EXPECT_FALSE(IsCountryCode("XX"));
}

}  // namespace
}  // namespace embargo
