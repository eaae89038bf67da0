#include "embargo/country.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embargo::internal {
extern const std::string_view kCountriesTsv;
}  // namespace embargo::internal

namespace embargo {
namespace {

struct Case {
  const char* text;
  const char* code;
};

void ExpectCodes(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(CountryCode(c.text), c.code) << "text: '" << c.text << "'";
  }
}

// The file's bytes, or "" if it cannot be read.
std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CountryTest, NorthKoreaUnderEveryName) {
  for (const char* name :
       {"Democratic People's Republic of Korea", "Korea, North", "North Korea",
        "DPRK", "Korea, Democratic People's Republic of", "Corée du Nord", "KP",
        "PRK", "korea north", "KOREA, NORTH",
        "  Democratic People’s Republic of Korea ",
        "Korea (Democratic People's Republic of)", "North Korean",
        "République populaire démocratique de Corée", "كوريا الشمالية"}) {
    EXPECT_EQ(CountryCode(name), "KP") << name;
  }
  EXPECT_EQ(CountryCode("Korea, South"), "KR");
  EXPECT_EQ(CountryCode("Republic of Korea"), "KR");
  EXPECT_EQ(CountryCode("Corée du Sud"), "KR");
}

TEST(CountryTest, HistoricalNames) {
  ExpectCodes({
      // States that ceased to exist keep their ISO 3166-3 former code.
      {"USSR", "SU"},
      {"Soviet Union", "SU"},
      {"Union of Soviet Socialist Republics", "SU"},
      {"Yugoslavia", "YU"},
      {"Federal Republic of Yugoslavia", "YU"},
      {"Socialist Federal Republic of Yugoslavia", "YU"},
      {"Serbia and Montenegro", "CS"},
      {"German Democratic Republic", "DD"},
      {"East Germany", "DD"},
      {"Netherlands Antilles", "AN"},
      {"South Yemen", "YD"},
      // Renamed states map to the code they hold today.
      {"Zaire", "CD"},
      {"Burma", "MM"},
      {"East Timor", "TL"},
      {"Swaziland", "SZ"},
      {"Macedonia", "MK"},
      {"The former Yugoslav Republic of Macedonia", "MK"},
      {"Czech Republic", "CZ"},
      {"Turkey", "TR"},
      {"Ivory Coast", "CI"},
      {"Cape Verde", "CV"},
      {"Holland", "NL"},
      {"Rhodesia", "ZW"},
      {"Kampuchea", "KH"},
      {"Upper Volta", "BF"},
      {"Dahomey", "BJ"},
      {"Ceylon", "LK"},
      {"Persia", "IR"},
      {"Siam", "TH"},
      {"New Hebrides", "VU"},
      {"Byelorussian SSR", "BY"},
      {"Ukrainian SSR", "UA"},
      {"RSFSR", "RU"},
      {"West Germany", "DE"},
      // Regions lists write in country fields map to the state containing
      // them; Kosovo has the user-assigned code the EU, UK and OFAC use.
      {"Crimea", "UA"},
      {"Kosovo", "XK"},
      {"Republic of Kosovo", "XK"},
      {"Gaza", "PS"},
      {"West Bank", "PS"},
      // Czechoslovakia split in two and its code CS went to Serbia and
      // Montenegro, so no code names it unambiguously.
      {"Czechoslovakia", ""},
  });
}

TEST(CountryTest, HistoricalAndUserAssignedCodesAreCodes) {
  for (const char* code :
       {"SU", "YU", "CS", "DD", "AN", "YD", "VD", "NT", "PZ", "XK"}) {
    EXPECT_TRUE(IsCountryCode(code)) << code;
    EXPECT_EQ(CountryCode(code), code) << code;
  }
  EXPECT_EQ(CountryName("SU"), "Soviet Union");
  EXPECT_EQ(CountryName("YU"), "Yugoslavia");
  EXPECT_EQ(CountryName("CS"), "Serbia and Montenegro");
  EXPECT_EQ(CountryName("DD"), "German Democratic Republic");
  EXPECT_EQ(CountryName("AN"), "Netherlands Antilles");
  EXPECT_EQ(CountryName("XK"), "Kosovo");
  // Former codes of renamed states are aliases, not codes of their own.
  EXPECT_FALSE(IsCountryCode("ZR"));
  EXPECT_EQ(CountryCode("ZR"), "CD");
  EXPECT_FALSE(IsCountryCode("BU"));
  EXPECT_EQ(CountryCode("BU"), "MM");
}

// Values copied byte for byte from the files under EMBARGO_SHARED_DATA; the
// comment names the file and field.
TEST(CountryTest, RealValuesFromTheLists) {
  ExpectCodes({
      // un_sc/2026-02-27/UN_consolidated.xml NATIONALITY / COUNTRY
      {"Iran (Islamic Republic of)", "IR"},
      {"Syrian Arab Republic", "SY"},
      {"Russian Federation", "RU"},
      {"United Republic of Tanzania", "TZ"},
      {"Democratic Republic of the Congo", "CD"},
      {"Congo", "CG"},  // CFi.013's third nationality: Brazzaville.
      {"Türkiye", "TR"},
      {"State of Palestine", "PS"},
      {"Viet Nam", "VN"},
      {"United Kingdom of Great Britain and Northern Ireland", "GB"},
      {"former Soviet Union", "SU"},
      // ofac_sdn/2021-07-07/add.csv Country and sdn.csv remarks
      {"Korea, North", "KP"},
      {"Congo, Democratic Republic of the", "CD"},
      {"Congo, Republic of the", "CG"},
      {"Virgin Islands, British", "VG"},
      {"Bahamas, The", "BS"},
      {"Macau", "MO"},
      {"Cote d Ivoire", "CI"},
      {"Region: Gaza", "PS"},
      {"Region: Crimea", "UA"},
      {"Region: Northern Mali", "ML"},
      {"Palestinian", "PS"},
      {"Netherlands Antilles", "AN"},
      {"Man, Isle of", "IM"},
      {"Macedonia, The Former Yugoslav Republic of", "MK"},
      // ofac_sdn/2024-05-03/sdn.csv remarks
      {"North Macedonia, The Republic of", "MK"},
      {"Cabo Verde", "CV"},
      // uk_ofsi/2018-11-29/sanctionsconlist.csv Country / Nationality /
      // Country of Birth
      {"DPRK", "KP"},
      {"DRC", "CD"},
      {"Democratic People’s Republic of Korea", "KP"},
      {"Libyan Arab Jamahiriya", "LY"},
      {"Iranian (Iranian citizenship)", "IR"},
      {"Kuwaiti citizenship", "KW"},
      {"Afgan", "AF"},
      {"Qatarian", "QA"},
      {"Ukranian SSR", "UA"},
      {"Ukrainian USSR", "UA"},
      {"Sultanate of Oman", "OM"},
      {"Union of the Comoros (at time of listing)", "KM"},
      {"Trinadad and Tobago (from birth until 27 Nov 2013)", "TT"},
      {"Afghanistan (since 2009)", "AF"},
      {"Iran (Islamic Republic of).  ", "IR"},
      {"Iran (Islamic Republic of.) ", "IR"},
      {"Saudi Arabian", "SA"},
      {"Filipino", "PH"},
      {"now Republic of Moldova", "MD"},
      {"Crimea 295000", "UA"},
      {"The Netherlands", "NL"},
      // canada_sema/2025-05-25/cannada.xml Country
      {"Myanmar (Burma) / Myanmar (Birmanie)", "MM"},
      {"South Sudan / Soudan du sud", "SS"},
      {"Belarus / Bélarus", "BY"},
      {"Syria / Syrie", "SY"},
      {"Haiti / Haïti", "HT"},
      {"China / Chine", "CN"},
      {"Sudan / Soudan", "SD"},
      {"Venezuela ", "VE"},
      // eu_fsf/2020-04-15_excerpt/sample_eu.xml countryDescription
      {"CONGO, Democratic Republic of (was Zaire)", "CD"},
      {"RWANDA", "RW"},
      // australia_dfat/2024-12-17 Citizenship / Place of Birth
      {"Afghani", "AF"},
      {"Türkiyish ", "TR"},
      {"Belarusian SSR (Belarus)", "BY"},
      {"Kazakh Soviet Socialist Republic (now Kazakhstan)", "KZ"},
      {"Vitebsk (Belarusian SSR)", "BY"},
      {"Occupied Palestinian Territories", "PS"},
      // us_csl/2022-05-16 places_of_birth / vessel_flag
      {"Bosnia-Herzegovina", "BA"},
      {"St. Kitts & Nevis", "KN"},
      {"St. Vincent and the Grenadines", "VC"},
      {"Gaza Strip", "PS"},
      {"The Gambia", "GM"},
  });
}

TEST(CountryTest, ArabicNamesFromTheUaeList) {
  // uae_local_terrorist_list/LS1309232025.csv, nationality column, with the
  // file's trailing spaces and spelling variants (hamza, teh marbuta).
  ExpectCodes({
      {"قطر", "QA"},
      {"اليمن", "YE"},
      {"اليمن ", "YE"},
      {"السعودية", "SA"},
      {"السعوديه", "SA"},
      {"الإمارات", "AE"},
      {"الإمارات ", "AE"},
      {"الامارات", "AE"},
      {"مصر", "EG"},
      {"الصومال", "SO"},
      {"ليبيا", "LY"},
      {"أفغانستان", "AF"},
      {"ايران", "IR"},
      {"إيراني ", "IR"},
      {"لبنان", "LB"},
      {"الكويت", "KW"},
      {"البحرين", "BH"},
      {"الأردن ", "JO"},
      {"باكستان ", "PK"},
      {"سوري ", "SY"},
      {"سوريا", "SY"},
      {"سانت كيتس - نافيس ", "KN"},
      {"أمريكا", "US"},
      {"النمسا", "AT"},
      {"تركيا", "TR"},
      {"السويد", "SE"},
      {"بريطانيا      ", "GB"},
      {"روسيا          ", "RU"},
      {"نيجيري ", "NG"},
      // Issuer and place-of-birth columns.
      {"ليبيريا", "LR"},
      {"دبي", "AE"},
      {"مصر (الجيزة)", "EG"},
  });
}

TEST(CountryTest, ArabicDiacriticsAndTatweelAreIgnored) {
  ExpectCodes({
      {"السّعوديّة", "SA"},   // shadda
      {"سُورِيَا", "SY"},      // damma, kasra, fatha
      {"مـصـر", "EG"},      // tatweel
      {"\u200Fقطر", "QA"},  // right-to-left mark
      {"المملكة العربية السعودية", "SA"},
  });
}

TEST(CountryTest, Demonyms) {
  ExpectCodes({
      {"Iranian", "IR"},        {"Syrian", "SY"},     {"Afghan", "AF"},
      {"Iraqi", "IQ"},          {"Russian", "RU"},    {"North Korean", "KP"},
      {"Pakistani", "PK"},      {"Yemeni", "YE"},     {"Saudi", "SA"},
      {"Emirati", "AE"},        {"Chinese", "CN"},    {"Venezuelan", "VE"},
      {"Belarusian", "BY"},     {"Ukrainian", "UA"},  {"Libyan", "LY"},
      {"Somali", "SO"},         {"Tunisian", "TN"},   {"Cuban", "CU"},
      {"Burmese", "MM"},        {"Nicaraguan", "NI"}, {"Kosovar", "XK"},
      {"South Sudanese", "SS"}, {"Sudanese", "SD"},   {"Nigerien", "NE"},
      {"Nigerian", "NG"},       {"British", "GB"},    {"American", "US"},
  });
}

TEST(CountryTest, NotCountries) {
  ExpectCodes({
      {"Atlantis", ""},
      {"", ""},
      {"   ", ""},
      {"Korea", ""},      // North or South
      {"Congolese", ""},  // Kinshasa or Brazzaville
      {"Korean", ""},
      {"Dominican", ""},       // Dominica or the Dominican Republic
      {"Virgin Islands", ""},  // British or US
      {"Unknown", ""},
      {"UNKNOWN", ""},
      {"na", ""},  // the UN's "not available" (SDi.001); Namibia is NA
      {"n/a", ""},
      {"None Identified", ""},
      {"undetermined", ""},
      {"Africa", ""},
      {"Kashmir", ""},
      {"Region: Kafia Kingi", ""},
      {"Region: Jammu and Kashmir", ""},
      {"XX", ""},
      {"No. 2", ""},  // not Norway with a number
      {"Possibly Ethiopian", ""},
      {"Kuwaiti citizenship withdrawn in 2002", ""},
      {"Hamas Terrorist Attacks / Attaques terroristes du Hamas", ""},
      {"Extremist Settler Violence / Violence extrémiste des colons", ""},
      // Two countries in one value are for the caller to split.
      {"Sudan/South Sudan", ""},
      {"Malian / Mauritanian", ""},
      {"السعودية / الكويت", ""},
  });
  EXPECT_EQ(CountryCode("NA"), "NA");
  EXPECT_EQ(CountryCode("Namibia"), "NA");
}

TEST(CountryTest, KeyFoldsCaseAccentsAndPunctuation) {
  ExpectCodes({
      {"CÔTE D’IVOIRE", "CI"},
      {"Co\xCC\x82te d'Ivoire", "CI"},  // decomposed: o + U+0302
      {"Cote d`Ivoire", "CI"},
      {"Turkiye", "TR"},
      {"São Tomé and Príncipe", "ST"},
      {"Curaçao", "CW"},
      {"Réunion", "RE"},
      {"Åland Islands", "AX"},
      {"Gambia, The", "GM"},
      {"The Bahamas", "BS"},
      {"Bosnia & Herzegovina", "BA"},
      {"United\xC2\xA0States", "US"},  // no-break space
      {"Viet\xE2\x80\x8BNam", "VN"},   // zero-width space: "VietNam"
      {"Viet-Nam", "VN"},
  });
}

TEST(CountryTest, FramingWordsAndQualifiers) {
  ExpectCodes({
      {"Region: Russia", "RU"},
      {"Region: West Bank", "PS"},
      {"Lebanon citizenship", "LB"},
      {"Belgian nationalities", "BE"},
      {"US national", "US"},
      {"Italy (Domicile, last known address)", "IT"},
      {"USSR (Uzbekistan)", "SU"},
      {"Zaporozhye (Ukrainian SSR)", "UA"},
      {"115432 Russia", "RU"},
      {"Russia 109052", "RU"},
      {"BE 454", ""},  // a code with a number is not a name with a postcode
  });
}

TEST(CountryTest, Names) {
  EXPECT_EQ(CountryName("KP"), "North Korea");
  EXPECT_EQ(CountryName("CD"), "Democratic Republic of the Congo");
  EXPECT_EQ(CountryName("CG"), "Republic of the Congo");
  EXPECT_EQ(CountryName("TR"), "Türkiye");
  EXPECT_EQ(CountryName("GB"), "United Kingdom");
  EXPECT_EQ(CountryName("XX"), "");
  EXPECT_TRUE(IsCountryCode("KP"));
  EXPECT_FALSE(IsCountryCode("XX"));
  EXPECT_FALSE(IsCountryCode("kp"));
  EXPECT_FALSE(IsCountryCode("PRK"));
}

// Every row of the table: a unique two-letter code, a name, and aliases that
// all lead back to that code (so no alias is claimed by two rows).
TEST(CountryTest, TableIsConsistent) {
  std::string_view data = internal::kCountriesTsv;
  std::set<std::string> codes;
  size_t aliases = 0;
  std::istringstream in{std::string(data)};
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ls(line);
    std::string col;
    while (std::getline(ls, col, '\t')) cols.push_back(col);
    ASSERT_EQ(cols.size(), 3u) << line;
    const std::string& code = cols[0];
    ASSERT_EQ(code.size(), 2u) << line;
    EXPECT_TRUE(std::isupper(static_cast<unsigned char>(code[0])) &&
                std::isupper(static_cast<unsigned char>(code[1])))
        << code;
    EXPECT_TRUE(codes.insert(code).second) << "duplicate row " << code;
    EXPECT_EQ(CountryName(code), cols[1]);
    EXPECT_TRUE(IsCountryCode(code)) << code;
    EXPECT_EQ(CountryCode(code), code);
    EXPECT_EQ(CountryCode(cols[1]), code) << cols[1];
    std::stringstream as(cols[2]);
    std::string alias;
    while (std::getline(as, alias, '|')) {
      ++aliases;
      EXPECT_EQ(CountryCode(alias), code) << "alias '" << alias << "'";
    }
  }
  // 249 ISO 3166-1 codes + XK + 17 ISO 3166-3 former codes.
  EXPECT_EQ(codes.size(), 267u);
  EXPECT_GT(aliases, 1500u);
  for (const char* iso : {"AD", "AQ", "BQ", "CW", "EH", "SS", "SX", "TF", "UM",
                          "ZW", "AX", "BV", "HM"}) {
    EXPECT_EQ(codes.count(iso), 1u) << iso;
  }
}

// Every distinct nationality the UN list states maps, except its "na".
TEST(CountryTest, EveryUnNationalityMaps) {
  std::string xml = ReadFile(std::string(EMBARGO_SHARED_DATA) +
                             "/un_sc/2026-02-27/UN_consolidated.xml");
  ASSERT_FALSE(xml.empty()) << "cannot read under " << EMBARGO_SHARED_DATA;
  std::set<std::string> values;
  for (size_t pos = 0;
       (pos = xml.find("<NATIONALITY>", pos)) != std::string::npos;) {
    size_t end = xml.find("</NATIONALITY>", pos);
    ASSERT_NE(end, std::string::npos);
    for (size_t v = xml.find("<VALUE>", pos); v != std::string::npos && v < end;
         v = xml.find("<VALUE>", v + 1)) {
      size_t close = xml.find("</VALUE>", v);
      values.insert(xml.substr(v + 7, close - v - 7));
    }
    pos = end;
  }
  EXPECT_EQ(values.size(), 56u);
  std::vector<std::string> unmapped;
  for (const std::string& v : values) {
    if (CountryCode(v).empty()) unmapped.push_back(v);
  }
  EXPECT_EQ(unmapped, std::vector<std::string>{"na"});
}

// Canada's Country column: all 19 values map except the three that name a
// regulation or a theme rather than a country.
TEST(CountryTest, EveryCanadianCountryValueMaps) {
  std::string xml = ReadFile(std::string(EMBARGO_SHARED_DATA) +
                             "/canada_sema/2025-05-25/cannada.xml");
  ASSERT_FALSE(xml.empty()) << "cannot read under " << EMBARGO_SHARED_DATA;
  std::set<std::string> values;
  for (size_t pos = 0;
       (pos = xml.find("<Country>", pos)) != std::string::npos;) {
    size_t end = xml.find("</Country>", pos);
    values.insert(xml.substr(pos + 9, end - pos - 9));
    pos = end;
  }
  EXPECT_EQ(values.size(), 19u);
  std::set<std::string> unmapped;
  for (const std::string& v : values) {
    if (CountryCode(v).empty()) unmapped.insert(v);
  }
  EXPECT_EQ(unmapped,
            (std::set<std::string>{
                "Extremist Settler Violence / Violence extrémiste des colons",
                "Hamas Terrorist Attacks / Attaques terroristes du Hamas",
                "Justice for Victims of Corrupt Foreign Officials Regulations "
                "(JVCFOR) / Règlement relatif à la justice pour les victimes "
                "de dirigeants étrangers corrompus (RJVDEC)"}));
}

// The UAE list's nationality column (third field of each of the 155 rows
// after three header rows): all map except the two that name two countries.
TEST(CountryTest, EveryUaeNationalityMaps) {
  std::string csv = ReadFile(std::string(EMBARGO_SHARED_DATA) +
                             "/uae_local_terrorist_list/LS1309232025.csv");
  ASSERT_FALSE(csv.empty()) << "cannot read under " << EMBARGO_SHARED_DATA;
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!rows.back().empty() || !field.empty()) rows.back().push_back(field);
  std::map<std::string, int> unmapped;
  int people = 0;
  for (size_t r = 3; r < rows.size(); ++r) {
    if (rows[r].size() < 3) continue;
    ++people;
    if (CountryCode(rows[r][2]).empty()) ++unmapped[rows[r][2]];
  }
  EXPECT_EQ(people, 155);
  EXPECT_EQ(unmapped,
            (std::map<std::string, int>{{"الحالية: السويد السابقة: ليبيريا", 1},
                                        {"السعودية / الكويت", 1}}));
}

}  // namespace
}  // namespace embargo
