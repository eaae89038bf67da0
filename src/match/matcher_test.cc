#include "match/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "embargo/entity.h"
#include "index/name_index.h"
#include "normalize/abjad.h"
#include "normalize/phonetic.h"

namespace embargo::internal {
namespace {

PreparedToken Tok(std::string text, TokenRole role = TokenRole::kName) {
  PreparedToken p;
  p.token.key = RomanizationKey(text);
  p.phonetic = PhoneticKey(text);
  p.skeleton = ConsonantSkeleton(text);
  p.token.text = std::move(text);
  p.token.role = role;
  return p;
}

// ListedToken views strings the index owns; here a deque owns them.
ListedToken Info(const std::string& text, TokenRole role = TokenRole::kName) {
  static std::deque<std::string> strings;
  auto keep = [](std::string s) -> std::string_view {
    return strings.emplace_back(std::move(s));
  };
  ListedToken t;
  t.key = keep(RomanizationKey(text));
  t.phonetic = keep(PhoneticKey(text));
  t.skeleton = keep(ConsonantSkeleton(text));
  t.text = keep(text);
  t.role = role;
  return t;
}

TEST(TokenSimilarityTest, Methods) {
  const char* method = nullptr;
  EXPECT_EQ(TokenSimilarity(Tok("habbash"), Info("habbash"), false, &method),
            1.0);
  EXPECT_STREQ(method, "exact");
  EXPECT_EQ(TokenSimilarity(Tok("chong"), Info("jong"), false, &method), 0.95);
  EXPECT_STREQ(method, "romanization");
  EXPECT_EQ(TokenSimilarity(Tok("w", TokenRole::kInitial), Info("walker"),
                            false, &method),
            0.8);
  EXPECT_STREQ(method, "initial");
  EXPECT_GT(TokenSimilarity(Tok("mohamad"), Info("mohammad"), false, &method),
            0.9);
  // Too different to be evidence.
  EXPECT_EQ(TokenSimilarity(Tok("bush"), Info("habbash"), false), 0.0);
  // Four letters: another consonant is another name, another vowel a
  // transliteration's spelling (Бэч bech / Bach).
  EXPECT_EQ(TokenSimilarity(Tok("emma"), Info("emka"), false), 0.0);
  EXPECT_EQ(TokenSimilarity(Tok("bech"), Info("bach"), false), 0.85);
  // Short tokens need exact or romanization equality.
  EXPECT_EQ(TokenSimilarity(Tok("kin"), Info("kam"), false), 0.0);
}

// The first sightings keep a listed token when TokenSimilarity(..., any)
// is above 0: it must be exactly when the full similarity is, the abjad
// alignment it may skip included.
TEST(TokenSimilarityTest, AnyAgreesOnWhatIsEvidence) {
  NameIndex index;
  index.Build({});
  Matcher matcher(index);
  std::vector<PreparedToken> query;
  for (const char* name :
       {"محمد علي حسين", "عبد الرحمن خامنه‌ای",
        "Mohammed Ali Hussein", "Kim Jong Un"})
    for (PreparedToken& t : matcher.Prepare(name).tokens)
      query.push_back(std::move(t));
  // `early`: evidence before the abjad alignment, which `any` then skips.
  int positive = 0, by_abjad = 0, early = 0;
  // Listed spellings: some of their own, and each query token with a
  // letter dropped or two swapped (typos, and other names).
  std::vector<std::string> listed = {
      "muhammad", "mohamed", "mhmd",    "mahmud", "ali",         "aly",
      "hussein",  "husayn",  "hossein", "hasan",  "abdurrahman", "rahman",
      "khamenei", "kim",     "jong",    "un",     "m",           "ahmed"};
  for (const PreparedToken& t : query) {
    const std::string& w = t.token.text;
    for (size_t i = 0; i < w.size(); ++i) {
      listed.push_back(w.substr(0, i) + w.substr(i + 1));
      if (i + 1 < w.size())
        listed.push_back(w.substr(0, i) + w[i + 1] + w[i] + w.substr(i + 2));
    }
  }
  for (const std::string& text : listed) {
    ListedToken l = Info(text);
    const std::string key = AbjadListedKey(text);
    l.abjad_key = key;
    for (const PreparedToken& t : query) {
      const char* method = "";
      const double full = TokenSimilarity(t, l, true, &method);
      EXPECT_EQ(TokenSimilarity(t, l, true, nullptr, /*any=*/true) > 0,
                full > 0)
          << t.token.text << " / " << text;
      positive += full > 0;
      by_abjad += full > 0 && std::string_view(method) == "abjad";
      early += full > 0 && full < 0.9 && !t.abjad_keys.empty() &&
               std::string_view(method) != "abjad";
    }
  }
  // Evidence by the alignment, and before it, were both met.
  EXPECT_GT(positive, 30);
  EXPECT_GE(by_abjad, 1);
  EXPECT_GE(early, 3);
}

// Each token takes its own word's letters, in order: the article is "aL"
// before a sun letter (الرحمن) and "al" before a moon letter (الجلاهمة),
// and the second article must not take the first one's letters.
TEST(MatcherPrepareTest, TokensTakeTheirOwnWordsLetters) {
  Entity e;
  e.names.push_back({});
  e.names.back().full = "Abdurrahman Jalahmah";
  std::vector<const Entity*> entities{&e};
  NameIndex index;
  index.Build(entities);
  Matcher matcher(index);
  PreparedQuery q = matcher.Prepare("الرحمن الجلاهمة");
  std::vector<std::string> letters;
  for (const PreparedToken& t : q.tokens) letters.push_back(t.abjad_text);
  EXPECT_EQ(letters, (std::vector<std::string>{"aL", "rhmn", "al", "jlahma"}));
}

std::vector<Entity> Named(std::vector<std::string> names) {
  std::vector<Entity> out;
  for (std::string& n : names) {
    out.emplace_back();
    out.back().names.push_back({});
    out.back().names.back().full = std::move(n);
  }
  return out;
}

std::vector<const Entity*> Pointers(const std::vector<Entity>& entities) {
  std::vector<const Entity*> out;
  out.reserve(entities.size());
  for (const Entity& e : entities) out.push_back(&e);
  return out;
}

// The query tokens that reached `name` among the candidates, or 0.
std::uint64_t HitMask(const Matcher& matcher, std::string_view query,
                      NameId name) {
  std::vector<Matcher::Candidate> candidates;
  matcher.Candidates(matcher.Prepare(std::string(query)), 0.0, &candidates);
  for (const Matcher::Candidate& c : candidates)
    if (c.name == name) return c.hit_mask;
  return 0;
}

// Both sorts (below and above 2,048 names) against each name's heaviest
// weight kept in a map, on lists small and large, names small and large,
// with repeats at several weights.
TEST(SortByNameKeepHeaviestTest, AgreesWithAMapOfTheHeaviest) {
  using PairName = NameIndex::PairName;
  std::mt19937 rng(7);
  for (size_t n : {0u, 1u, 5u, 2047u, 2048u, 3000u, 100000u}) {
    for (NameId most :
         {NameId{10}, NameId{5000}, NameId{1} << 22, ~NameId{0}}) {
      std::vector<PairName> v(n);
      for (PairName& p : v)
        p = {static_cast<NameId>(rng() % (std::uint64_t{most} + 1)),
             static_cast<float>(rng() % 8) / 4};
      // The reference: each name's heaviest weight, in a map by name.
      std::map<NameId, float> heaviest;
      for (const PairName& p : v) {
        auto [it, fresh] = heaviest.try_emplace(p.name, p.weight);
        if (!fresh) it->second = std::max(it->second, p.weight);
      }
      std::vector<PairName> want;
      want.reserve(heaviest.size());
      for (const auto& [name, weight] : heaviest)
        want.push_back({name, weight});
      SortByNameKeepHeaviest(&v);
      ASSERT_EQ(v.size(), want.size()) << n << " " << most;
      for (size_t i = 0; i < v.size(); ++i) {
        ASSERT_EQ(v[i].name, want[i].name) << n << " " << most << " " << i;
        ASSERT_EQ(v[i].weight, want[i].weight) << n << " " << most << " " << i;
      }
    }
  }
}

TEST(NameIndexTest, PairSides) {
  const auto entities = Named({"Arefullah Aref Ghazi"});
  NameIndex index;
  index.Build(Pointers(entities));
  EXPECT_EQ(index.pair_sides(index.FindToken("arefullah")), kPairFirst);
  EXPECT_EQ(index.pair_sides(index.FindToken("aref")),
            kPairFirst | kPairSecond);
  EXPECT_EQ(index.pair_sides(index.FindToken("ghazi")), kPairSecond);
}

// Two query tokens whose letters are two listed tokens with the space
// elsewhere reach the name through both ("ref" alone reaches nothing), and
// one query token spelled as two listed tokens reaches it too.
TEST(MatcherCandidatesTest, ReachesPairsSplitElsewhereOrSpelledTogether) {
  const auto entities =
      Named({"Hamid Karimi", "Arefullah Aref Ghazi", "Jong Un Kim"});
  NameIndex index;
  index.Build(Pointers(entities));
  Matcher matcher(index);
  EXPECT_EQ(HitMask(matcher, "Arefullaha Ref", 1), 0b11u);
  EXPECT_EQ(HitMask(matcher, "Ref", 1), 0u);
  EXPECT_EQ(HitMask(matcher, "Jongun", 2), 0b1u);
  EXPECT_EQ(HitMask(matcher, "Jongun", 0), 0u);
}

// A probe left out marks the names found from its postings before they are
// read: "J Smith" holds John's initial only in a weak role, which the weak
// twin left out of the walk (more names have a "J" than a "Smith"). Leaving
// it out unmarked would lose the name; marked or claimed for every name,
// the candidates at or above the level are the same.
TEST(MatcherCandidatesTest, ProbesLeftOutMarkTheNamesFound) {
  std::vector<std::string> names{"J Smith"};
  // Made-up names that meet nothing: "Smith Bakedo", "J Dafigu", ...
  const std::string c = "bdfgklmnprstvz", v = "aeiou";
  auto made_up = [&](size_t i) {
    std::string w;
    w += static_cast<char>(c[i % c.size()] - 'a' + 'A');
    w += v[i / c.size() % v.size()];
    w += c[i / 70 % c.size()];
    w += v[i % v.size()];
    w += c[(i * 7 + 3) % c.size()];
    w += v[(i / 5) % v.size()];
    return w;
  };
  for (size_t i = 0; i < 30; ++i) names.push_back("Smith " + made_up(i));
  for (size_t i = 30; i < 90; ++i) names.push_back("J " + made_up(i));
  const auto entities = Named(names);
  NameIndex index;
  index.Build(Pointers(entities));
  Matcher matcher(index);
  const PreparedQuery q = matcher.Prepare("John Smith");
  const double score = matcher.ScoreName(q, 0, nullptr);
  const double level = 0.7;
  ASSERT_GE(score, level);
  auto candidates = [&](const CandidateWalk& how) {
    std::vector<Matcher::Candidate> c;
    matcher.Candidates(q, level, &c, 0.0, how);
    std::vector<std::pair<NameId, double>> out;
    out.reserve(c.size());
    for (const auto& x : c) out.emplace_back(x.name, x.bound);
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto marked = candidates({});
  ASSERT_FALSE(marked.empty());
  EXPECT_EQ(marked.front().first, 0u);
  EXPECT_GE(marked.front().second, score);
  EXPECT_EQ(marked, candidates({.left_marks_per_posting = 0, .driver = false}));
  EXPECT_EQ(marked, candidates({.driver = false}));
}

// The per-thread tables behind Candidates() outlive an index: a second,
// smaller index and then the first again must give the same candidates.
TEST(MatcherCandidatesTest, SameAnswerAcrossIndexesOnOneThread) {
  const auto big = Named({"Hamid Karimi", "Arefullah Aref Ghazi", "Jong Un Kim",
                          "Kim Jong Il", "Kim Yo Jong"});
  const auto small = Named({"Kim Jong Nam"});
  NameIndex a, b;
  a.Build(Pointers(big));
  b.Build(Pointers(small));
  Matcher ma(a), mb(b);
  auto names = [](const Matcher& m, const char* query) {
    std::vector<Matcher::Candidate> c;
    m.Candidates(m.Prepare(query), 0.0, &c);
    std::vector<std::pair<NameId, std::uint64_t>> out;
    out.reserve(c.size());
    for (const auto& x : c) out.emplace_back(x.name, x.hit_mask);
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto first = names(ma, "Kim Jong");
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(names(mb, "Kim Jong").size(), 1u);
  EXPECT_EQ(names(ma, "Kim Jong"), first);
}

// Each thread remembers the keys of listed pairs spelled together by their
// token ids, which another index gives other tokens: "Kim Yo" holds the
// ids "Jong Un" held, and must be scored from its own letters.
TEST(MatcherScoreNameTest, ListedPairsJoinedByTheirOwnIndex) {
  const auto jong_un = Named({"Jong Un"});
  const auto kim_yo = Named({"Kim Yo"});
  NameIndex a, b;
  a.Build(Pointers(jong_un));
  b.Build(Pointers(kim_yo));
  ASSERT_EQ(a.name_tokens(a.names()[0])[0], b.name_tokens(b.names()[0])[0]);
  ASSERT_EQ(a.name_tokens(a.names()[0])[1], b.name_tokens(b.names()[0])[1]);
  Matcher ma(a), mb(b);
  double fresh = -1;
  std::thread([&] {
    fresh = mb.ScoreName(mb.Prepare("Kimyo"), 0, nullptr);
  }).join();
  EXPECT_GT(fresh, 0.5);
  EXPECT_GT(ma.ScoreName(ma.Prepare("Jongun"), 0, nullptr), 0.5);
  EXPECT_EQ(mb.ScoreName(mb.Prepare("Kimyo"), 0, nullptr), fresh);
  EXPECT_EQ(mb.ScoreName(mb.Prepare("Jongun"), 0, nullptr), 0.0);
}

}  // namespace
}  // namespace embargo::internal
