#include "normalize/romanize.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "normalize/normalize.h"
#include "normalize/tables.h"

namespace embargo::internal {
namespace {

// Every spelling in `group` has the key of the first one.
void ExpectSameKey(const std::vector<std::string>& group) {
  const std::string key = RomanizationKey(group.front());
  for (const std::string& s : group) {
    EXPECT_EQ(RomanizationKey(s), key) << s << " vs " << group.front();
  }
}

void ExpectDifferentKeys(const std::string& a, const std::string& b) {
  EXPECT_NE(RomanizationKey(a), RomanizationKey(b)) << a << " vs " << b;
}

TEST(RomanizationKey, Korean) {
  ExpectSameKey({"chong", "jong", "jeong", "cheong", "chung", "jung"});
  ExpectSameKey({"ri", "li", "yi", "lee", "rhee", "rhie"});
  ExpectSameKey({"pak", "park", "bak"});
  ExpectSameKey({"choe", "choi"});
  ExpectSameKey({"kim", "gim"});
  ExpectSameKey({"ryu", "yu", "yoo"});
  ExpectSameKey({"kang", "gang"});
  ExpectSameKey({"kwon", "gwon"});
  ExpectSameKey({"sin", "shin"});
  ExpectSameKey({"son", "sohn"});
  ExpectSameKey({"han", "hahn"});
  ExpectSameKey({"oh", "o"});
  ExpectSameKey({"cho", "jo"});
  ExpectSameKey({"chu", "ju"});
  ExpectSameKey({"hyon", "hyeon", "hyun"});
  ExpectSameKey({"kyong", "gyeong", "kyung"});
  ExpectSameKey({"song", "seong", "sung"});
  ExpectSameKey({"il", "eel"});
  ExpectSameKey({"chol", "cheol", "chul"});
  ExpectSameKey({"ho", "heo"});
  ExpectSameKey({"ung", "eung"});
  ExpectSameKey({"un", "eun"});
  ExpectSameKey({"ryong", "yong", "lyong"});
  ExpectSameKey({"roh", "noh", "no"});
  ExpectSameKey({"yun", "yoon", "youn"});
  ExpectSameKey({"paek", "baek", "baik", "paik"});
  // Joined given names key as their syllables' keys joined.
  EXPECT_EQ(RomanizationKey("kyongsu"), RomanizationKey("kyong") + "so");
  EXPECT_EQ(RomanizationKey("jongun"),
            RomanizationKey("jong") + RomanizationKey("un"));
  EXPECT_EQ(RomanizationKey("jeongeun"), RomanizationKey("jongun"));
  // Distinct surnames stay distinct.
  ExpectDifferentKeys("kim", "park");
  ExpectDifferentKeys("choe", "chae");
  ExpectDifferentKeys("kang", "kong");
}

TEST(RomanizationKey, KoreanRulesOnlyForKoreanShapes) {
  std::string key;
  EXPECT_FALSE(KoreanKey("bush", &key));
  EXPECT_FALSE(KoreanKey("george", &key));
  EXPECT_FALSE(KoreanKey("vladimir", &key));
  EXPECT_FALSE(KoreanKey("smith", &key));
  EXPECT_TRUE(KoreanKey("kimjongun", &key));
  EXPECT_EQ(key, "gimjongon");
  EXPECT_FALSE(KoreanKey("gimjeongeunsunho", &key));  // more than 4 syllables
  EXPECT_EQ(RomanizationKey("bush"), "bush");
  EXPECT_EQ(RomanizationKey("george"), "george");
}

// The refusal of tokens with more runs of vowels than syllables against
// the parse that tries them all: syllables spelled every which way, run
// together up to six, and letters at random.
TEST(RomanizationKey, KoreanShortcutAgreesWithTheFullParse) {
  const std::vector<std::string> pieces = {
      "a",    "o",     "u",     "eui", "ae",  "yeo",  "wa",   "oi",   "kim",
      "jong", "un",    "eun",   "sik", "ri",  "lee",  "park", "choe", "ahn",
      "hyuk", "ssang", "tchol", "kk",  "ng",  "yong", "ho",   "min",  "gyu",
      "h",    "r",     "n",     "weo", "yoo", "chi",  "bak",  "son"};
  const std::string letters = "aeioubcdghjklmnprstwy";
  std::mt19937 rng(20261201);
  size_t parsed = 0, refused = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string t;
    if (i % 4 == 3) {
      const size_t n = 1 + rng() % 16;
      for (size_t k = 0; k < n; ++k) t += letters[rng() % letters.size()];
    } else {
      const size_t n = 1 + rng() % 6;
      for (size_t k = 0; k < n; ++k) t += pieces[rng() % pieces.size()];
    }
    std::string fast, full;
    const bool ok = KoreanKey(t, &full, /*shortcut=*/false);
    ASSERT_EQ(KoreanKey(t, &fast), ok) << t;
    ASSERT_EQ(fast, full) << t;
    ++(ok ? parsed : refused);
  }
  // Both sides are exercised.
  EXPECT_GT(parsed, 20000u);
  EXPECT_GT(refused, 20000u);
}

// A key computed without the memo is the memo's key.
TEST(RomanizationKey, OfNewIsTheSameKey) {
  for (std::string t :
       {"kimjongun", "jongun", "alexandroskhueng", "abdurrahman", "nasrullah",
        "zhouchu", "yansuo", "Kim-Jong", "x", "", "ab12", "mohammedali"}) {
    EXPECT_EQ(RomanizationKeyOfNew(t), RomanizationKey(t)) << t;
    EXPECT_EQ(RomanizationKey(t), RomanizationKeyOfNew(t)) << t;
  }
}

TEST(RomanizationKey, Chinese) {
  ExpectSameKey({"hsi", "xi"});
  ExpectSameKey({"ching", "qing", "jing"});
  ExpectSameKey({"tse", "ze"});
  ExpectSameKey({"tzu", "ci", "zi"});
  ExpectSameKey({"chou", "zhou"});
  ExpectSameKey({"tsao", "cao"});
  ExpectSameKey({"kuo", "guo"});
  ExpectSameKey({"chiang", "jiang"});
  ExpectSameKey({"tung", "dong"});
  ExpectSameKey({"hsiung", "xiong"});
  ExpectSameKey({"chih", "zhi"});
  ExpectSameKey({"shih", "shi"});
  ExpectSameKey({"chang", "zhang"});
  ExpectSameKey({"chung", "zhong"});
  ExpectSameKey({"teng", "deng"});
  EXPECT_EQ(RomanizationKey("zedong"),
            RomanizationKey("tse") + RomanizationKey("tung"));
  EXPECT_EQ(RomanizationKey("xiaoping"),
            RomanizationKey("hsiao") + RomanizationKey("ping"));
  EXPECT_EQ(RomanizationKey("jinping"),
            RomanizationKey("chin") + RomanizationKey("ping"));
  const Tables& t = GetTables();
  EXPECT_EQ(WadeGilesToPinyin("hsiao", t), "xiao");
  EXPECT_EQ(WadeGilesToPinyin("chih", t), "zhi");
  EXPECT_EQ(WadeGilesToPinyin("tzu", t), "zi");
  EXPECT_EQ(WadeGilesToPinyin("kuo", t), "kuo");  // already pinyin
  EXPECT_EQ(WadeGilesToPinyin("to", t), "duo");
  EXPECT_EQ(WadeGilesToPinyin("ko", t), "ge");
  EXPECT_EQ(WadeGilesToPinyin("yen", t), "yan");
  EXPECT_EQ(WadeGilesToPinyin("smith", t), "");
}

TEST(RomanizationKey, Arabic) {
  ExpectSameKey({"muhammad", "mohammed", "mohamed", "mohammad", "muhammed",
                 "mohamad", "mouhamed", "mohhammed"});
  ExpectSameKey({"ahmad", "ahmed"});
  ExpectSameKey({"husayn", "hussein", "husain", "hossein"});
  ExpectSameKey({"hasan", "hassan"});
  ExpectSameKey({"abd", "abdul", "abdel", "abdal"});
  ExpectSameKey({"usama", "osama"});
  ExpectSameKey({"yusuf", "youssef", "yousef"});
  ExpectSameKey({"abu", "abou"});
  ExpectSameKey({"umar", "omar"});
  ExpectSameKey({"uthman", "othman", "osman"});
  ExpectSameKey({"mahmud", "mahmoud"});
  ExpectSameKey({"abdallah", "abdullah"});
  ExpectSameKey({"qasim", "kassem", "qassem"});
  ExpectSameKey({"khalid", "khaled"});
  ExpectSameKey({"said", "saeed"});
  ExpectSameKey({"zubayr", "zubair"});
  ExpectSameKey({"jafar", "jaafar"});
  ExpectSameKey({"nasrallah", "nasrullah"});
  ExpectSameKey({"khayrallah", "khairallah"});
  ExpectSameKey({"fatima", "fatimah"});
  ExpectDifferentKeys("muhammad", "ahmad");
  ExpectDifferentKeys("omar", "amr");
  ExpectDifferentKeys("said", "sayyid");
  ExpectDifferentKeys("hasan", "husayn");
  ExpectDifferentKeys("muhammad", "mehmet");
}

TEST(RomanizationKey, Russian) {
  ExpectSameKey({"valery", "valeriy", "valerii", "valeri"});
  ExpectSameKey({"yuri", "yury", "iurii", "juri", "yuriy"});
  ExpectSameKey({"aleksandr", "alexander", "aleksander"});
  ExpectSameKey({"sergei", "sergey", "sergej"});
  ExpectSameKey({"dmitri", "dmitry", "dmitrii", "dmitriy"});
  ExpectSameKey({"dostoevskiy", "dostoevsky", "dostoevskii", "dostoevski"});
  ExpectSameKey({"yevgeny", "evgeny", "evgenii", "yevgeniy"});
  ExpectSameKey({"yelena", "elena"});
  ExpectSameKey({"grigoryev", "grigoriev", "grigorev"});
  ExpectSameKey({"mikhail", "mihail"});
  ExpectSameKey({"chatayev", "chataev"});
  ExpectSameKey({"atabiyev", "atabiev", "atabev"});
  ExpectSameKey({"zhukov", "jukov"});
  ExpectSameKey({"maksim", "maxim"});
  ExpectSameKey({"nikolay", "nikolai", "nikolaj"});
  ExpectSameKey({"natalya", "natalia", "nataliya"});
  ExpectSameKey({"tsoi", "tzoi"});
  ExpectDifferentKeys("mikhail", "michael");
  ExpectDifferentKeys("sergei", "serge");
}

TEST(RomanizationKey, PassThrough) {
  EXPECT_EQ(RomanizationKey(""), "");
  EXPECT_EQ(RomanizationKey("j"), "j");
  EXPECT_EQ(RomanizationKey("747"), "747");
  EXPECT_EQ(RomanizationKey("a320"), "a320");
  EXPECT_EQ(RomanizationKey("Kim"), RomanizationKey("kim"));
  EXPECT_EQ(RuleForm("smith"), "smith");
  EXPECT_EQ(RuleForm("mueller"), "muler");
  EXPECT_EQ(RuleForm("alexei"), "aleksei");
}

// Every group of data/romanization.txt: all variants share the canonical's
// key, and no variant is claimed by two groups with different keys.
TEST(RomanizationTable, GroupsAreConsistent) {
  std::ifstream in(std::string(EMBARGO_SOURCE_DIR) +
                   "/src/normalize/data/romanization.txt");
  ASSERT_TRUE(in.good());
  std::string line;
  int groups = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line[0] == '@') continue;
    std::size_t eq = line.find(" = ");
    ASSERT_NE(eq, std::string::npos) << line;
    std::string canonical = line.substr(0, eq);
    std::vector<std::string> group = {canonical};
    std::string rest = line.substr(eq + 3);
    std::size_t pos = 0;
    while (pos <= rest.size()) {
      std::size_t bar = rest.find(" | ", pos);
      std::string v =
          rest.substr(pos, bar == std::string::npos ? bar : bar - pos);
      if (v.find(' ') == std::string::npos) group.push_back(v);
      if (bar == std::string::npos) break;
      pos = bar + 3;
    }
    ExpectSameKey(group);
    ++groups;
  }
  EXPECT_EQ(static_cast<std::size_t>(groups), GetTables().romanization_groups);
  EXPECT_GT(groups, 200);
}

}  // namespace
}  // namespace embargo::internal
