#include "index/name_index.h"

#include "normalize/phonetic.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>

namespace embargo::internal {
namespace {

// FNV-1a; deletion variants are keyed by hash, so a collision only adds a
// candidate that similarity verification then rejects.
std::uint64_t Hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// Calls fn(variant) for every string made by deleting up to `max` chars,
// excluding the string itself. Duplicates are possible; callers dedupe.
template <typename Fn>
void ForEachDeletion(std::string_view s, int max, std::string* scratch, Fn fn) {
  if (max <= 0 || s.size() <= 1) return;
  for (size_t i = 0; i < s.size(); ++i) {
    scratch->assign(s.substr(0, i));
    scratch->append(s.substr(i + 1));
    fn(*scratch);
    if (max > 1) {
      std::string inner = *scratch;
      std::string scratch2;
      // Delete a second character at or after i, so each pair appears once.
      for (size_t j = i; j < inner.size(); ++j) {
        scratch2.assign(std::string_view(inner).substr(0, j));
        scratch2.append(std::string_view(inner).substr(j + 1));
        fn(scratch2);
      }
    }
  }
}

}  // namespace

// Matched by the scorer's rules (match/matcher.cc): up to four letters need
// equality, five to seven allow one edit, longer tokens two.
int MaxDeletes(size_t len) {
  if (len <= 2) return 0;
  if (len <= 7) return 1;
  return 2;
}

float RoleFactor(TokenRole role) {
  switch (role) {
    case TokenRole::kName: return 1.0f;
    case TokenRole::kNumber: return 0.8f;
    case TokenRole::kGeneric: return 0.25f;
    case TokenRole::kInitial: return 0.25f;
    case TokenRole::kParticle: return 0.1f;
    case TokenRole::kLegalForm: return 0.05f;
    case TokenRole::kHonorific: return 0.0f;
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

TokenId NameIndex::Intern(const NameToken& token) {
  auto [it, inserted] = token_by_text_.emplace(
      token.text, static_cast<TokenId>(tokens_.size()));
  if (inserted) {
    ListedToken info;
    info.text = token.text;
    info.key = token.key;
    info.phonetic = PhoneticKey(token.text);
    info.skeleton = ConsonantSkeleton(token.text);
    info.vowel_poor = IsVowelPoor(token.text);
    info.role = token.role;
    tokens_.push_back(std::move(info));
    postings_.emplace_back();
  }
  return it->second;
}

void NameIndex::Build(const std::vector<const Entity*>& entities) {
  static std::atomic<std::uint64_t> next_generation{1};
  generation_ = next_generation.fetch_add(1);
  entities_ = entities;
  std::vector<TokenId> ids;
  for (std::uint32_t e = 0; e < entities_.size(); ++e) {
    const Entity& entity = *entities_[e];
    std::vector<std::vector<TokenId>> seen_sequences;
    for (size_t n = 0; n < entity.names.size() && n < 0xFFFF; ++n) {
      NormalizedName norm = NormalizeName(entity.names[n].full);
      ids.clear();
      // Honorifics stay in the sequence (weight 0) so that a query which
      // fuses them with a name ("Seyyedhussein") still aligns.
      for (const NameToken& t : norm.tokens) ids.push_back(Intern(t));
      if (ids.empty() || ids.size() > 0xFFFF) continue;
      // Aliases that normalize alike add nothing but work.
      if (std::find(seen_sequences.begin(), seen_sequences.end(), ids) !=
          seen_sequences.end())
        continue;
      seen_sequences.push_back(ids);
      IndexedName in;
      in.entity = e;
      in.name = static_cast<std::uint16_t>(n);
      in.first_token = static_cast<std::uint32_t>(name_tokens_.size());
      in.token_count = static_cast<std::uint16_t>(ids.size());
      in.abjad = HasAbjadLetters(entity.names[n].full);
      auto name_id = static_cast<NameId>(names_.size());
      bool any_identifying = false;
      for (TokenId t : ids) any_identifying |= IsIdentifying(tokens_[t].role);
      for (TokenId t : ids) {
        name_tokens_.push_back(t);
        // Names made only of generic words are reachable through them.
        if (IsIdentifying(tokens_[t].role) ||
            (!any_identifying && tokens_[t].role == TokenRole::kGeneric)) {
          auto& post = postings_[t];
          if (post.empty() || post.back() != name_id) post.push_back(name_id);
        }
      }
      // Adjacent pairs also index as one merged token ("jong un" finds
      // "jongun" queries).
      for (size_t i = 0; i + 1 < ids.size(); ++i) {
        const ListedToken& a = tokens_[ids[i]];
        const ListedToken& b = tokens_[ids[i + 1]];
        if (!CanMerge(a.role) || !CanMerge(b.role) ||
            !(IsIdentifying(a.role) || IsIdentifying(b.role)))
          continue;
        NameToken merged;
        merged.text = a.text + b.text;
        merged.key = RomanizationKey(merged.text);
        merged.role = TokenRole::kName;
        TokenId m = Intern(merged);
        auto& post = postings_[m];
        if (post.empty() || post.back() != name_id) post.push_back(name_id);
      }
      names_.push_back(in);
    }
    for (const Identifier& id : entity.identifiers) {
      std::string v = NormalizeIdentifier(id.kind, id.value);
      if (v.size() < 4) continue;  // too short to be evidence
      std::string key = std::string(IdKindName(id.kind)) + ":" + v;
      auto& list = identifiers_[key];
      if (list.empty() || list.back() != e) list.push_back(e);
    }
  }
  // Document frequencies and weights: rare tokens weigh more (IDF scaled to
  // (0,1]), so "kim", "mohammed" and "trading" are weak evidence.
  for (const IndexedName& in : names_) {
    const TokenId* t = name_tokens(in);
    for (size_t i = 0; i < in.token_count; ++i) {
      bool first = std::find(t, t + i, t[i]) == t + i;
      if (first) ++tokens_[t[i]].df;
    }
  }
  const double n = std::max<double>(2.0, static_cast<double>(names_.size()));
  for (ListedToken& info : tokens_) {
    double idf = std::log(n / std::max(1u, info.df)) / std::log(n);
    idf = std::clamp(idf, 0.15, 1.0);
    info.weight = static_cast<float>(idf * RoleFactor(info.role));
  }
  for (TokenId t = 0; t < tokens_.size(); ++t) {
    const ListedToken& info = tokens_[t];
    if (!info.key.empty()) tokens_by_key_[info.key].push_back(t);
    if (!IsIdentifying(info.role)) continue;
    if (!info.phonetic.empty()) tokens_by_phonetic_[info.phonetic].push_back(t);
    if (!info.skeleton.empty()) {
      tokens_by_skeleton_[info.skeleton].push_back(t);
      if (info.vowel_poor) poor_by_skeleton_[info.skeleton].push_back(t);
    }
  }
  for (IndexedName& in : names_) {
    const TokenId* t = name_tokens(in);
    float total = 0;
    for (size_t i = 0; i < in.token_count; ++i) total += tokens_[t[i]].weight;
    in.total_weight = total;
  }
  // Typo neighbourhood of every identifying token.
  std::string scratch;
  for (TokenId t = 0; t < tokens_.size(); ++t) {
    const ListedToken& info = tokens_[t];
    if (!IsIdentifying(info.role)) continue;
    int max = MaxDeletes(info.text.size());
    deletes_.push_back({Hash(info.text), t});
    ForEachDeletion(info.text, max, &scratch, [&](const std::string& v) {
      deletes_.push_back({Hash(v), t});
    });
  }
  std::sort(deletes_.begin(), deletes_.end());
  deletes_.erase(std::unique(deletes_.begin(), deletes_.end(),
                             [](const DeleteEntry& a, const DeleteEntry& b) {
                               return a.hash == b.hash && a.token == b.token;
                             }),
                 deletes_.end());
  deletes_.shrink_to_fit();
}

TokenId NameIndex::FindToken(std::string_view text) const {
  auto it = token_by_text_.find(std::string(text));
  return it == token_by_text_.end() ? kNoToken : it->second;
}

const std::vector<TokenId>* NameIndex::TokensWithKey(std::string_view key) const {
  auto it = tokens_by_key_.find(std::string(key));
  return it == tokens_by_key_.end() ? nullptr : &it->second;
}

const std::vector<TokenId>* NameIndex::TokensWithPhonetic(
    std::string_view phonetic) const {
  auto it = tokens_by_phonetic_.find(std::string(phonetic));
  return it == tokens_by_phonetic_.end() ? nullptr : &it->second;
}

const std::vector<TokenId>* NameIndex::TokensWithSkeleton(
    std::string_view skeleton, bool vowel_poor_only) const {
  const auto& map = vowel_poor_only ? poor_by_skeleton_ : tokens_by_skeleton_;
  auto it = map.find(std::string(skeleton));
  return it == map.end() ? nullptr : &it->second;
}

void NameIndex::TyposOf(std::string_view text, std::vector<TokenId>* out) const {
  auto add = [&](std::string_view v) {
    std::uint64_t h = Hash(v);
    auto it = std::lower_bound(deletes_.begin(), deletes_.end(), DeleteEntry{h, 0});
    for (; it != deletes_.end() && it->hash == h; ++it) out->push_back(it->token);
  };
  add(text);
  std::string scratch;
  ForEachDeletion(text, MaxDeletes(text.size()), &scratch,
                  [&](const std::string& v) { add(v); });
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

const std::vector<std::uint32_t>* NameIndex::EntitiesWithIdentifier(
    IdKind kind, std::string_view value) const {
  std::string v = NormalizeIdentifier(kind, value);
  if (v.size() < 4) return nullptr;
  auto it = identifiers_.find(std::string(IdKindName(kind)) + ":" + v);
  return it == identifiers_.end() ? nullptr : &it->second;
}

std::pair<NameId, NameId> NameIndex::NamesOfEntity(std::uint32_t e) const {
  auto lo = std::lower_bound(
      names_.begin(), names_.end(), e,
      [](const IndexedName& n, std::uint32_t v) { return n.entity < v; });
  auto hi = std::upper_bound(
      lo, names_.end(), e,
      [](std::uint32_t v, const IndexedName& n) { return v < n.entity; });
  return {static_cast<NameId>(lo - names_.begin()),
          static_cast<NameId>(hi - names_.begin())};
}

float NameIndex::QueryTokenWeight(const NameToken& token) const {
  TokenId t = FindToken(token.text);
  if (t != kNoToken && tokens_[t].role == token.role) return tokens_[t].weight;
  if (const auto* same_key = TokensWithKey(token.key)) {
    // A new spelling of a known name is as common as the name.
    float w = 0;
    for (TokenId k : *same_key) w = std::max(w, tokens_[k].weight);
    if (w > 0) return std::min(w, RoleFactor(token.role));
  }
  return RoleFactor(token.role);
}

}  // namespace embargo::internal
