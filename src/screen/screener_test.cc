#include "embargo/screener.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "embargo/lists.h"
#include "index/name_index.h"
#include "match/matcher.h"
#include "model/date.h"

namespace embargo {
namespace {

// Loads official lists from ../shared/data (paths below it).
void LoadShared(std::initializer_list<const char*> files,
                std::vector<EntityList>* lists) {
  for (const char* f : files) {
    auto l = LoadList(std::string(EMBARGO_SHARED_DATA) + f);
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    lists->push_back(std::move(*l));
  }
}

// Indexes every entity of `lists` (which must outlive the index).
void IndexAll(const std::vector<EntityList>& lists,
              internal::NameIndex* index) {
  std::vector<const Entity*> entities;
  for (const EntityList& l : lists)
    for (const Entity& e : l.entities) entities.push_back(&e);
  index->Build(entities);
}

Entity Make(std::string id, EntityKind kind, std::vector<std::string> names) {
  Entity e;
  e.id = std::move(id);
  e.kind = kind;
  for (size_t i = 0; i < names.size(); ++i) {
    Name n;
    n.full = names[i];
    n.type = i == 0 ? NameType::kPrimary : NameType::kAka;
    e.names.push_back(std::move(n));
  }
  e.provenance.list = "test";
  return e;
}

class ScreenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EntityList list;
    list.info.name = "test";
    list.entities.push_back(
        Make("p-habbash", EntityKind::kPerson, {"George HABBASH"}));
    Entity kim =
        Make("p-kim", EntityKind::kPerson, {"KIM Jong Un", "Kim Chong-un"});
    DateSpec dob;
    dob.from = {1984, 1, 8};
    kim.birth_dates.push_back(dob);
    kim.nationalities.push_back("KP");
    kim.gender = Gender::kMale;
    list.entities.push_back(std::move(kim));
    list.entities.push_back(
        Make("p-maduro", EntityKind::kPerson, {"MADURO MOROS, Nicolas"}));
    list.entities.push_back(
        Make("o-emma", EntityKind::kOrganization, {"EMMA TRADING LLC"}));
    list.entities.push_back(
        Make("o-corp", EntityKind::kOrganization, {"VOLGA OIL CORP"}));
    Entity ship = Make("v-chong", EntityKind::kVessel, {"CHONG CHON GANG"});
    ship.identifiers.push_back({IdKind::kImo, "IMO 7937317", "", "", ""});
    list.entities.push_back(std::move(ship));
    list.entities.push_back(
        Make("p-banat", EntityKind::kPerson, {"Abu BANAT"}));
    list.entities.push_back(
        Make("p-sayed", EntityKind::kPerson, {"Sayed Abu Hamza"}));
    list.entities.push_back(
        Make("p-aref", EntityKind::kPerson, {"AREFULLAH AREF GHAZI MOHAMMAD"}));
    list.entities.push_back(
        Make("p-delawar", EntityKind::kPerson, {"Shahabuddin Delawar"}));
    list.entities.push_back(
        Make("p-hussein", EntityKind::kPerson, {"Hussein Zarkawi"}));
    list.entities.push_back(
        Make("p-elsseid", EntityKind::kPerson, {"SAMI BEN KHAMIS ELSSEID"}));
    list.entities.push_back(
        Make("p-uday", EntityKind::kPerson, {"Uday Saddam Al-Tikriti"}));
    list.entities.push_back(
        Make("p-abdelali", EntityKind::kPerson, {"Abdelali Abou Dher"}));
    // Filler so document frequencies mean something.
    for (int i = 0; i < 50; ++i)
      list.entities.push_back(
          Make("f-" + std::to_string(i), EntityKind::kPerson,
               {"KIM Filler" + std::string(1, static_cast<char>('a' + i % 26)) +
                std::to_string(i)}));
    std::vector<EntityList> lists;
    lists.push_back(std::move(list));
    auto s = Screener::Build(std::move(lists));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    screener_ = std::move(*s);
  }

  std::vector<Match> Find(const std::string& name, double threshold = 0.8) {
    Query q;
    q.name = name;
    SearchOptions o;
    o.threshold = threshold;
    return screener_->Search(q, o);
  }

  std::unique_ptr<Screener> screener_;
};

TEST_F(ScreenerTest, RomanizationVariantsAndReordering) {
  for (const char* name : {"Kim Jong Un", "KIM CHONG UN", "Jong-Un Kim",
                           "kim jongun", "Gim Jeong-eun"}) {
    auto m = Find(name);
    ASSERT_FALSE(m.empty()) << name;
    EXPECT_EQ(m[0].entity->id, "p-kim") << name;
    EXPECT_GE(m[0].score, 0.85) << name;
  }
  auto m = Find("Nicolas Maduro Moros");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity->id, "p-maduro");
  EXPECT_GT(m[0].score, 0.95);
}

TEST_F(ScreenerTest, MissingMiddleNameStillMatches) {
  auto m = Find("Nicolas Maduro");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity->id, "p-maduro");
}

// A query token spelled like two listed tokens with a typo: the typo must
// sit in one part, the other spelled alike (what the index can find by
// splitting the token); two slips spread over a short name are another name.
TEST_F(ScreenerTest, MergedTypoSitsInOnePart) {
  SearchOptions opt;
  opt.threshold = 0.5;
  Query q;
  q.name = "Sayed Abuhamzza";  // abu + hamza with one letter doubled
  auto m = screener_->Search(q, opt);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity->id, "p-sayed");
  bool merged = false;
  for (const auto& t : m[0].explanation.tokens)
    merged |= t.method == "merged" && t.listed_token == "abu+hamza";
  EXPECT_TRUE(merged);
  q.name = "Abubakar";  // abu + banat: two slips in banat
  for (const Match& x : screener_->Search(q, opt))
    EXPECT_NE(x.entity->id, "p-banat");
  SearchOptions all = opt;
  all.exhaustive = true;
  for (const Match& x : screener_->Search(q, all))
    EXPECT_NE(x.entity->id, "p-banat");
}

// Regression: a 100,000-character token made Search() run for minutes
// (deletion variants and splits grow with the square of the length).
TEST_F(ScreenerTest, HundredThousandCharacterNameFindsNothing) {
  Query q;
  q.name = std::string(100000, 'k') + " Habbash";
  auto m = screener_->Search(q);
  EXPECT_TRUE(m.empty());
  q.name = "George " + std::string(100000, 'h');
  EXPECT_TRUE(screener_->Search(q).empty());
}

TEST_F(ScreenerTest, NoFalseAlertsOnGenericOrDifferentNames) {
  EXPECT_TRUE(Find("CORP").empty());
  EXPECT_TRUE(Find("LLC").empty());
  EXPECT_TRUE(Find("Trading LLC").empty());
  // Watchman matched these at 89%.
  EXPECT_TRUE(Find("George Bush").empty());
  auto m = Find("George Bush", 0.0);
  for (const Match& x : m) {
    if (x.entity->id == "p-habbash") {
      EXPECT_LT(x.score, 0.6);
    }
  }
}

TEST_F(ScreenerTest, ExplanationNamesTokensAndFeatures) {
  Query q;
  q.name = "Kim Chong Un";
  q.birth_date = {1984, 1, 8};
  q.country = "KP";
  auto m = screener_->Search(q);
  ASSERT_FALSE(m.empty());
  const Explanation& ex = m[0].explanation;
  ASSERT_EQ(ex.tokens.size(), 3u);
  bool saw_romanization = false;
  for (const auto& t : ex.tokens)
    if (t.query_token == "chong") {
      saw_romanization = t.method == "romanization" || t.method == "exact";
    }
  EXPECT_TRUE(saw_romanization);
  ASSERT_EQ(ex.features.size(), 2u);
  EXPECT_EQ(ex.features[0].feature, "birth_date");
  EXPECT_DOUBLE_EQ(ex.features[0].delta, 0.05);
  EXPECT_EQ(ex.features[1].feature, "country");
  EXPECT_DOUBLE_EQ(ex.features[1].delta, 0.02);
}

TEST_F(ScreenerTest, ConflictingBirthYearLowersScore) {
  Query q;
  q.name = "Kim Jong Un";
  auto plain = screener_->Search(q);
  q.birth_date = {1950, 0, 0};
  auto conflict = screener_->Search(q, {.threshold = 0.0, .limit = 10});
  ASSERT_FALSE(plain.empty());
  ASSERT_FALSE(conflict.empty());
  EXPECT_EQ(conflict[0].entity->id, "p-kim");
  EXPECT_NEAR(plain[0].score - conflict[0].score, 0.20, 1e-9);
}

TEST_F(ScreenerTest, IdentifierMatchWhateverTheName) {
  Query q;
  q.name = "Pacific Star";
  q.identifiers.push_back({IdKind::kImo, "7937317"});
  auto m = screener_->Search(q);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].entity->id, "v-chong");
  EXPECT_DOUBLE_EQ(m[0].score, 0.99);
  EXPECT_EQ(m[0].explanation.features.back().feature, "identifier");
  // The explanation adds up: the name's score, each feature's share, and
  // the identifier's lift to 0.99 (the features are explained apart from
  // the weighing that ranked the entity).
  double sum = m[0].explanation.name_score;
  for (const FeatureContribution& f : m[0].explanation.features) sum += f.delta;
  EXPECT_NEAR(sum, 0.99, 1e-9);
  EXPECT_GT(m[0].explanation.features.back().delta, 0.0);
}

// A name found to reach nothing is remembered and not prepared again; an
// identifier's hit must still be explained by the name's own score.
TEST_F(ScreenerTest, IdentifierMatchAfterTheNameFoundNothing) {
  Query q;
  q.name = "Chong Star";
  EXPECT_TRUE(screener_->Search(q).empty());
  q.identifiers.push_back({IdKind::kImo, "7937317"});
  auto m = screener_->Search(q);
  SearchOptions slow;
  slow.exhaustive = true;
  auto ref = screener_->Search(q, slow);
  ASSERT_EQ(m.size(), 1u);
  ASSERT_EQ(ref.size(), 1u);
  EXPECT_EQ(m[0].entity->id, "v-chong");
  EXPECT_DOUBLE_EQ(m[0].score, 0.99);
  EXPECT_GT(m[0].explanation.name_score, 0.2);
  EXPECT_EQ(m[0].explanation.name_score, ref[0].explanation.name_score);
  EXPECT_EQ(m[0].matched_name, ref[0].matched_name);
}

TEST_F(ScreenerTest, KindFilter) {
  Query q;
  q.name = "Chong Chon Gang";
  q.kind = EntityKind::kPerson;
  EXPECT_TRUE(screener_->Search(q).empty());
  q.kind = EntityKind::kVessel;
  EXPECT_EQ(screener_->Search(q).size(), 1u);
}

TEST_F(ScreenerTest, ThresholdZeroReturnsBestK) {
  auto m = Find("Kim", 0.0);
  EXPECT_EQ(m.size(), kDefaultLimit);
  for (size_t i = 1; i < m.size(); ++i) EXPECT_GE(m[i - 1].score, m[i].score);
}

// yente's treated fixture moves a space: the letters of two tokens agree.
TEST_F(ScreenerTest, SpaceInAnotherPlace) {
  auto m = Find("AREFULLAHA REF GHAZI MOHAMMAD");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity->id, "p-aref");
  bool split = false;
  for (const TokenAlignment& t : m[0].explanation.tokens)
    split =
        split || (t.method == "split" && t.query_token == "arefullaha+ref" &&
                  t.listed_token == "arefullah+aref");
  EXPECT_TRUE(split);
}

// An Arabic word outside the name table (دلاور, letters d-l-a-w-r) meets
// the Latin spelling with its short vowels; a written yeh must show.
TEST_F(ScreenerTest, ArabicScriptLettersMeetLatinSpellings) {
  auto m = Find("دلاور شهاب الدين");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity->id, "p-delawar");
  bool abjad = false;
  for (const TokenAlignment& t : m[0].explanation.tokens)
    abjad = abjad || (t.method == "abjad" && t.listed_token == "delawar");
  EXPECT_TRUE(abjad);
  // زرقاوي (Zarqawi) meets Zarkawi; حسن (Hasan) is not Hussein.
  bool found = false;
  for (const Match& x : Find("حسن زرقاوي", 0.0)) {
    if (x.entity->id != "p-hussein") continue;
    found = true;
    EXPECT_EQ(x.explanation.unmatched_query_tokens,
              std::vector<std::string>{"hassan"});
    EXPECT_LT(x.score, 0.8);
  }
  EXPECT_TRUE(found);
}

// The article of الصيد joined to the name's letters meets a listing that
// writes it joined (Elsseid); عدي, one consonant, meets Uday.
TEST_F(ScreenerTest, ArabicArticleAndOneConsonantWords) {
  auto m = Find("سامي بن خميس الصيد");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity->id, "p-elsseid");
  EXPECT_GE(m[0].score, 0.8);
  bool joined = false;
  for (const TokenAlignment& t : m[0].explanation.tokens)
    joined =
        joined || (t.query_token == "al+sid" && t.listed_token == "elsseid");
  EXPECT_TRUE(joined);
  m = Find("عدي صدام التكريتي");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity->id, "p-uday");
  EXPECT_GE(m[0].score, 0.8);
  bool uday = false;
  for (const TokenAlignment& t : m[0].explanation.tokens)
    uday = uday || (t.method == "abjad" && t.query_token == "adi" &&
                    t.listed_token == "uday");
  EXPECT_TRUE(uday);
}

// عبد العالي, three tokens (abd, the article, ali), meets Abdelali.
TEST_F(ScreenerTest, ArabicNameJoinedAcrossTheArticle) {
  auto m = Find("عبد العالي ابو ذر");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].entity->id, "p-abdelali");
  EXPECT_GE(m[0].score, 0.8);
  bool joined = false;
  for (const TokenAlignment& t : m[0].explanation.tokens)
    joined = joined ||
             (t.query_token == "abd+al+ali" && t.listed_token == "abdelali");
  EXPECT_TRUE(joined);
}

TEST_F(ScreenerTest, IndexAgreesWithExhaustiveScan) {
  for (const char* name :
       {"Kim Jong Un", "Jong Un", "Maduro", "Emma Trading", "Volga Oil",
        "George Habash", "Chong Chon", "AREFULLAHA REF GHAZI",
        "دلاور شهاب الدين", "حسن زرقاوي", "سامي بن خميس الصيد",
        "عدي صدام التكريتي", "عبد العالي ابو ذر"}) {
    Query q;
    q.name = name;
    SearchOptions fast{.threshold = 0.5, .limit = 100};
    SearchOptions slow = fast;
    slow.exhaustive = true;
    auto a = screener_->Search(q, fast);
    auto b = screener_->Search(q, slow);
    ASSERT_EQ(a.size(), b.size()) << name;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].entity->id, b[i].entity->id) << name;
      EXPECT_DOUBLE_EQ(a[i].score, b[i].score) << name;
    }
  }
}

// Search() stops scoring once no remaining name can place in the top
// `limit`; the slow reference scores every listed name and keeps the first
// `limit`. Real lists, low thresholds (many candidates, tied
// scores), features that move the final scores.
TEST(ScreenerTopKTest, EarlyStopReturnsExactlyTheBestLimit) {
  std::vector<EntityList> lists;
  ASSERT_NO_FATAL_FAILURE(LoadShared(
      {"/un_sc/2026-02-27/UN_consolidated.xml", "/ofac_sdn/2024-05-03/sdn.csv"},
      &lists));
  auto screener = Screener::Build(std::move(lists));
  ASSERT_TRUE(screener.ok());
  size_t longer = 0;
  for (const char* name :
       {"Kim Jong Un", "Kim", "Ali Hassan", "Mohammed Ali", "Jang Song Thaek",
        "Korea Mining Development Trading Corp", "Banco", "Ri Je-son",
        "Abu Mohammed", "John Smith", "Ким Чен Ын", "Trading Company",
        // A common name's walk is first tried at a guessed level (Search()):
        // enough of the best score above it, or too few (asked again at
        // the k-th best found), or none (asked again with every name).
        "Muhammad Khan", "Haji Mohammad Khan", "Abu Mohammed al-Jawlani"}) {
    for (const char* birth : {"", "1984-01-08", "1960"}) {
      Query q;
      q.name = name;
      if (*birth) q.birth_date = *internal::ParsePartialDate(birth);
      q.country = *birth ? "KP" : "";
      for (double threshold : {0.0, 0.5}) {
        // The reference scores every listed name (no guess, no stop).
        SearchOptions all{
            .threshold = threshold, .limit = 1000000, .exhaustive = true};
        const auto every = (*screener)->Search(q, all);
        for (size_t k : {1, 2, 5, 8, 10}) {
          SearchOptions top{.threshold = threshold, .limit = k};
          const auto got = (*screener)->Search(q, top);
          const size_t want = std::min(k, every.size());
          longer += every.size() > k;
          ASSERT_EQ(got.size(), want) << name << " " << birth << " " << k;
          for (size_t i = 0; i < want; ++i) {
            EXPECT_EQ(got[i].entity->id, every[i].entity->id) << name << k;
            EXPECT_EQ(got[i].score, every[i].score) << name << k;
            EXPECT_EQ(got[i].matched_name, every[i].matched_name) << name;
          }
        }
      }
    }
  }
  EXPECT_GT(longer, 100u);  // most cases had more answers than the limit
}

// A name is left unscored when its entity's own features bound it below
// the threshold, or past the limit-th below the k-th best. An entity left
// so may still be an identifier's hit, and must then be scored by its
// names like any other: three listings of one name, the last born decades
// before the query and holding its passport. The first two place (the same
// birth day and country: +0.07); the third's name, bound as theirs, is
// left out (-0.23), then lifted to 0.99 by the passport and returned first.
TEST(ScreenerTopKTest, AnIdentifierHitIsScoredThoughItsNamesWereLeftOut) {
  EntityList list;
  list.info.name = "test";
  DateSpec born;
  born.from = {1990, 5, 5};
  for (const char* id : {"p-a", "p-b"}) {
    Entity e = Make(id, EntityKind::kPerson, {"PAK Chol Ho"});
    e.birth_dates.push_back(born);
    e.nationalities.push_back("KP");
    list.entities.push_back(std::move(e));
  }
  Entity old = Make("p-old", EntityKind::kPerson, {"PAK Chol Ho"});
  born.from = {1950, 1, 1};
  old.birth_dates.push_back(born);
  old.nationalities.push_back("CN");
  old.identifiers.push_back({IdKind::kPassport, "745310662", "", "", ""});
  list.entities.push_back(std::move(old));
  for (int i = 0; i < 20; ++i)
    list.entities.push_back(Make("f-" + std::to_string(i), EntityKind::kPerson,
                                 {fmt::format("Ri Filler{}", i)}));
  std::vector<EntityList> lists;
  lists.push_back(std::move(list));
  auto screener = Screener::Build(std::move(lists));
  ASSERT_TRUE(screener.ok());
  Query q;
  q.name = "Pak Chol";
  q.birth_date = *internal::ParsePartialDate("1990-05-05");
  q.country = "KP";
  q.identifiers.push_back({IdKind::kPassport, "745310662"});
  // Past the limit (2 placed), and below the threshold (0.8: the third's
  // name reaches it only with the best features).
  for (const SearchOptions& fast : {SearchOptions{.threshold = 0, .limit = 2},
                                    SearchOptions{.threshold = 0.8}}) {
    SearchOptions all{
        .threshold = fast.threshold, .limit = 1000000, .exhaustive = true};
    const auto every = (*screener)->Search(q, all);
    ASSERT_EQ(every.size(), 3u);
    EXPECT_EQ(every[0].entity->id, "p-old");
    EXPECT_EQ(every[0].score, 0.99);
    EXPECT_EQ(every[0].matched_name, "PAK Chol Ho");
    const double name_score = every[0].explanation.name_score;
    EXPECT_LT(name_score - 0.23,
              fast.threshold > 0 ? fast.threshold : every[1].score);
    EXPECT_GE(name_score + 0.07, fast.threshold);
    const auto got = (*screener)->Search(q, fast);
    ASSERT_EQ(got.size(), std::min<size_t>(3, fast.limit));
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].entity->id, every[i].entity->id);
      EXPECT_EQ(got[i].score, every[i].score);
      EXPECT_EQ(got[i].matched_name, every[i].matched_name);
      EXPECT_EQ(got[i].explanation.name_score, every[i].explanation.name_score);
    }
  }
}

// The index's pruning (MaxScore, bounds, the top-k stop) against the
// exhaustive scan on real lists, with the variants that once slipped past a
// bound: a typo in a legal form ("CLMPANY"), a patronymic the listing omits,
// a first name cut to its initial, two tokens spelled together, an extra
// token. Every result must be the same.
// A listed name as a customer may type it (`kind` 0-5): a typo, a
// patronymic the listing lacks, an initial, two tokens spelled together, an
// extra token, a token dropped.
std::string Variant(const std::string& name, int kind, std::mt19937& rng) {
  std::vector<std::string> t;
  std::string cur;
  for (char c : name) {
    if (c == ' ') {
      if (!cur.empty()) t.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) t.push_back(cur);
  if (t.empty()) return "";
  const size_t k = rng() % t.size();
  switch (kind) {
    case 0: {  // a typo: one letter doubled (all of its UTF-8 bytes)
      size_t at = t[k].size() / 2, end = at + 1;
      while (at > 0 && (t[k][at] & 0xC0) == 0x80) --at;
      while (end < t[k].size() && (t[k][end] & 0xC0) == 0x80) ++end;
      t[k].insert(at, t[k].substr(at, end - at));
      break;
    }
    case 1:  // a patronymic the listing lacks
      t.insert(t.begin() + 1, "Ivanovich");
      break;
    case 2: {  // an initial (its first letter's UTF-8 bytes)
      size_t end = 1;
      while (end < t[k].size() && (t[k][end] & 0xC0) == 0x80) ++end;
      t[k] = t[k].substr(0, end);
      break;
    }
    case 3:  // two tokens spelled together
      if (k + 1 < t.size()) {
        t[k] += t[k + 1];
        t.erase(t.begin() + static_cast<std::ptrdiff_t>(k) + 1);
      }
      break;
    case 4:  // an extra token
      t.push_back("Limited");
      break;
    default:  // a token dropped
      if (t.size() > 2) t.erase(t.begin() + static_cast<std::ptrdiff_t>(k));
      break;
  }
  std::string out;
  for (const std::string& x : t) out += (out.empty() ? "" : " ") + x;
  return out;
}

TEST(ScreenerPruningTest, IndexAnswersExactlyAsTheExhaustiveScan) {
  std::vector<EntityList> lists;
  ASSERT_NO_FATAL_FAILURE(
      LoadShared({"/un_sc/2026-02-27/UN_consolidated.xml",
                  "/uk_ofsi/2018-11-29/sanctionsconlist.csv"},
                 &lists));
  std::vector<std::string> names;
  for (const EntityList& l : lists)
    for (const Entity& e : l.entities)
      for (const Name& n : e.names) names.push_back(n.full);
  auto screener = Screener::Build(std::move(lists));
  ASSERT_TRUE(screener.ok());
  std::mt19937 rng(20261129);
  size_t compared = 0, with_results = 0;
  for (int n = 0; n < 200; ++n) {
    Query q;
    q.name = Variant(names[rng() % names.size()], n % 6, rng);
    if (q.name.empty()) continue;
    // Features move scores across the threshold and the top k both ways.
    if (n % 4 == 1) q.birth_date = *internal::ParsePartialDate("1964");
    if (n % 4 == 2) q.country = n % 8 == 2 ? "IQ" : "AF";
    if (n % 4 == 3) {
      q.birth_date = *internal::ParsePartialDate("1955-01-01");
      q.country = "KP";
    }
    for (double threshold : {0.8, 0.6}) {
      SearchOptions fast{.threshold = threshold, .limit = 10};
      SearchOptions slow = fast;
      slow.exhaustive = true;
      auto a = (*screener)->Search(q, fast);
      auto b = (*screener)->Search(q, slow);
      ++compared;
      with_results += !b.empty();
      ASSERT_EQ(a.size(), b.size()) << q.name << " at " << threshold;
      for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].entity->id, b[i].entity->id) << q.name;
        EXPECT_EQ(a[i].score, b[i].score) << q.name;
      }
    }
  }
  EXPECT_EQ(compared, 400u);
  EXPECT_GT(with_results, 200u);
}

// A name that reached nothing is remembered at the level its search pruned
// at (threshold less the features' best bonus): the same name with its
// listed birth date and country is pruned lower and must still find its
// entity, and asked again plainly must still find nothing. Each answer
// against the exhaustive scan, which remembers nothing. Names are variants
// of listed persons.
TEST(ScreenerPruningTest, NamesFoundUnmatchedAreRememberedAtTheirLevelOnly) {
  std::vector<EntityList> lists;
  ASSERT_NO_FATAL_FAILURE(
      LoadShared({"/un_sc/2026-02-27/UN_consolidated.xml",
                  "/uk_ofsi/2018-11-29/sanctionsconlist.csv"},
                 &lists));
  std::vector<Query> featured;
  for (const EntityList& l : lists)
    for (const Entity& e : l.entities) {
      if (e.kind != EntityKind::kPerson || e.birth_dates.empty() ||
          e.nationalities.empty())
        continue;
      Query q;
      q.name = e.primary_name();
      q.birth_date = e.birth_dates[0].from;
      q.country = e.nationalities[0];
      featured.push_back(std::move(q));
    }
  ASSERT_GT(featured.size(), 500u);
  auto screener = Screener::Build(std::move(lists));
  ASSERT_TRUE(screener.ok());
  std::mt19937 rng(20261130);
  const SearchOptions fast{.threshold = 0.8, .limit = 10};
  SearchOptions slow = fast;
  slow.exhaustive = true;
  size_t compared = 0, lifted = 0;
  for (int n = 0; n < 200; ++n) {
    Query with = featured[rng() % featured.size()];
    // Two changes: many such names score a little under the threshold.
    with.name = Variant(Variant(with.name, n % 6, rng), n / 6 % 6, rng);
    Query plain;
    plain.name = with.name;
    // The reference once per query (under ASan a scan takes a tenth of a
    // second), the index's answer each time it is asked.
    const auto plain_ref = (*screener)->Search(plain, slow);
    const auto with_ref = (*screener)->Search(with, slow);
    for (const Query* q : {&plain, &with, &plain, &with}) {
      const auto a = (*screener)->Search(*q, fast);
      const auto& b = q == &plain ? plain_ref : with_ref;
      ++compared;
      ASSERT_EQ(a.size(), b.size()) << q->name;
      for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].entity->id, b[i].entity->id) << q->name;
        EXPECT_EQ(a[i].score, b[i].score) << q->name;
      }
    }
    // Found only with the features: the case the level tells apart.
    lifted += plain_ref.empty() && !with_ref.empty();
  }
  EXPECT_EQ(compared, 800u);
  EXPECT_GT(lifted, 5u);
}

// The index's promises, checked name by name against ScoreName on real
// lists: a candidate's bound is at least its score, and with the query's
// pruning at 0.8 (MaxScore may leave out probes) every name scoring 0.8 or
// more is still a candidate. Without pruning, names that score only through
// tokens they hold outside postings (a "Hajji" that is an honorific there
// but a name elsewhere) are not candidates: such names must stay weak.
TEST(ScreenerPruningTest, CandidatesHoldEveryNameThatScoresWithinTheirBound) {
  std::vector<EntityList> lists;
  ASSERT_NO_FATAL_FAILURE(
      LoadShared({"/un_sc/2026-02-27/UN_consolidated.xml",
                  "/uk_ofsi/2018-11-29/sanctionsconlist.csv",
                  "/canada_sema/2025-05-25/cannada.xml"},
                 &lists));
  std::vector<const Entity*> entities;
  std::vector<std::string> names;
  for (const EntityList& l : lists)
    for (const Entity& e : l.entities) {
      entities.push_back(&e);
      for (const Name& n : e.names) names.push_back(n.full);
    }
  internal::NameIndex index;
  index.Build(entities);
  const internal::Matcher matcher(index);
  std::mt19937 rng(20261130);
  // "Sergei" is "Serg iy" in Canada's list: one token against a pair
  // whose halves' keys differ from the whole's.
  std::vector<std::string> queries = {
      "Sergei Lavrov", "John Smith", "Mohammed Ali", "Kim Jong",
      "Trading Company Limited", "Ким Чен Ын", "عبد الله",
      // Legal forms and generic words only mark the names that hold a
      // partner for them.
      "Lee Corporation Co., Ltd.", "Al Zein General Trading LLC",
      // Initials are not looked up: a name's bound grants them only the
      // tokens they are similar to.
      "J Smith", "Kim J U", "A. Hassan Ali", "이 이저", "M A Khan", "R Jong Ho",
      "S. Lavrov",
      // Common names, whose walk a guessed level halves.
      "Muhammad Khan", "Abu Mohammed al-Jawlani", "Abdul Rahman",
      // A listed token partners one query token, or the two or three a
      // merged probe spells as it: names of one "abd" align one of two.
      "Abd al Aziz Abd al Ilah Shafiq", "عبدالعزيز عبدالإله شفيق",
      "عبدالرحمن عبدالملك الضابطی", "Kim Kim Jong", "Ali Ali Hassan",
      "Abdul General Trading LLC",
      // Two query tokens with the space elsewhere than in the listing (and
      // "ong" no token alone): what NamesSpelledApart finds.
      "Jangs Ong Thaek", "Kimj Ong Un", "Jan Gsong Thaek"};
  for (int n = 0; n < 54; ++n)
    queries.push_back(Variant(names[rng() % names.size()], n % 6, rng));
  size_t scoring = 0, tight = 0, guessed_queries = 0;
  double missed = 0;  // the best score of a name not among the candidates
  for (const std::string& query : queries) {
    const internal::PreparedQuery q = matcher.Prepare(query);
    std::vector<internal::Matcher::Candidate> all, pruned, guessed;
    EXPECT_EQ(matcher.Candidates(q, 0.0, &all), 0.0);
    EXPECT_EQ(matcher.Candidates(q, 0.8, &pruned), 0.8);
    // A guess leaves out names bound below the level it returns, up to it.
    const double level = matcher.Candidates(q, 0.0, &guessed, 0.8);
    ASSERT_LE(level, 0.8);
    guessed_queries += level > 0;
    // Each name once (the table of names found, and its bit per name, are
    // each thread's and outlive the call).
    for (const auto* v : {&all, &pruned, &guessed}) {
      std::vector<internal::NameId> ids;
      for (const auto& c : *v) ids.push_back(c.name);
      std::sort(ids.begin(), ids.end());
      ASSERT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << query;
    }
    std::vector<double> bound(index.name_count(), -1), kept = bound,
                                                       kept_guessed = bound;
    for (const auto& c : all) bound[c.name] = c.bound;
    for (const auto& c : pruned) kept[c.name] = c.bound;
    for (const auto& c : guessed) kept_guessed[c.name] = c.bound;
    for (internal::NameId x = 0; x < index.name_count(); ++x) {
      const double s = matcher.ScoreName(q, x, nullptr);
      if (s <= 0) continue;
      ++scoring;
      if (bound[x] < 0) {
        missed = std::max(missed, s);
        continue;
      }
      ASSERT_GE(bound[x], s - 1e-9) << query << " " << x;
      tight += bound[x] < 1.0;
      if (s >= 0.8) {
        ASSERT_GE(kept[x], s - 1e-9) << query << " " << x;
      }
      if (s >= level) {
        ASSERT_GE(kept_guessed[x], s - 1e-9) << query << " " << x;
      }
    }
  }
  EXPECT_GE(guessed_queries, 3u);
  EXPECT_GT(scoring, 10000u);
  EXPECT_GT(tight, scoring / 4);
  EXPECT_LT(missed, 0.5);

  // Where no name is left out, marking the candidates from the probes'
  // postings (always, whatever their length) gives what reading each
  // candidate's own tokens (never) gives: the same names, masks and
  // bounds, bit for bit.
  auto sorted = [](std::vector<internal::Matcher::Candidate> v) {
    std::sort(v.begin(), v.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return v;
  };
  size_t marked = 0;
  for (const std::string& query : queries) {
    const internal::PreparedQuery q = matcher.Prepare(query);
    std::vector<internal::Matcher::Candidate> walked, read;
    matcher.Candidates(q, 0.0, &walked, 0.0,
                       {.mark_walk_per_name = std::size_t{1} << 32});
    matcher.Candidates(q, 0.0, &read, 0.0, {.mark_walk_per_name = 0});
    walked = sorted(std::move(walked));
    read = sorted(std::move(read));
    ASSERT_EQ(walked.size(), read.size()) << query;
    for (size_t k = 0; k < walked.size(); ++k) {
      ASSERT_EQ(walked[k].name, read[k].name) << query;
      ASSERT_EQ(walked[k].hit_mask, read[k].hit_mask) << query;
      ASSERT_EQ(walked[k].bound, read[k].bound) << query;
    }
    marked += walked.size();
  }
  EXPECT_GT(marked, 10000u);

  // Where names are left out, marking the names found from the postings of
  // the probes left out (whatever their length), and walking a token's
  // probes that every name kept must have first, leave out before reading
  // them only names their own tokens would leave out: the same names at or
  // above the level, with the same masks and bounds, as neither.
  using Walk = internal::CandidateWalk;
  const Walk plain{.left_marks_per_posting = 0, .driver = false};
  const Walk ways[] = {Walk{}, Walk{.driver = false},
                       Walk{.left_marks_per_posting = std::size_t{1} << 32},
                       Walk{.left_marks_per_posting = 0}};
  auto by_name = [](std::vector<internal::Matcher::Candidate> v) {
    std::sort(v.begin(), v.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return v;
  };
  size_t kept_above = 0;
  for (const double level : {0.8, 0.6}) {
    for (const std::string& query : queries) {
      const internal::PreparedQuery q = matcher.Prepare(query);
      std::vector<internal::Matcher::Candidate> reference;
      matcher.Candidates(q, level, &reference, 0.0, plain);
      reference = by_name(std::move(reference));
      // Only names bound at or above the level are returned.
      for (const auto& c : reference) ASSERT_GE(c.bound, level) << query;
      kept_above += reference.size();
      for (const Walk& way : ways) {
        std::vector<internal::Matcher::Candidate> got;
        matcher.Candidates(q, level, &got, 0.0, way);
        got = by_name(std::move(got));
        ASSERT_EQ(got.size(), reference.size()) << query << " " << level;
        for (size_t k = 0; k < got.size(); ++k) {
          ASSERT_EQ(got[k].name, reference[k].name) << query;
          ASSERT_EQ(got[k].hit_mask, reference[k].hit_mask) << query;
          ASSERT_EQ(got[k].bound, reference[k].bound) << query;
        }
      }
    }
  }
  EXPECT_GT(kept_above, 1000u);

  // Where every name kept holds partners of two query tokens, the names
  // holding two common tokens stand for those tokens' postings: the same
  // names at or above the level, masks and bounds, as walking every probe.
  // With every token held twice common, nearly every query takes that way
  // (whatever it costs); with the default, the queries of common tokens
  // where it walks less.
  internal::NameIndex paired_index;
  paired_index.Build(entities, /*common_holdings=*/2);
  const internal::Matcher paired_matcher(paired_index);
  Walk::Stats forced_stats, default_stats;
  const Walk forced{.paired_walk_factor = 0, .stats = &forced_stats};
  const Walk by_cost{.stats = &default_stats};
  for (const double level : {0.8, 0.6}) {
    for (const std::string& query : queries) {
      for (const auto* m : {&matcher, &paired_matcher}) {
        const internal::PreparedQuery q = m->Prepare(query);
        std::vector<internal::Matcher::Candidate> reference;
        m->Candidates(q, level, &reference, 0.0, plain);
        reference = by_name(std::move(reference));
        for (const Walk& way : {forced, by_cost}) {
          std::vector<internal::Matcher::Candidate> got;
          m->Candidates(q, level, &got, 0.0, way);
          got = by_name(std::move(got));
          ASSERT_EQ(got.size(), reference.size())
              << query << " " << level << " " << (m == &matcher) << " "
              << way.paired_walk_factor;
          for (size_t k = 0; k < got.size(); ++k) {
            ASSERT_EQ(got[k].name, reference[k].name) << query;
            ASSERT_EQ(got[k].hit_mask, reference[k].hit_mask) << query;
            ASSERT_EQ(got[k].bound, reference[k].bound) << query;
          }
        }
      }
    }
  }
  EXPECT_GT(forced_stats.paired, forced_stats.calls / 2);
  EXPECT_GT(default_stats.paired, 0u);
}

// A name's score and explanation as one string, to the ninth digit.
std::string ScoreAndExplanation(const internal::Matcher& matcher,
                                const internal::PreparedQuery& q,
                                internal::NameId n) {
  Explanation ex;
  const double s = matcher.ScoreName(q, n, &ex);
  std::string out = fmt::format("{:.9f}", s);
  for (const TokenAlignment& t : ex.tokens)
    out += fmt::format(" {}/{}/{:.9f}/{}", t.query_token, t.listed_token,
                       t.similarity, t.method);
  return out;
}

// ScoreName remembers, per query, how each query token met each listed
// token (and pair of them): scores and explanations with the memo warm, and
// again after another query took it over, equal those of the same query
// compared afresh (serial 0: nothing remembered).
TEST(ScreenerScoringTest, RememberedTokenPairsScoreAsFreshOnes) {
  std::vector<EntityList> lists;
  ASSERT_NO_FATAL_FAILURE(
      LoadShared({"/un_sc/2026-02-27/UN_consolidated.xml",
                  "/uk_ofsi/2018-11-29/sanctionsconlist.csv",
                  "/uae_local_terrorist_list/LS1309232025.csv"},
                 &lists));
  internal::NameIndex index;
  IndexAll(lists, &index);
  const internal::Matcher matcher(index);
  size_t compared = 0, aligned = 0;
  for (const char* query :
       {"عبد العزيز عبد الرحمن", "Abd al Rahman al Aziz",
        "Abdulrahman Jalahmah", "Kim Jong Un", "Ким Чен Ын", "Mohammed Ali",
        "Sergei Lavrov", "Al Zein General Trading LLC", "Yun Ho-jin",
        "Abdelaziz Al Shamsi", "Mhmd Hmd Alzbi"}) {
    const internal::PreparedQuery q = matcher.Prepare(query);
    internal::PreparedQuery fresh = q;
    fresh.serial = 0;
    std::vector<internal::Matcher::Candidate> all;
    matcher.Candidates(q, 0.0, &all);
    all.resize(std::min<size_t>(all.size(), 300));
    std::vector<std::string> warm;
    warm.reserve(all.size());
    for (const auto& c : all)
      warm.push_back(ScoreAndExplanation(matcher, q, c.name));
    // Another query takes the memo over; then this one again.
    ScoreAndExplanation(matcher, matcher.Prepare("Banco Delta Asia"),
                        all.front().name);
    for (size_t k = 0; k < all.size(); ++k) {
      ASSERT_EQ(ScoreAndExplanation(matcher, q, all[k].name), warm[k]) << query;
      ASSERT_EQ(ScoreAndExplanation(matcher, fresh, all[k].name), warm[k])
          << query << " " << all[k].name;
      ++compared;
      aligned += warm[k].find('/') != std::string::npos;
    }
  }
  EXPECT_GT(compared, 1000u);
  EXPECT_GT(aligned, compared / 2);
}

// Pairs are remembered across queries too, by each query token's content
// and the index's generation: a query prepared again (a new serial: its own
// memo empty), queries sharing tokens, and two indexes whose token ids mean
// other tokens, taking turns on one thread, all score and explain as the
// same queries compared afresh.
TEST(ScreenerScoringTest, PairsRememberedAcrossQueriesScoreAsFreshOnes) {
  std::vector<EntityList> un, uk;
  ASSERT_NO_FATAL_FAILURE(
      LoadShared({"/un_sc/2026-02-27/UN_consolidated.xml"}, &un));
  ASSERT_NO_FATAL_FAILURE(
      LoadShared({"/uk_ofsi/2018-11-29/sanctionsconlist.csv"}, &uk));
  internal::NameIndex un_index, uk_index;
  IndexAll(un, &un_index);
  IndexAll(uk, &uk_index);
  const internal::Matcher un_matcher(un_index), uk_matcher(uk_index);
  size_t compared = 0, aligned = 0;
  for (int round = 0; round < 2; ++round) {
    for (const char* query :
         {"Abd al Rahman al Aziz", "Abdul Rahman Aziz", "عبد العزيز عبد الرحمن",
          "Kim Jong Un", "Kim Jong Il", "Mohammed Ali", "Ali Mohammed Hassan",
          "Yun Ho-jin", "Mhmd Hmd Alzbi", "Al Zein General Trading LLC"}) {
      for (const internal::Matcher* matcher : {&un_matcher, &uk_matcher}) {
        const internal::PreparedQuery q = matcher->Prepare(query);
        internal::PreparedQuery fresh = q;
        fresh.serial = 0;
        std::vector<internal::Matcher::Candidate> all;
        matcher->Candidates(q, 0.0, &all);
        all.resize(std::min<size_t>(all.size(), 200));
        for (const auto& c : all) {
          const std::string warm = ScoreAndExplanation(*matcher, q, c.name);
          ASSERT_EQ(ScoreAndExplanation(*matcher, fresh, c.name), warm)
              << query << " " << c.name << " round " << round;
          ++compared;
          aligned += warm.find('/') != std::string::npos;
        }
      }
    }
  }
  EXPECT_GT(compared, 2000u);
  EXPECT_GT(aligned, compared / 2);
}

// A search explains what it returns from the alignment it kept while
// scoring (Matcher::Explain), not by aligning again: the explanation is
// every field that aligning again gives, on real names and on a name of
// more steps than a record keeps.
TEST(ScreenerScoringTest, ExplainedFromTheRecordAsAlignedAgain) {
  std::vector<EntityList> lists;
  ASSERT_NO_FATAL_FAILURE(
      LoadShared({"/un_sc/2026-02-27/UN_consolidated.xml",
                  "/uk_ofsi/2018-11-29/sanctionsconlist.csv"},
                 &lists));
  // Fourteen tokens, aligned one to one with themselves.
  const std::string fourteen =
      "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo "
      "Lima Mike November";
  EntityList own;
  own.info.name = "own";
  own.entities.push_back(Make("long", EntityKind::kOrganization, {fourteen}));
  lists.push_back(std::move(own));
  internal::NameIndex index;
  IndexAll(lists, &index);
  const internal::Matcher matcher(index);
  auto text = [](const Explanation& ex) {
    std::string out = fmt::format("{:.17g}", ex.name_score);
    for (const TokenAlignment& t : ex.tokens)
      out += fmt::format(" {}/{}/{:.17g}/{:.17g}/{}", t.query_token,
                         t.listed_token, t.similarity, t.weight, t.method);
    for (const std::string& u : ex.unmatched_query_tokens) out += " q:" + u;
    for (const std::string& u : ex.unmatched_listed_tokens) out += " l:" + u;
    return out;
  };
  size_t kept = 0, not_kept = 0, steps = 0;
  for (const char* query :
       {"Kim Jong Un", "Abd al Rahman al Aziz", "عبد العزيز عبد الرحمن",
        "Mohammed Ali Hassan", "Kimj Ong Un", "Ким Чен Ын",
        "Al Zein General Trading LLC", "Yun Ho-jin", fourteen.c_str()}) {
    const internal::PreparedQuery q = matcher.Prepare(query);
    std::vector<internal::Matcher::Candidate> all;
    matcher.Candidates(q, 0.0, &all);
    all.resize(std::min<size_t>(all.size(), 300));
    for (const auto& c : all) {
      internal::Matcher::AlignmentRecord record;
      const double s = matcher.ScoreName(q, c.name, nullptr, &record);
      Explanation again;
      ASSERT_EQ(matcher.ScoreName(q, c.name, &again), s) << query;
      if (!record.kept()) {
        ++not_kept;
        continue;
      }
      ++kept;
      steps += record.steps;
      EXPECT_EQ(record.score, s);
      Explanation from_record;
      matcher.Explain(q, c.name, record, &from_record);
      ASSERT_EQ(text(from_record), text(again)) << query << " " << c.name;
    }
  }
  EXPECT_GT(kept, 1000u);
  EXPECT_GT(steps, kept);   // names of several aligned tokens among them
  EXPECT_EQ(not_kept, 1u);  // the 14 steps of "Alpha ... November"
}

// The pruning trusts MaxFeatureBonus to bound what the features add: check
// it against every entity of a real list, with each entity's own birth date
// and country (the best case) and with parts of them.
TEST(ScreenerPruningTest, FeatureBonusBoundsEveryEntity) {
  std::vector<EntityList> lists;
  ASSERT_NO_FATAL_FAILURE(
      LoadShared({"/un_sc/2026-02-27/UN_consolidated.xml"}, &lists));
  size_t best_case = 0;
  for (const Entity& e : lists[0].entities) {
    for (int parts = 0; parts < 4; ++parts) {
      Query q;
      if ((parts & 1) && !e.birth_dates.empty())
        q.birth_date = e.birth_dates[0].from;
      if ((parts & 2) && !e.nationalities.empty())
        q.country = e.nationalities[0];
      q.gender = e.gender;
      const double delta = internal::Matcher::FeatureDelta(q, e, nullptr);
      const double bound = internal::Matcher::MaxFeatureBonus(q);
      EXPECT_LE(delta, bound) << e.id << " " << parts;
      // Weighed without text (a search's ranking) and explained (what it
      // returns), the share is the same and its parts add up to it.
      std::vector<FeatureContribution> explained;
      EXPECT_EQ(internal::Matcher::FeatureDelta(q, e, &explained), delta);
      double sum = 0;
      for (const FeatureContribution& f : explained) {
        EXPECT_FALSE(f.detail.empty()) << e.id << " " << f.feature;
        sum += f.delta;
      }
      EXPECT_DOUBLE_EQ(sum, delta) << e.id << " " << parts;
      best_case += delta > 0 && delta == bound;
    }
  }
  EXPECT_GT(best_case, 100u);  // the bound is reached, not loose
}

// A Screener opened from a snapshot answers exactly as the one that wrote
// it, on real lists and queries in several scripts and spellings.
TEST(ScreenerSnapshotTest, OpenedSnapshotAnswersLikeTheBuiltScreener) {
  std::vector<EntityList> lists;
  ASSERT_NO_FATAL_FAILURE(LoadShared(
      {"/un_sc/2026-02-27/UN_consolidated.xml", "/ofac_sdn/2024-05-03/sdn.csv"},
      &lists));
  auto built = Screener::Build(std::move(lists));
  ASSERT_TRUE(built.ok());
  const std::string path = ::testing::TempDir() + "/screener_snapshot.idx";
  ASSERT_TRUE((*built)->SaveSnapshot(path).ok());
  auto opened = Screener::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ((*opened)->entity_count(), (*built)->entity_count());
  EXPECT_EQ((*opened)->indexed_name_count(), (*built)->indexed_name_count());
  // The summaries are read in place, before any entity is decoded, and
  // agree with the built lists counted entity by entity.
  const auto& summaries = (*opened)->summaries();
  ASSERT_EQ(summaries.size(), 2u);
  for (size_t l = 0; l < 2; ++l) {
    const EntityList& list = (*built)->lists()[l];
    ListSummary expected{list.info, list.entities.size()};
    for (const Entity& e : list.entities) {
      ++expected.kinds[static_cast<size_t>(e.kind)];
      expected.names += e.names.size();
    }
    EXPECT_EQ(summaries[l].info.name, expected.info.name);
    EXPECT_EQ(summaries[l].info.content_hash, expected.info.content_hash);
    EXPECT_EQ(summaries[l].entities, expected.entities);
    EXPECT_EQ(summaries[l].names, expected.names);
    EXPECT_EQ(summaries[l].kinds, expected.kinds);
    EXPECT_GT(expected.names, expected.entities);  // aliases counted
    EXPECT_EQ((*built)->summaries()[l].names, expected.names);
    EXPECT_EQ((*built)->summaries()[l].kinds, expected.kinds);
  }
  ASSERT_EQ((*opened)->lists().size(), 2u);
  EXPECT_EQ((*opened)->lists()[1].info.name, (*built)->lists()[1].info.name);
  size_t hits = 0, people = 0, organizations = 0;
  for (const char* name :
       {"Kim Jong Un", "KIM Chong-un", "김정은", "Yun Ho-jin", "Ri Je-son",
        "Nicolas Maduro Moros", "Korea Mining Development Trading Corp",
        "Mohammed al Habbo", "Ali Khamenei", "Jang Song Thaek",
        "Banco Delta Asia", "Hamas", "Ким Чен Ын", "John Smith"}) {
    Query q;
    q.name = name;
    SearchOptions opt;
    opt.threshold = 0.7;
    auto a = (*built)->Search(q, opt);
    auto b = (*opened)->Search(q, opt);
    ASSERT_EQ(a.size(), b.size()) << name;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].entity->id, b[i].entity->id) << name;
      EXPECT_EQ(a[i].score, b[i].score) << name;
      EXPECT_EQ(a[i].matched_name, b[i].matched_name) << name;
      EXPECT_EQ(a[i].explanation.tokens.size(), b[i].explanation.tokens.size());
    }
    hits += a.size();
    // Filtered by kind (read from the records when the snapshot opens).
    for (EntityKind kind : {EntityKind::kPerson, EntityKind::kOrganization}) {
      q.kind = kind;
      auto fa = (*built)->Search(q, opt);
      auto fb = (*opened)->Search(q, opt);
      ASSERT_EQ(fa.size(), fb.size()) << name;
      for (size_t i = 0; i < fa.size(); ++i) {
        EXPECT_EQ(fa[i].entity->id, fb[i].entity->id) << name;
        EXPECT_EQ(fb[i].entity->kind, kind) << name;
      }
      (kind == EntityKind::kPerson ? people : organizations) += fa.size();
    }
  }
  EXPECT_GT(hits, 10u);
  EXPECT_GT(people, 5u);
  EXPECT_GT(organizations, 2u);
  Query imo;
  imo.name = "any name";
  imo.identifiers.push_back({IdKind::kImo, "IMO 8518572"});
  EXPECT_EQ((*built)->Search(imo).size(), (*opened)->Search(imo).size());
  std::remove(path.c_str());
}

}  // namespace
}  // namespace embargo
