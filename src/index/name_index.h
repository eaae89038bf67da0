// The candidate index: every listed name, normalized into tokens, with the
// lookups that turn a query token into the listed tokens it may be: exact
// text, romanization key, and a deletion neighbourhood (SymSpell) for typos;
// postings from tokens to names; and an exact index of identifiers.
// Thread-safety: built once by Build(), then immutable; all const methods
// may be called from many threads.
#ifndef EMBARGO_INDEX_NAME_INDEX_H_
#define EMBARGO_INDEX_NAME_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "embargo/entity.h"
#include "normalize/normalize.h"

namespace embargo::internal {

using TokenId = std::uint32_t;
using NameId = std::uint32_t;
inline constexpr TokenId kNoToken = 0xFFFFFFFFu;

struct ListedToken {
  std::string text;
  std::string key;
  std::string phonetic;  // PhoneticKey(text)
  std::string skeleton;  // ConsonantSkeleton(text)
  bool vowel_poor = false;  // IsVowelPoor(text): a bare abjad spelling
  TokenRole role = TokenRole::kName;
  std::uint32_t df = 0;  // names containing it
  float weight = 0;      // identifying power in (0,1]
};

struct IndexedName {
  std::uint32_t entity = 0;  // index into entities()
  std::uint16_t name = 0;    // index into Entity::names
  std::uint16_t token_count = 0;
  std::uint32_t first_token = 0;  // into name_tokens()
  float total_weight = 0;
  bool abjad = false;  // written in Arabic or Hebrew script
};

// Maximum deletions in the typo neighbourhood for a token of `len` chars.
// The scorer accepts a typo only within this many edits of the shorter
// token (match/matcher.cc), so the neighbourhood finds every typo it would.
int MaxDeletes(size_t len);

// Normalizes identifier values so formatting differences vanish:
// upper-case letters and digits only; "IMO 8518572" -> "8518572" for IMO.
std::string NormalizeIdentifier(IdKind kind, std::string_view value);

class NameIndex {
 public:
  // Indexes every name of every entity. `entities` must outlive the index.
  void Build(const std::vector<const Entity*>& entities);

  const std::vector<const Entity*>& entities() const { return entities_; }
  const std::vector<IndexedName>& names() const { return names_; }
  const std::vector<ListedToken>& tokens() const { return tokens_; }
  const TokenId* name_tokens(const IndexedName& n) const {
    return name_tokens_.data() + n.first_token;
  }
  // Names containing the token (each once), ascending.
  const std::vector<NameId>& postings(TokenId t) const { return postings_[t]; }

  TokenId FindToken(std::string_view text) const;
  // Tokens whose romanization key is `key`.
  const std::vector<TokenId>* TokensWithKey(std::string_view key) const;
  // Tokens whose phonetic key is `phonetic`.
  const std::vector<TokenId>* TokensWithPhonetic(std::string_view phonetic) const;
  // Tokens whose consonant skeleton is `skeleton`: all of them, or only the
  // vowel-poor ones (what a fully spelled query token may meet).
  const std::vector<TokenId>* TokensWithSkeleton(std::string_view skeleton,
                                                 bool vowel_poor_only) const;
  // Tokens sharing a deletion variant with `text` (a superset of those within
  // MaxDeletes edit operations); the caller verifies similarity.
  void TyposOf(std::string_view text, std::vector<TokenId>* out) const;
  // Entities holding this identifier (kind-specific normalization).
  const std::vector<std::uint32_t>* EntitiesWithIdentifier(
      IdKind kind, std::string_view value) const;

  // The weight of a query token: from the dictionary when known, else from
  // its romanization key's tokens, else the maximum for its role.
  float QueryTokenWeight(const NameToken& token) const;

  size_t name_count() const { return names_.size(); }
  // Unique per Build() in this process: lets per-thread caches tell indexes
  // apart even when one is freed and another allocated at its address.
  std::uint64_t generation() const { return generation_; }
  // The names of entity `e` are the contiguous range [first, last).
  std::pair<NameId, NameId> NamesOfEntity(std::uint32_t e) const;

 private:
  TokenId Intern(const NameToken& token);

  std::uint64_t generation_ = 0;
  std::vector<const Entity*> entities_;
  std::vector<IndexedName> names_;
  std::vector<TokenId> name_tokens_;
  std::vector<ListedToken> tokens_;
  std::vector<std::vector<NameId>> postings_;
  std::unordered_map<std::string, TokenId> token_by_text_;
  std::unordered_map<std::string, std::vector<TokenId>> tokens_by_key_;
  std::unordered_map<std::string, std::vector<TokenId>> tokens_by_phonetic_;
  std::unordered_map<std::string, std::vector<TokenId>> tokens_by_skeleton_;
  std::unordered_map<std::string, std::vector<TokenId>> poor_by_skeleton_;
  // (hash of a deletion variant, token), sorted: one flat array instead of
  // millions of small vectors keeps the build fast and the lookups local.
  struct DeleteEntry {
    std::uint64_t hash;
    TokenId token;
    bool operator<(const DeleteEntry& o) const {
      return hash != o.hash ? hash < o.hash : token < o.token;
    }
  };
  std::vector<DeleteEntry> deletes_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> identifiers_;
};

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

}  // namespace embargo::internal

#endif  // EMBARGO_INDEX_NAME_INDEX_H_
