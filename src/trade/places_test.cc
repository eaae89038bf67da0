#include "trade/places.h"

#include <gtest/gtest.h>

#include "trade/keywords.h"

namespace embargo::internal {
namespace {

class PlacesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    crimea_.id = "UA-CRIMEA";
    crimea_.country = "UA";
    crimea_.subdivisions = {"UA-43", "UA-40"};
    crimea_.locodes = {"UASVP"};
    for (const char* n : {"crimea", "sevastopol", "kerch", "yalta"})
      crimea_.name_tokens.push_back(AsciiTokens(n));
    regions_ = {&crimea_};
  }
  Place Resolve(std::string_view text) { return ResolvePlace(text, regions_); }

  Region crimea_;
  std::vector<const Region*> regions_;
};

TEST_F(PlacesTest, LocodeGivesCountryAndKnownPort) {
  Place p = Resolve("KPNAM");
  EXPECT_EQ(p.country, "KP");
  EXPECT_EQ(p.locode, "KPNAM");
  EXPECT_EQ(p.port, "Nampho");
  EXPECT_EQ(p.how, "locode");
  EXPECT_EQ(p.Describe(), "KPNAM (Nampho, KP)");
  // Any KP code is the DPRK, listed in the port table or not.
  Place q = Resolve("kp xyz");
  EXPECT_EQ(q.country, "KP");
  EXPECT_EQ(q.locode, "KPXYZ");
  EXPECT_EQ(Resolve("CNDLC").country, "CN");
}

TEST_F(PlacesTest, DprkPortNamesInTheirSpellings) {
  for (const char* text :
       {"Nampho", "Nampo", "Namp'o, DPRK", "Port of Nampo", "NAMPHO PORT"}) {
    Place p = Resolve(text);
    EXPECT_EQ(p.country, "KP") << text;
    EXPECT_EQ(p.locode, "KPNAM") << text;
    EXPECT_EQ(p.how, "port_table") << text;
  }
  EXPECT_EQ(Resolve("Rason").locode, "KPRJN");
  EXPECT_EQ(Resolve("Rason").Describe(), "Rason (Rajin, KPRJN, KP)");
  EXPECT_EQ(Resolve("Rajin").Describe(), "Rajin (KPRJN, KP)");
  EXPECT_EQ(Resolve("Sonbong").Describe(), "Sonbong (KP)");
  EXPECT_EQ(Resolve("kp").Describe(), "KP");
  EXPECT_EQ(Resolve("Najin").port, "Rajin");
  EXPECT_EQ(Resolve("Ch'ongjin").port, "Chongjin");
  EXPECT_EQ(Resolve("Hŭngnam").port, "Hungnam");
  EXPECT_EQ(Resolve("Songnim").port, "Songrim");
  EXPECT_EQ(Resolve("Songrim").locode, "");
  EXPECT_EQ(Resolve("Sonbong").country, "KP");
  EXPECT_EQ(Resolve("Haeju").country, "KP");
  EXPECT_EQ(Resolve("Wonsan").country, "KP");
}

TEST_F(PlacesTest, CountryCodesAndNames) {
  EXPECT_EQ(Resolve("kp").country, "KP");
  EXPECT_EQ(Resolve("North Korea").country, "KP");
  EXPECT_EQ(Resolve("Democratic People's Republic of Korea").country, "KP");
  // Five letters that look like a LOCODE (CH + INA) but name a country.
  Place china = Resolve("CHINA");
  EXPECT_EQ(china.country, "CN");
  EXPECT_EQ(china.how, "country_name");
  Place dalian = Resolve("Dalian, China");
  EXPECT_EQ(dalian.country, "CN");
  EXPECT_EQ(dalian.how, "country_name");
  EXPECT_EQ(Resolve("Vladivostok / RU").country, "RU");
}

TEST_F(PlacesTest, RegionsByNameSubdivisionAndLocode) {
  EXPECT_EQ(Resolve("Sevastopol").Describe(), "Sevastopol (UA-CRIMEA, UA)");
  for (const char* text :
       {"Sevastopol", "Port of Kerch", "Crimea", "UA-43", "UASVP", "Yalta"}) {
    Place p = Resolve(text);
    EXPECT_EQ(p.country, "UA") << text;
    ASSERT_EQ(p.regions.size(), 1u) << text;
    EXPECT_EQ(p.regions[0], "UA-CRIMEA") << text;
  }
  // "Kerch" is five letters but not KE-RCH (Kenya).
  EXPECT_EQ(Resolve("Kerch").country, "UA");
  Place odesa = Resolve("UAODS");
  EXPECT_EQ(odesa.country, "UA");
  EXPECT_TRUE(odesa.regions.empty());
  EXPECT_EQ(Resolve("UA-51").regions.size(), 0u);
}

TEST_F(PlacesTest, UnresolvedTextIsKept) {
  Place p = Resolve("Somewhere Bay");
  EXPECT_FALSE(p.resolved());
  EXPECT_EQ(p.text, "Somewhere Bay");
  EXPECT_EQ(p.Describe(), "'Somewhere Bay' (unresolved)");
  EXPECT_FALSE(Resolve("").resolved());
}

}  // namespace
}  // namespace embargo::internal
