// The candidate index: every listed name, normalized into tokens, with the
// lookups that turn a query token into the listed tokens it may be: exact
// text, romanization key, phonetic key, consonant skeleton, and a deletion
// neighbourhood (SymSpell) for typos; postings from tokens to names; and an
// exact index of identifiers.
//
// Every part is a flat array of plain values (strings live in one pool and
// are referred to by offset; hash tables are open-addressing arrays of ids),
// so that the index is compact, its lookups touch few cache lines, and a
// snapshot file (index/snapshot.h) can be mapped into memory and used as is.
//
// Thread-safety: built once by Build() or attached to a snapshot, then
// immutable; all const methods may be called from many threads.
#ifndef EMBARGO_INDEX_NAME_INDEX_H_
#define EMBARGO_INDEX_NAME_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "embargo/entity.h"
#include "normalize/normalize.h"

namespace embargo::internal {

using TokenId = std::uint32_t;
using NameId = std::uint32_t;
inline constexpr TokenId kNoToken = 0xFFFFFFFFu;

// A listed token as stored: its strings are (offset, length) in the pool.
struct StoredToken {
  std::uint32_t text_off, key_off, phonetic_off, skeleton_off, abjad_off;
  std::uint16_t text_len, key_len, phonetic_len, skeleton_len, abjad_len;
  std::uint16_t pad0;
  std::uint32_t df;  // names containing it
  float weight;      // identifying power in (0,1]
  std::uint8_t role;
  std::uint8_t vowel_poor;
  std::uint8_t common;      // in NamesWithBoth's pairs (kCommonPairHoldings)
  std::uint8_t pair_sides;  // kPairFirst | kPairSecond: in NamesWithPair
};

// Tokens held by at least this many names (postings and weak postings)
// are common: NamesWithBoth() holds their pairs.
inline constexpr size_t kCommonPairHoldings = 256;

// StoredToken::pair_sides: the token is the first (second) of some pair
// NamesWithPair() holds.
inline constexpr std::uint8_t kPairFirst = 1, kPairSecond = 2;

// A listed token as the matcher sees it.
struct ListedToken {
  std::string_view text;
  std::string_view key;
  std::string_view phonetic;   // PhoneticKey(text)
  std::string_view skeleton;   // ConsonantSkeleton(text)
  bool vowel_poor = false;     // IsVowelPoor(text): a bare abjad spelling
  std::string_view abjad_key;  // AbjadListedKey(text)
  TokenRole role = TokenRole::kName;
  std::uint32_t df = 0;
  float weight = 0;
};

struct IndexedName {
  std::uint32_t entity;  // position in the entities given to Build()
  std::uint16_t name;    // index into Entity::names
  std::uint16_t token_count;
  std::uint32_t first_token;  // into name_tokens()
  float total_weight;
  std::uint8_t abjad;  // written in Arabic or Hebrew script
  // Bit j of the first 24 tokens: held there in a weak role (in the
  // token's weak_postings(); NameIndex::HeldAs).
  std::uint8_t weak_at[3];
};

// An entry of a HashDirectory: `fp` is the low half of the hashed string's
// IndexHash (the high bits choose its bucket), `id` what it maps to. Equal
// fingerprints may still be different strings, which only adds candidates
// that verification rejects.
struct HashEntry {
  std::uint32_t fp;
  std::uint32_t id;
};

// Tokens longer than this get no typo neighbourhood and are never split.
inline constexpr size_t kMaxTypoTokenLength = 64;

// Maximum deletions in the typo neighbourhood for a token of `len` chars.
// The scorer accepts a typo only within this many edits of the shorter
// token (match/matcher.cc), so the neighbourhood finds every typo it would.
int MaxDeletes(size_t len);

// Normalizes identifier values so formatting differences vanish:
// upper-case letters and digits only; "IMO 8518572" -> "8518572" for IMO.
std::string NormalizeIdentifier(IdKind kind, std::string_view value);

// An array the index either owns (after Build) or views in a mapped
// snapshot; readers only see the span.
template <typename T>
class IndexArray {
 public:
  using value_type = T;
  std::span<const T> view() const { return view_; }
  const T& operator[](size_t i) const { return view_[i]; }
  size_t size() const { return view_.size(); }
  const T* data() const { return view_.data(); }
  void Own(std::vector<T> v) {
    owned_ = std::move(v);
    view_ = owned_;
  }
  void Attach(std::span<const T> v) {
    owned_.clear();
    view_ = v;
  }

 private:
  std::vector<T> owned_;
  std::span<const T> view_;
};

// Strings mapped to ids by hash, sorted by hash: the entries whose hash's
// top bits are b are entries[dir[b]..dir[b+1]). A directory instead of a
// hash table: no empty slots, and a lookup is two cache lines. Most
// lookups find nothing (a typo variant of a customer's name, two of its
// tokens spelled together), so each bucket also has a 32-bit Bloom filter
// of its entries' fingerprints (FilterBits): a bucket that cannot hold the
// string is told from one word, a quarter the size of the entries, and the
// dependent miss on the entries is not taken.
struct HashDirectory {
  IndexArray<std::uint32_t> dir;
  IndexArray<HashEntry> entries;
  IndexArray<std::uint32_t> filter;  // one word per bucket

  // The two bits of a bucket's filter that a fingerprint sets.
  static std::uint32_t FilterBits(std::uint32_t fp) {
    return std::uint32_t{1} << (fp & 31) | std::uint32_t{1} << (fp >> 5 & 31);
  }
  // False when bucket b holds no entry of fingerprint fp (true may still
  // be none).
  bool MayHold(size_t b, std::uint32_t fp) const {
    const std::uint32_t bits = FilterBits(fp);
    return (filter[b] & bits) == bits;
  }
};

// Strings grouped under a shared key (a romanization key, say): an
// open-addressing table from the key to a group, and each group's members.
struct GroupTable {
  IndexArray<std::uint64_t> slots;    // group + 1 (0 is empty), hash's top
  IndexArray<std::uint32_t> offsets;  // group g is members[offsets[g]..[g+1])
  IndexArray<std::uint32_t> members;
};

class NameIndex {
 public:
  // Indexes every name of every entity; names() refer to entities by their
  // position in `entities`. Tokens held by `common_holdings` names or more
  // are common() (tests lower it to pair nearly every token).
  void Build(const std::vector<const Entity*>& entities,
             size_t common_holdings = kCommonPairHoldings);

  std::span<const IndexedName> names() const { return names_.view(); }
  size_t token_count() const { return tokens_.size(); }
  ListedToken token(TokenId t) const;
  // kPairFirst | kPairSecond: the sides of NamesWithPair()'s pairs the
  // token is on (0: none, and never split-matched).
  std::uint8_t pair_sides(TokenId t) const { return tokens_[t].pair_sides; }
  float token_weight(TokenId t) const { return tokens_[t].weight; }
  // A listed pair's weight, as the bounds weigh it: its two tokens'.
  float pair_weight(TokenId a, TokenId b) const {
    return token_weight(a) + token_weight(b);
  }
  const TokenId* name_tokens(const IndexedName& n) const {
    return name_tokens_.data() + n.first_token;
  }
  // Names where the token identifies (a name, a number; a generic word in a
  // name of generic words only), by its role there. Each once, ascending.
  // Candidates come from these (match/matcher.cc): a name scores only with
  // such a partner for some query token.
  std::span<const NameId> postings(TokenId t) const {
    return post_.view().subspan(post_off_[t], post_off_[t + 1] - post_off_[t]);
  }
  // How name `id` holds its j-th token: kHeldPosted where it identifies
  // there (the token's postings() hold the name), kHeldWeak where it does
  // not (its weak_postings()). Past the 24th token, every way the name
  // holds that token anywhere (the name keeps 24 tokens' roles).
  static constexpr std::uint8_t kHeldPosted = 1, kHeldWeak = 2;
  std::uint8_t HeldAs(NameId id, size_t j) const {
    const IndexedName& n = names_[id];
    if (j < 24)
      return ((n.weak_at[j / 8] >> (j % 8)) & 1u) ? kHeldWeak : kHeldPosted;
    const TokenId t = name_tokens(n)[j];
    const auto p = postings(t), w = weak_postings(t);
    return (std::binary_search(p.begin(), p.end(), id) ? kHeldPosted : 0) |
           (std::binary_search(w.begin(), w.end(), id) ? kHeldWeak : 0);
  }
  // The other names holding it (as an initial, a legal form, a particle, a
  // title), where the scorer still aligns it. Ascending.
  std::span<const NameId> weak_postings(TokenId t) const {
    return weak_post_.view().subspan(weak_post_off_[t],
                                     weak_post_off_[t + 1] - weak_post_off_[t]);
  }

  // Names in which token `a` is directly followed by token `b`, where the
  // two may be spelled together (MergeablePair): what a query token such as
  // "jongun" ("jong un") or "alzein" ("al zein") must reach. Ascending.
  std::span<const NameId> NamesWithPair(TokenId a, TokenId b) const;
  // Whether token t is common (NamesWithBoth).
  bool common(TokenId t) const { return tokens_[t].common != 0; }
  // For common tokens a and b (common()): the names holding both, in any
  // role, wherever they stand; for a == b, those holding it twice.
  // Ascending.
  std::span<const NameId> NamesWithBoth(TokenId a, TokenId b) const;

  // A name holding such a pair, and the pair's weight (its two tokens').
  struct PairName {
    NameId name;
    float weight;
  };
  // Appends the names holding such a pair whose two texts spelled together
  // have romanization key `key` (phonetic key `phonetic`): what ScoreName
  // aligns with one query token of that key (MergedSimilarity). May add
  // pairs of another key (hash collisions), may repeat.
  void NamesWithJoinedKey(std::string_view key,
                          std::vector<PairName>* out) const;
  void NamesWithJoinedPhonetic(std::string_view phonetic,
                               std::vector<PairName>* out) const;
  // Appends the names holding such a pair whose two texts spelled together
  // are `joined`, split elsewhere than after its first `apart` letters
  // ("arefullah aref" for the query's "arefullaha ref"), `key` being
  // RomanizationKey(joined): filed under that key, the pairs are found by
  // one lookup instead of one per place to split. Exact, may repeat.
  void NamesSpelledApart(std::string_view joined, std::string_view key,
                         size_t apart, std::vector<PairName>* out) const;

  TokenId FindToken(std::string_view text) const;
  // Hints that FindToken(text) comes soon: a caller with several tokens at
  // hand lets their first cache misses overlap.
  void PrefetchToken(std::string_view text) const;
  // FindToken of both halves of `text` split after each of its first
  // n - 1 letters (n = text.size()): first[k - 1] is text[0, k)'s,
  // second[k - 1] text[k, n)'s; each span holds n - 1. Up to
  // kMaxTypoTokenLength letters, one pass of hashing instead of one per
  // half, and the lookups' cache misses overlap.
  void FindSplitTokens(std::string_view text, std::span<TokenId> first,
                       std::span<TokenId> second) const;
  // Tokens whose romanization key is `key`.
  std::span<const TokenId> TokensWithKey(std::string_view key) const;
  // Tokens whose phonetic key is `phonetic`.
  std::span<const TokenId> TokensWithPhonetic(std::string_view phonetic) const;
  // Tokens whose consonant skeleton is `skeleton`: all of them, or only the
  // vowel-poor ones (what a fully spelled query token may meet).
  std::span<const TokenId> TokensWithSkeleton(std::string_view skeleton,
                                              bool vowel_poor_only) const;
  // Tokens whose consonant classes (AbjadListedKey) are `key`:
  // the Latin spellings an abjad-script query word may stand for.
  std::span<const TokenId> TokensWithAbjadKey(std::string_view key) const;
  // Appends the tokens sharing a deletion variant with `text` (a superset of
  // those within MaxDeletes edit operations; the caller verifies
  // similarity). Unsorted, may repeat.
  void TyposOf(std::string_view text, std::vector<TokenId>* out) const;
  // Entities holding this identifier (kind-specific normalization).
  std::span<const std::uint32_t> EntitiesWithIdentifier(
      IdKind kind, std::string_view value) const;

  // The weight of a query token: from the dictionary when known, else from
  // its romanization key's tokens, else the maximum for its role.
  float QueryTokenWeight(const NameToken& token) const;

  size_t name_count() const { return names_.size(); }
  // Unique per Build() or attach in this process: lets per-thread caches
  // tell indexes apart even when one is freed and another allocated at its
  // address.
  std::uint64_t generation() const { return generation_; }
  // The names of entity `e` are the contiguous range [first, last).
  std::pair<NameId, NameId> NamesOfEntity(std::uint32_t e) const;

  // Bytes held by the index's arrays (not the entities).
  size_t MemoryBytes() const;

  // Calls f(name, array) for every array the index is made of (`Self` is
  // NameIndex or const NameIndex): the one list that snapshots
  // (index/snapshot.cc) and MemoryBytes() share.
  template <typename Self, typename F>
  static void ForEachArray(Self& ix, F f) {
    f(std::string("pool"), ix.pool_);
    f(std::string("names"), ix.names_);
    f(std::string("name_tokens"), ix.name_tokens_);
    f(std::string("tokens"), ix.tokens_);
    f(std::string("post_off"), ix.post_off_);
    f(std::string("post"), ix.post_);
    f(std::string("weak_post_off"), ix.weak_post_off_);
    f(std::string("weak_post"), ix.weak_post_);
    f(std::string("pair_first"), ix.pair_first_);
    f(std::string("pair_second"), ix.pair_second_);
    f(std::string("pair_off"), ix.pair_off_);
    f(std::string("pair_names"), ix.pair_names_);
    f(std::string("common_first"), ix.common_first_);
    f(std::string("common_second"), ix.common_second_);
    f(std::string("common_off"), ix.common_off_);
    f(std::string("common_names"), ix.common_names_);
    f(std::string("token_slots"), ix.token_slots_);
    auto group = [&](const std::string& name, auto& g) {
      f(name + ".slots", g.slots);
      f(name + ".offsets", g.offsets);
      f(name + ".members", g.members);
    };
    group("by_key", ix.by_key_);
    group("by_phonetic", ix.by_phonetic_);
    group("by_skeleton", ix.by_skeleton_);
    group("poor_by_skeleton", ix.poor_by_skeleton_);
    group("by_abjad", ix.by_abjad_);
    auto directory = [&](const std::string& name, auto& d) {
      f(name + ".dir", d.dir);
      f(name + ".entries", d.entries);
      f(name + ".filter", d.filter);
    };
    directory("typos", ix.typos_);
    directory("joined_key", ix.joined_key_);
    directory("joined_phonetic", ix.joined_phonetic_);
    group("identifiers", ix.identifiers_);
    f(std::string("id_keys"), ix.id_keys_);
  }

 private:
  friend class SnapshotAccess;  // index/snapshot.cc reads and attaches arrays
  void NewGeneration();
  std::string_view Str(std::uint32_t off, std::uint16_t len) const {
    return std::string_view(pool_.data() + off, len);
  }
  std::span<const std::uint32_t> FindGroup(const GroupTable& table,
                                           std::string_view key,
                                           int field) const;

  std::uint64_t generation_ = 0;
  IndexArray<char> pool_;
  IndexArray<IndexedName> names_;
  IndexArray<TokenId> name_tokens_;
  IndexArray<StoredToken> tokens_;
  IndexArray<std::uint32_t> post_off_;  // token t: post_[off[t]..off[t+1])
  IndexArray<NameId> post_;
  IndexArray<std::uint32_t> weak_post_off_;  // as post_off_, for weak_post_
  IndexArray<NameId> weak_post_;
  // Adjacent mergeable pairs: those starting with token a are
  // pair_first_[a]..pair_first_[a+1), their second tokens pair_second_[p]
  // ascending, their names pair_names_[pair_off_[p]..pair_off_[p+1]).
  IndexArray<std::uint32_t> pair_first_;
  IndexArray<TokenId> pair_second_;
  IndexArray<std::uint32_t> pair_off_;
  IndexArray<NameId> pair_names_;
  // Common tokens' pairs (NamesWithBoth), laid out as the adjacent pairs.
  IndexArray<std::uint32_t> common_first_;
  IndexArray<TokenId> common_second_;
  IndexArray<std::uint32_t> common_off_;
  IndexArray<NameId> common_names_;
  IndexArray<std::uint64_t> token_slots_;  // by text; as GroupTable::slots
  GroupTable by_key_, by_phonetic_, by_skeleton_, poor_by_skeleton_, by_abjad_;
  // Deletion variants to tokens (the typo neighbourhood); the joined texts'
  // romanization and phonetic keys of the pairs to pair positions p.
  HashDirectory typos_, joined_key_, joined_phonetic_;
  // Calls f(p, a, b) for each pair p (of tokens a then b) filed in `d`
  // under `key`, and some of other keys (hash collisions).
  template <typename F>
  void ForEachPairUnder(const HashDirectory& d, std::string_view key,
                        F&& f) const;
  // Appends the names holding pair p (of tokens a then b), with its weight.
  void AppendNamesOfPair(std::uint32_t p, TokenId a, TokenId b,
                         std::vector<PairName>* out) const;
  void NamesOfPairs(const HashDirectory& d, std::string_view key,
                    std::vector<PairName>* out) const;
  // Identifiers: group g's key "KIND:VALUE" is pool[id_keys_[2g]..+[2g+1]).
  GroupTable identifiers_;
  IndexArray<std::uint32_t> id_keys_;
};

// The hash of a string used by every table of the index (and by snapshots,
// whose tables must be read back with the same function).
std::uint64_t IndexHash(std::string_view s);

// Calls fn(hash) with IndexHash() of every string made by deleting up to
// `max` chars from `s`, and of `s` itself, without building the strings.
// Deleting different chars may give the same string: hashes may repeat.
template <typename Fn>
void ForEachDeletionHash(std::string_view s, int max, Fn fn);

// Weight of a role relative to a plain name token.
float RoleFactor(TokenRole role);

// True for roles that identify a name on their own (names and numbers).
inline bool IsIdentifying(TokenRole role) {
  return role == TokenRole::kName || role == TokenRole::kNumber;
}

// True for roles that may fuse with a neighbouring name token when spelled
// together: "alhabbo", "binmarwan", "seyyedhussein".
inline bool CanMerge(TokenRole role) {
  return IsIdentifying(role) || role == TokenRole::kParticle ||
         role == TokenRole::kHonorific;
}

// True when listed tokens `a` then `b` may be one query token spelled
// together: both may merge, and one of them identifies. The scorer aligns
// such a listed pair (match/matcher.cc) and NamesWithPair() holds them.
inline bool MergeablePair(TokenRole a, TokenRole b) {
  return CanMerge(a) && CanMerge(b) && (IsIdentifying(a) || IsIdentifying(b));
}

// ---- implementation details of the hashes -------------------------------

namespace hash_detail {
// A polynomial hash mod 2^64 (so the hash of a string with chars deleted can
// be composed from prefix and suffix hashes), finished by a mixer so that
// every bit depends on every char.
inline constexpr std::uint64_t kBase = 0x100000001b3ull * 2 + 1;
inline std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

// The polynomial hashes of a string's prefixes, from which the hash of any
// of its substrings, or of it with chars deleted, is composed in O(1).
// Strings of up to kMaxLen chars.
struct PrefixHashes {
  static constexpr size_t kMaxLen = 64;
  explicit PrefixHashes(std::string_view s) {
    pre[0] = 0;
    pw[0] = 1;
    for (size_t i = 0; i < s.size(); ++i) {
      pre[i + 1] = pre[i] * kBase + static_cast<unsigned char>(s[i]);
      pw[i + 1] = pw[i] * kBase;
    }
  }
  // The polynomial hash of s[a, b) (before Mix).
  std::uint64_t range(size_t a, size_t b) const {
    return pre[b] - pre[a] * pw[b - a];
  }
  std::uint64_t pre[kMaxLen + 1];  // pre[i]: of s[0, i)
  std::uint64_t pw[kMaxLen + 1];   // pw[k]: kBase^k
};
}  // namespace hash_detail

inline std::uint64_t IndexHash(std::string_view s) {
  std::uint64_t h = 0;
  for (char c : s) h = h * hash_detail::kBase + static_cast<unsigned char>(c);
  return hash_detail::Mix(h ^ s.size());
}

template <typename Fn>
void ForEachDeletionHash(std::string_view s, int max, Fn fn) {
  using hash_detail::kBase;
  using hash_detail::Mix;
  const size_t n = s.size();
  if (n > hash_detail::PrefixHashes::kMaxLen || max <= 0 || n <= 1) {
    fn(IndexHash(s));
    if (max <= 0 || n <= 1) return;
    // Long tokens: build the strings (rare; names are short).
    std::string v;
    for (size_t i = 0; i < n; ++i) {
      v.assign(s.substr(0, i));
      v.append(s.substr(i + 1));
      fn(IndexHash(v));
      if (max > 1)
        for (size_t j = i; j + 1 < n; ++j) {
          std::string w = v;
          w.erase(j, 1);
          fn(IndexHash(w));
        }
    }
    return;
  }
  const hash_detail::PrefixHashes hashes(s);
  const auto& pre = hashes.pre;
  const auto& pw = hashes.pw;
  fn(Mix(pre[n] ^ n));
  // With d[k] = pre[k] - pre[k + 1] (mod 2^64), s without s[i] hashes to
  // d[i] * B^(n-1-i) + pre[n], and without s[i] and s[j] (i < j) to
  // d[i] * B^(n-2-i) + d[j] * B^(n-1-j) + pre[n]: a sum per variant, where
  // composing it from its pieces took four multiplications.
  std::uint64_t one[hash_detail::PrefixHashes::kMaxLen];
  std::uint64_t two[hash_detail::PrefixHashes::kMaxLen];
  for (size_t k = 0; k < n; ++k) {
    const std::uint64_t d = pre[k] - pre[k + 1];
    one[k] = d * pw[n - 1 - k];
    two[k] = k + 2 <= n ? d * pw[n - 2 - k] : 0;
  }
  for (size_t i = 0; i < n; ++i) {
    fn(Mix((one[i] + pre[n]) ^ (n - 1)));  // s without s[i]
    if (max > 1) {
      const std::uint64_t without_i = two[i] + pre[n];
      for (size_t j = i + 1; j < n; ++j)  // and without s[j]
        fn(Mix((without_i + one[j]) ^ (n - 2)));
    }
  }
}

}  // namespace embargo::internal

#endif  // EMBARGO_INDEX_NAME_INDEX_H_
