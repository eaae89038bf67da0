#include "index/name_index.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cctype>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include "normalize/abjad.h"
#include "normalize/phonetic.h"

namespace embargo::internal {
namespace {

// Open-addressing tables are kept at most half full: a miss (the common
// case for a customer's token) then ends after about two probes.
size_t TableSize(size_t n) {
  return std::bit_ceil(std::max<size_t>(16, 2 * n));
}

// A slot: the item + 1 in the low half (0 is empty), the high half of its
// key's hash in the high half, so that a probe passes other keys without
// reading them (each a cache miss or two: the item, then its string).
std::uint64_t Slot(std::uint64_t hash, size_t item) {
  return (hash >> 32 << 32) | static_cast<std::uint32_t>(item + 1);
}

// Builds the slots of items 0..n-1, placed by hash_of(item).
template <typename HashOf>
std::vector<std::uint64_t> BuildSlots(size_t n, HashOf hash_of) {
  std::vector<std::uint64_t> slots(TableSize(n), 0);
  const size_t mask = slots.size() - 1;
  for (size_t i = 0; i < n; ++i) {
    const std::uint64_t h = hash_of(i);
    size_t s = h & mask;
    while (slots[s] != 0) s = (s + 1) & mask;
    slots[s] = Slot(h, i);
  }
  return slots;
}

// Finds the item whose key is `key` (key_of(item) == key), or -1.
// `h` is IndexHash(key).
template <typename KeyOf>
std::int64_t ProbeHashed(std::span<const std::uint64_t> slots,
                         std::string_view key, std::uint64_t h, KeyOf key_of) {
  if (slots.empty()) return -1;
  const size_t mask = slots.size() - 1;
  for (size_t s = h & mask;; s = (s + 1) & mask) {
    const std::uint64_t v = slots[s];
    const auto item = static_cast<std::uint32_t>(v);
    if (item == 0) return -1;
    if ((v >> 32) == (h >> 32) && key_of(item - 1) == key) return item - 1;
  }
}

template <typename KeyOf>
std::int64_t Probe(std::span<const std::uint64_t> slots, std::string_view key,
                   KeyOf key_of) {
  return ProbeHashed(slots, key, IndexHash(key), key_of);
}

// Groups tokens by one of their strings into a GroupTable.
void BuildGroups(const std::vector<std::pair<std::string, TokenId>>& items,
                 GroupTable* table) {
  std::unordered_map<std::string, std::uint32_t> group_of;
  std::vector<std::vector<std::uint32_t>> groups;
  std::vector<std::string> keys;
  for (const auto& [key, t] : items) {
    auto [it, inserted] =
        group_of.emplace(key, static_cast<std::uint32_t>(groups.size()));
    if (inserted) {
      groups.emplace_back();
      keys.push_back(key);
    }
    groups[it->second].push_back(t);
  }
  std::vector<std::uint32_t> offsets{0}, members;
  for (const auto& g : groups) {
    members.insert(members.end(), g.begin(), g.end());
    offsets.push_back(static_cast<std::uint32_t>(members.size()));
  }
  table->slots.Own(
      BuildSlots(groups.size(), [&](size_t g) { return IndexHash(keys[g]); }));
  table->offsets.Own(std::move(offsets));
  table->members.Own(std::move(members));
}

}  // namespace

// Matched by the scorer's rules (match/matcher.cc): up to four letters need
// equality, five to seven allow one edit, longer tokens two.
int MaxDeletes(size_t len) {
  // Longer than any name a person types: no typo allowance (and no
  // neighbourhood, whose size grows with the square of the length).
  if (len <= 2 || len > kMaxTypoTokenLength) return 0;
  if (len <= 7) return 1;
  return 2;
}

float RoleFactor(TokenRole role) {
  switch (role) {
    case TokenRole::kName:
      return 1.0f;
    case TokenRole::kNumber:
      return 0.8f;
    case TokenRole::kGeneric:
    case TokenRole::kInitial:
      return 0.25f;
    case TokenRole::kParticle:
      return 0.1f;
    case TokenRole::kLegalForm:
      return 0.05f;
    case TokenRole::kHonorific:
      return 0.0f;
  }
  return 1.0f;
}

std::string NormalizeIdentifier(IdKind kind, std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out += static_cast<char>(std::toupper(u));
  }
  if (kind == IdKind::kImo && out.rfind("IMO", 0) == 0) out.erase(0, 3);
  // A BIC is the same institution with or without its branch code ("XXX").
  if (kind == IdKind::kSwiftBic && out.size() == 11 &&
      out.compare(8, 3, "XXX") == 0)
    out.resize(8);
  return out;
}

namespace {

// (hash, id) pairs as a directory with about two entries per bucket.
HashDirectory BuildDirectory(
    std::vector<std::pair<std::uint64_t, std::uint32_t>> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  const size_t buckets = std::bit_floor(std::max<size_t>(16, items.size() / 2));
  const int shift = 64 - std::countr_zero(buckets);
  std::vector<HashEntry> entries(items.size());
  std::vector<std::uint32_t> dir(buckets + 1, 0), filter(buckets, 0);
  for (size_t i = 0; i < items.size(); ++i) {
    const auto fp = static_cast<std::uint32_t>(items[i].first);
    const size_t b = items[i].first >> shift;
    entries[i] = {fp, items[i].second};
    ++dir[b + 1];
    filter[b] |= HashDirectory::FilterBits(fp);
  }
  for (size_t b = 0; b < buckets; ++b) dir[b + 1] += dir[b];
  HashDirectory d;
  d.dir.Own(std::move(dir));
  d.entries.Own(std::move(entries));
  d.filter.Own(std::move(filter));
  return d;
}

}  // namespace

void NameIndex::NewGeneration() {
  static std::atomic<std::uint64_t> next_generation{1};
  generation_ = next_generation.fetch_add(1);
}

ListedToken NameIndex::token(TokenId t) const {
  const StoredToken& s = tokens_[t];
  ListedToken l;
  l.text = Str(s.text_off, s.text_len);
  l.key = Str(s.key_off, s.key_len);
  l.phonetic = Str(s.phonetic_off, s.phonetic_len);
  l.skeleton = Str(s.skeleton_off, s.skeleton_len);
  l.vowel_poor = s.vowel_poor != 0;
  l.abjad_key = Str(s.abjad_off, s.abjad_len);
  l.role = static_cast<TokenRole>(s.role);
  l.df = s.df;
  l.weight = s.weight;
  return l;
}

void NameIndex::Build(const std::vector<const Entity*>& entities,
                      size_t common_holdings) {
  NewGeneration();

  // Interning: strings go to the pool once each.
  std::string pool;
  std::unordered_map<std::string, std::uint32_t> pooled;
  auto put = [&](std::string_view s, std::uint32_t* off, std::uint16_t* len) {
    auto [it, inserted] =
        pooled.emplace(std::string(s), static_cast<std::uint32_t>(pool.size()));
    if (inserted) pool.append(s);
    *off = it->second;
    *len = static_cast<std::uint16_t>(s.size());
  };
  std::vector<StoredToken> tokens;
  std::vector<std::string> texts;  // tokens[t]'s text, for the build only
  std::vector<std::vector<NameId>> postings, weak_postings;
  std::unordered_map<std::string, TokenId> token_by_text;
  auto intern = [&](const NameToken& token) -> TokenId {
    auto [it, inserted] =
        token_by_text.emplace(token.text, static_cast<TokenId>(tokens.size()));
    if (inserted) {
      StoredToken s{};
      put(token.text, &s.text_off, &s.text_len);
      put(token.key, &s.key_off, &s.key_len);
      const PhoneticKeys& keys = PhoneticKeysOf(token.text);
      put(keys.phonetic, &s.phonetic_off, &s.phonetic_len);
      put(keys.skeleton, &s.skeleton_off, &s.skeleton_len);
      put(AbjadListedKey(token.text), &s.abjad_off, &s.abjad_len);
      s.vowel_poor = IsVowelPoor(token.text) ? 1 : 0;
      s.role = static_cast<std::uint8_t>(token.role);
      tokens.push_back(s);
      texts.push_back(token.text);
      postings.emplace_back();
      weak_postings.emplace_back();
    }
    return it->second;
  };

  std::vector<IndexedName> names;
  std::vector<TokenId> name_tokens;
  struct PairName {
    TokenId a, b;
    NameId name;
    bool operator<(const PairName& o) const {
      return std::tie(a, b, name) < std::tie(o.a, o.b, o.name);
    }
    bool operator==(const PairName& o) const {
      return a == o.a && b == o.b && name == o.name;
    }
  };
  std::vector<PairName> pairs;
  std::unordered_map<std::string, std::vector<std::uint32_t>> identifiers;
  std::vector<TokenId> ids;
  std::vector<TokenRole> roles;
  for (std::uint32_t e = 0; e < entities.size(); ++e) {
    const Entity& entity = *entities[e];
    std::vector<std::vector<TokenId>> seen_sequences;
    for (size_t n = 0; n < entity.names.size() && n < 0xFFFF; ++n) {
      NormalizedName norm = NormalizeName(entity.names[n].full);
      ids.clear();
      roles.clear();
      // Honorifics stay in the sequence (weight 0) so that a query which
      // fuses them with a name ("Seyyedhussein") still aligns. Tokens too
      // long for the table are no evidence anyone would type.
      for (const NameToken& t : norm.tokens)
        if (t.text.size() < 0xFFFF && t.key.size() < 0xFFFF) {
          ids.push_back(intern(t));
          roles.push_back(t.role);
        }
      if (ids.empty() || ids.size() > 0xFFFF) continue;
      // Aliases that normalize alike add nothing but work.
      if (std::find(seen_sequences.begin(), seen_sequences.end(), ids) !=
          seen_sequences.end())
        continue;
      seen_sequences.push_back(ids);
      IndexedName in{};
      in.entity = e;
      in.name = static_cast<std::uint16_t>(n);
      in.first_token = static_cast<std::uint32_t>(name_tokens.size());
      in.token_count = static_cast<std::uint16_t>(ids.size());
      in.abjad = HasAbjadLetters(entity.names[n].full) ? 1 : 0;
      auto name_id = static_cast<NameId>(names.size());
      // A token is posted where it identifies (a name or a number; a
      // generic word in a name of generic words only), by its role in this
      // name: "la" is a name in "La Crosse Group" but a particle in "Ana de
      // la Cruz". Its other holdings are weak.
      bool any_identifying = false;
      for (TokenRole r : roles) any_identifying |= IsIdentifying(r);
      for (size_t k = 0; k < ids.size(); ++k) {
        const TokenId t = ids[k];
        name_tokens.push_back(t);
        const bool evidence =
            IsIdentifying(roles[k]) ||
            (!any_identifying && roles[k] == TokenRole::kGeneric);
        if (!evidence && k < 24)
          in.weak_at[k / 8] |= static_cast<std::uint8_t>(1u << (k % 8));
        auto& post = evidence ? postings[t] : weak_postings[t];
        if (post.empty() || post.back() != name_id) post.push_back(name_id);
      }
      // Adjacent pairs spelled as one ("jongun" for "jong un") are found
      // by splitting the query token (match/matcher.cc) and looking the
      // halves' tokens up as a pair, so the index holds each token once.
      // Roles as the scorer sees them: each token's stored role.
      for (size_t k = 0; k + 1 < ids.size(); ++k) {
        if (MergeablePair(static_cast<TokenRole>(tokens[ids[k]].role),
                          static_cast<TokenRole>(tokens[ids[k + 1]].role)))
          pairs.push_back({ids[k], ids[k + 1], name_id});
      }
      names.push_back(in);
    }
    for (const Identifier& id : entity.identifiers) {
      std::string v = NormalizeIdentifier(id.kind, id.value);
      if (v.size() < 4) continue;  // too short to be evidence
      std::string key = std::string(IdKindName(id.kind)) + ":" + v;
      auto& list = identifiers[key];
      if (list.empty() || list.back() != e) list.push_back(e);
    }
  }

  // Document frequencies and weights: rare tokens weigh more (IDF scaled to
  // (0,1]), so "kim", "mohammed" and "trading" are weak evidence.
  for (const IndexedName& in : names) {
    const TokenId* t = name_tokens.data() + in.first_token;
    for (size_t i = 0; i < in.token_count; ++i) {
      bool first = std::find(t, t + i, t[i]) == t + i;
      if (first) ++tokens[t[i]].df;
    }
  }
  const double n = std::max<double>(2.0, static_cast<double>(names.size()));
  for (StoredToken& s : tokens) {
    double idf = std::log(n / std::max(1u, s.df)) / std::log(n);
    idf = std::clamp(idf, 0.15, 1.0);
    s.weight =
        static_cast<float>(idf * RoleFactor(static_cast<TokenRole>(s.role)));
  }
  for (IndexedName& in : names) {
    const TokenId* t = name_tokens.data() + in.first_token;
    float total = 0;
    for (size_t i = 0; i < in.token_count; ++i) total += tokens[t[i]].weight;
    in.total_weight = total;
  }

  auto str = [&](std::uint32_t off, std::uint16_t len) {
    return std::string(pool.data() + off, len);
  };
  std::vector<std::pair<std::string, TokenId>> keyed, phonetic, skeleton, poor,
      abjad;
  for (TokenId t = 0; t < tokens.size(); ++t) {
    const StoredToken& s = tokens[t];
    // Every token, posted or not: a query token aligning with a listed
    // legal form or particle ("clmpany" / "company") counts in the name's
    // bound (match/matcher.cc), so the lookups must find those too.
    if (s.key_len) keyed.emplace_back(str(s.key_off, s.key_len), t);
    if (s.phonetic_len)
      phonetic.emplace_back(str(s.phonetic_off, s.phonetic_len), t);
    if (s.skeleton_len) {
      skeleton.emplace_back(str(s.skeleton_off, s.skeleton_len), t);
      if (s.vowel_poor)
        poor.emplace_back(str(s.skeleton_off, s.skeleton_len), t);
    }
    if (s.abjad_len) abjad.emplace_back(str(s.abjad_off, s.abjad_len), t);
  }
  BuildGroups(keyed, &by_key_);
  BuildGroups(phonetic, &by_phonetic_);
  BuildGroups(skeleton, &by_skeleton_);
  BuildGroups(poor, &poor_by_skeleton_);
  BuildGroups(abjad, &by_abjad_);

  // Typo neighbourhood of every token.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> variants;
  for (TokenId t = 0; t < tokens.size(); ++t) {
    ForEachDeletionHash(texts[t], MaxDeletes(texts[t].size()),
                        [&](std::uint64_t h) { variants.emplace_back(h, t); });
  }
  typos_ = BuildDirectory(std::move(variants));
  // Token table and postings.
  token_slots_.Own(
      BuildSlots(tokens.size(), [&](size_t t) { return IndexHash(texts[t]); }));
  auto flatten = [](const std::vector<std::vector<NameId>>& lists,
                    IndexArray<std::uint32_t>* off, IndexArray<NameId>* all) {
    std::vector<std::uint32_t> o{0};
    std::vector<NameId> a;
    for (const auto& p : lists) {
      a.insert(a.end(), p.begin(), p.end());
      o.push_back(static_cast<std::uint32_t>(a.size()));
    }
    off->Own(std::move(o));
    all->Own(std::move(a));
  };
  flatten(postings, &post_off_, &post_);
  flatten(weak_postings, &weak_post_off_, &weak_post_);
  // Pairs of tokens to their names, grouped by first token: those starting
  // with a are first[a]..first[a+1), their second tokens second[p]
  // ascending, their names names[off[p]..off[p+1]).
  struct PairTable {
    std::vector<std::uint32_t> first, off{0};
    std::vector<TokenId> second;
    std::vector<NameId> names;
  };
  auto pair_table = [&](std::vector<PairName>& list) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    PairTable t;
    t.first.assign(tokens.size() + 1, 0);
    t.names.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      if (i == 0 || list[i].a != list[i - 1].a || list[i].b != list[i - 1].b) {
        if (i > 0) t.off.push_back(static_cast<std::uint32_t>(i));
        t.second.push_back(list[i].b);
        ++t.first[list[i].a + 1];
      }
      t.names.push_back(list[i].name);
    }
    if (!list.empty()) t.off.push_back(static_cast<std::uint32_t>(list.size()));
    for (size_t k = 0; k < tokens.size(); ++k) t.first[k + 1] += t.first[k];
    return t;
  };
  PairTable adjacent = pair_table(pairs);
  std::vector<std::uint32_t>& pair_first = adjacent.first;
  std::vector<TokenId>& pair_second = adjacent.second;
  for (TokenId a = 0; a < tokens.size(); ++a)
    for (std::uint32_t p = pair_first[a]; p < pair_first[a + 1]; ++p) {
      tokens[a].pair_sides |= kPairFirst;
      tokens[pair_second[p]].pair_sides |= kPairSecond;
    }
  // What each pair is spelled together: its keys, for the query tokens that
  // ScoreName aligns with two listed ones by key (MergedSimilarity).
  std::vector<std::pair<std::uint64_t, std::uint32_t>> joined_keys,
      joined_phonetics;
  for (TokenId a = 0; a < tokens.size(); ++a)
    for (std::uint32_t p = pair_first[a]; p < pair_first[a + 1]; ++p) {
      const std::string joined = texts[a] + texts[pair_second[p]];
      joined_keys.emplace_back(IndexHash(RomanizationKey(joined)), p);
      if (std::string ph = PhoneticKey(joined); !ph.empty())
        joined_phonetics.emplace_back(IndexHash(ph), p);
    }
  joined_key_ = BuildDirectory(std::move(joined_keys));
  joined_phonetic_ = BuildDirectory(std::move(joined_phonetics));
  pair_first_.Own(std::move(adjacent.first));
  pair_second_.Own(std::move(adjacent.second));
  pair_off_.Own(std::move(adjacent.off));
  pair_names_.Own(std::move(adjacent.names));

  // Names holding two common tokens, in any role and wherever they stand:
  // a query of common tokens (john smith, chen chen) finds the names
  // holding partners of two of its tokens from these, short, instead of
  // walking the tokens' long postings (match/matcher.cc). A token held
  // twice pairs with itself.
  for (TokenId t = 0; t < tokens.size(); ++t)
    tokens[t].common =
        postings[t].size() + weak_postings[t].size() >= common_holdings ? 1 : 0;
  std::vector<PairName> common;
  std::vector<TokenId> held;
  for (NameId id = 0; id < names.size(); ++id) {
    const IndexedName& in = names[id];
    const TokenId* t = name_tokens.data() + in.first_token;
    held.clear();
    for (size_t i = 0; i < in.token_count; ++i)
      if (tokens[t[i]].common) held.push_back(t[i]);
    std::sort(held.begin(), held.end());
    for (size_t i = 0; i < held.size(); ++i)
      for (size_t j = i + 1; j < held.size(); ++j)
        common.push_back({held[i], held[j], id});
  }
  PairTable both = pair_table(common);
  common = {};
  common_first_.Own(std::move(both.first));
  common_second_.Own(std::move(both.second));
  common_off_.Own(std::move(both.off));
  common_names_.Own(std::move(both.names));

  // Identifiers: keys in the pool, so a snapshot holds them too.
  std::vector<std::pair<std::string, std::vector<std::uint32_t>>> id_groups(
      identifiers.begin(), identifiers.end());
  std::sort(id_groups.begin(), id_groups.end());
  std::vector<std::uint32_t> id_keys, id_off{0}, id_members;
  for (const auto& [key, list] : id_groups) {
    id_keys.push_back(static_cast<std::uint32_t>(pool.size()));
    id_keys.push_back(static_cast<std::uint32_t>(key.size()));
    pool.append(key);
    id_members.insert(id_members.end(), list.begin(), list.end());
    id_off.push_back(static_cast<std::uint32_t>(id_members.size()));
  }
  identifiers_.slots.Own(BuildSlots(id_groups.size(), [&](size_t g) {
    return IndexHash(id_groups[g].first);
  }));
  identifiers_.offsets.Own(std::move(id_off));
  identifiers_.members.Own(std::move(id_members));
  id_keys_.Own(std::move(id_keys));

  pool_.Own(std::vector<char>(pool.begin(), pool.end()));
  tokens_.Own(std::move(tokens));
  names_.Own(std::move(names));
  name_tokens_.Own(std::move(name_tokens));
}

TokenId NameIndex::FindToken(std::string_view text) const {
  std::int64_t t = Probe(token_slots_.view(), text, [&](std::uint32_t i) {
    return Str(tokens_[i].text_off, tokens_[i].text_len);
  });
  return t < 0 ? kNoToken : static_cast<TokenId>(t);
}

void NameIndex::PrefetchToken(std::string_view text) const {
  const auto slots = token_slots_.view();
  if (!slots.empty())
    __builtin_prefetch(&slots[IndexHash(text) & (slots.size() - 1)]);
}

void NameIndex::FindSplitTokens(std::string_view text, std::span<TokenId> first,
                                std::span<TokenId> second) const {
  using hash_detail::Mix;
  const size_t n = text.size();
  if (n > kMaxTypoTokenLength) {  // no caller splits such a token
    for (size_t k = 1; k < n; ++k) {
      first[k - 1] = FindToken(text.substr(0, k));
      second[k - 1] = FindToken(text.substr(k));
    }
    return;
  }
  const auto slots = token_slots_.view();
  // IndexHash of each half from prefix hashes (as ForEachDeletionHash).
  static_assert(kMaxTypoTokenLength <= hash_detail::PrefixHashes::kMaxLen);
  const hash_detail::PrefixHashes hashes(text);
  std::uint64_t first_hash[kMaxTypoTokenLength],
      second_hash[kMaxTypoTokenLength];
  const size_t mask = slots.empty() ? 0 : slots.size() - 1;
  for (size_t k = 1; k < n; ++k) {
    first_hash[k] = Mix(hashes.pre[k] ^ k);
    __builtin_prefetch(&slots[first_hash[k] & mask]);
    second_hash[k] = Mix(hashes.range(k, n) ^ (n - k));
    __builtin_prefetch(&slots[second_hash[k] & mask]);
  }
  auto key_of = [&](std::uint32_t i) {
    return Str(tokens_[i].text_off, tokens_[i].text_len);
  };
  auto token = [](std::int64_t t) {
    return t < 0 ? kNoToken : static_cast<TokenId>(t);
  };
  for (size_t k = 1; k < n; ++k) {
    first[k - 1] =
        token(ProbeHashed(slots, text.substr(0, k), first_hash[k], key_of));
    second[k - 1] =
        token(ProbeHashed(slots, text.substr(k), second_hash[k], key_of));
  }
}

// `field`: which string of a group's first member is the group's key
// (0 key, 1 phonetic, 2 skeleton, 3 abjad key).
std::span<const std::uint32_t> NameIndex::FindGroup(const GroupTable& table,
                                                    std::string_view key,
                                                    int field) const {
  std::int64_t g = Probe(table.slots.view(), key, [&](std::uint32_t i) {
    const StoredToken& s = tokens_[table.members[table.offsets[i]]];
    switch (field) {
      case 0:
        return Str(s.key_off, s.key_len);
      case 1:
        return Str(s.phonetic_off, s.phonetic_len);
      case 2:
        return Str(s.skeleton_off, s.skeleton_len);
      default:
        return Str(s.abjad_off, s.abjad_len);
    }
  });
  if (g < 0) return {};
  return table.members.view().subspan(table.offsets[g],
                                      table.offsets[g + 1] - table.offsets[g]);
}

namespace {

// The names of pair (a, b) in a pair table laid out as NameIndex's: the
// pairs starting with a are first[a]..first[a+1), their second tokens
// second[p] ascending, their names names[off[p]..off[p+1]).
std::span<const NameId> NamesOfPair(const IndexArray<std::uint32_t>& first,
                                    const IndexArray<TokenId>& second,
                                    const IndexArray<std::uint32_t>& off,
                                    const IndexArray<NameId>& names, TokenId a,
                                    TokenId b) {
  const auto seconds = second.view().subspan(first[a], first[a + 1] - first[a]);
  auto it = std::lower_bound(seconds.begin(), seconds.end(), b);
  if (it == seconds.end() || *it != b) return {};
  const size_t p = first[a] + static_cast<size_t>(it - seconds.begin());
  return names.view().subspan(off[p], off[p + 1] - off[p]);
}

}  // namespace

std::span<const NameId> NameIndex::NamesWithPair(TokenId a, TokenId b) const {
  return NamesOfPair(pair_first_, pair_second_, pair_off_, pair_names_, a, b);
}

std::span<const NameId> NameIndex::NamesWithBoth(TokenId a, TokenId b) const {
  if (a > b) std::swap(a, b);
  return NamesOfPair(common_first_, common_second_, common_off_, common_names_,
                     a, b);
}

std::span<const TokenId> NameIndex::TokensWithKey(std::string_view key) const {
  return FindGroup(by_key_, key, 0);
}

std::span<const TokenId> NameIndex::TokensWithPhonetic(
    std::string_view phonetic) const {
  return FindGroup(by_phonetic_, phonetic, 1);
}

std::span<const TokenId> NameIndex::TokensWithSkeleton(
    std::string_view skeleton, bool vowel_poor_only) const {
  return FindGroup(vowel_poor_only ? poor_by_skeleton_ : by_skeleton_, skeleton,
                   2);
}

std::span<const TokenId> NameIndex::TokensWithAbjadKey(
    std::string_view key) const {
  return FindGroup(by_abjad_, key, 3);
}

void NameIndex::TyposOf(std::string_view text,
                        std::vector<TokenId>* out) const {
  const auto dir = typos_.dir.view();
  const auto entries = typos_.entries.view();
  if (dir.size() < 2) return;
  const int shift = 64 - std::countr_zero(dir.size() - 1);
  // Each variant's bucket is a cache miss in a table of megabytes: hashing
  // them all first and prefetching their filters lets the misses overlap;
  // then the few variants their filter lets pass (a 16-letter token has
  // 137 variants, nearly all in no listed token's neighbourhood) fetch
  // their buckets the same way.
  thread_local std::vector<std::uint64_t> hashes;
  hashes.clear();
  ForEachDeletionHash(text, MaxDeletes(text.size()), [&](std::uint64_t h) {
    __builtin_prefetch(&typos_.filter[h >> shift]);
    hashes.push_back(h);
  });
  size_t kept = 0;
  for (std::uint64_t h : hashes) {
    if (!typos_.MayHold(h >> shift, static_cast<std::uint32_t>(h))) continue;
    __builtin_prefetch(&dir[h >> shift]);
    hashes[kept++] = h;
  }
  hashes.resize(kept);
  for (std::uint64_t h : hashes) __builtin_prefetch(&entries[dir[h >> shift]]);
  for (std::uint64_t h : hashes) {
    const auto fp = static_cast<std::uint32_t>(h);
    const size_t b = h >> shift;
    for (size_t i = dir[b]; i < dir[b + 1]; ++i)
      if (entries[i].fp == fp) out->push_back(entries[i].id);
  }
}

template <typename F>
void NameIndex::ForEachPairUnder(const HashDirectory& d, std::string_view key,
                                 F&& f) const {
  const auto dir = d.dir.view();
  const auto entries = d.entries.view();
  if (dir.size() < 2) return;
  const std::uint64_t h = IndexHash(key);
  const size_t b = h >> (64 - std::countr_zero(dir.size() - 1));
  if (!d.MayHold(b, static_cast<std::uint32_t>(h))) return;
  const auto firsts = pair_first_.view();
  for (size_t i = dir[b]; i < dir[b + 1]; ++i) {
    if (entries[i].fp != static_cast<std::uint32_t>(h)) continue;
    const std::uint32_t p = entries[i].id;
    // The pair's first token: the one whose range of pairs holds p.
    const auto a = static_cast<TokenId>(
        std::upper_bound(firsts.begin(), firsts.end(), p) - firsts.begin() - 1);
    f(p, a, pair_second_[p]);
  }
}

void NameIndex::AppendNamesOfPair(std::uint32_t p, TokenId a, TokenId b,
                                  std::vector<PairName>* out) const {
  const float weight = pair_weight(a, b);
  for (std::uint32_t n = pair_off_[p]; n < pair_off_[p + 1]; ++n)
    out->push_back({pair_names_[n], weight});
}

void NameIndex::NamesOfPairs(const HashDirectory& d, std::string_view key,
                             std::vector<PairName>* out) const {
  ForEachPairUnder(d, key, [&](std::uint32_t p, TokenId a, TokenId b) {
    AppendNamesOfPair(p, a, b, out);
  });
}

void NameIndex::NamesSpelledApart(std::string_view joined, std::string_view key,
                                  size_t apart,
                                  std::vector<PairName>* out) const {
  ForEachPairUnder(
      joined_key_, key, [&](std::uint32_t p, TokenId a, TokenId b) {
        const StoredToken& x = tokens_[a];
        const StoredToken& y = tokens_[b];
        if (x.text_len == apart || x.text_len + y.text_len != joined.size() ||
            joined.substr(0, x.text_len) != Str(x.text_off, x.text_len) ||
            joined.substr(x.text_len) != Str(y.text_off, y.text_len))
          return;
        AppendNamesOfPair(p, a, b, out);
      });
}

void NameIndex::NamesWithJoinedKey(std::string_view key,
                                   std::vector<PairName>* out) const {
  NamesOfPairs(joined_key_, key, out);
}

void NameIndex::NamesWithJoinedPhonetic(std::string_view phonetic,
                                        std::vector<PairName>* out) const {
  NamesOfPairs(joined_phonetic_, phonetic, out);
}

std::span<const std::uint32_t> NameIndex::EntitiesWithIdentifier(
    IdKind kind, std::string_view value) const {
  std::string v = NormalizeIdentifier(kind, value);
  if (v.size() < 4) return {};
  std::string key = std::string(IdKindName(kind)) + ":" + v;
  std::int64_t g = Probe(identifiers_.slots.view(), key, [&](std::uint32_t i) {
    return std::string_view(pool_.data() + id_keys_[std::size_t{2} * i],
                            id_keys_[std::size_t{2} * i + 1]);
  });
  if (g < 0) return {};
  return identifiers_.members.view().subspan(
      identifiers_.offsets[g],
      identifiers_.offsets[g + 1] - identifiers_.offsets[g]);
}

std::pair<NameId, NameId> NameIndex::NamesOfEntity(std::uint32_t e) const {
  auto all = names_.view();
  auto lo = std::lower_bound(
      all.begin(), all.end(), e,
      [](const IndexedName& n, std::uint32_t v) { return n.entity < v; });
  auto hi = std::upper_bound(
      lo, all.end(), e,
      [](std::uint32_t v, const IndexedName& n) { return v < n.entity; });
  return {static_cast<NameId>(lo - all.begin()),
          static_cast<NameId>(hi - all.begin())};
}

float NameIndex::QueryTokenWeight(const NameToken& token) const {
  TokenId t = FindToken(token.text);
  if (t != kNoToken && static_cast<TokenRole>(tokens_[t].role) == token.role)
    return tokens_[t].weight;
  // A new spelling of a known name is as common as the name.
  float w = 0;
  for (TokenId k : TokensWithKey(token.key)) w = std::max(w, tokens_[k].weight);
  if (w > 0) return std::min(w, RoleFactor(token.role));
  return RoleFactor(token.role);
}

size_t NameIndex::MemoryBytes() const {
  size_t bytes = 0;
  ForEachArray(*this, [&](const std::string&, const auto& array) {
    bytes += array.size() *
             sizeof(typename std::remove_cvref_t<decltype(array)>::value_type);
  });
  return bytes;
}

}  // namespace embargo::internal
