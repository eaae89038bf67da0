#include "index/name_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <random>
#include <set>

#include "normalize/normalize.h"
#include "normalize/phonetic.h"

namespace embargo::internal {
namespace {

// Every string made by deleting up to `max` chars from `s`, s included: the
// slow, obviously correct definition of a deletion neighbourhood.
std::set<std::string> Deletions(const std::string& s, int max) {
  std::set<std::string> out{s};
  std::set<std::string> frontier{s};
  for (int d = 0; d < max; ++d) {
    std::set<std::string> next;
    for (const std::string& f : frontier)
      for (size_t i = 0; i < f.size(); ++i) {
        std::string v = f;
        v.erase(i, 1);
        next.insert(v);
      }
    out.insert(next.begin(), next.end());
    frontier = std::move(next);
  }
  return out;
}

std::string RandomWord(std::mt19937& rng, size_t len, const char* alphabet) {
  std::string s;
  const size_t n = std::strlen(alphabet);
  for (size_t i = 0; i < len; ++i) s += alphabet[rng() % n];
  return s;
}

TEST(DeletionHashTest, SameHashesAsBuildingTheStrings) {
  std::mt19937 rng(7);
  for (size_t len : {0, 1, 2, 3, 5, 8, 13, 40, 64, 65, 70}) {
    for (int max : {0, 1, 2}) {
      for (int round = 0; round < 5; ++round) {
        // A small alphabet makes repeated letters, hence repeated variants.
        std::string s = RandomWord(rng, len, round % 2 ? "ab" : "abcdefghij");
        std::set<std::uint64_t> fast, slow;
        ForEachDeletionHash(s, max, [&](std::uint64_t h) { fast.insert(h); });
        // Strings of one char or none have no variants worth indexing.
        const int effective = s.size() <= 1 ? 0 : max;
        for (const std::string& v : Deletions(s, effective))
          slow.insert(IndexHash(v));
        EXPECT_EQ(fast, slow) << "'" << s << "' max " << max;
      }
    }
  }
}

TEST(DeletionHashTest, HashesTellStringsApart) {
  EXPECT_NE(IndexHash("ab"), IndexHash("ba"));
  EXPECT_NE(IndexHash(""), IndexHash(std::string(1, '\0')));
  EXPECT_NE(IndexHash("kim"), IndexHash("kimm"));
}

class NameIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(11);
    const char* kLetters = "aeioubdhkmnrst";
    for (int e = 0; e < 400; ++e) {
      Entity entity;
      entity.id = "e" + std::to_string(e);
      entity.kind = EntityKind::kPerson;
      for (int n = 0; n < 1 + e % 3; ++n) {
        std::string full;
        for (int t = 0; t < 2 + (e + n) % 3; ++t) {
          if (t) full += ' ';
          full += RandomWord(rng, 3 + rng() % 8, kLetters);
        }
        Name name;
        name.full = full;
        entity.names.push_back(name);
      }
      if (e % 50 == 0)
        entity.identifiers.push_back(
            {IdKind::kImo, "IMO " + std::to_string(9000000 + e), "", "", ""});
      entities_.push_back(std::move(entity));
    }
    for (const Entity& e : entities_) pointers_.push_back(&e);
    index_.Build(pointers_);
  }

  std::vector<Entity> entities_;
  std::vector<const Entity*> pointers_;
  NameIndex index_;
};

TEST_F(NameIndexTest, TyposOfFindsEveryTokenSharingAVariant) {
  std::mt19937 rng(3);
  const char* kLetters = "aeioubdhkmnrst";
  // The reference: a listed token is reachable when its own neighbourhood
  // and the query's share a string.
  std::vector<std::set<std::string>> listed(index_.token_count());
  for (TokenId t = 0; t < index_.token_count(); ++t) {
    ListedToken l = index_.token(t);
    if (IsIdentifying(l.role))
      listed[t] = Deletions(std::string(l.text), MaxDeletes(l.text.size()));
  }
  size_t found_total = 0;
  for (int round = 0; round < 300; ++round) {
    std::string q;
    if (round % 2) {
      // A typo of a listed token, so that there is something to find.
      q = std::string(index_.token(rng() % index_.token_count()).text);
      if (q.size() > 3) q.erase(rng() % q.size(), 1);
      if (q.size() > 3) q[rng() % q.size()] = kLetters[rng() % 14];
    } else {
      q = RandomWord(rng, 3 + rng() % 9, kLetters);
    }
    std::set<std::string> mine = Deletions(q, MaxDeletes(q.size()));
    std::set<TokenId> expected;
    for (TokenId t = 0; t < listed.size(); ++t)
      for (const std::string& v : mine)
        if (listed[t].count(v)) {
          expected.insert(t);
          break;
        }
    std::vector<TokenId> got_v;
    index_.TyposOf(q, &got_v);
    std::set<TokenId> got(got_v.begin(), got_v.end());
    // Hash fingerprints may add tokens, never lose one.
    for (TokenId t : expected)
      EXPECT_TRUE(got.count(t)) << q << " misses " << index_.token(t).text;
    found_total += expected.size();
  }
  EXPECT_GT(found_total, 150u);  // the typo rounds found their tokens
}

TEST_F(NameIndexTest, LookupsAgreeWithAPlainMap) {
  std::map<std::string, std::set<TokenId>> by_key, by_phonetic, by_skeleton,
      poor;
  for (TokenId t = 0; t < index_.token_count(); ++t) {
    ListedToken l = index_.token(t);
    EXPECT_EQ(index_.FindToken(l.text), t);
    if (!l.key.empty()) by_key[std::string(l.key)].insert(t);
    if (!IsIdentifying(l.role)) continue;
    EXPECT_EQ(l.phonetic, PhoneticKey(l.text));
    EXPECT_EQ(l.skeleton, ConsonantSkeleton(l.text));
    if (!l.phonetic.empty()) by_phonetic[std::string(l.phonetic)].insert(t);
    if (!l.skeleton.empty()) {
      by_skeleton[std::string(l.skeleton)].insert(t);
      if (l.vowel_poor) poor[std::string(l.skeleton)].insert(t);
    }
  }
  auto as_set = [](std::span<const TokenId> s) {
    return std::set<TokenId>(s.begin(), s.end());
  };
  for (const auto& [k, v] : by_key)
    EXPECT_EQ(as_set(index_.TokensWithKey(k)), v);
  for (const auto& [k, v] : by_phonetic)
    EXPECT_EQ(as_set(index_.TokensWithPhonetic(k)), v);
  for (const auto& [k, v] : by_skeleton)
    EXPECT_EQ(as_set(index_.TokensWithSkeleton(k, false)), v);
  for (const auto& [k, v] : poor)
    EXPECT_EQ(as_set(index_.TokensWithSkeleton(k, true)), v);
  EXPECT_EQ(index_.FindToken("zzzz"), kNoToken);
  EXPECT_TRUE(index_.TokensWithKey("zzzz").empty());
  EXPECT_FALSE(by_key.empty());
}

TEST_F(NameIndexTest, SplitLookupsAgreeWithFindToken) {
  std::mt19937 rng(5);
  size_t found = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    if (round == 0) {
      text = RandomWord(rng, kMaxTypoTokenLength + 6, "ab");  // plain lookups
    } else if (round % 3 == 0) {
      text = RandomWord(rng, 1 + rng() % 12, "aeioubdhkmnrst");
    } else {
      // Two listed tokens spelled together: both halves are found.
      text = std::string(index_.token(rng() % index_.token_count()).text) +
             std::string(index_.token(rng() % index_.token_count()).text);
    }
    const size_t n = text.size();
    std::vector<TokenId> first(n - 1, 7), second(n - 1, 7);
    index_.FindSplitTokens(text, first, second);
    for (size_t k = 1; k < n; ++k) {
      const TokenId a = index_.FindToken(text.substr(0, k));
      const TokenId b = index_.FindToken(text.substr(k));
      EXPECT_EQ(first[k - 1], a) << text << " split at " << k;
      EXPECT_EQ(second[k - 1], b) << text << " split at " << k;
      found += (a != kNoToken) + (b != kNoToken);
    }
  }
  EXPECT_GT(found, 300u);  // the joined rounds found their halves
}

TEST_F(NameIndexTest, PostingsHoldEveryNameOfTheToken) {
  std::map<TokenId, std::set<NameId>> expected;
  for (NameId n = 0; n < index_.name_count(); ++n) {
    const IndexedName& in = index_.names()[n];
    const TokenId* t = index_.name_tokens(in);
    for (size_t i = 0; i < in.token_count; ++i)
      if (IsIdentifying(index_.token(t[i]).role)) expected[t[i]].insert(n);
    // The name's tokens are its normalized text, in order.
    std::string joined;
    for (size_t i = 0; i < in.token_count; ++i)
      joined += (i ? " " : "") + std::string(index_.token(t[i]).text);
    EXPECT_EQ(joined, entities_[in.entity].names[in.name].full);
  }
  for (const auto& [t, names] : expected) {
    auto p = index_.postings(t);
    EXPECT_TRUE(std::is_sorted(p.begin(), p.end()));
    EXPECT_EQ(std::set<NameId>(p.begin(), p.end()), names);
  }
}

// Every holding of a token is in exactly one of postings() and
// weak_postings(), by the token's role in that name (which may differ from
// the role it keeps: "la" below), checked against NormalizeName's roles.
TEST(NameIndexWeakPostingsTest, SplitHoldingsByTheirRoleInTheName) {
  std::vector<Entity> entities;
  for (const char* full :
       {"La Crosse Group", "Ana de la Cruz", "J Smith", "John Smith",
        "Acme Trading Ltd", "Global Trading Company", "Dr John Smith",
        "Bank Melli Iran", "AHMED, A", "Ltd Ahmed"}) {
    Entity e;
    e.id = full;
    Name name;
    name.full = full;
    e.names.push_back(name);
    entities.push_back(std::move(e));
  }
  std::vector<const Entity*> pointers;
  pointers.reserve(entities.size());
  for (const Entity& e : entities) pointers.push_back(&e);
  NameIndex index;
  index.Build(pointers);

  std::map<TokenId, std::set<NameId>> posted, weak;
  for (NameId n = 0; n < index.name_count(); ++n) {
    const IndexedName& in = index.names()[n];
    const TokenId* t = index.name_tokens(in);
    NormalizedName norm =
        NormalizeName(entities[in.entity].names[in.name].full);
    ASSERT_EQ(norm.tokens.size(), in.token_count);
    bool any_identifying = false;
    for (const NameToken& tok : norm.tokens)
      any_identifying |= IsIdentifying(tok.role);
    for (size_t i = 0; i < in.token_count; ++i) {
      const TokenRole r = norm.tokens[i].role;
      const bool evidence =
          IsIdentifying(r) || (!any_identifying && r == TokenRole::kGeneric);
      (evidence ? posted : weak)[t[i]].insert(n);
    }
  }
  for (TokenId t = 0; t < index.token_count(); ++t) {
    auto p = index.postings(t), w = index.weak_postings(t);
    EXPECT_TRUE(std::is_sorted(p.begin(), p.end()));
    EXPECT_TRUE(std::is_sorted(w.begin(), w.end()));
    EXPECT_EQ(std::set<NameId>(p.begin(), p.end()), posted[t])
        << index.token(t).text;
    EXPECT_EQ(std::set<NameId>(w.begin(), w.end()), weak[t])
        << index.token(t).text;
  }
  // The cases above are all there: "la" both ways, an initial, a legal
  // form, a title, and generic words posted in a name of nothing else.
  auto holdings = [&](std::string_view text) {
    const TokenId t = index.FindToken(text);
    EXPECT_NE(t, kNoToken) << text;
    return std::pair{t == kNoToken ? 0 : index.postings(t).size(),
                     t == kNoToken ? 0 : index.weak_postings(t).size()};
  };
  EXPECT_EQ(holdings("la"), (std::pair<size_t, size_t>{1, 1}));
  EXPECT_EQ(holdings("j"), (std::pair<size_t, size_t>{0, 1}));
  EXPECT_EQ(holdings("a"), (std::pair<size_t, size_t>{0, 1}));
  EXPECT_EQ(holdings("ltd").first, 0u);
  EXPECT_EQ(holdings("dr"), (std::pair<size_t, size_t>{0, 1}));
  EXPECT_EQ(holdings("global"), (std::pair<size_t, size_t>{1, 0}));
  EXPECT_EQ(holdings("smith"), (std::pair<size_t, size_t>{3, 0}));
}

// NamesWithBoth() and HeldAs() against their slow definitions: the
// names holding two common tokens (a token held twice pairs with itself),
// and each token's role where it stands, on names of a small vocabulary
// (so most tokens are common at a low threshold) with initials, particles
// and legal forms, some past the 24 tokens whose roles the name keeps.
TEST(NameIndexCommonPairsTest, NamesWithBothHoldBothTokens) {
  const std::vector<std::string> words = {
      "kim", "jong", "un",      "al",       "hassan", "ali",
      "j",   "ltd",  "trading", "mohammed", "smith",  "de",
      "la",  "chen", "a",       "company",  "abd"};
  std::mt19937 rng(20261201);
  std::vector<Entity> entities;
  for (int e = 0; e < 400; ++e) {
    Entity entity;
    entity.id = "e" + std::to_string(e);
    Name name;
    const size_t n = e % 40 == 0 ? 30 : 1 + rng() % 5;
    for (size_t t = 0; t < n; ++t)
      name.full += (t ? " " : "") + words[rng() % words.size()];
    entity.names.push_back(name);
    entities.push_back(std::move(entity));
  }
  std::vector<const Entity*> pointers;
  pointers.reserve(entities.size());
  for (const Entity& e : entities) pointers.push_back(&e);
  for (const size_t threshold : {size_t{2}, size_t{60}}) {
    NameIndex index;
    index.Build(pointers, threshold);
    size_t common = 0, twice = 0, pairs = 0, weak = 0, long_names = 0;
    for (TokenId t = 0; t < index.token_count(); ++t) {
      const size_t holdings =
          index.postings(t).size() + index.weak_postings(t).size();
      EXPECT_EQ(index.common(t), holdings >= threshold) << t;
      common += index.common(t);
    }
    std::map<std::pair<TokenId, TokenId>, std::set<NameId>> expected;
    for (NameId n = 0; n < index.name_count(); ++n) {
      const IndexedName& in = index.names()[n];
      const TokenId* t = index.name_tokens(in);
      // As the index posts a token: by its role in this name.
      const NormalizedName norm =
          NormalizeName(entities[in.entity].names[in.name].full);
      ASSERT_EQ(norm.tokens.size(), in.token_count);
      bool any_identifying = false;
      for (const NameToken& tok : norm.tokens)
        any_identifying |= IsIdentifying(tok.role);
      std::map<TokenId, std::uint8_t> anywhere;
      auto held_as = [&](size_t i) -> std::uint8_t {
        const TokenRole r = norm.tokens[i].role;
        return IsIdentifying(r) ||
                       (!any_identifying && r == TokenRole::kGeneric)
                   ? NameIndex::kHeldPosted
                   : NameIndex::kHeldWeak;
      };
      for (size_t i = 0; i < in.token_count; ++i) anywhere[t[i]] |= held_as(i);
      for (size_t i = 0; i < in.token_count; ++i) {
        EXPECT_EQ(index.HeldAs(n, i), i < 24 ? held_as(i) : anywhere[t[i]])
            << n << " " << i;
        weak += index.HeldAs(n, i) == NameIndex::kHeldWeak;
        long_names += i == 24;
        for (size_t j = i + 1; j < in.token_count; ++j)
          if (index.common(t[i]) && index.common(t[j]))
            expected[std::minmax(t[i], t[j])].insert(n);
      }
    }
    for (TokenId a = 0; a < index.token_count(); ++a)
      for (TokenId b = 0; b < index.token_count(); ++b) {
        if (!index.common(a) || !index.common(b)) continue;
        const auto got = index.NamesWithBoth(a, b);
        const auto it = expected.find(std::minmax(a, b));
        const std::set<NameId> want =
            it == expected.end() ? std::set<NameId>{} : it->second;
        EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
        EXPECT_EQ(std::set<NameId>(got.begin(), got.end()), want)
            << a << " " << b;
        EXPECT_EQ(got.size(), want.size());  // each name once
        pairs += !got.empty();
        twice += a == b && !got.empty();
      }
    EXPECT_GT(common, threshold == 2 ? 12u : 3u);
    EXPECT_GT(pairs, 20u);
    EXPECT_GT(twice, 3u);
    EXPECT_GT(weak, 100u);
    EXPECT_EQ(long_names, 10u);
  }
}

// The slow reference for NamesWithPair(): every adjacent pair of every
// name, kept when the scorer may align it as one token spelled together.
void ExpectPairsAreAdjacentMergeableTokens(const NameIndex& index) {
  std::map<std::pair<TokenId, TokenId>, std::set<NameId>> expected;
  for (NameId n = 0; n < index.name_count(); ++n) {
    const IndexedName& in = index.names()[n];
    const TokenId* t = index.name_tokens(in);
    for (size_t i = 0; i + 1 < in.token_count; ++i)
      if (MergeablePair(index.token(t[i]).role, index.token(t[i + 1]).role))
        expected[{t[i], t[i + 1]}].insert(n);
  }
  ASSERT_FALSE(expected.empty());
  for (const auto& [pair, names] : expected) {
    auto got = index.NamesWithPair(pair.first, pair.second);
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
    EXPECT_EQ(std::set<NameId>(got.begin(), got.end()), names);
    EXPECT_EQ(got.size(), names.size());  // each name once
  }
  // Every other pair of tokens holds no name.
  for (TokenId a = 0; a < index.token_count(); ++a)
    for (TokenId b = 0; b < index.token_count(); ++b) {
      if (!expected.contains({a, b})) {
        EXPECT_TRUE(index.NamesWithPair(a, b).empty()) << a << " " << b;
      }
    }
  // Each token's sides, and the pairs by the keys of their joined texts
  // (which hold those names, and with distinct keys nothing else).
  std::map<TokenId, std::uint8_t> sides;
  std::map<std::string, std::set<NameId>> by_key, by_phonetic;
  // The weights of each name's pairs, as found by either key.
  std::map<std::pair<std::string, NameId>, std::set<float>> weights;
  for (const auto& [pair, names] : expected) {
    sides[pair.first] |= kPairFirst;
    sides[pair.second] |= kPairSecond;
    const std::string joined = std::string(index.token(pair.first).text) +
                               std::string(index.token(pair.second).text);
    const float weight =
        index.token_weight(pair.first) + index.token_weight(pair.second);
    for (const std::string& key :
         {RomanizationKey(joined), "p" + PhoneticKey(joined)})
      for (NameId n : names) weights[{key, n}].insert(weight);
    by_key[RomanizationKey(joined)].insert(names.begin(), names.end());
    by_phonetic[PhoneticKey(joined)].insert(names.begin(), names.end());
  }
  for (TokenId t = 0; t < index.token_count(); ++t)
    EXPECT_EQ(index.pair_sides(t), sides.contains(t) ? sides[t] : 0) << t;
  // The names found, each with the weight of one of its pairs of that key.
  auto found = [&](const std::string& weight_key, auto lookup) {
    std::vector<NameIndex::PairName> out;
    lookup(&out);
    std::set<NameId> names;
    for (const auto& [n, weight] : out) {
      names.insert(n);
      EXPECT_TRUE(weights[std::make_pair(weight_key, n)].contains(weight))
          << weight_key << " " << n << " " << weight;
    }
    return names;
  };
  for (const auto& entry : by_key) {
    const std::string& key = entry.first;
    EXPECT_EQ(
        found(key, [&](auto* out) { index.NamesWithJoinedKey(key, out); }),
        entry.second)
        << key;
  }
  for (const auto& entry : by_phonetic) {
    const std::string& key = entry.first;
    EXPECT_EQ(
        found("p" + key,
              [&](auto* out) { index.NamesWithJoinedPhonetic(key, out); }),
        entry.second)
        << key;
  }
  EXPECT_TRUE(found("", [&](auto* out) {
                index.NamesWithJoinedKey("zzzzzzzzq", out);
              }).empty());
  // The pairs spelled alike, split anywhere but `apart`: against every
  // pair's own letters, each name with its pair's weight.
  std::map<std::string,
           std::vector<std::pair<size_t, std::pair<NameId, float>>>>
      by_letters;  // joined -> (first's length, (name, weight))
  for (const auto& [pair, names] : expected) {
    const std::string first(index.token(pair.first).text);
    const std::string joined =
        first + std::string(index.token(pair.second).text);
    for (NameId n : names)
      by_letters[joined].push_back({first.size(),
                                    {n, index.token_weight(pair.first) +
                                            index.token_weight(pair.second)}});
  }
  for (const auto& [joined, held] : by_letters)
    for (size_t apart = 0; apart <= joined.size(); ++apart) {
      std::set<std::pair<NameId, float>> want, got;
      for (const auto& [first_size, name] : held)
        if (first_size != apart) want.insert(name);
      std::vector<NameIndex::PairName> out;
      index.NamesSpelledApart(joined, RomanizationKey(joined), apart, &out);
      for (const auto& [n, weight] : out) got.insert({n, weight});
      EXPECT_EQ(got, want) << joined << " apart " << apart;
    }
  // Letters no pair spells, under a key some pair has.
  ASSERT_FALSE(by_letters.empty());
  const std::string some = by_letters.begin()->first;
  std::vector<NameIndex::PairName> none;
  index.NamesSpelledApart(some + "q", RomanizationKey(some), 0, &none);
  EXPECT_TRUE(none.empty());
}

TEST_F(NameIndexTest, PairsAreTheAdjacentMergeableTokens) {
  ExpectPairsAreAdjacentMergeableTokens(index_);
}

TEST(NameIndexPairsTest, RolesDecideWhichPairsAreHeld) {
  std::vector<Entity> entities(4);
  const char* names[] = {"Ali al Zein", "Kim Jong Un",
                         "La Crosse Trading Group Inc", "Al Ltd"};
  for (size_t e = 0; e < entities.size(); ++e) {
    entities[e].id = "p" + std::to_string(e);
    entities[e].names.push_back({});
    entities[e].names.back().full = names[e];
  }
  std::vector<const Entity*> pointers;
  pointers.reserve(entities.size());
  for (const Entity& e : entities) pointers.push_back(&e);
  NameIndex index;
  index.Build(pointers);
  ExpectPairsAreAdjacentMergeableTokens(index);
  auto id = [&](const char* text) { return index.FindToken(text); };
  EXPECT_EQ(index.NamesWithPair(id("jong"), id("un")).size(), 1u);
  EXPECT_TRUE(index.NamesWithPair(id("un"), id("jong")).empty());
  EXPECT_EQ(index.NamesWithPair(id("al"), id("zein")).size(), 1u);
  // A legal form never fuses with its neighbour.
  EXPECT_TRUE(index.NamesWithPair(id("group"), id("inc")).empty());
}

TEST_F(NameIndexTest, IdentifiersNormalizeAndFind) {
  auto hits = index_.EntitiesWithIdentifier(IdKind::kImo, "9000050");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(entities_[hits[0]].id, "e50");
  EXPECT_EQ(index_.EntitiesWithIdentifier(IdKind::kImo, "imo-9000100").size(),
            1u);
  EXPECT_TRUE(index_.EntitiesWithIdentifier(IdKind::kImo, "9000051").empty());
  EXPECT_TRUE(
      index_.EntitiesWithIdentifier(IdKind::kPassport, "9000050").empty());
}

}  // namespace
}  // namespace embargo::internal
