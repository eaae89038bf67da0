// Scoring a query against listed names: token alignment (reordering, missing
// middle names, merged and split tokens, initials, romanization variants,
// typos), IDF weighting, and the secondary features (birth date, country,
// gender, identifiers), each recorded in the explanation.
// Thread-safety: a Matcher is immutable after construction; all methods are
// const and may run concurrently. Their scratch buffers and memos are per
// thread (thread_local), so a call must not re-enter another on one thread.
#ifndef EMBARGO_MATCH_MATCHER_H_
#define EMBARGO_MATCH_MATCHER_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "embargo/screener.h"
#include "index/name_index.h"

namespace embargo::internal {

// Below this a token pair is not evidence at all.
inline constexpr double kTokenFloor = 0.84;
// What a listed token the query lacks costs, relative to a query token the
// listing lacks: lists carry long full names (all of an Arabic nasab, middle
// names) that customers rarely type, while an extra query token is evidence
// against the match.
inline constexpr double kListedMissingWeight = 0.3;
// What the secondary features add when they agree: the same birth day
// (a same year adds less) and a listed country.
inline constexpr double kBirthDayBonus = 0.05;
inline constexpr double kCountryBonus = 0.02;

// A query token, or query tokens spelled together (PreparedQuery::merged
// and abjad_triples: those hold only the text, the keys, the phonetic key,
// the abjad letters and keys and `transliterated`, all that is read of
// them).
struct PreparedToken {
  NameToken token;
  std::string phonetic;     // PhoneticKey(token.text)
  std::string skeleton;     // ConsonantSkeleton(token.text)
  bool vowel_poor = false;  // IsVowelPoor(token.text)
  // Transliterated from Han, kana or Hangul, whose syllables are short and
  // spelled by rule: one letter off is another name, not a typo
  // (chen/cheng), so short tokens get no typo allowance.
  bool transliterated = false;
  float weight = 0;
  // What the token costs when nothing aligns with it: its weight, less for
  // a patronymic the listing omits.
  double missing_weight = 0;
  bool identifying = false;  // counts as evidence of identity on its own
  // For a name token read from an abjad-script word: the word's letters
  // (ArabicLetterForms) and the consonant classes they may stand for
  // (AbjadQueryKeys), which Latin spellings with the written vowels in
  // place meet (AbjadSimilarity). Empty otherwise.
  std::string abjad_text;
  std::vector<std::string> abjad_keys;
};

struct PreparedQuery {
  // Unique to each Prepare() call: ScoreName() remembers the token pairs it
  // compared for this query, per thread, under it. 0: remember nothing.
  std::uint64_t serial = 0;
  std::vector<PreparedToken> tokens;
  float total_weight = 0;
  bool abjad = false;  // written in Arabic or Hebrew script
  // Tokens i, i+1 and i+2 spelled as one when i+1 is a particle between two
  // names (عبد العالي abd + al + ali, Abdelali; سيف الرب Saifulrab): keys
  // only then. The same size as tokens minus two, or empty.
  std::vector<PreparedToken> abjad_triples;
  // Token i and i+1 spelled as one ("kyong" + "su"; for an abjad query
  // with the two words' letters too, "qudrat" + "allah"), prepared once for
  // the index's probes and every name's alignment; an empty text where the
  // two may not merge. The same size as tokens minus one, or empty.
  std::vector<PreparedToken> merged;
};

// Similarity of a query token to a listed token in [0,1]; 0 when the pair is
// no evidence. `abjad`: either side was written in an abjad, so consonant
// skeletons count. `method` (optional) receives exact, romanization,
// phonetic, fuzzy, initial or consonants. `any`: only whether it is above
// 0 matters, so a positive value is returned before the dearest rule (an
// abjad spelling's alignment) may raise it.
double TokenSimilarity(const PreparedToken& q, const ListedToken& l, bool abjad,
                       const char** method = nullptr, bool any = false);

// Sorts `names` by name and keeps each name once, at its heaviest weight:
// what std::sort by (name, weight descending) then std::unique by name
// gives. A probe's split names are thousands of pairs' names run together
// (an abd- compound at 10M synthetic names), which a radix sort by name
// orders in a few passes where the comparison sort took two thirds of the
// query.
void SortByNameKeepHeaviest(std::vector<NameIndex::PairName>* names);

// How Matcher::Candidates() walks; each choice gives the same candidates at or
// above the level, with the same masks and bounds (tests compare them).
struct CandidateWalk {
  // Where no name is left out, the candidates are marked from the
  // probes' postings instead of their own tokens when those postings are
  // fewer than this many a candidate. On the mix of /search names: 2, 4,
  // 8, 16, 64 and always took 1,305M, 1,265M, 1,256M, 1,267M, 1,287M and
  // 1,309M instructions; never 1,343M.
  size_t mark_walk_per_name = 8;
  // Where names are left out, a probe left out marks the names found from
  // its postings when those are at most this many a posting walked (at a
  // level guessed for the best few: a name found). On the first 20,000
  // generated customers, 1, 2 and 4 took 1,599.6M, 1,583.5M and 1,604.4M
  // instructions (with the driver; marking against the names found and
  // without it, 1, 2, 4, 8 and 16 took 1,703.6M, 1,688.1M, 1,705.4M,
  // 1,746.9M and 1,813.4M; never marking 1,868.5M).
  size_t left_marks_per_posting = 2;
  // Where the caller leaves names out, the probes of a query token every
  // name kept must have add names, and the others only mark them.
  bool driver = true;
  // Where every name kept holds partners of two query tokens, the names
  // holding two common tokens (NameIndex::NamesWithBoth) stand for their
  // postings when that walks fewer than 1 / paired_walk_factor of the
  // postings the probes walk otherwise (0: whenever it may).
  bool common_pairs = true;
  size_t paired_walk_factor = 2;
  // When set, counts the calls that walked common pairs, and the names
  // found (before any is left out by its bound).
  struct Stats {
    size_t calls = 0, paired = 0, found = 0;
  };
  Stats* stats = nullptr;
};

class Matcher {
 public:
  explicit Matcher(const NameIndex& index) : index_(index) {}

  PreparedQuery Prepare(const std::string& name) const;
  // The same into `*q`, whose vectors keep their capacity: a caller that
  // keeps one per thread allocates none of them per query.
  void Prepare(const std::string& name, PreparedQuery* q) const;

  // One step of a name's alignment: query tokens [qi, qi + qn) with listed
  // tokens [lj, lj + ln).
  struct AlignedPair {
    double sim;
    std::uint16_t qi, qn;  // count 1 to 3
    std::uint16_t lj, ln;  // count 1 or 2
    const char* method;
  };
  // How ScoreName() aligned a name, so that Explain() gives the same
  // explanation without aligning it again: a search explains the few names
  // it returns, each scored before among many (a tenth of a /search
  // query's instructions went to aligning them twice). Kept only when its
  // steps fit.
  struct AlignmentRecord {
    static constexpr std::size_t kMaxSteps = 12;
    double score = 0, denominator = 0;
    std::size_t steps = kMaxSteps + 1;  // past kMaxSteps: not kept
    std::array<AlignedPair, kMaxSteps> step;
    bool kept() const { return steps <= kMaxSteps; }
  };

  // The name score of `name` for the query, with the alignment in
  // `explanation` when it is not null, and in `record` when that is not
  // null (kept() tells whether it fit).
  double ScoreName(const PreparedQuery& q, NameId name,
                   Explanation* explanation,
                   AlignmentRecord* record = nullptr) const;
  // The explanation ScoreName() gives, from its kept record of `name`.
  void Explain(const PreparedQuery& q, NameId name, const AlignmentRecord& r,
               Explanation* explanation) const;

  // A name the index proposes, with the query tokens that reached it.
  struct Candidate {
    NameId name;
    std::uint64_t hit_mask;  // bit i: query token i (for i < 64)
    double bound = 1.0;      // at least ScoreName() of the name
  };
  // Names that may score above zero, via the index (not exhaustive), each
  // once (in no particular order) with its bound. Names whose bound is below
  // `prune_below` are left out (0 keeps all); a candidate's hit_mask may
  // claim more tokens than reached it, never fewer. Returns the level below
  // which names were left out: `prune_below`, or the lowest level up to
  // `guess` that halves a walk of kGuessWalk postings or more. A caller
  // given a level above `prune_below` must check that what it needed
  // scores at or above it, and else ask again without a guess.
  double Candidates(const PreparedQuery& q, double prune_below,
                    std::vector<Candidate>* out, double guess = 0,
                    const CandidateWalk& how = {}) const;
  static constexpr size_t kGuessWalk = 1000;

  // An upper bound of ScoreName() for a name reached only by the query
  // tokens in `hit_mask`, in two steps: the parts that depend on the query
  // alone, then the name's own listed weight. Tokens that found nothing
  // there count as missing, and each token that did is granted the best
  // possible partner: of weight partner[i] when given (the heaviest listed
  // token its probes reach), else 1. `pairs`: a token with pairs[i] set may
  // align with two listed tokens spelled together, each of weight up to 1.
  // `granted`: tokens that are not looked up (initials) and may align anywhere,
  // with a partner of weight up to 1.
  struct BoundParts {
    double aligned = 0;   // the aligned weight, every partner at its cap
    double missing = 0;   // the query tokens that cannot align
    double partners = 0;  // the listed weight the partners may cover
  };
  static BoundParts UpperBoundParts(const PreparedQuery& q,
                                    std::uint64_t hit_mask, std::uint64_t pairs,
                                    std::uint64_t granted,
                                    std::span<const double> partner);
  // `listed_total`: the name's total listed weight (0 when unknown: any
  // name).
  static double UpperBound(const BoundParts& parts, double listed_total);

  // The birth date, country and gender contributions for `entity`, their
  // sum returned and, when `out` is given, each appended with its text
  // (built only then: weighing many entities costs no formatting).
  static double FeatureDelta(const Query& query, const Entity& entity,
                             std::vector<FeatureContribution>* out);
  // The most FeatureDelta(query, e, ...) can be for any entity e: a query
  // without a birth date or country gains nothing, so its names are pruned
  // at the threshold itself.
  static double MaxFeatureBonus(const Query& query);

 private:
  // The explanation of an alignment of `name` by its steps.
  void ExplainSteps(const PreparedQuery& q, NameId name, double score,
                    double denominator, std::span<const AlignedPair> steps,
                    Explanation* ex) const;
  // Appends the names holding two adjacent tokens that `probe` may be
  // spelled together: "jongun" for "jong un", "alhabbo" for "al habbo".
  // Both append in no order and may repeat a name, each with the weight of
  // the pair it was found by.
  void SplitNames(const PreparedToken& probe,
                  std::vector<NameIndex::PairName>* out) const;

  // Of the query `tokens` not looked up (initials), those that align on
  // their own with a token of `name`, each one's heaviest partner raising
  // (*cap)[i]. Cold: asked only of names a bound would otherwise score.
  std::uint64_t PartnersOfUnprobed(const PreparedQuery& q,
                                   const IndexedName& name,
                                   std::uint64_t tokens,
                                   std::vector<double>* cap) const;

  const NameIndex& index_;
};

}  // namespace embargo::internal

#endif  // EMBARGO_MATCH_MATCHER_H_
