// Screener: the public face of matching. Owns the lists, the index and the
// matcher, and turns a Query into ranked, explained Matches.
#include "embargo/screener.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "index/name_index.h"
#include "index/snapshot.h"
#include "match/matcher.h"
#include "normalize/transliterate.h"
#include "screen/unmatched_names.h"

namespace embargo {

using internal::IndexedName;
using internal::Matcher;
using internal::NameId;
using internal::NameIndex;
using internal::PreparedQuery;

class Screener::Impl {
 public:
  // Built: every list with its entities. Opened from a snapshot: the lists'
  // descriptions only, until lists() asks for the entities.
  std::vector<EntityList> lists;
  std::vector<const Entity*> entities;        // built: entity -> its object
  std::vector<std::uint32_t> list_of_entity;  // entity -> index into lists
  NameIndex index;
  std::unique_ptr<Matcher> matcher;

  // Opened from a snapshot: the mapping, and each entity decoded the first
  // time it is asked for (a search touches a handful of the thousands).
  std::unique_ptr<internal::Snapshot> snapshot;
  std::unique_ptr<std::atomic<const Entity*>[]> decoded;

  // FindEntity()'s table, made on first use (opening a snapshot skips it).
  mutable std::once_flag by_id_once;
  mutable std::unordered_map<std::string_view, std::uint32_t> by_id;
  mutable std::once_flag lists_once;
  mutable std::once_flag summaries_once;
  mutable std::vector<ListSummary> summaries;
  // Names Search() found nothing for, by the level it pruned at.
  mutable internal::UnmatchedNames unmatched;

  ~Impl() {
    if (decoded)
      for (size_t e = 0; e < list_of_entity.size(); ++e)
        delete decoded[e].load();
  }
  size_t entity_count() const { return list_of_entity.size(); }
  const Entity& entity(std::uint32_t e) const;
  std::string_view id(std::uint32_t e) const {
    return snapshot ? snapshot->EntityId(e) : std::string_view(entities[e]->id);
  }
  EntityKind kind(std::uint32_t e) const {
    return snapshot ? snapshot->EntityKindOf(e) : entities[e]->kind;
  }
  const std::vector<EntityList>& AllLists() const;
  const std::vector<ListSummary>& Summaries() const;

  std::vector<Match> Search(const Query& query, const SearchOptions& opt) const;
};

const Entity& Screener::Impl::entity(std::uint32_t e) const {
  if (!snapshot) return *entities[e];
  const Entity* p = decoded[e].load(std::memory_order_acquire);
  if (p) return *p;
  auto fresh = std::make_unique<Entity>();
  snapshot->DecodeEntity(e, fresh.get());
  const Entity* expected = nullptr;
  // Two threads may decode the same entity; the first one stored wins.
  if (decoded[e].compare_exchange_strong(expected, fresh.get(),
                                         std::memory_order_acq_rel))
    return *fresh.release();
  return *expected;
}

const std::vector<EntityList>& Screener::Impl::AllLists() const {
  if (snapshot) {
    std::call_once(lists_once, [&] {
      // Copies: the lists' entities are values, the decoded ones live apart.
      auto& all = const_cast<std::vector<EntityList>&>(lists);
      for (std::uint32_t e = 0; e < entity_count(); ++e)
        all[list_of_entity[e]].entities.push_back(entity(e));
    });
  }
  return lists;
}

const std::vector<ListSummary>& Screener::Impl::Summaries() const {
  std::call_once(summaries_once, [&] {
    for (const EntityList& l : lists) summaries.push_back({l.info});
    for (std::uint32_t e = 0; e < entity_count(); ++e) {
      ListSummary& s = summaries[list_of_entity[e]];
      ++s.entities;
      ++s.kinds[static_cast<size_t>(kind(e))];
      s.names +=
          snapshot ? snapshot->EntityNameCount(e) : entities[e]->names.size();
    }
  });
  return summaries;
}

namespace {

// The level a search for the best few first tries to leave names out below
// (Search()): at /search's threshold 0 the 10th best of a common name's
// query scores above it.
constexpr double kTopKGuess = 0.8;

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::vector<Match> Screener::Impl::Search(const Query& query,
                                          const SearchOptions& opt) const {
  // Names that cannot reach the threshold even with the best features are
  // skipped before the costly alignment.
  // The exhaustive scan is the reference: it takes no shortcut from the
  // features' bound (a bonus of 1 stops and skips nothing), nor from names
  // found to reach nothing before.
  const double bonus = opt.exhaustive ? 1.0 : Matcher::MaxFeatureBonus(query);
  const double prune_below = opt.threshold - bonus;
  // A name that reached nothing at this level before reaches nothing now:
  // neither prepared nor looked up again (but for its identifiers' hits).
  const bool unmatched_before =
      !opt.exhaustive && unmatched.Contains(query.name, prune_below);
  // Each thread's, its vectors kept with their capacity from query to
  // query (reading only what Prepare() writes).
  thread_local PreparedQuery q;
  auto prepare = [&] {
    matcher->Prepare(query.name, &q);
    // Alignment cost grows with the tokens squared: past the limit the
    // name is not matched (ValidateQuery() tells callers why).
    if (q.tokens.size() > kMaxQueryNameTokens) matcher->Prepare("", &q);
  };
  if (!unmatched_before) prepare();
  // Called for every candidate scored: only what a filter needs is read
  // (a snapshot's entity id is a lookup in its records).
  auto allowed = [&](std::uint32_t e) {
    if (query.kind && kind(e) != *query.kind) return false;
    if (!opt.include_lists.empty() || !opt.exclude_lists.empty()) {
      const std::string& list = lists[list_of_entity[e]].info.name;
      if (!opt.include_lists.empty() && !Contains(opt.include_lists, list))
        return false;
      if (Contains(opt.exclude_lists, list)) return false;
    }
    if (!opt.exclude_entity_ids.empty() &&
        Contains(opt.exclude_entity_ids, id(e)))
      return false;
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
        id_hits.emplace(
            e, FeatureContribution{"identifier", 0,
                                   fmt::format("{} {} matches exactly",
                                               IdKindName(k), qi.value)});
      }
    }
  }

  // The candidates, their order and the best names are kept by each
  // thread between searches, with their capacity (a /search query has a
  // thousand candidates: growing them anew was a tenth of its allocations).
  thread_local std::vector<Matcher::Candidate> candidates;
  candidates.clear();
  if (opt.exhaustive) {
    candidates.resize(index.name_count());
    for (NameId n = 0; n < candidates.size(); ++n)
      candidates[n] = {n, ~std::uint64_t{0}};
  }
  // Best name per entity. Names are scored best bound first: once `limit`
  // entities score s or more, a name whose bound with the best features is
  // below s cannot place, nor can any after it. The top `limit` is exactly
  // what scoring every name gives (a low threshold, as /search's default of
  // 0, no longer means scoring every candidate).
  struct Best {
    double name_score = -1;  // none scored yet (only its features weighed)
    NameId name = 0;
    double delta = 0;  // the features' share, once `weighed`
    bool weighed = false;
    Matcher::AlignmentRecord record;  // of `name`, to explain it
  };
  // By entity, in the order first scored, found through a table holding
  // each entity's place, trusted only when that place holds the entity (a
  // sparse set, as in Matcher::Candidates: stale places are harmless).
  thread_local std::vector<std::pair<std::uint32_t, Best>> best;
  thread_local std::vector<std::uint32_t> best_place;
  best.clear();
  if (best_place.size() < entity_count()) best_place.resize(entity_count());
  auto find_best = [&](std::uint32_t e) -> Best* {
    const std::uint32_t at = best_place[e];
    return at < best.size() && best[at].first == e ? &best[at].second : nullptr;
  };
  // (Inlined: called for every candidate the walk reaches.)
  auto best_of = [&](std::uint32_t e) __attribute__((always_inline))->Best& {
    if (Best* b = find_best(e)) return *b;
    best_place[e] = static_cast<std::uint32_t>(best.size());
    return best.emplace_back(e, Best{}).second;
  };
  // The final scores that would be returned, ascending.
  thread_local std::vector<double> placed;
  placed.clear();
  // The features are weighed (and the entity decoded) once per entity, and
  // only for entities that may place; explained only for those returned.
  auto weigh = [&](std::uint32_t e, Best& b) {
    if (b.weighed) return;
    b.delta = Matcher::FeatureDelta(query, this->entity(e), nullptr);
    b.weighed = true;
  };
  // An entity's final score when it may be returned, else -1.
  auto final_score = [&](std::uint32_t e, Best& b) {
    if (b.name_score < 0 || b.name_score + bonus < opt.threshold) return -1.0;
    weigh(e, b);
    const double score = std::clamp(b.name_score + b.delta, 0.0, 1.0);
    return score >= opt.threshold && score > 0 ? score : -1.0;
  };
  auto kth_best = [&] { return placed[placed.size() - opt.limit]; };
  // Best bound first, then by name. The top-k stop usually ends the walk
  // long before the last name (at /search's threshold 0 there are
  // thousands), so only the front is sorted, in chunks growing as far as
  // the walk goes: the same order as sorting all, at a fraction of the cost.
  // A name is ordered by one integer, greatest first: its bound's upper 32
  // bits (sign, exponent and 20 bits of mantissa: a bound is never
  // negative, and those bits order as the bounds do), then its number
  // reversed. Pairs of a double and a name compared both, twice as wide,
  // and the partitions took about a quarter of the search's own time on
  // /search's mix (perf). A name's bound is then read back rounded up to the
  // next such value, over by less than a millionth: still a bound, so every
  // test below stays exact, and the names bound within a millionth of each
  // other are taken by number.
  auto order_key = [](double bound, NameId n) {
    const auto bits = std::bit_cast<std::uint64_t>(std::max(bound, 0.0));
    return (bits >> 32 << 32) | (std::uint32_t{0xFFFFFFFF} - n);
  };
  auto bound_of = [](std::uint64_t key) {
    return std::bit_cast<double>((key >> 32 << 32) + (std::uint64_t{1} << 32));
  };
  auto name_of = [](std::uint64_t key) {
    return static_cast<NameId>(std::uint32_t{0xFFFFFFFF} -
                               static_cast<std::uint32_t>(key));
  };
  thread_local std::vector<std::uint64_t> order;
  // Below a low threshold (/search's 0) the best `limit` usually score far
  // above it, while a common name ("Mohammed Ali") reaches thousands of
  // names bound below half: the index may leave those out when that saves
  // most of its walk. The answer stands when the best `limit` score at
  // least the level left out with the best features (none of those names
  // could then place), and is sought again with every name otherwise.
  double guess = opt.limit > 0 ? kTopKGuess : 0.0;
  for (int attempt = 0; !unmatched_before; ++attempt) {
    const double applied =
        opt.exhaustive
            ? prune_below
            : matcher->Candidates(q, prune_below, &candidates, guess);
    order.clear();
    order.reserve(candidates.size());
    for (const Matcher::Candidate& c : candidates) {
      // An exhaustive scan's candidates keep the bound 1.
      if (applied > 0 && c.bound < applied) continue;
      order.push_back(order_key(c.bound, c.name));
    }
    for (size_t k = 0, sorted = 0, chunk = std::max<size_t>(64, 4 * opt.limit);
         k < order.size(); ++k) {
      if (k == sorted) {
        const auto first = order.begin() + static_cast<std::ptrdiff_t>(k);
        const auto last = first + static_cast<std::ptrdiff_t>(
                                      std::min(chunk, order.size() - k));
        std::nth_element(first, last - 1, order.end(), std::greater<>());
        std::sort(first, last, std::greater<>());
        sorted = static_cast<size_t>(last - order.begin());
        chunk *= 4;
      }
      const double bound = bound_of(order[k]);
      const NameId n = name_of(order[k]);
      if (opt.limit > 0 && placed.size() >= opt.limit &&
          bound + bonus < kth_best())
        break;
      const IndexedName& in = index.names()[n];
      if (!allowed(in.entity)) continue;
      // The entity's best name so far; none yet is a name score of -1.
      Best& b = best_of(in.entity);
      if (!opt.exhaustive) {
        // Another name of the entity scored above this one's bound: it
        // stays the entity's best whatever this one scores (aliases).
        if (bound < b.name_score) continue;
        // The entity's own features (weighed once, as they would be once a
        // name of it scored) bound the name where the best features did
        // not: below the threshold, or past the `limit`-th below the k-th
        // best. A customer's birth date conflicts with most listed ones
        // (-0.20): at /search's threshold 0 the names of such entities
        // were three quarters of those scored.
        if (bonus > 0) {
          weigh(in.entity, b);
          const bool full = opt.limit > 0 && placed.size() >= opt.limit;
          if (bound + b.delta < (full ? kth_best() : opt.threshold)) continue;
        }
      }
      Matcher::AlignmentRecord record;
      double s = matcher->ScoreName(q, n, nullptr, &record);
      if (s <= 0) continue;
      // Equal scores: the first name listed, whichever order they were
      // scored in (the bounds decide that order; the answer must not depend
      // on how tight they are).
      if (s < b.name_score || (s == b.name_score && n > b.name)) continue;
      if (const double old = final_score(in.entity, b); old >= 0)
        placed.erase(std::lower_bound(placed.begin(), placed.end(), old));
      b.name_score = s;
      b.name = n;
      b.record = record;
      if (const double now = final_score(in.entity, b); now >= 0)
        placed.insert(std::upper_bound(placed.begin(), placed.end(), now), now);
    }
    // No name bound at `prune_below` or more (Candidates' level is never
    // lower): none could place, whatever the features, the limit or the
    // filters. Only the name and the level decide that.
    if (applied <= prune_below && order.empty() && !opt.exhaustive)
      unmatched.Insert(query.name, prune_below);
    if (applied <= prune_below ||
        (placed.size() >= opt.limit && kth_best() >= applied + bonus))
      break;
    // Names bound below `applied` were left out. Asked again no higher
    // than the `limit`-th best score found, the answer stands: more names
    // can only raise that score.
    guess =
        attempt == 0 && placed.size() >= opt.limit ? kth_best() - bonus : 0.0;
    best.clear();
    placed.clear();
  }
  if (unmatched_before && !id_hits.empty()) prepare();
  for (const auto& [e, hit] : id_hits) {
    // An identifier's hit is returned whatever its names score, explained
    // by the closest: every name of it is scored, as the walk stops (and
    // leaves names out) by what may place, not by what is closest.
    auto [first, last] = index.NamesOfEntity(e);
    Best b{0, first};
    for (NameId n = first; n < last; ++n) {
      double s = matcher->ScoreName(q, n, nullptr);
      if (s > b.name_score) b = {s, n};
    }
    if (first < last) best_of(e) = b;
  }

  struct Scored {
    std::uint32_t entity;
    NameId name;
    double score;
    double raw;  // before the identifier's lift and the clamp
    const Matcher::AlignmentRecord* record;
  };
  std::vector<Scored> scored;
  for (auto& [e, b] : best) {
    if (b.name_score < 0 ||
        (b.name_score + bonus < opt.threshold && !id_hits.count(e)))
      continue;
    weigh(e, b);
    const double raw = b.name_score + b.delta;
    double score = raw;
    if (id_hits.count(e)) score = std::max(score, 0.99);
    score = std::clamp(score, 0.0, 1.0);
    if (score < opt.threshold || score <= 0) continue;
    scored.push_back({e, b.name, score, raw, &b.record});
  }
  auto before = [&](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return id(a.entity) < id(b.entity);
  };
  const size_t keep = std::min(scored.size(), opt.limit);
  std::partial_sort(scored.begin(),
                    scored.begin() + static_cast<std::ptrdiff_t>(keep),
                    scored.end(), before);
  scored.resize(keep);
  // Explanations only for what is returned: the alignment again, in detail.
  std::vector<Match> out;
  out.reserve(scored.size());
  for (Scored& s : scored) {
    const Entity& entity = this->entity(s.entity);
    Match m;
    m.entity = &entity;
    m.list = lists[list_of_entity[s.entity]].info.name;
    // A snapshot's name numbers are checked against its index, not against
    // each entity (that would decode them all): stay in bounds regardless.
    const size_t name = index.names()[s.name].name;
    m.matched_name = name < entity.names.size() ? entity.names[name].full
                                                : entity.primary_name();
    m.score = s.score;
    if (s.record->kept())
      matcher->Explain(q, s.name, *s.record, &m.explanation);
    else
      matcher->ScoreName(q, s.name, &m.explanation);
    std::vector<FeatureContribution>& features = m.explanation.features;
    Matcher::FeatureDelta(query, entity, &features);
    if (auto it = id_hits.find(s.entity); it != id_hits.end()) {
      FeatureContribution f = it->second;
      f.delta = std::max(s.raw, 0.99) - s.raw;
      features.push_back(std::move(f));
    }
    out.push_back(std::move(m));
  }
  return out;
}

Result<std::unique_ptr<Screener>> Screener::Build(
    std::vector<EntityList> lists) {
  auto impl = std::make_unique<Impl>();
  impl->lists = std::move(lists);
  for (std::uint32_t l = 0; l < impl->lists.size(); ++l) {
    for (const Entity& e : impl->lists[l].entities) {
      auto [it, inserted] = impl->by_id.emplace(
          e.id, static_cast<std::uint32_t>(impl->entities.size()));
      if (!inserted)
        return Status::InvalidArgument(
            fmt::format("entity id {} appears in two lists", e.id));
      impl->entities.push_back(&e);
      impl->list_of_entity.push_back(l);
    }
  }
  std::call_once(impl->by_id_once, [] {});
  impl->index.Build(impl->entities);
  impl->matcher = std::make_unique<Matcher>(impl->index);
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

Result<std::unique_ptr<Screener>> Screener::Open(const std::string& snapshot) {
  auto snap = internal::OpenSnapshot(snapshot);
  if (!snap.ok()) return snap.status();
  auto impl = std::make_unique<Impl>();
  impl->snapshot = std::move(*snap);
  const internal::Snapshot& s = *impl->snapshot;
  for (std::uint32_t l = 0; l < s.infos().size(); ++l) {
    impl->lists.push_back({s.infos()[l], {}});
    impl->list_of_entity.insert(impl->list_of_entity.end(), s.list_sizes()[l],
                                l);
  }
  impl->decoded =
      std::make_unique<std::atomic<const Entity*>[]>(impl->entity_count());
  impl->index = std::move(impl->snapshot->index());
  impl->matcher = std::make_unique<Matcher>(impl->index);
  return std::unique_ptr<Screener>(new Screener(std::move(impl)));
}

Status Screener::SaveSnapshot(const std::string& path) const {
  return internal::WriteSnapshot(path, impl_->AllLists(), impl_->index);
}

Screener::Screener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Screener::~Screener() = default;

std::vector<Match> Screener::Search(const Query& query,
                                    const SearchOptions& options) const {
  // A name past kMaxQueryNameBytes is not matched (ValidateQuery() tells
  // callers why): its cost grows with its length for no gain. Identifiers
  // still match. Only the byte count is checked here, which costs nothing.
  if (query.name.size() > kMaxQueryNameBytes) {
    Query identifiers_only = query;
    identifiers_only.name.clear();
    return impl_->Search(identifiers_only, options);
  }
  return impl_->Search(query, options);
}

const Entity* Screener::FindEntity(std::string_view id) const {
  std::call_once(impl_->by_id_once, [&] {
    for (std::uint32_t e = 0; e < impl_->entity_count(); ++e)
      impl_->by_id.emplace(impl_->id(e), e);
  });
  auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : &impl_->entity(it->second);
}

void PrepareNormalization() { internal::PrepareTransliterators(); }

const std::vector<EntityList>& Screener::lists() const {
  return impl_->AllLists();
}
const std::vector<ListSummary>& Screener::summaries() const {
  return impl_->Summaries();
}
size_t Screener::entity_count() const { return impl_->entity_count(); }
size_t Screener::indexed_name_count() const {
  return impl_->index.name_count();
}
size_t Screener::index_bytes() const { return impl_->index.MemoryBytes(); }

}  // namespace embargo
