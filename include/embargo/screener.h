// Screening: find the listed entities a query may be, ranked by a score in
// [0,1] that explains itself. Start here to screen: build a Screener from
// loaded lists (embargo/lists.h), then call Search() from any thread.
// Thread-safety: a built Screener is immutable; Search() and every const
// method may run concurrently from many threads.
#ifndef EMBARGO_SCREENER_H_
#define EMBARGO_SCREENER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/entity.h"
#include "embargo/limits.h"
#include "embargo/status.h"

namespace embargo {

struct QueryIdentifier {
  IdKind kind = IdKind::kOther;  // kPassport, kImo, kSwiftBic, ...
  std::string value;
};

struct Query {
  std::string name;                // required, any script
  std::optional<EntityKind> kind;  // restricts results to this kind
  PartialDate birth_date;          // empty: not given
  std::string country;             // ISO alpha-2, "" if not given
  Gender gender = Gender::kUnknown;
  std::vector<QueryIdentifier> identifiers;
};

inline constexpr double kDefaultThreshold = 0.80;
inline constexpr size_t kDefaultLimit = 10;

struct SearchOptions {
  double threshold = kDefaultThreshold;  // 0 returns the best `limit`
  size_t limit = kDefaultLimit;
  std::vector<std::string> include_lists;  // list names; empty: all
  std::vector<std::string> exclude_lists;
  std::vector<std::string> exclude_entity_ids;
  // Score every indexed name instead of using the candidate index. Slow;
  // the oracle that tests hold the index to.
  bool exhaustive = false;
};

// How one query token lined up with one listed token.
struct TokenAlignment {
  std::string query_token;   // may be two tokens joined by '+' when merged
  std::string listed_token;  // likewise
  double similarity = 0;     // in [0,1]
  double weight = 0;         // the pair's share of the name score
  std::string method;        // exact, romanization, fuzzy, initial, merged
};

// A secondary feature's effect on the score.
struct FeatureContribution {
  std::string feature;  // birth_date, country, gender, identifier, kind
  double delta = 0;     // added to the score (negative for conflicts)
  std::string detail;   // e.g. "query 1966 vs listed 1966-06-12: same year"
};

struct Explanation {
  double name_score = 0;
  std::vector<TokenAlignment> tokens;
  std::vector<std::string> unmatched_query_tokens;
  std::vector<std::string> unmatched_listed_tokens;
  std::vector<FeatureContribution> features;
};

// A served list's description and counts.
struct ListSummary {
  ListInfo info;
  std::size_t entities = 0;
  std::size_t names = 0;  // Entity::names over its entities
  std::array<std::size_t, kEntityKindCount> kinds{};  // entities by kind
};

struct Match {
  const Entity* entity = nullptr;  // owned by the Screener
  std::string list;                // the entity's list name
  std::string matched_name;        // the listed name that matched best
  double score = 0;
  Explanation explanation;
};

// Builds the per-process tables the first name of each script would build
// otherwise (ICU's transliterators: Han's take about 100 ms), so that no
// query waits for them. Optional; a server calls it from a thread of its own
// at start-up. Thread-safe.
void PrepareNormalization();

// Checks `query` against the limits of embargo/limits.h, to call before
// Search() on input someone else chose. Returns kLimitExceeded for a name
// longer than `max_name_bytes` ("name: longer than the limit of 1024
// bytes"; at most kMaxQueryNameBytes whatever is passed) or of more than
// kMaxQueryNameTokens tokens after normalization ("name: more than 64
// tokens"), and kInvalidArgument for a name that is not UTF-8 ("name:
// invalid UTF-8 at byte 7"). Search() itself does not match a name past
// kMaxQueryNameBytes or of more than kMaxQueryNameTokens tokens (it still
// matches identifiers), rather than spend unbounded time on it.
Status ValidateQuery(const Query& query,
                     size_t max_name_bytes = kMaxQueryNameBytes);

class Screener {
 public:
  // Builds the index over `lists`, which the Screener takes over.
  static Result<std::unique_ptr<Screener>> Build(std::vector<EntityList> lists);
  // Opens an index snapshot written by SaveSnapshot(): the index is mapped
  // and used in place, so this takes milliseconds where Build() takes
  // seconds. A snapshot from another embargo version or another kind of
  // machine is refused (StatusCode::kUnsupported) with a message saying so.
  static Result<std::unique_ptr<Screener>> Open(const std::string& snapshot);
  // Writes the lists and the built index to `path` (atomically replaced).
  Status SaveSnapshot(const std::string& path) const;
  ~Screener();
  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  // Matches sorted by score (descending, ties by entity id), at most
  // options.limit, each with score >= options.threshold. An empty or
  // unusable name yields no matches unless an identifier matches.
  std::vector<Match> Search(const Query& query,
                            const SearchOptions& options = {}) const;

  // The entity with this id, or nullptr.
  const Entity* FindEntity(std::string_view id) const;

  // Every list with its entities. A screener opened from a snapshot
  // decodes them all on the first call (slow) and holds them as copies:
  // Match::entity and FindEntity() point to the entities it decodes one by
  // one as searches need them.
  const std::vector<EntityList>& lists() const;
  // Every list's summary, in order; from a snapshot, read in place without
  // decoding an entity (made on the first call, in milliseconds).
  const std::vector<ListSummary>& summaries() const;
  size_t entity_count() const;
  size_t indexed_name_count() const;
  // Bytes held by the candidate index (not the entities).
  size_t index_bytes() const;

  class Impl;

 private:
  explicit Screener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace embargo

#endif  // EMBARGO_SCREENER_H_
