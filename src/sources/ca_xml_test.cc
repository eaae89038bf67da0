#include "sources/ca_xml.h"

#include <gtest/gtest.h>

#include <map>

#include "embargo/lists.h"
#include "sources/io.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

const std::string kSema =
    std::string(EMBARGO_SHARED_DATA) + "/canada_sema/2025-05-25/cannada.xml";
const std::string kCaFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/ca/";

std::vector<std::string> Split(std::string_view text, bool person = false,
                               std::string_view given = "",
                               std::string_view family = "") {
  std::vector<std::string> out;
  for (const CaAlias& a : SplitCaAliases(text, person, given, family))
    out.push_back(a.language.empty() ? a.name : a.language + ": " + a.name);
  return out;
}

class CaXmlTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto list = LoadList("ca_xml:" + kSema);
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    list_ = new EntityList(std::move(*list));
  }
  static void TearDownTestSuite() {
    delete list_;
    list_ = nullptr;
  }
  static EntityList* list_;
};
EntityList* CaXmlTest::list_ = nullptr;

TEST_F(CaXmlTest, LoadsEveryRecord) {
  ASSERT_NE(list_, nullptr);
  EXPECT_EQ(list_->info.name, "ca_sema");
  EXPECT_EQ(list_->info.format, "ca_xml");
  EXPECT_TRUE(list_->info.published.empty());  // the file states no date
  ASSERT_EQ(list_->entities.size(), 4759u);    // PROVENANCE.md
  std::map<EntityKind, int> kinds;
  int with_aliases = 0;
  for (const Entity& e : list_->entities) {
    ++kinds[e.kind];
    // Aliases-field names; the French half of a bilingual entity name is not
    // one.
    bool alias = false;
    for (const Name& n : e.names)
      alias = alias || (n.type == NameType::kAka && n.language != "French");
    with_aliases += alias;
  }
  // LastName/GivenName records, EntityOrShip without and with an IMO number.
  EXPECT_EQ(kinds[EntityKind::kPerson], 3334);
  EXPECT_EQ(kinds[EntityKind::kOrganization], 1316);
  EXPECT_EQ(kinds[EntityKind::kVessel], 109);
  EXPECT_EQ(with_aliases, 2877);  // PROVENANCE.md
  // The regimes that are not countries; every country regime maps.
  EXPECT_EQ(list_->info.warnings,
            (std::vector<std::string>{
                "unmapped country 'Extremist Settler Violence'",
                "unmapped country 'Hamas Terrorist Attacks'",
                "2 birth or build dates are not dates ('Sep-99', ...) and were "
                "kept as remarks"}));
  EXPECT_TRUE(list_->info.unknown_fields.empty());
}

TEST_F(CaXmlTest, RussiaPerson) {
  ASSERT_NE(list_, nullptr);
  const Entity* e = Find(*list_, "ca-Russia-1_Part_1-504");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kPerson);
  EXPECT_EQ(e->provenance.record_id, "Russia, Schedule 1, Part 1, Item 504");
  EXPECT_EQ(e->provenance.line, 14941u);
  EXPECT_EQ(Names(*e),
            (std::vector<std::string>{"Sergei Kuzhugetovich SHOIGU",
                                      "Сергей Кужугетович Шойгу",
                                      "Sergey Shoigu", "Sergey Shoygu"}));
  EXPECT_EQ(e->names[0].parts.given, "Sergei Kuzhugetovich");
  EXPECT_EQ(e->names[0].parts.family, "SHOIGU");
  EXPECT_TRUE(e->names[1].original_script);
  EXPECT_FALSE(e->names[2].original_script);
  EXPECT_EQ(e->names[2].type, NameType::kAka);
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1955");
  EXPECT_EQ(e->listed_on.ToString(), "2022-02-28");
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "Russia");
  EXPECT_EQ(e->programs[0].name, "Russia / Russie");
  EXPECT_EQ(e->countries, std::vector<std::string>{"RU"});
}

TEST_F(CaXmlTest, ShipWithImoNumber) {
  ASSERT_NE(list_, nullptr);
  const Entity* e = Find(*list_, "ca-Russia-1.1-1");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kVessel);
  EXPECT_EQ(e->provenance.line, 31738u);
  EXPECT_EQ(Names(*e), std::vector<std::string>{"Balitiyskiy III"});
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(e->identifiers[0].value, "7612448");
  EXPECT_EQ(e->vessel.type, "General Cargo / Multi Purpose");
  EXPECT_EQ(e->vessel.build_date, "1980");
  EXPECT_TRUE(e->birth_dates.empty());
  EXPECT_EQ(e->listed_on.ToString(), "2025-02-21");
}

TEST_F(CaXmlTest, ThematicRegimesBilingualNamesAndTitles) {
  ASSERT_NE(list_, nullptr);
  const Entity* jv = Find(*list_, "ca-JVCFOR-54");
  ASSERT_NE(jv, nullptr);
  EXPECT_EQ(jv->names[0].full, "Mansour Othman ABAHUSSAIN");
  EXPECT_EQ(jv->programs[0].code, "JVCFOR");
  EXPECT_TRUE(jv->countries.empty());
  ASSERT_EQ(jv->birth_dates.size(), 2u);  // "1972-08-10 or 1972-08-11"
  EXPECT_EQ(jv->birth_dates[1].ToString(), "1972-08-11");

  const Entity* army = Find(*list_, "ca-Iran-1_Part_1-31");
  ASSERT_NE(army, nullptr);
  EXPECT_EQ(army->kind, EntityKind::kOrganization);
  EXPECT_EQ(Names(*army),
            (std::vector<std::string>{"Iranian Army", "Armée iranienne"}));
  EXPECT_EQ(army->names[1].language, "French");
  EXPECT_EQ(army->countries, std::vector<std::string>{"IR"});

  const Entity* colonel = Find(*list_, "ca-Syria-Part_2-61");
  ASSERT_NE(colonel, nullptr);
  // The published GivenName ends in a no-break space.
  EXPECT_EQ(colonel->names[0].full, "Lu’ai Al-Ali");
  EXPECT_EQ(colonel->titles, std::vector<std::string>{"Colonel"});

  const Entity* zw = Find(*list_, "ca-Zimbabwe-164");  // no Schedule
  ASSERT_NE(zw, nullptr);
  EXPECT_EQ(zw->names[0].full, "Tinaye Elisha Chigudu");
  EXPECT_EQ(zw->birth_dates[0].ToString(), "1942-08-13");
}

TEST(CaAliasTest, SplitsAtSeparatorsAndLabels) {
  EXPECT_EQ(
      Split("Сергей Кужугетович Шойгу; Sergey Shoigu, Sergey Shoygu", true),
      (std::vector<std::string>{"Сергей Кужугетович Шойгу", "Sergey Shoigu",
                                "Sergey Shoygu"}));
  EXPECT_EQ(
      Split("Mikalay Alyaksandravich Lukashenka, Kolya Lukashenko, Belarusian: "
            "Мікалай Аляксандравіч Лукашэнка; Russian: Николай Александрович "
            "Лукашенко, Коля Лукашенко",
            true),
      (std::vector<std::string>{"Mikalay Alyaksandravich Lukashenka",
                                "Kolya Lukashenko",
                                "Belarusian: Мікалай Аляксандравіч Лукашэнка",
                                "Russian: Николай Александрович Лукашенко",
                                "Russian: Коля Лукашенко"}));
  EXPECT_EQ(Split("Abdel Rahim Hamdan Dagalo, Abdelrahim Dagalo, Abdul Rahim "
                  "Dagalo and Abdelrahim Hamdan Dagalo Mousa "
                  "Arabic:عبدالرحيم دقلو",
                  true),
            (std::vector<std::string>{"Abdel Rahim Hamdan Dagalo",
                                      "Abdelrahim Dagalo", "Abdul Rahim Dagalo",
                                      "Abdelrahim Hamdan Dagalo Mousa",
                                      "Arabic: عبدالرحيم دقلو"}));
}

TEST(CaAliasTest, KeepsCommasThatAreNotSeparators) {
  // A legal form after the name, Russian style.
  EXPECT_EQ(Split("Банк Зенит, ПАО"),
            std::vector<std::string>{"Банк Зенит, ПАО"});
  EXPECT_EQ(Split("РЕСО-Гарантия, САО or Страховое Акционерное Общество "
                  "\"РЕСО-Гарантия\""),
            (std::vector<std::string>{
                "РЕСО-Гарантия, САО",
                "Страховое Акционерное Общество \"РЕСО-Гарантия\""}));
  // Lower-case continuations of one long name.
  EXPECT_EQ(Split("Министерство образования, науки и молодежи Республики Крым"),
            std::vector<std::string>{
                "Министерство образования, науки и молодежи Республики Крым"});
  // Commas inside quotes and parentheses.
  EXPECT_EQ(
      Split("Центр (исследовательский, боевого применения) 924, НИИ \"A, Б\""),
      (std::vector<std::string>{
          "Центр (исследовательский, боевого применения) 924",
          "НИИ \"A, Б\""}));
  // An unbalanced quote does not swallow the rest.
  EXPECT_EQ(Split("Концерн \"ЦНИИ \"Электроприбор, АО, Elektropribor"),
            (std::vector<std::string>{"Концерн \"ЦНИИ \"Электроприбор, АО",
                                      "Elektropribor"}));
  // " and " joins words of an organization's name.
  EXPECT_EQ(Split("Radiological Chemical and Biological Defence troops"),
            std::vector<std::string>{
                "Radiological Chemical and Biological Defence troops"});
}

TEST(CaAliasTest, ExpandsSpellingVariants) {
  EXPECT_EQ(Split("Aleksander/ Aleksandr or Alexander /Alexandr Vladimirovich "
                  "Karnienko",
                  true, "Aliaksandr Uladzimirovich", "KARNIENKA"),
            (std::vector<std::string>{"Aleksander Vladimirovich Karnienko",
                                      "Aleksandr Vladimirovich Karnienko",
                                      "Alexander Vladimirovich Karnienko",
                                      "Alexandr Vladimirovich Karnienko"}));
  EXPECT_EQ(
      Split("Russian: Галина Книжонак or Книжонок or Книжонок-Максимова", true),
      (std::vector<std::string>{"Russian: Галина Книжонак",
                                "Russian: Галина Книжонок",
                                "Russian: Галина Книжонок-Максимова"}));
  // Lone words: a given-name or surname variant, or a nickname.
  EXPECT_EQ(Split("Andrei ", true, "Andrey Igorevich", "AKIMOV"),
            std::vector<std::string>{"Andrei Igorevich AKIMOV"});
  EXPECT_EQ(Split("Aleksei, Oleksii SALYAYEV, SALIAIEV", true,
                  "Aleksey Mikhailovich", "SALYAEV"),
            (std::vector<std::string>{"Aleksei Mikhailovich SALYAEV",
                                      "Oleksii SALYAYEV",
                                      "Aleksey Mikhailovich SALIAIEV"}));
  EXPECT_EQ(Split("Batya, Kazak", true, "Pavel", "DREMOV"),
            (std::vector<std::string>{"Batya", "Kazak"}));
}

TEST(CaXmlFixtureTest, UnknownFieldsUnparsedDatesAndTitles) {
  auto list = LoadCaXml(kCaFixtures + "sample.xml");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->entities.size(), 1u);
  const Entity& e = list->entities[0];
  EXPECT_EQ(e.id, "ca-Russia-1_Part_1-7");
  EXPECT_EQ(Names(e),
            (std::vector<std::string>{"Ivan Ivanovich PETROV", "Ivan PETROFF",
                                      "Иван Иванович Петров"}));
  EXPECT_EQ(e.titles, (std::vector<std::string>{"Colonel", "colonel"}));
  EXPECT_TRUE(e.birth_dates.empty());
  EXPECT_EQ(e.remarks,
            std::vector<std::string>{"Date of birth: born in the 1960s"});
  EXPECT_EQ(list->info.unknown_fields,
            (std::map<std::string, std::uint64_t>{{"Remarks", 1}}));
}

TEST(CaXmlFixtureTest, ImpossibleListingDateIsAnError) {
  std::string path = kCaFixtures + "bad_listing_date.xml";
  auto list = LoadCaXml(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path +
                ":3: record Russia, Schedule 1, Part 2, Item 12: field "
                "DateOfListing: impossible date '2022-02-30'");
}

TEST(CaXmlFixtureTest, RecordWithoutANameIsAnError) {
  std::string path = kCaFixtures + "no_name.xml";
  auto list = LoadCaXml(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path +
                ":3: record Zimbabwe, Item 3: field LastName: the record names "
                "no person, entity or ship");
}

TEST(CaXmlFixtureTest, TruncatedFileLoadsNothing) {
  auto head = ReadFilePrefix(kSema, 300);
  ASSERT_TRUE(head.ok());
  const TempFile file("truncated.xml", *head);
  const std::string& path = file.path();
  auto list = LoadCaXml(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(
      list.status().message(),
      path + ":8: XML error: the file ends inside <data-set> (truncated?)");
}

}  // namespace
}  // namespace embargo::internal
