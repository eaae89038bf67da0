#include "sources/ofac_remarks.h"

#include <gtest/gtest.h>

namespace embargo::internal {
namespace {

TEST(OfacRemarksTest, PersonFieldsFromTheBrief) {
  OfacRemarks r = ParseOfacRemarks(
      "DOB 12 Jun 1966; POB Pyongyang, North Korea; nationality Korea, North; "
      "Passport 563410081 (Korea, North); Gender Male; alt. DOB circa 1960; "
      "DOB 1965 to 1969; citizen Russia; Position: Director, General "
      "Intelligence Directorate.");
  EXPECT_EQ(r.birth_dates, (std::vector<std::string>{
                               "12 Jun 1966", "circa 1960", "1965 to 1969"}));
  EXPECT_EQ(r.birth_places,
            (std::vector<std::string>{"Pyongyang, North Korea"}));
  EXPECT_EQ(r.nationalities, (std::vector<std::string>{"Korea, North"}));
  EXPECT_EQ(r.citizenships, (std::vector<std::string>{"Russia"}));
  EXPECT_EQ(r.gender, Gender::kMale);
  EXPECT_EQ(
      r.positions,
      (std::vector<std::string>{"Director, General Intelligence Directorate"}));
  ASSERT_EQ(r.identifiers.size(), 1u);
  EXPECT_EQ(r.identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(r.identifiers[0].label, "Passport");
  EXPECT_EQ(r.identifiers[0].value, "563410081");
  EXPECT_EQ(r.identifiers[0].country, "Korea, North");
  EXPECT_EQ(r.identifiers[0].notes, "");
  EXPECT_TRUE(r.unparsed.empty());
  EXPECT_EQ(r.leftover, "");
}

TEST(OfacRemarksTest, IssuedAndExpiresGoToNotes) {
  OfacRemarks r = ParseOfacRemarks(
      "Passport A1234567 (Iran) issued 28 Feb 1996 expires 27 Feb 2001; "
      "Diplomatic Passport 008827 (Iran) issued 1999; Passport L 191609 "
      "issued 28 Feb 1996 expires 27 Feb 2001");
  ASSERT_EQ(r.identifiers.size(), 3u);
  EXPECT_EQ(r.identifiers[0].value, "A1234567");
  EXPECT_EQ(r.identifiers[0].country, "Iran");
  EXPECT_EQ(r.identifiers[0].notes, "issued 28 Feb 1996 expires 27 Feb 2001");
  EXPECT_EQ(r.identifiers[1].label, "Diplomatic Passport");
  EXPECT_EQ(r.identifiers[1].kind, IdKind::kPassport);
  EXPECT_EQ(r.identifiers[1].value, "008827");
  EXPECT_EQ(r.identifiers[1].notes, "issued 1999");
  EXPECT_EQ(r.identifiers[2].value, "L 191609");
  EXPECT_EQ(r.identifiers[2].country, "");
}

TEST(OfacRemarksTest, EarlierParenthesesAreNotesAndTheLastIsTheCountry) {
  OfacRemarks r = ParseOfacRemarks(
      "Registration Number HRA 738077 (Stuttgart) (Germany); Unified Social "
      "Credit Code (USCC) 91222401MA0Y31E659 (China); Public Registration "
      "Number 467323, Doc. 694710 (Panama)");
  ASSERT_EQ(r.identifiers.size(), 3u);
  EXPECT_EQ(r.identifiers[0].kind, IdKind::kRegistration);
  EXPECT_EQ(r.identifiers[0].value, "HRA 738077");
  EXPECT_EQ(r.identifiers[0].country, "Germany");
  EXPECT_EQ(r.identifiers[0].notes, "Stuttgart");
  EXPECT_EQ(r.identifiers[1].label, "Unified Social Credit Code (USCC)");
  EXPECT_EQ(r.identifiers[1].value, "91222401MA0Y31E659");
  EXPECT_EQ(r.identifiers[1].country, "China");
  EXPECT_EQ(r.identifiers[2].value, "467323, Doc. 694710");
}

TEST(OfacRemarksTest, VesselAndAircraftKeys) {
  OfacRemarks r = ParseOfacRemarks(
      "Vessel Registration Identification IMO 8518572; MMSI 572469210; "
      "Vessel Year of Build 1999; Former Vessel Flag Malta; Aircraft "
      "Manufacturer's Serial Number (MSN) 1023409321; Aircraft Model IL-76; "
      "Aircraft Operator Iran Air; Aircraft Construction Number (also called "
      "L/N or S/N or F/N) 8401; Aircraft Tail Number EP-MMH; Aircraft "
      "Manufacture Date 01 Dec 1992; Nationality of Registration Korea, North; "
      "Identification Number IMO 5342883");
  ASSERT_EQ(r.identifiers.size(), 6u);
  EXPECT_EQ(r.identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(r.identifiers[0].value, "8518572");
  EXPECT_EQ(r.identifiers[0].label, "Vessel Registration Identification IMO");
  EXPECT_EQ(r.identifiers[1].kind, IdKind::kMmsi);
  EXPECT_EQ(r.identifiers[1].value, "572469210");
  EXPECT_EQ(r.identifiers[2].kind, IdKind::kAircraftSerial);
  EXPECT_EQ(r.identifiers[2].value, "1023409321");
  EXPECT_EQ(r.identifiers[3].kind, IdKind::kAircraftSerial);
  EXPECT_EQ(r.identifiers[3].value, "8401");
  EXPECT_EQ(r.identifiers[4].kind, IdKind::kTailNumber);
  EXPECT_EQ(r.identifiers[4].value, "EP-MMH");
  EXPECT_EQ(r.identifiers[5].kind, IdKind::kImo);
  EXPECT_EQ(r.identifiers[5].value, "5342883");
  EXPECT_EQ(r.vessel_build_year, "1999");
  EXPECT_EQ(r.aircraft_model, "IL-76");
  EXPECT_EQ(r.aircraft_operator, "Iran Air");
  EXPECT_EQ(r.aircraft_build_date, "01 Dec 1992");
  EXPECT_EQ(r.registration_countries,
            (std::vector<std::string>{"Korea, North"}));
  EXPECT_EQ(r.info, (std::vector<std::string>{"Former Vessel Flag Malta"}));
}

TEST(OfacRemarksTest, ContactAndFinancialIdentifiers) {
  OfacRemarks r = ParseOfacRemarks(
      "Website www.x.com; Email Address info@x.com; SWIFT/BIC BNCUCUHH; "
      "National ID No. 660000 73767 (Belgium); Tax ID No. 100036386 "
      "(Serbia); Registration ID 14063277; Phone Number 8613621583465; "
      "Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo; "
      "Telephone (357)(22660766); NIT # 800123456-1 (Colombia)");
  ASSERT_EQ(r.identifiers.size(), 10u);
  EXPECT_EQ(r.identifiers[0].kind, IdKind::kWebsite);
  EXPECT_EQ(r.identifiers[0].value, "www.x.com");
  EXPECT_EQ(r.identifiers[1].kind, IdKind::kEmail);
  EXPECT_EQ(r.identifiers[1].value, "info@x.com");
  EXPECT_EQ(r.identifiers[2].kind, IdKind::kSwiftBic);
  EXPECT_EQ(r.identifiers[2].value, "BNCUCUHH");
  EXPECT_EQ(r.identifiers[3].kind, IdKind::kNationalId);
  EXPECT_EQ(r.identifiers[3].value, "660000 73767");
  EXPECT_EQ(r.identifiers[3].country, "Belgium");
  EXPECT_EQ(r.identifiers[4].kind, IdKind::kTaxId);
  EXPECT_EQ(r.identifiers[4].country, "Serbia");
  EXPECT_EQ(r.identifiers[5].kind, IdKind::kRegistration);
  EXPECT_EQ(r.identifiers[5].value, "14063277");
  EXPECT_EQ(r.identifiers[6].kind, IdKind::kPhone);
  EXPECT_EQ(r.identifiers[7].kind, IdKind::kOther);
  EXPECT_EQ(r.identifiers[7].label, "Digital Currency Address - XBT");
  EXPECT_EQ(r.identifiers[7].value, "1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo");
  // A phone's parentheses are part of the number, not a country.
  EXPECT_EQ(r.identifiers[8].value, "(357)(22660766)");
  EXPECT_EQ(r.identifiers[8].country, "");
  EXPECT_EQ(r.identifiers[9].label, "NIT #");
  EXPECT_EQ(r.identifiers[9].value, "800123456-1");
  EXPECT_EQ(r.identifiers[9].country, "Colombia");
}

TEST(OfacRemarksTest, AliasesAreWeakWhateverTheQuotes) {
  OfacRemarks r = ParseOfacRemarks(
      "a.k.a. 'BNC'; f.k.a. 'ANA I'; n.k.a. \"NEW NAME\"; a.k.a. ''ABD "
      "AL-MUHSI'.");
  ASSERT_EQ(r.aliases.size(), 4u);
  EXPECT_EQ(r.aliases[0].name, "BNC");
  EXPECT_EQ(r.aliases[0].type, NameType::kAka);
  EXPECT_EQ(r.aliases[0].quality, NameQuality::kWeak);
  EXPECT_EQ(r.aliases[1].name, "ANA I");
  EXPECT_EQ(r.aliases[1].type, NameType::kFka);
  EXPECT_EQ(r.aliases[2].name, "NEW NAME");
  EXPECT_EQ(r.aliases[2].type, NameType::kNka);
  EXPECT_EQ(r.aliases[2].quality, NameQuality::kWeak);
  // The name's own leading apostrophe survives.
  EXPECT_EQ(r.aliases[3].name, "'ABD AL-MUHSI");
}

TEST(OfacRemarksTest, TextSegmentsAreKeptAndUnknownOnesAreLeftOver) {
  OfacRemarks r = ParseOfacRemarks(
      "Secondary sanctions risk: North Korea Sanctions Regulations, sections "
      "510.201 and 510.210; Linked To: LAZARUS GROUP; Additional Sanctions "
      "Information - Subject to Secondary Sanctions; Organization Established "
      "Date 17 Dec 2016; ICTY indictee; KOMID official in Syria; Member ETA; "
      "Gender Unknown.");
  EXPECT_EQ(r.info,
            (std::vector<std::string>{
                "Secondary sanctions risk: North Korea Sanctions Regulations, "
                "sections 510.201 and 510.210",
                "Linked To: LAZARUS GROUP",
                "Additional Sanctions Information - Subject to Secondary "
                "Sanctions",
                "ICTY indictee"}));
  EXPECT_EQ(r.established_dates, (std::vector<std::string>{"17 Dec 2016"}));
  EXPECT_EQ(r.unparsed,
            (std::vector<std::string>{"KOMID official in Syria", "Member ETA",
                                      "Gender Unknown"}));
  EXPECT_EQ(r.leftover, "KOMID official in Syria; Member ETA; Gender Unknown");
  EXPECT_EQ(r.gender, Gender::kUnknown);
}

TEST(OfacRemarksTest, KeysMatchWholeWordsOnly) {
  // "DOBRO..." is not a DOB, "Passports" is not "Passport"; a key with no
  // value is not a field.
  OfacRemarks r = ParseOfacRemarks("DOBROVOLSKY; Passports lost; Passport");
  EXPECT_TRUE(r.birth_dates.empty());
  EXPECT_TRUE(r.identifiers.empty());
  EXPECT_EQ(r.leftover, "DOBROVOLSKY; Passports lost; Passport");
}

TEST(OfacRemarksTest, HonorificsAreTitlesAndPostsAreNot) {
  EXPECT_TRUE(IsOfacHonorific("Haji"));
  EXPECT_TRUE(IsOfacHonorific("major general"));
  EXPECT_TRUE(IsOfacHonorific("Mufti or Maulana"));
  EXPECT_FALSE(IsOfacHonorific("Minister of Finance"));
  EXPECT_FALSE(IsOfacHonorific("Mufti or Minister"));
  EXPECT_FALSE(IsOfacHonorific("haji|hajji"));
  EXPECT_FALSE(IsOfacHonorific(""));
  OfacRemarks r =
      ParseOfacRemarks("DOB 1941; Major General; Doctor; Title: Sheikh.");
  EXPECT_EQ(r.titles,
            (std::vector<std::string>{"Major General", "Doctor", "Sheikh"}));
  EXPECT_TRUE(r.unparsed.empty());
}

TEST(OfacRemarksTest, BareWebAndMailAddresses) {
  OfacRemarks r = ParseOfacRemarks(
      "www.almanar.com.lb; info@sanabel.org.uk (email); "
      "http://www.sanabel.org.uk (website); d.b.a. 'ANARQUIA PAINTBALL'");
  ASSERT_EQ(r.identifiers.size(), 3u);
  EXPECT_EQ(r.identifiers[0].kind, IdKind::kWebsite);
  EXPECT_EQ(r.identifiers[0].value, "www.almanar.com.lb");
  EXPECT_EQ(r.identifiers[1].kind, IdKind::kEmail);
  EXPECT_EQ(r.identifiers[1].value, "info@sanabel.org.uk");
  EXPECT_EQ(r.identifiers[2].kind, IdKind::kWebsite);
  EXPECT_EQ(r.identifiers[2].value, "http://www.sanabel.org.uk");
  ASSERT_EQ(r.aliases.size(), 1u);
  EXPECT_EQ(r.aliases[0].name, "ANARQUIA PAINTBALL");
  EXPECT_EQ(r.aliases[0].type, NameType::kAka);
}

TEST(OfacRemarksTest, EmptyAndNullInput) {
  OfacRemarks r = ParseOfacRemarks("  ");
  EXPECT_TRUE(r.info.empty());
  EXPECT_TRUE(r.unparsed.empty());
  EXPECT_EQ(r.leftover, "");
}

}  // namespace
}  // namespace embargo::internal
