// Screener: the public face of matching. Owns the lists, the index and the
// matcher, and turns a Query into ranked, explained Matches.
#include "embargo/screener.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "index/name_index.h"
#include "index/snapshot.h"
#include "match/matcher.h"

namespace embargo {

using internal::IndexedName;
using internal::Matcher;
using internal::NameId;
using internal::NameIndex;
using internal::PreparedQuery;

class Screener::Impl {
 public:
  std::vector<EntityList> lists;
  std::vector<const Entity*> entities;
  std::vector<std::uint32_t> list_of_entity;  // entity -> index into lists
  std::unordered_map<std::string_view, std::uint32_t> by_id;
  NameIndex index;
  std::unique_ptr<Matcher> matcher;
  // When opened from a snapshot: the mapping the index's arrays view.
  std::unique_ptr<internal::Snapshot> snapshot;

  // Fills entities, list_of_entity and by_id from lists.
  Status IndexEntities();

  std::vector<Match> Search(const Query& query, const SearchOptions& opt) const;
};

namespace {

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::vector<Match> Screener::Impl::Search(const Query& query,
                                          const SearchOptions& opt) const {
  PreparedQuery q = matcher->Prepare(query.name);
  auto allowed = [&](std::uint32_t e) {
    const Entity& entity = *entities[e];
    if (query.kind && entity.kind != *query.kind) return false;
    const std::string& list = lists[list_of_entity[e]].info.name;
    if (!opt.include_lists.empty() && !Contains(opt.include_lists, list))
      return false;
    if (Contains(opt.exclude_lists, list)) return false;
    if (Contains(opt.exclude_entity_ids, entity.id)) return false;
    return true;
  };

  // Identifier hits are near-certain on their own.
  std::unordered_map<std::uint32_t, FeatureContribution> id_hits;
  for (const QueryIdentifier& qi : query.identifiers) {
    std::vector<IdKind> kinds = {qi.kind};
    if (qi.kind == IdKind::kOther || qi.kind == IdKind::kNationalId ||
        qi.kind == IdKind::kPassport)
      kinds = {IdKind::kPassport, IdKind::kNationalId, IdKind::kOther,
               IdKind::kTaxId};
    for (IdKind k : kinds) {
      for (std::uint32_t e : index.EntitiesWithIdentifier(k, qi.value)) {
        if (!allowed(e) || id_hits.count(e)) continue;
        id_hits.emplace(e, FeatureContribution{
                               "identifier", 0,
                               fmt::format("{} {} matches exactly",
                                           IdKindName(k), qi.value)});
      }
    }
  }

  std::vector<Matcher::Candidate> candidates;
  if (opt.exhaustive) {
    candidates.resize(index.name_count());
    for (NameId n = 0; n < candidates.size(); ++n)
      candidates[n] = {n, ~std::uint64_t{0}};
  }
  // Names that cannot reach the threshold even with the best features are
  // skipped before the costly alignment.
  const double prune_below = opt.threshold - internal::kMaxFeatureBonus;
  if (!opt.exhaustive) matcher->Candidates(q, prune_below, &candidates);
  // Best name per entity.
  struct Best {
    double name_score = -1;
    NameId name = 0;
  };
  std::unordered_map<std::uint32_t, Best> best;
  for (const Matcher::Candidate& c : candidates) {
    const NameId n = c.name;
    if (!opt.exhaustive && prune_below > 0 &&
        Matcher::UpperBound(q, c.hit_mask) < prune_below)
      continue;
    const IndexedName& in = index.names()[n];
    if (!allowed(in.entity)) continue;
    double s = matcher->ScoreName(q, n, nullptr);
    if (s <= 0) continue;
    Best& b = best[in.entity];
    if (s > b.name_score) b = {s, n};
  }
  for (const auto& [e, hit] : id_hits) {
    if (best.count(e)) continue;
    // Score the entity's names so the explanation still shows the closest.
    auto [first, last] = index.NamesOfEntity(e);
    Best b{0, first};
    for (NameId n = first; n < last; ++n) {
      double s = matcher->ScoreName(q, n, nullptr);
      if (s > b.name_score) b = {s, n};
    }
    if (first < last) best[e] = b;
  }

  struct Scored {
    std::uint32_t entity;
    NameId name;
    double score;
    std::vector<FeatureContribution> features;
  };
  std::vector<Scored> scored;
  for (const auto& [e, b] : best) {
    const Entity& entity = *entities[e];
    if (b.name_score + internal::kMaxFeatureBonus < opt.threshold &&
        !id_hits.count(e))
      continue;
    std::vector<FeatureContribution> features;
    double score = b.name_score + Matcher::FeatureDelta(query, entity, &features);
    if (auto it = id_hits.find(e); it != id_hits.end()) {
      FeatureContribution f = it->second;
      double target = std::max(score, 0.99);
      f.delta = target - score;
      score = target;
      features.push_back(std::move(f));
    }
    score = std::clamp(score, 0.0, 1.0);
    if (score < opt.threshold || score <= 0) continue;
    scored.push_back({e, b.name, score, std::move(features)});
  }
  std::sort(scored.begin(), scored.end(), [&](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return entities[a.entity]->id < entities[b.entity]->id;
  });
  if (scored.size() > opt.limit) scored.resize(opt.limit);
  // Explanations only for what is returned: the alignment again, in detail.
  std::vector<Match> out;
  out.reserve(scored.size());
  for (Scored& s : scored) {
    const Entity& entity = *entities[s.entity];
    Match m;
    m.entity = &entity;
    m.list = lists[list_of_entity[s.entity]].info.name;
    m.matched_name = entity.names[index.names()[s.name].name].full;
    m.score = s.score;
    matcher->ScoreName(q, s.name, &m.explanation);
    m.explanation.features = std::move(s.features);
    out.push_back(std::move(m));
  }
  return out;
}

Status Screener::Impl::IndexEntities() {
  for (std::uint32_t l = 0; l < lists.size(); ++l) {
    for (const Entity& e : lists[l].entities) {
      auto [it, inserted] =
          by_id.emplace(e.id, static_cast<std::uint32_t>(entities.size()));
      if (!inserted)
        return Status::InvalidArgument(
            fmt::format("entity id {} appears in two lists", e.id));
      entities.push_back(&e);
      list_of_entity.push_back(l);
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<Screener>> Screener::Build(std::vector<EntityList> lists) {
  auto impl = std::make_unique<Impl>();
  impl->lists = std::move(lists);
  EMBARGO_RETURN_IF_ERROR(impl->IndexEntities());
  impl->index.Build(impl->entities);
  impl->matcher = std::make_unique<Matcher>(impl->index);
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

Result<std::unique_ptr<Screener>> Screener::Open(const std::string& snapshot) {
  auto snap = internal::OpenSnapshot(snapshot);
  if (!snap.ok()) return snap.status();
  auto impl = std::make_unique<Impl>();
  impl->snapshot = std::move(*snap);
  // Moving the vectors keeps every entity where the index points.
  impl->lists = std::move(impl->snapshot->lists());
  impl->index = std::move(impl->snapshot->index());
  EMBARGO_RETURN_IF_ERROR(impl->IndexEntities());
  impl->matcher = std::make_unique<Matcher>(impl->index);
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

Status Screener::SaveSnapshot(const std::string& path) const {
  return internal::WriteSnapshot(path, impl_->lists, impl_->index);
}

Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

std::vector<Match> Screener::Search(const Query& query,
                                    const SearchOptions& options) const {
  return impl_->Search(query, options);
}

const Entity* Screener::FindEntity(std::string_view id) const {
  auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : impl_->entities[it->second];
}

const std::vector<EntityList>& Screener::lists() const { return impl_->lists; }
size_t Screener::entity_count() const { return impl_->entities.size(); }
size_t Screener::indexed_name_count() const { return impl_->index.name_count(); }

}  // namespace embargo
