#include "match/matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "match/flat_memo.h"
#include "match/similarity.h"
#include "normalize/abjad.h"
#include "normalize/phonetic.h"
#include "normalize/recent_memo.h"

namespace embargo::internal {
namespace {

using Pair = Matcher::AlignedPair;

bool PairBefore(const Pair& a, const Pair& b) {
  if (a.sim != b.sim) return a.sim > b.sim;
  if (a.qi != b.qi) return a.qi < b.qi;
  if (a.lj != b.lj) return a.lj < b.lj;
  return a.qn + a.ln < b.qn + b.ln;
}

// True when a and b hold the same letters with one adjacent pair swapped.
bool IsTransposition(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         a.substr(i + 2) == b.substr(i + 2);
}

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// True when a and b differ in exactly one place, a vowel for a vowel.
bool IsVowelSwap(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  int diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == b[i]) continue;
    if (++diff > 1 || !IsVowel(a[i]) || !IsVowel(b[i])) return false;
  }
  return diff == 1;
}

// The typo rule shared by single and merged tokens: within the edits the
// candidate index can reach (MaxDeletes of the shorter token), a pair is a
// typo with a similarity that reflects how much of the token survived.
double TypoRule(std::string_view a, std::string_view b) {
  const size_t shortest = std::min(a.size(), b.size());
  if (shortest < 3) return 0.0;
  if (shortest == 3) return IsTransposition(a, b) ? 0.85 : 0.0;
  const int bound = MaxDeletes(shortest);
  const int d = BoundedOsaDistance(a, b, bound);
  if (d > bound) return 0.0;
  // Four letters with one consonant swapped for another are usually another
  // name (jong/tong, emma/emka); a dropped, doubled or transposed letter is
  // a typo (choe/chooe, afiz/faiz), and so is one vowel for another
  // between the same consonants, as transliterations differ (Бэч bech /
  // Bach).
  if (shortest == 4 && a.size() == b.size() && !IsTransposition(a, b) &&
      !IsVowelSwap(a, b))
    return 0.0;
  double base = shortest == 4   ? 0.85
                : shortest == 5 ? 0.88
                : d == 1        ? 0.90
                                : 0.86;
  return std::max(base, TypoSimilarity(a, b));
}

// A letter-by-letter abjad query token against a Latin spelling with the
// same consonants: its written vowels must be in place (abjad.h).
double AbjadPair(const PreparedToken& q, const ListedToken& l) {
  if (q.abjad_keys.empty() || l.abjad_key.empty() ||
      std::find(q.abjad_keys.begin(), q.abjad_keys.end(), l.abjad_key) ==
          q.abjad_keys.end())
    return 0;
  return AbjadSimilarity(q.abjad_text, l.text);
}

}  // namespace

double TokenSimilarity(const PreparedToken& q, const ListedToken& l, bool abjad,
                       const char** method, bool any) {
  const NameToken& t = q.token;
  const char* m = "exact";
  double s = 0;
  if (t.text == l.text) {
    s = 1.0;
  } else if (t.role == TokenRole::kInitial || l.role == TokenRole::kInitial ||
             t.text.size() == 1 || l.text.size() == 1) {
    // An initial stands for any name with that first letter, weakly.
    if (!t.text.empty() && !l.text.empty() && t.text[0] == l.text[0]) {
      s = 0.8;
      m = "initial";
    }
  } else if (!t.key.empty() && t.key == l.key) {
    s = 0.95;
    m = "romanization";
  } else if (!q.phonetic.empty() && q.phonetic == l.phonetic) {
    s = 0.92;
    m = "phonetic";
  } else if (!q.transliterated || std::min(t.text.size(), l.text.size()) > 5) {
    // Short tokens leave little room for a typo to be told from another
    // name ("kim"/"lim", "kyong"/"yong"), so typos are bounded in edits
    // (TypoRule), never judged by Jaro-Winkler alone.
    s = TypoRule(t.text, l.text);
    m = "fuzzy";
  }
  // Abjads write no short vowels: a bare-consonant spelling ("mhmd") meets
  // any vocalized one with the same consonants ("muhammad"), but two fully
  // spelled names never meet this way (Ehsan is not Hossein).
  if (abjad && s < 0.88 && (q.vowel_poor || l.vowel_poor) &&
      !q.skeleton.empty() && q.skeleton == l.skeleton) {
    s = 0.88;
    m = "consonants";
  }
  if (s < 0.90 && !(any && s > 0)) {
    double a = AbjadPair(q, l);
    if (a > s) {
      s = a;
      m = "abjad";
    }
  }
  if (method) *method = m;
  return s;
}

namespace {

// True when a and b share a deletion variant within their own MaxDeletes:
// exactly when the index's typo neighbourhood takes one to the other.
bool NeighbourhoodsMeet(std::string_view a, std::string_view b) {
  std::vector<std::uint64_t> va;
  ForEachDeletionHash(a, MaxDeletes(a.size()),
                      [&](std::uint64_t h) { va.push_back(h); });
  bool meet = false;
  ForEachDeletionHash(b, MaxDeletes(b.size()), [&](std::uint64_t h) {
    meet = meet || std::find(va.begin(), va.end(), h) != va.end();
  });
  return meet;
}

// A token's romanization and phonetic keys, computed on first use: the
// alignment compares each token with every adjacent pair of the other side.
// A single token's keys are known already (the index and Prepare() hold
// them); only the joined pairs' are computed.
class LazyKeys {
 public:
  explicit LazyKeys(std::string_view text) : text_(text) {}
  // `key` only when it is RomanizationKey(text) (a name token's key is; a
  // legal form's or an initial's need not be).
  LazyKeys(std::string_view text, std::optional<std::string_view> key,
           std::string_view phonetic)
      : text_(text), known_key_(key), known_phonetic_(phonetic) {}
  std::string_view text() const { return text_; }
  std::string_view key() {
    if (known_key_) return *known_key_;
    if (!key_) key_ = RomanizationKey(text_);
    return *key_;
  }
  std::string_view phonetic() {
    if (known_phonetic_) return *known_phonetic_;
    if (!phonetic_) phonetic_ = PhoneticKey(text_);
    return *phonetic_;
  }

 private:
  std::string_view text_;
  std::optional<std::string_view> known_key_, known_phonetic_;
  std::optional<std::string> key_, phonetic_;
};

// Which query token met which listed token(s) how, for one prepared query:
// ScoreName compares every query token with every token of thousands of
// names that share a few hundred tokens (abd, al, rahman), so each pair is
// compared once per query. Entries of an earlier query are told apart by a
// stamp, so starting a query clears nothing.
class PairMemo {
 public:
  struct Value {
    double similarity;
    const char* method;
  };
  // Forgets the pairs of every other query.
  void Start(std::uint64_t query) {
    if (query == query_) return;
    query_ = query;
    used_ = 0;
    if (++stamp_ == 0) {  // wrapped: stale stamps could match again
      std::fill(slots_.begin(), slots_.end(), Slot{});
      stamp_ = 1;
    }
  }
  // The value for key (a, b), computed by `compute` on first use. Past
  // kMaxPairs a query's further pairs are computed each time: the table of
  // a server's thread stays under 20 MB whatever a query reaches.
  template <typename Compute>
  Value Get(std::uint64_t a, std::uint64_t b, Compute&& compute) {
    if (used_ < kMaxPairs && 2 * (used_ + 1) > slots_.size()) Grow();
    Slot* slot = Find(a, b);  // the table is at most half full: one ends
    if (slot->stamp == stamp_) return slot->value;
    if (used_ >= kMaxPairs) return compute();
    *slot = {a, b, stamp_, compute()};
    ++used_;
    return slot->value;
  }

 private:
  static constexpr size_t kMaxPairs = size_t{1} << 18;
  struct Slot {
    std::uint64_t a = 0, b = 0;
    std::uint32_t stamp = 0;
    Value value{};
  };
  // The slot holding (a, b), or the empty one where it goes.
  Slot* Find(std::uint64_t a, std::uint64_t b) {
    const size_t mask = slots_.size() - 1;
    for (size_t i =
             ((a ^ (b * 0x9E3779B97F4A7C15ull)) * 0xFF51AFD7ED558CCDull) >> 20 &
             mask;
         ; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.stamp != stamp_ || (s.a == a && s.b == b)) return &s;
    }
  }
  void Grow() {
    std::vector<Slot> old(std::max<size_t>(256, 2 * slots_.size()));
    old.swap(slots_);
    for (const Slot& s : old)
      if (s.stamp == stamp_) *Find(s.a, s.b) = s;
  }
  std::uint64_t query_ = 0;
  std::uint32_t stamp_ = 1;
  size_t used_ = 0;
  std::vector<Slot> slots_;
};

// The thread's memo: ScoreName and Candidates' bounds share it.
thread_local PairMemo pair_memo;
enum PairKind : std::uint64_t {
  kOne = 0,     // q.tokens[i] and a listed token
  kMerged = 1,  // q.merged[i] and a listed token
  kTriple = 2,  // q.abjad_triples[i] and a listed token
  kJoined = 3   // q.tokens[i] and two adjacent listed tokens
};
std::uint64_t PairKey(PairKind kind, bool abjad, std::uint64_t i) {
  return std::uint64_t{kind} << 62 | std::uint64_t{abjad} << 61 | i;
}

// Pairs compared for earlier queries, by each thread. How a query token
// meets a listed token depends on the two tokens alone (the query token's
// text, keys, role and letters), and queries repeat their tokens (a
// server's callers and a customer file's rows: mohammed, ali, kim). With
// each query computing its pairs afresh, a /search request of the load mix
// took 7% more instructions. A direct-mapped memo under the query token's
// content as a number (TokenContentId), the listed token(s) and the index's
// generation (token ids are the index's own): the values are those computed
// afresh.
class CrossQueryMemo {
 public:
  template <typename Compute>
  PairMemo::Value Get(std::uint64_t a, std::uint64_t b,
                      std::uint64_t generation, Compute&& compute) {
    Slot& s =
        slots_[((a * 0x9E3779B97F4A7C15ull) ^ b) * 0xFF51AFD7ED558CCDull >>
               (64 - kSlotBits)];
    if (s.a != a || s.b != b || s.generation != generation)
      s = {a, b, generation, compute()};
    return s.value;
  }

 private:
  // 2.6 MB a thread. (Two ways kept a server's pairs a little better, but
  // cost a customer file's rows more than they saved.)
  static constexpr int kSlotBits = 16;
  struct Slot {
    std::uint64_t a = 0, b = 0, generation = 0;  // a is never 0 once used
    PairMemo::Value value{};
  };
  ZeroedSlots<Slot, size_t{1} << kSlotBits> slots_;
};
thread_local CrossQueryMemo cross_query_memo;

// The fields of a prepared token that the comparisons read.
bool SameContent(const PreparedToken& a, const PreparedToken& b) {
  return a.token.text == b.token.text && a.token.key == b.token.key &&
         a.token.role == b.token.role && a.phonetic == b.phonetic &&
         a.skeleton == b.skeleton && a.vowel_poor == b.vowel_poor &&
         a.transliterated == b.transliterated && a.abjad_text == b.abjad_text &&
         a.abjad_keys == b.abjad_keys;
}

// A number for what a prepared token is (SameContent), the same for the
// same content while this thread remembers it, and never given to other
// content by any thread: numbers are not reused, so a number forgotten (or
// carried to another thread by its query) only misses. Two ways by the
// text: in an unordered_map by the fields run together, numbering was
// dearer than the pairs it saved for a customer file's rows; direct-mapped,
// the few tokens of a server's callers that shared a slot took turns in it
// and missed at every query.
std::uint64_t TokenContentId(const PreparedToken& p) {
  static std::atomic<std::uint64_t> next{1};
  struct Slot {
    PreparedToken content;
    std::uint64_t id = 0;
  };
  constexpr size_t kSets = 2048;
  thread_local BlockedSlots<Slot, 2 * kSets, 16> slots;
  thread_local std::vector<std::uint8_t> older(kSets);  // the way to replace
  std::uint64_t h = 14695981039346656037ull;            // FNV-1a
  for (char c : p.token.text)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  const size_t set = (h ^ (h >> 32)) % kSets;
  for (size_t way = 0; way < 2; ++way) {
    const Slot& s = slots[2 * set + way];
    if (s.id != 0 && SameContent(s.content, p)) {
      older[set] = static_cast<std::uint8_t>(1 - way);
      return s.id;
    }
  }
  Slot& s = slots[2 * set + older[set]];
  older[set] = static_cast<std::uint8_t>(1 - older[set]);
  PreparedToken& c = s.content;
  c.token.text = p.token.text;
  c.token.key = p.token.key;
  c.token.role = p.token.role;
  c.phonetic = p.phonetic;
  c.skeleton = p.skeleton;
  c.vowel_poor = p.vowel_poor;
  c.transliterated = p.transliterated;
  c.abjad_text = p.abjad_text;
  c.abjad_keys = p.abjad_keys;
  s.id = next.fetch_add(1, std::memory_order_relaxed);
  return s.id;
}

// The content number of the query's token i of `kind`, given at its
// first comparison (a customer file's row compares few of its tokens, if
// any: most of its candidates fall below the threshold unscored).
std::uint64_t ContentIdOf(const PreparedQuery& q, PairKind kind, size_t i) {
  struct QueryContentIds {
    std::uint64_t serial = 0;
    std::vector<std::uint64_t> of_kind[3];  // tokens, merged, abjad_triples
  };
  thread_local QueryContentIds ids;
  if (ids.serial != q.serial) {
    ids.serial = q.serial;
    ids.of_kind[0].assign(q.tokens.size(), 0);
    ids.of_kind[1].assign(q.merged.size(), 0);
    ids.of_kind[2].assign(q.abjad_triples.size(), 0);
  }
  const size_t k = kind == kMerged ? 1 : kind == kTriple ? 2 : 0;
  std::uint64_t& id = ids.of_kind[k][i];
  if (id == 0)
    id = TokenContentId(k == 1   ? q.merged[i]
                        : k == 2 ? q.abjad_triples[i]
                                 : q.tokens[i]);
  return id;
}

// `compute` for the pair of `kind` of the query's token i and the listed
// token(s) `b`, remembered for the query and across queries. A query of
// serial 0 (not from Prepare()) is compared afresh: the reference the
// memos are tested against.
template <typename Compute>
PairMemo::Value Remembered(const PreparedQuery& q, PairKind kind, bool abjad,
                           size_t i, std::uint64_t b, std::uint64_t generation,
                           Compute&& compute) {
  if (q.serial == 0) return compute();
  pair_memo.Start(q.serial);
  return pair_memo.Get(PairKey(kind, abjad, i), b, [&] {
    return cross_query_memo.Get(PairKey(kind, abjad, ContentIdOf(q, kind, i)),
                                b, generation, compute);
  });
}
// TokenSimilarity of query token i and listed token `id`, remembered;
// `listed()` gives the token when it is not.
template <typename Listed>
PairMemo::Value RememberedSimilarity(const PreparedQuery& q, size_t i,
                                     TokenId id, bool abjad,
                                     std::uint64_t generation,
                                     Listed&& listed) {
  return Remembered(q, kOne, abjad, i, id, generation, [&] {
    PairMemo::Value v{0, nullptr};
    const ListedToken& l = listed();
    v.similarity = TokenSimilarity(q.tokens[i], l, abjad, &v.method);
    return v;
  });
}

// Spellings of one name as one token and as two differ in length by this
// much at most.
constexpr size_t kMaxMergedSizeDifference = 3;

// Similarity of a token to two adjacent tokens spelled as one ("jongun" /
// "jong un"), with `joined` the two texts concatenated. `listed_split`: when
// the two are listed tokens (the first one that long), a typo must sit in
// one of them with the other spelled alike, as the index finds them by
// splitting the query token; two slips spread over both parts of a short
// name are another name (Abubakar is not Abu Banat).
double MergedSimilarity(LazyKeys& one_keys, LazyKeys& joined_keys,
                        size_t listed_split = std::string_view::npos) {
  const std::string_view one = one_keys.text(), joined = joined_keys.text();
  if (one == joined) return 0.98;
  // Spellings of one name differ by a few letters at most.
  const size_t lo = std::min(one.size(), joined.size());
  const size_t hi = std::max(one.size(), joined.size());
  if (hi - lo > kMaxMergedSizeDifference) return 0.0;
  const std::string_view one_key = one_keys.key();
  if (!one_key.empty() && one_key == joined_keys.key()) return 0.95;
  if (std::min(one.size(), joined.size()) < 6) return 0.0;
  const std::string_view a = one_keys.phonetic();
  if (!a.empty() && a == joined_keys.phonetic()) return 0.92;
  const double typo = TypoRule(one, joined) * 0.98;
  if (typo == 0 || listed_split == std::string_view::npos) return typo;
  const std::string_view first = joined.substr(0, listed_split);
  const std::string_view second = joined.substr(listed_split);
  const bool in_second = one.size() > first.size() &&
                         one.substr(0, first.size()) == first &&
                         NeighbourhoodsMeet(one.substr(first.size()), second);
  const bool in_first =
      one.size() > second.size() &&
      one.substr(one.size() - second.size()) == second &&
      NeighbourhoodsMeet(one.substr(0, one.size() - second.size()), first);
  return in_first || in_second ? typo : 0.0;
}

// A token's romanization key as LazyKeys may take it: a name token's is
// RomanizationKey(text), another role's need not be.
std::optional<std::string_view> KnownKey(TokenRole role, std::string_view key) {
  return role == TokenRole::kName ? std::optional<std::string_view>(key)
                                  : std::nullopt;
}

using LetterForms = std::vector<std::pair<std::string, std::string>>;

// `forms`: for an abjad-script query, the letters behind its tokens, in
// order; `next_form` the first not yet taken. One spelling may stand for
// other letters further on (the article is "aL" before a sun letter).
// Fills `p`, fresh, in place: a prepared token is seven strings, and
// moving them was 1.1% of screening a row.
void MakeQueryToken(NameToken&& t, const NameIndex& index,
                    const LetterForms* forms, size_t* next_form,
                    PreparedToken* out) {
  PreparedToken& p = *out;
  if (forms) {
    auto take = [&](size_t from, bool advance) {
      for (size_t k = from; k < forms->size(); ++k) {
        const auto& [text, letters] = (*forms)[k];
        if (text != t.text) continue;
        // A particle's letters only count joined to a name (the merged
        // pair in Prepare(): الصيد al + sid, Elsseid), never alone.
        p.abjad_text = letters;
        if (IsIdentifying(t.role)) p.abjad_keys = AbjadQueryKeys(letters);
        if (advance) *next_form = k + 1;
        return true;
      }
      return false;
    };
    if (!next_form || !take(*next_form, true)) take(0, false);
  }
  p.weight = index.QueryTokenWeight(t);
  p.missing_weight =
      (IsPatronymic(t.text) ? kListedMissingWeight : 1.0) * p.weight;
  p.identifying = IsIdentifying(t.role);
  const PhoneticKeys& keys = PhoneticKeysOf(t.text);
  p.phonetic = keys.phonetic;
  p.skeleton = keys.skeleton;
  p.vowel_poor = IsVowelPoor(t.text);
  p.token = std::move(t);
}

// Query tokens spelled together (PreparedQuery::merged, abjad_triples) with
// what their probes and MergedSimilarity read: the text, the keys and the
// phonetic key. Nearly every row of a customer file brings new ones, and
// meets no listed token with them; a weight, a skeleton and a vowel count
// would be read by nothing.
// (`p->token` holds the joined text and its key already.)
void MakeJoinedToken(PreparedToken* p) {
  p->phonetic = PhoneticKey(p->token.text);
}

// Three words of an abjad query as one when a particle joins two names:
// the Latin spelling runs them together (عبد الحافظ Abdelhafid).
void AbjadTripleProbe(const PreparedToken& a, const PreparedToken& b,
                      const PreparedToken& c, PreparedToken* out) {
  PreparedToken& p = *out;
  NameToken& joined = p.token;
  joined.text.assign(a.token.text).append(b.token.text).append(c.token.text);
  if (!a.identifying || !c.identifying ||
      b.token.role != TokenRole::kParticle || a.abjad_text.empty() ||
      b.abjad_text.empty() || c.abjad_text.empty())
    return;
  // Prepared once, for the index's probe and every name's alignment.
  joined.key = RomanizationKeyOfNew(joined.text);
  MakeJoinedToken(&p);
  p.abjad_text = a.abjad_text + b.abjad_text + c.abjad_text;
  p.abjad_keys = AbjadQueryKeys(p.abjad_text);
}

}  // namespace

PreparedQuery Matcher::Prepare(const std::string& name) const {
  PreparedQuery q;
  Prepare(name, &q);
  return q;
}

void Matcher::Prepare(const std::string& name, PreparedQuery* out) const {
  static std::atomic<std::uint64_t> next_serial{1};
  PreparedQuery& q = *out;
  q.tokens.clear();
  q.abjad_triples.clear();
  q.merged.clear();
  q.total_weight = 0;
  q.serial = next_serial.fetch_add(1, std::memory_order_relaxed);
  q.abjad = HasAbjadLetters(name);
  const bool cjk = HasCjkLetters(name);
  NormalizedName norm = NormalizeName(name);
  LetterForms forms;
  if (q.abjad) forms = std::move(norm.arabic_forms);
  size_t next_form = 0;
  bool any_identifying = false;
  // Grown one token at a time, the vectors moved every token already in
  // (a prepared token is six strings): 0.8% of screening a row.
  q.tokens.reserve(norm.tokens.size());
  if (!norm.tokens.empty()) q.merged.reserve(norm.tokens.size() - 1);
  if (q.abjad && norm.tokens.size() > 2)
    q.abjad_triples.reserve(norm.tokens.size() - 2);
  // Each token's weight is looked up in the index: a cache miss or three
  // apiece, overlapped when hinted together.
  for (const NameToken& t : norm.tokens) index_.PrefetchToken(t.text);
  for (NameToken& t : norm.tokens) {
    PreparedToken& p = q.tokens.emplace_back();
    MakeQueryToken(std::move(t), index_, q.abjad ? &forms : nullptr, &next_form,
                   &p);
    p.transliterated = cjk;
    any_identifying |= p.identifying;
  }
  // A query of generic words only ("Global Trading") is its own name.
  if (!any_identifying)
    for (PreparedToken& p : q.tokens)
      p.identifying = p.token.role == TokenRole::kGeneric;
  for (const PreparedToken& p : q.tokens) q.total_weight += p.weight;
  if (q.abjad) {
    for (size_t i = 0; i + 2 < q.tokens.size(); ++i)
      AbjadTripleProbe(q.tokens[i], q.tokens[i + 1], q.tokens[i + 2],
                       &q.abjad_triples.emplace_back());
  }
  for (size_t i = 0; i + 1 < q.tokens.size(); ++i) {
    const PreparedToken& p = q.tokens[i];
    const PreparedToken& n = q.tokens[i + 1];
    if (!CanMerge(p.token.role) || !CanMerge(n.token.role) ||
        !(p.identifying || n.identifying)) {
      q.merged.emplace_back();
      continue;
    }
    PreparedToken& mp = q.merged.emplace_back();
    NameToken& joined = mp.token;
    joined.text.assign(p.token.text).append(n.token.text);
    joined.key = RomanizationKeyOfNew(joined.text);
    MakeJoinedToken(&mp);
    mp.transliterated = p.transliterated;
    // Two words of an abjad query as one, as Latin spellings often join
    // them (عزت الله Ezatullah, جلال الدين Jalaluddin): keys only when both
    // tokens came from words.
    if (!p.abjad_text.empty() && !n.abjad_text.empty()) {
      mp.abjad_text = p.abjad_text + n.abjad_text;
      mp.abjad_keys = AbjadQueryKeys(mp.abjad_text);
    }
  }
}

namespace {

// The keys of two adjacent listed tokens spelled together, `a` then `b`,
// remembered by each thread: every query that compares a token with a
// listed pair computed the pair's romanization and phonetic keys again
// (8% of a threshold-0 search of a customer's name), and the pairs of the
// names that searches reach recur from query to query. A pure memo: the
// same keys with or without it. Up to kMaxPairs (about 20 MB a thread),
// then emptied; emptied too for another index, whose ids name other
// tokens.
LazyKeys& JoinedListedKeys(std::uint64_t generation, TokenId a, TokenId b,
                           std::string_view a_text, std::string_view b_text) {
  struct Joined {
    std::string text;
    std::optional<LazyKeys> keys;  // over `text`, which the node keeps put
  };
  struct Cache {
    std::uint64_t generation = 0;
    std::unordered_map<std::uint64_t, Joined> pairs;
  };
  constexpr size_t kMaxPairs = 100000;
  thread_local Cache cache;
  if (cache.generation != generation || cache.pairs.size() >= kMaxPairs) {
    cache.pairs.clear();
    cache.generation = generation;
  }
  auto [it, inserted] = cache.pairs.try_emplace(std::uint64_t{a} << 32 | b);
  Joined& j = it->second;
  if (inserted) {
    j.text.assign(a_text).append(b_text);
    j.keys.emplace(j.text);
  }
  return *j.keys;
}

}  // namespace

double Matcher::ScoreName(const PreparedQuery& q, NameId name_id,
                          Explanation* ex, AlignmentRecord* record) const {
  if (record) record->steps = AlignmentRecord::kMaxSteps + 1;
  const IndexedName& name = index_.names()[name_id];
  const TokenId* lt = index_.name_tokens(name);
  // The alignment reads each listed token many times: decode them once.
  thread_local std::vector<ListedToken> listed;
  listed.clear();
  for (size_t j = 0; j < name.token_count; ++j)
    listed.push_back(index_.token(lt[j]));
  auto tok = [&](size_t j) -> const ListedToken& { return listed[j]; };
  const size_t nq = q.tokens.size(), nl = name.token_count;
  if (nq == 0 || nl == 0 || q.total_weight <= 0 || name.total_weight <= 0)
    return 0;
  const bool abjad = q.abjad || name.abjad;
  bool listed_identifying = false;
  for (size_t j = 0; j < nl; ++j)
    listed_identifying |= IsIdentifying(tok(j).role);

  // Scratch reused by each thread's calls (thousands per query at a low
  // threshold): no allocation once warm.
  thread_local std::vector<Pair> pairs;
  pairs.clear();
  // Keys of the memo: what is compared (a query token, two spelled as one,
  // three; with a listed token or two adjacent ones), the query token and
  // the listed token ids.
  const std::uint64_t generation = index_.generation();
  for (size_t i = 0; i < nq; ++i) {
    for (size_t j = 0; j < nl; ++j) {
      const auto [s, method] =
          RememberedSimilarity(q, i, lt[j], abjad, generation,
                               [&]() -> const ListedToken& { return tok(j); });
      if (s > 0)
        pairs.push_back({s, static_cast<std::uint16_t>(i), 1,
                         static_cast<std::uint16_t>(j), 1, method});
    }
  }
  // Merged and split tokens: two adjacent tokens on one side against one on
  // the other. At least one of the two must be a name ("al"+"habbo").
  thread_local std::vector<LazyKeys> query_keys, listed_keys;
  query_keys.clear();
  listed_keys.clear();
  for (size_t i = 0; i < nq; ++i) {
    const PreparedToken& p = q.tokens[i];
    query_keys.emplace_back(p.token.text, KnownKey(p.token.role, p.token.key),
                            p.phonetic);
  }
  for (size_t j = 0; j < nl; ++j) {
    const ListedToken& l = tok(j);
    listed_keys.emplace_back(l.text, KnownKey(l.role, l.key), l.phonetic);
  }
  bool any_merged = false;
  for (size_t i = 0; i < q.merged.size(); ++i) {
    const PreparedToken& m = q.merged[i];
    if (m.token.text.empty()) continue;
    LazyKeys joined_keys(m.token.text, m.token.key, m.phonetic);
    for (size_t j = 0; j < nl; ++j) {
      if (!IsIdentifying(tok(j).role)) continue;
      const double s =
          Remembered(q, kMerged, abjad, i, lt[j], generation, [&] {
            return PairMemo::Value{
                std::max(MergedSimilarity(listed_keys[j], joined_keys),
                         AbjadPair(m, tok(j))),
                "merged"};
          }).similarity;
      if (s > 0) {
        pairs.push_back({s, static_cast<std::uint16_t>(i), 2,
                         static_cast<std::uint16_t>(j), 1, "merged"});
        any_merged = true;
      }
    }
  }
  for (size_t i = 0; i < q.abjad_triples.size(); ++i) {
    if (q.abjad_triples[i].abjad_keys.empty()) continue;
    for (size_t j = 0; j < nl; ++j) {
      if (!IsIdentifying(tok(j).role)) continue;
      const double s = Remembered(q, kTriple, abjad, i, lt[j], generation, [&] {
                         return PairMemo::Value{
                             AbjadPair(q.abjad_triples[i], tok(j)), "merged"};
                       }).similarity;
      if (s > 0) {
        pairs.push_back({s, static_cast<std::uint16_t>(i), 3,
                         static_cast<std::uint16_t>(j), 1, "merged"});
        any_merged = true;
      }
    }
  }
  for (size_t j = 0; j + 1 < nl; ++j) {
    const ListedToken& a = tok(j);
    const ListedToken& b = tok(j + 1);
    if (!CanMerge(a.role) || !CanMerge(b.role) ||
        !(IsIdentifying(a.role) || IsIdentifying(b.role)))
      continue;
    // Joined only when some pair is not remembered.
    LazyKeys* joined_keys = nullptr;
    const size_t joined_size = a.text.size() + b.text.size();
    for (size_t i = 0; i < nq; ++i) {
      // MergedSimilarity's first test, before the memo: spellings of one
      // name differ by a few letters at most.
      const size_t size = q.tokens[i].token.text.size();
      if (!q.tokens[i].identifying ||
          std::max(size, joined_size) - std::min(size, joined_size) >
              kMaxMergedSizeDifference)
        continue;
      const double s =
          Remembered(q, kJoined, abjad, i,
                     std::uint64_t{lt[j]} << 32 | lt[j + 1], generation,
                     [&] {
                       if (joined_keys == nullptr)
                         joined_keys =
                             &JoinedListedKeys(index_.generation(), lt[j],
                                               lt[j + 1], a.text, b.text);
                       return PairMemo::Value{
                           MergedSimilarity(query_keys[i], *joined_keys,
                                            a.text.size()),
                           "merged"};
                     })
              .similarity;
      if (s > 0) {
        pairs.push_back({s, static_cast<std::uint16_t>(i), 1,
                         static_cast<std::uint16_t>(j), 2, "merged"});
        any_merged = true;
      }
    }
  }
  // Two tokens against two with the space elsewhere ("arefullaha ref" /
  // "arefullah aref", "myongc hin" / "myong chin"): the letters agree.
  for (size_t i = 0; i + 1 < nq; ++i) {
    const NameToken& a = q.tokens[i].token;
    const NameToken& b = q.tokens[i + 1].token;
    if (!CanMerge(a.role) || !CanMerge(b.role) ||
        !(q.tokens[i].identifying || q.tokens[i + 1].identifying))
      continue;
    const size_t len = a.text.size() + b.text.size();
    for (size_t j = 0; j + 1 < nl; ++j) {
      const ListedToken& c = tok(j);
      const ListedToken& d = tok(j + 1);
      if (c.text.size() == a.text.size() ||
          c.text.size() + d.text.size() != len || !CanMerge(c.role) ||
          !CanMerge(d.role) ||
          !(IsIdentifying(c.role) || IsIdentifying(d.role)))
        continue;
      // The letters agree: compare the two joined strings piecewise.
      auto at = [](std::string_view x, std::string_view y, size_t k) {
        return k < x.size() ? x[k] : y[k - x.size()];
      };
      bool same = true;
      for (size_t k = 0; k < len && same; ++k)
        same = at(a.text, b.text, k) == at(c.text, d.text, k);
      if (!same) continue;
      pairs.push_back({0.95, static_cast<std::uint16_t>(i), 2,
                       static_cast<std::uint16_t>(j), 2, "split"});
      any_merged = true;
    }
  }
  std::sort(pairs.begin(), pairs.end(), PairBefore);

  // Greedy one-to-one alignment, best pairs first. When merged pairs exist,
  // a second pass tries them first ("salmanraouf" vs "salman raouf" loses
  // to the exact "salman" otherwise) and the better alignment wins.
  struct Alignment {
    std::vector<char> q_used, l_used;
    std::vector<const Pair*> chosen;
    double matched = 0, aligned = 0;  // similarity-weighted, and at 1.0
    bool evidence = false;
    double score = 0, denominator = 0;
  };
  // Both alignments are the thread's scratch too.
  thread_local std::array<Alignment, 2> alignments;
  auto align = [&](bool merged_first) -> Alignment& {
    Alignment& a = alignments[merged_first ? 1 : 0];
    a.q_used.assign(nq, 0);
    a.l_used.assign(nl, 0);
    a.chosen.clear();
    a.matched = a.aligned = a.score = a.denominator = 0;
    a.evidence = false;
    for (int pass = merged_first ? 0 : 1; pass < 2; ++pass) {
      for (const Pair& p : pairs) {
        bool is_merged = p.qn + p.ln > 2;
        if (merged_first && pass == 0 && !is_merged) continue;
        bool free = true;
        for (int k = 0; k < p.qn; ++k) free &= !a.q_used[p.qi + k];
        for (int k = 0; k < p.ln; ++k) free &= !a.l_used[p.lj + k];
        if (!free) continue;
        double wq = 0, wl = 0;
        bool q_ident = false, l_ident = false;
        for (int k = 0; k < p.qn; ++k) {
          a.q_used[p.qi + k] = 1;
          wq += q.tokens[p.qi + k].weight;
          q_ident |= q.tokens[p.qi + k].identifying;
        }
        for (int k = 0; k < p.ln; ++k) {
          a.l_used[p.lj + k] = 1;
          const ListedToken& info = tok(p.lj + k);
          wl += info.weight;
          l_ident |= IsIdentifying(info.role) ||
                     (!listed_identifying && info.role == TokenRole::kGeneric);
        }
        a.evidence |= q_ident && l_ident;
        double w = (wq + wl) / 2;
        a.matched += p.sim * w;
        a.aligned += w;
        a.chosen.push_back(&p);
      }
    }
    double missing_q = 0, missing_l = 0;
    for (size_t i = 0; i < nq; ++i) {
      if (a.q_used[i]) continue;
      // A patronymic the listing omits costs what a missing listed token
      // does ("Konstantin Igorevich Abashkin" vs "Abashkin Konstantin").
      missing_q += q.tokens[i].missing_weight;
    }
    for (size_t j = 0; j < nl; ++j)
      if (!a.l_used[j]) missing_l += tok(j).weight;
    a.denominator = a.aligned + missing_q + kListedMissingWeight * missing_l;
    // A legal form or a generic word alone never makes a match.
    if (a.evidence && a.denominator > 0)
      a.score = std::clamp(a.matched / a.denominator, 0.0, 1.0);
    return a;
  };
  const Alignment* chosen = &align(false);
  if (any_merged) {
    const Alignment& other = align(true);
    if (other.score > chosen->score) chosen = &other;
  }
  const Alignment& best = *chosen;
  if (record) {
    record->score = best.score;
    record->denominator = best.denominator;
    record->steps = best.chosen.size();
    if (record->kept())
      for (size_t k = 0; k < best.chosen.size(); ++k)
        record->step[k] = *best.chosen[k];
  }
  if (ex) {
    thread_local std::vector<Pair> steps;
    steps.clear();
    for (const Pair* p : best.chosen) steps.push_back(*p);
    ExplainSteps(q, name_id, best.score, best.denominator, steps, ex);
  }
  return best.score;
}

void Matcher::Explain(const PreparedQuery& q, NameId name,
                      const AlignmentRecord& r, Explanation* ex) const {
  ExplainSteps(q, name, r.score, r.denominator,
               std::span<const AlignedPair>(r.step.data(), r.steps), ex);
}

void Matcher::ExplainSteps(const PreparedQuery& q, NameId name, double score,
                           double denominator,
                           std::span<const AlignedPair> steps,
                           Explanation* ex) const {
  const IndexedName& in = index_.names()[name];
  const TokenId* lt = index_.name_tokens(in);
  const size_t nq = q.tokens.size(), nl = in.token_count;
  // A token is aligned when a step covers it.
  thread_local std::vector<char> q_used, l_used;
  q_used.assign(nq, 0);
  l_used.assign(nl, 0);
  ex->name_score = score;
  ex->tokens.reserve(ex->tokens.size() + steps.size());
  for (const AlignedPair& p : steps) {
    TokenAlignment& a = ex->tokens.emplace_back();
    double wq = 0, wl = 0;
    for (int k = 0; k < p.qn; ++k) {
      if (k) a.query_token += '+';
      a.query_token += q.tokens[p.qi + k].token.text;
      wq += q.tokens[p.qi + k].weight;
      q_used[p.qi + k] = 1;
    }
    for (int k = 0; k < p.ln; ++k) {
      const ListedToken l = index_.token(lt[p.lj + k]);
      if (k) a.listed_token += '+';
      a.listed_token += l.text;
      wl += l.weight;
      l_used[p.lj + k] = 1;
    }
    a.similarity = p.sim;
    a.weight = denominator > 0 ? p.sim * (wq + wl) / 2 / denominator : 0;
    a.method = p.method;
  }
  for (size_t i = 0; i < nq; ++i)
    if (!q_used[i] && q.tokens[i].token.role != TokenRole::kHonorific)
      ex->unmatched_query_tokens.push_back(q.tokens[i].token.text);
  for (size_t j = 0; j < nl; ++j) {
    if (l_used[j]) continue;
    const ListedToken l = index_.token(lt[j]);
    if (l.role != TokenRole::kHonorific)
      ex->unmatched_listed_tokens.emplace_back(l.text);
  }
}

void SortByNameKeepHeaviest(std::vector<NameIndex::PairName>* names) {
  using PairName = NameIndex::PairName;
  std::vector<PairName>& v = *names;
  // Below a few thousand, the comparison sort is as quick.
  constexpr size_t kRadixFrom = 2048;
  if (v.size() < kRadixFrom) {
    std::sort(v.begin(), v.end(), [](const PairName& a, const PairName& b) {
      return a.name != b.name ? a.name < b.name : a.weight > b.weight;
    });
    v.erase(std::unique(v.begin(), v.end(),
                        [](const PairName& a, const PairName& b) {
                          return a.name == b.name;
                        }),
            v.end());
    return;
  }
  // Least significant digit first, as few passes of up to 12 bits as the
  // largest name needs (two to 16.7 million names), their counts taken in
  // one read: each pass is stable, so names end up in order, their
  // weights in no particular one.
  constexpr int kMaxBits = 12;
  NameId most = 0;
  for (const PairName& p : v) most = std::max(most, p.name);
  const int width = std::max(1, static_cast<int>(std::bit_width(most)));
  const int passes = (width + kMaxBits - 1) / kMaxBits;
  const int bits = (width + passes - 1) / passes;
  const NameId digit = (NameId{1} << bits) - 1;
  const size_t n = v.size();
  thread_local std::vector<std::uint32_t> start;
  start.assign(static_cast<size_t>(passes) << bits, 0);
  for (const PairName& p : v)
    for (int pass = 0; pass < passes; ++pass)
      ++start[(static_cast<size_t>(pass) << bits) +
              ((p.name >> (pass * bits)) & digit)];
  // (Passes go back and forth between `v` and a buffer of the thread's,
  // never swapped: `v` may be kept, and must not keep another's capacity.)
  thread_local std::vector<PairName> other;
  other.resize(n);
  PairName* from = v.data();
  PairName* to = other.data();
  for (int pass = 0; pass < passes; ++pass) {
    std::uint32_t* const count =
        start.data() + (static_cast<size_t>(pass) << bits);
    std::uint32_t at = 0;
    for (NameId d = 0; d <= digit; ++d) at += std::exchange(count[d], at);
    const int shift = pass * bits;
    for (size_t i = 0; i < n; ++i)
      to[count[(from[i].name >> shift) & digit]++] = from[i];
    std::swap(from, to);
  }
  if (from != v.data()) std::copy(from, from + n, v.data());
  size_t kept = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (kept > 0 && v[kept - 1].name == v[i].name)
      v[kept - 1].weight = std::max(v[kept - 1].weight, v[i].weight);
    else
      v[kept++] = v[i];
  }
  v.resize(kept);
}

void Matcher::SplitNames(const PreparedToken& probe,
                         std::vector<NameIndex::PairName>* out) const {
  // What MergedSimilarity accepts of one token against two listed ones:
  // the same letters or romanization key (0.95 and up; equal letters have
  // equal keys), the phonetic key or a typo in one listed part with the
  // other spelled alike (six letters or more).
  const NameToken& t = probe.token;
  const std::string key =
      t.role == TokenRole::kName ? t.key : RomanizationKey(t.text);
  if (!key.empty()) index_.NamesWithJoinedKey(key, out);
  // Splitting costs the square of the length; no name is that long.
  if (t.text.size() >= 6 && t.text.size() <= kMaxTypoTokenLength) {
    if (!probe.phonetic.empty())
      index_.NamesWithJoinedPhonetic(probe.phonetic, out);
    // Each thread's, kept with its capacity: allocated at every call, it
    // took 0.6% of the first 20,000 rows' instructions.
    thread_local std::vector<TokenId> fuzzy;
    auto typos_of = [&](std::string_view half, std::uint8_t side) {
      fuzzy.clear();
      index_.TyposOf(half, &fuzzy);
      std::erase_if(fuzzy,
                    [&](TokenId x) { return !(index_.pair_sides(x) & side); });
      std::sort(fuzzy.begin(), fuzzy.end());
      fuzzy.erase(std::unique(fuzzy.begin(), fuzzy.end()), fuzzy.end());
    };
    auto add = [&](TokenId a, TokenId b) {
      const float weight = index_.pair_weight(a, b);
      for (NameId n : index_.NamesWithPair(a, b)) out->push_back({n, weight});
    };
    const std::string_view text = t.text;
    std::array<TokenId, kMaxTypoTokenLength> firsts, seconds;
    index_.FindSplitTokens(text, std::span(firsts).first(text.size() - 1),
                           std::span(seconds).first(text.size() - 1));
    for (size_t k = 1; k < text.size(); ++k) {
      const std::string_view l = text.substr(0, k), r = text.substr(k);
      TokenId a = firsts[k - 1], b = seconds[k - 1];
      if (a != kNoToken && !(index_.pair_sides(a) & kPairFirst)) a = kNoToken;
      if (b != kNoToken && !(index_.pair_sides(b) & kPairSecond)) b = kNoToken;
      if (a != kNoToken) {
        typos_of(r, kPairSecond);
        for (TokenId x : fuzzy) add(a, x);
      }
      if (b != kNoToken) {
        typos_of(l, kPairFirst);
        for (TokenId x : fuzzy) add(x, b);
      }
    }
  }
}

namespace {

// Matcher::UpperBoundParts(), inlined where every candidate is bound (a
// tenth of a threshold-0 search's instructions were the calls).
[[gnu::always_inline]] inline Matcher::BoundParts BoundPartsOf(
    const PreparedQuery& q, std::uint64_t hit_mask, std::uint64_t pairs,
    std::uint64_t granted, std::span<const double> partner) {
  Matcher::BoundParts b;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const bool reached = i < 64 && ((hit_mask >> i) & 1u);
    // Tokens the index does not look up (initials) may still align in
    // scoring, so they are granted a partner too.
    if (reached || i >= 64 || ((granted >> i) & 1u)) {
      // A partner weighs at most 1, or what the token's probes reach, or
      // is two listed tokens spelled together ("jongun" / "jong un").
      double cap = 1.0;
      if (i < 64 && ((pairs >> i) & 1u))
        cap = 2.0;
      else if (reached && i < partner.size())
        cap = partner[i];
      b.aligned += (q.tokens[i].weight + cap) / 2;
      b.partners += cap;
    } else {
      b.missing += q.tokens[i].missing_weight;
    }
  }
  return b;
}

}  // namespace

double Matcher::Candidates(const PreparedQuery& q, double prune_below,
                           std::vector<Candidate>* out, double guess,
                           const CandidateWalk& how) const {
  out->clear();
  // Customer files repeat tokens (john, mohammed, smith) endlessly; the
  // listed tokens a query token reaches depend on nothing else, so each
  // thread remembers them. A pure memo: results are the same with or without.
  struct Reach {
    std::vector<TokenId> tokens;  // listed tokens similar to the probe
    // Names holding two adjacent tokens the probe may be spelled together
    // ("jongun" for "jong un"), found by splitting the probe, each once
    // with its heaviest such pair's weight.
    std::vector<NameIndex::PairName> split_names;
    // The heaviest listed token it reaches: the most a partner may weigh.
    float max_weight = 0;
    // Those of `tokens` some name holds where they are no evidence (an
    // initial, a legal form, a particle: NameIndex::weak_postings), and the
    // heaviest of them.
    std::vector<TokenId> weak_tokens;
    float weak_weight = 0;
    // The postings each would walk: of `tokens` and `split_names`, and the
    // weak postings of `weak_tokens`.
    size_t cost = 0, weak_cost = 0;
    // The same of the tokens that are not common (NameIndex::common()),
    // which a walk of common pairs walks whole.
    size_t rare_cost = 0, rare_weak_cost = 0;
  };
  // Apart: a token's reach returns row after row, while most pairs of
  // tokens spelled together are new in every row of a customer file. Kept
  // in one map, the pairs filled it every hundred thousand rows or so, and
  // clearing it lost the tokens' reaches with theirs.
  struct TokenCache {
    std::uint64_t generation = 0;
    FlatMemo<Reach> tokens, joined;
  };
  constexpr size_t kMaxCachedTokens = 150000, kMaxCachedJoined = 50000;
  thread_local TokenCache cache;
  if (cache.generation != index_.generation()) {
    cache.tokens.clear();
    cache.joined.clear();
    cache.generation = index_.generation();
  }
  if (cache.tokens.size() > kMaxCachedTokens) cache.tokens.clear();
  if (cache.joined.size() > kMaxCachedJoined) cache.joined.clear();
  // Every query calls this: the scratch below is each thread's, kept
  // between calls with its capacity (allocating it anew was a tenth of a
  // /search query's allocations).
  thread_local std::vector<TokenId> found;
  // Each probe's reach, the query tokens it stands for, the heaviest
  // partner it may give them and the postings it would walk. A reach is
  // walked as two probes: the postings of its tokens, and apart (`weak`)
  // the names holding them in a weak role, which MaxScore below may leave
  // out on their own.
  struct Probe {
    const Reach* reach;
    std::uint64_t bits;
    double cap;
    size_t cost;
    bool mark_only;  // never adds names, only marks those found
    bool weak;
  };
  thread_local std::vector<Probe> probes;
  probes.clear();
  // The query tokens of probes that reach names by a split: one token that
  // may be two listed tokens spelled together somewhere, or two that may
  // be two listed tokens split elsewhere; the tokens whose probes only
  // mark.
  std::uint64_t split_bits = 0, mark_only_bits = 0;
  // The probes are planned first, each with its key in the memo: their
  // lookups' cache misses then overlap (looked up one after another, the
  // memo's slots and entries were 6% of screening a customer row, perf).
  // `mark_only`: a token that identifies nothing (a legal form, a generic
  // word, a particle) only tells which candidates hold a partner for it.
  // `apart`: for two query tokens spelled together, the first one's length
  // (ScoreName splits them elsewhere only); 0 for three.
  struct Visit {
    const PreparedToken* probe;
    bool merged;
    std::uint64_t bits;
    bool mark_only;
    size_t apart;
    std::uint64_t hash;
  };
  thread_local std::vector<Visit> visits;
  thread_local std::vector<std::string> visit_keys;  // kept with capacity
  visits.clear();
  // Single tokens' reaches and those of tokens spelled together are kept
  // apart (TokenCache).
  auto memo_of = [&](bool merged) -> FlatMemo<Reach>& {
    return merged ? cache.joined : cache.tokens;
  };
  auto plan_visit = [&](const PreparedToken& probe, bool merged,
                        std::uint64_t bits, bool mark_only = false,
                        size_t apart = 0) {
    const NameToken& t = probe.token;
    if (visit_keys.size() <= visits.size()) visit_keys.emplace_back();
    std::string& key = visit_keys[visits.size()];
    key.assign(t.text);
    key += '\0';
    key += t.key;
    key += static_cast<char>('0' + static_cast<int>(t.role));
    key += q.abjad ? 'a' : 'l';
    key += merged ? 'm' : mark_only ? 'k' : 's';
    key += probe.transliterated ? 't' : 'n';
    if (merged) key += std::to_string(apart);
    key += '\0';
    key += probe.abjad_text;
    const std::uint64_t hash = FlatMemo<Reach>::Hash(key);
    memo_of(merged).Prefetch(hash);
    visits.push_back({&probe, merged, bits, mark_only, apart, hash});
  };
  auto visit = [&](const Visit& v, const std::string& cache_key) {
    const PreparedToken& probe = *v.probe;
    const bool merged = v.merged, mark_only = v.mark_only;
    const std::uint64_t bits = v.bits;
    const size_t apart = v.apart;
    const NameToken& t = probe.token;
    auto [at, inserted] = memo_of(merged).TryEmplace(cache_key, v.hash);
    Reach& reach = *at;
    if (inserted) {
      found.clear();
      auto add = [&](std::span<const TokenId> v) {
        found.insert(found.end(), v.begin(), v.end());
      };
      // Only what may be kept below is looked up: MergedSimilarity meets
      // no skeleton and no initial (and TyposOf reaches every typo it
      // allows).
      TokenId exact = index_.FindToken(t.text);
      if (exact != kNoToken) found.push_back(exact);
      add(index_.TokensWithKey(t.key));
      add(index_.TokensWithPhonetic(probe.phonetic));
      // A bare-consonant query token may meet any spelling; a spelled one
      // only bare-consonant listed tokens (from listed names in an abjad).
      if (!merged)
        add(index_.TokensWithSkeleton(probe.skeleton, !probe.vowel_poor));
      for (const std::string& k : probe.abjad_keys)
        add(index_.TokensWithAbjadKey(k));
      index_.TyposOf(t.text, &found);
      // A listed initial stands for any name with its first letter.
      if (t.text.size() > 1 && !merged) {
        TokenId initial = index_.FindToken(t.text.substr(0, 1));
        if (initial != kNoToken) found.push_back(initial);
      }
      std::sort(found.begin(), found.end());
      found.erase(std::unique(found.begin(), found.end()), found.end());
      // A merged probe (or triple) holds its joined text's keys, and a
      // listed token its own: none is computed again per token found.
      LazyKeys probe_keys(t.text, t.key, probe.phonetic);
      for (TokenId id : found) {
        const ListedToken l = index_.token(id);
        bool keep = false;
        if (merged) {
          LazyKeys listed_keys(l.text, KnownKey(l.role, l.key), l.phonetic);
          keep = MergedSimilarity(listed_keys, probe_keys) > 0 ||
                 AbjadPair(probe, l) > 0;
        } else {
          keep = TokenSimilarity(probe, l, /*abjad=*/true, nullptr,
                                 /*any=*/true) > 0;
        }
        if (!keep) continue;
        reach.tokens.push_back(id);
        reach.max_weight = std::max(reach.max_weight, l.weight);
        if (!index_.weak_postings(id).empty()) {
          reach.weak_tokens.push_back(id);
          reach.weak_weight = std::max(reach.weak_weight, l.weight);
        }
      }
      // One token may be two listed tokens spelled together ("jongun" for
      // "jong un"); two may be the same letters split elsewhere
      // ("arefullaha ref" for "arefullah aref"), never three.
      std::vector<NameIndex::PairName>& split = reach.split_names;
      // (ScoreName aligns two query tokens with two listed tokens split
      // elsewhere only when the letters are the same.)
      if (merged && apart != 0)
        index_.NamesSpelledApart(t.text, t.key, apart, &split);
      else if (!merged && !mark_only)
        SplitNames(probe, &split);
      SortByNameKeepHeaviest(&split);
      reach.cost = split.size();
      reach.rare_cost = split.size();
      for (TokenId id : reach.tokens) {
        reach.cost += index_.postings(id).size();
        if (!index_.common(id)) reach.rare_cost += index_.postings(id).size();
      }
      for (TokenId id : reach.weak_tokens) {
        reach.weak_cost += index_.weak_postings(id).size();
        if (!index_.common(id))
          reach.rare_weak_cost += index_.weak_postings(id).size();
      }
    }
    probes.push_back(
        {&reach, bits, reach.max_weight, reach.cost, mark_only, false});
    if (mark_only) {
      mark_only_bits |= bits;
      return;
    }
    if (!reach.split_names.empty()) split_bits |= bits;
    if (!reach.weak_tokens.empty())
      probes.push_back(
          {&reach, bits, reach.weak_weight, reach.weak_cost, false, true});
  };
  auto bit = [](size_t i) {
    return i < 64 ? std::uint64_t{1} << i : std::uint64_t{0};
  };
  // Query tokens that may align with any listed token and are not looked
  // up: initials (any name with that first letter), and past the 64th.
  std::uint64_t granted = 0;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const PreparedToken& p = q.tokens[i];
    if (p.identifying)
      plan_visit(p, false, bit(i));
    else if (p.token.role != TokenRole::kInitial && p.token.text.size() > 1)
      plan_visit(p, false, bit(i), /*mark_only=*/true);
    else
      granted |= bit(i);
    // "kyong su" against a listed "kyongsu"; "al habbo" against "alhabbo".
    if (i < q.merged.size() && !q.merged[i].token.text.empty())
      plan_visit(q.merged[i], true, bit(i) | bit(i + 1), false,
                 q.tokens[i].token.text.size());
    // "abd al hafiz" against a listed "abdelhafid".
    if (i < q.abjad_triples.size() && !q.abjad_triples[i].abjad_keys.empty())
      plan_visit(q.abjad_triples[i], true, bit(i) | bit(i + 1) | bit(i + 2));
  }
  for (const Visit& v : visits) memo_of(v.merged).PrefetchEntry(v.hash);
  for (size_t k = 0; k < visits.size(); ++k) visit(visits[k], visit_keys[k]);
  // Raises cap[i] to `w` for every query token i in `bits`.
  // (`cap`: a vector, or a span over a row of caps.)
  auto raise = [](auto&& cap, std::uint64_t bits, double w) {
    for (; bits != 0; bits &= bits - 1) {
      const auto i = static_cast<size_t>(std::countr_zero(bits));
      if (i < cap.size()) cap[i] = std::max(cap[i], w);
    }
  };
  // The heaviest partner each query token may find in any name: what its
  // probes reach (ScoreName aligns it with nothing else).
  thread_local std::vector<double> partner;
  partner.assign(q.tokens.size(), 0.0);
  for (const Probe& p : probes) raise(partner, p.bits, p.cap);
  // MaxScore: the costliest probes (common names: mohammed, ali) add no
  // names while a name reached by nothing else would still bound below
  // `prune_below`: every name only they would add is pruned anyway. Such a
  // name holds partners of the left-out probes only (those that mark
  // included). And a name scores only with evidence, a partner in its
  // postings() (by the roles in the name; ScoreName goes by the role a
  // token keeps, the same nearly always): the weak probes may be left out
  // with no bound.
  thread_local std::vector<size_t> order;
  order.resize(probes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return probes[a].cost != probes[b].cost ? probes[a].cost > probes[b].cost
                                            : a < b;
  });
  // Two plans, the cheaper walked: the weak probes left out, or walked so
  // that the common names' probes may be left out instead ("achmad" in
  // "Achmad Abdulmalikov", which "AHMED, A" matches through its initial).
  // With nothing to prune, the first leaves out what the second walks.
  // `*stop`: the bound of the first probe walked, the level that would
  // leave it out too (above 1: none is walked).
  thread_local std::vector<double> with_cap, plan_cap;
  auto plan = [&](double below, bool walk_weak, std::vector<char>* skipped,
                  double* stop) {
    skipped->assign(probes.size(), 0);
    *stop = 2.0;
    with_cap.assign(q.tokens.size(), 0.0);
    std::uint64_t with = 0;
    auto skip = [&](size_t i) {
      (*skipped)[i] = 1;
      with |= probes[i].bits;
      raise(with_cap, probes[i].bits, probes[i].cap);
    };
    for (size_t i = 0; i < probes.size(); ++i)
      if (probes[i].mark_only || (probes[i].weak && !walk_weak)) skip(i);
    // A bound is never below a `prune_below` of 0 or less: then the first
    // bound ends the loop.
    for (size_t i : order) {
      if (probes[i].mark_only || probes[i].weak) continue;
      plan_cap = with_cap;
      raise(plan_cap, probes[i].bits, probes[i].cap);
      const double bound =
          UpperBound(UpperBoundParts(q, with | probes[i].bits, split_bits,
                                     granted, plan_cap),
                     0.0);
      if (bound >= below) {
        *stop = bound;
        break;
      }
      skip(i);
    }
    size_t cost = 0;
    for (size_t i = 0; i < probes.size(); ++i)
      if (!(*skipped)[i]) cost += probes[i].cost;
    return cost;
  };
  // The cheaper plan at `below` into `chosen`, and in `*stop` the lowest
  // level that would leave out one more probe in either.
  const bool any_weak = std::any_of(probes.begin(), probes.end(),
                                    [](const Probe& p) { return p.weak; });
  thread_local std::vector<char> skipped, other, weak_plan;
  auto cheaper = [&](double below, std::vector<char>* chosen, double* stop) {
    size_t cost = plan(below, false, chosen, stop);
    if (any_weak) {
      double weak_stop = 2.0;
      const size_t weak_cost = plan(below, true, &weak_plan, &weak_stop);
      if (below > 0 && weak_cost < cost) {
        chosen->swap(weak_plan);
        cost = weak_cost;
      }
      *stop = std::min(*stop, weak_stop);
    }
    return cost;
  };
  // Whether the caller leaves names out: a level of 0 or less (a search
  // for the best few at a low threshold) leaves out none, a guessed level
  // only what the caller's stop at its k-th best would.
  const bool caller_prunes = prune_below > 0;
  double stop = 2.0;
  size_t cost = cheaper(prune_below, &skipped, &stop);
  // A caller after the best few may have them from the names bound at or
  // above a level up to `guess` alone: the lowest that halves the walk (a
  // common name's postings left out). It checks, and asks again when not.
  if (guess > prune_below && cost >= kGuessWalk) {
    double level = prune_below;
    size_t walk = cost;
    while (2 * walk > cost && stop < guess) {
      level = std::nextafter(stop, 2.0);
      walk = cheaper(level, &other, &stop);
    }
    if (2 * walk <= cost) {
      prune_below = level;
      cost = walk;
      skipped.swap(other);
    }
  }
  // Each name once, uniting the tokens that reached it, without sorting
  // the postings' union: a per-thread table by name holds the name's place
  // in `out`, trusted only when that place holds the name (a sparse set:
  // stale entries from earlier calls are harmless and never cleared).
  thread_local std::vector<std::uint32_t> slot_of;
  if (slot_of.size() < index_.name_count())
    slot_of.resize(index_.name_count(), 0);
  // And a bit per name set while it is in `out` (a 32nd of slot_of's
  // bytes): most names a walk or a left-out probe's holders meet are not
  // found, and a cache line of this tells 512 of them apart where slot_of
  // took a random read each (those reads were a quarter of a
  // default-threshold row's L1 misses). Cleared as the driver's walk
  // drops names, and at the end from `adding`, which still holds every
  // name added.
  thread_local std::vector<std::uint64_t> found_bits;
  if (found_bits.size() * 64 < index_.name_count())
    found_bits.resize(index_.name_count() / 64 + 1, 0);
  auto maybe_found = [&](NameId n) __attribute__((always_inline)) {
    return ((found_bits[n >> 6] >> (n & 63)) & 1u) != 0;
  };
  // The walks add names to a buffer of each thread's, never shrunk, and
  // `out` takes them after: a push_back at each name, with the bit above,
  // was no longer inlined, and called 1.3M times on 20,000 rows it cost
  // 2% of them.
  thread_local std::vector<Candidate> adding;
  // The names found and their count, kept apart: computed from a vector
  // at every posting walked (a division by the element's 24 bytes), they
  // took 1% of a default-threshold row's instructions. In `adding` until
  // `out` takes them; only `add` and the driver's compaction below change
  // them.
  size_t n_found = 0;
  Candidate* found_at = adding.data();
  auto find = [&](NameId n) -> Candidate* {
    if (!maybe_found(n)) return nullptr;
    const std::uint32_t slot = slot_of[n];
    return slot < n_found && found_at[slot].name == n ? &found_at[slot]
                                                      : nullptr;
  };
  auto grow = [&]() __attribute__((noinline)) {
    adding.resize(std::max<size_t>(64, 2 * adding.size()));
    found_at = adding.data();
  };
  auto add = [&](NameId n, std::uint64_t bits) __attribute__((always_inline)) {
    if (n_found == adding.size()) [[unlikely]]
      grow();
    slot_of[n] = static_cast<std::uint32_t>(n_found);
    found_bits[n >> 6] |= std::uint64_t{1} << (n & 63);
    found_at[n_found++] = {n, bits};
  };
  // (Inlined: where GCC made it a call, the first 2,000 queries at 1M
  // names took 2.4% more.)
  auto reach = [&](NameId n, std::uint64_t bits)
      __attribute__((always_inline)) {
    if (Candidate* c = find(n))
      c->hit_mask |= bits;
    else
      add(n, bits);
  };
  // Whether a walked probe reached the name (see `driver` below).
  thread_local std::vector<std::uint8_t> walked;
  walked.clear();
  auto reach_walked = [&](NameId n, std::uint64_t bits, std::uint8_t by_walk) {
    if (Candidate* c = find(n)) {
      c->hit_mask |= bits;
      walked[static_cast<size_t>(c - found_at)] |= by_walk;
    } else {
      add(n, bits);
      walked.push_back(by_walk);
    }
  };
  auto mark_found = [&](NameId n, std::uint64_t bits) {
    if (Candidate* c = find(n)) {
      c->hit_mask |= bits;
      walked[static_cast<size_t>(c - found_at)] = 1;
    }
  };
  // Where names are left out, a probe left out either claims its query
  // tokens for every name found (`left_bits`) or, when its postings are few
  // against the walk, marks only the names holding its tokens (`marks`,
  // from its postings below): claiming a weak twin's bits for every name
  // (an initial "j" for "john", which most candidates lack) kept 70% of a
  // default-threshold row's candidates in, to be opened and read.
  std::uint64_t left_bits = 0;
  thread_local std::vector<char> marks;
  marks.assign(probes.size(), 0);
  auto holders_walk = [&](const Probe& p) {
    return p.mark_only ? p.cost + p.reach->weak_cost : p.cost;
  };
  // Calls f with each list of names holding a left-out probe's tokens: a
  // weak twin's weak postings, a marking probe's postings and weak
  // postings, another's postings (its weak twin has the rest).
  auto for_holders = [&](const Probe& p, auto&& f) {
    if (p.weak) {
      for (TokenId id : p.reach->weak_tokens) f(index_.weak_postings(id));
      return;
    }
    for (TokenId id : p.reach->tokens) {
      f(index_.postings(id));
      if (p.mark_only) f(index_.weak_postings(id));
    }
  };
  // (Against the postings walked, known before the walk: the driver below
  // needs them.)
  for (size_t i = 0; i < probes.size(); ++i) {
    if (!skipped[i]) continue;
    marks[i] =
        static_cast<char>(prune_below > 0 && holders_walk(probes[i]) <=
                                                 how.left_marks_per_posting *
                                                     std::max<size_t>(cost, 1));
    if (marks[i] == 0) left_bits |= probes[i].bits;
  }
  // Each candidate's own tokens tell which query tokens may align there and
  // how heavy a partner each may find: every probe's tokens are held by
  // token in a table each thread keeps zeroed between calls, and a
  // candidate's few tokens are looked up in it. So the left-out probes mark
  // the names they reach among those found without walking their long
  // postings (a token's probe marks every name holding it: a superset of
  // the postings, which only loosens a bound), and so do the tokens some
  // names hold outside the postings (a legal form, a particle, an
  // initial), where the scorer still aligns them with the query token that
  // reached them ("clmpany" / "company", "john" / "j"). (Filled before
  // the walk: a walk of common pairs pairs only the tokens that stand for
  // one query token.)
  thread_local std::vector<std::uint64_t> mark_of;
  if (mark_of.size() < index_.token_count())
    mark_of.resize(index_.token_count(), 0);
  // And how many query tokens one listed token may stand for: three for a
  // triple's partner ("abd al ali" / "abdelali"), two for a merged pair's.
  thread_local std::vector<std::uint8_t> stands_for;
  if (stands_for.size() < index_.token_count())
    stands_for.resize(index_.token_count(), 0);
  thread_local std::vector<TokenId> marked;
  marked.clear();
  for (const Probe& p : probes) {
    const auto n = static_cast<std::uint8_t>(std::popcount(p.bits));
    const std::vector<TokenId>& ids = p.reach->tokens;
    for (size_t x = 0; x < ids.size(); ++x) {
      // The marks (8 bytes a listed token) are read at random: fetched
      // ahead.
      if (x + 8 < ids.size()) __builtin_prefetch(&mark_of[ids[x + 8]]);
      const TokenId id = ids[x];
      if (mark_of[id] == 0) marked.push_back(id);
      mark_of[id] |= p.bits;
      stands_for[id] = std::max(stands_for[id], n);
    }
  }
  // And a query token no name may lack to bound at the level, that no
  // probe claims for every name (`driver`): every name kept then holds one
  // of the tokens its probes reach. Those probes add names, the others only
  // mark the names found (a default-threshold row found 197 names, of
  // which 74 had such a token, and a few were kept).
  std::uint64_t driver = 0;
  // The query tokens no name kept may lack (the driver is one of them), and
  // what the driver's walk costs with the walked probes' marking.
  std::uint64_t required = 0;
  size_t driver_walk = cost;
  // (Not at a level guessed for the best few, where thousands of names
  // pass: there it took the load mix 0.2% more.)
  if (how.driver && caller_prunes && q.tokens.size() <= 64) {
    const size_t nq = q.tokens.size();
    const std::uint64_t all =
        (nq == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << nq) - 1) &
        ~granted;
    size_t best = cost + 1;
    for (std::uint64_t rest = all & ~left_bits; rest != 0; rest &= rest - 1) {
      const std::uint64_t t = rest & -rest;
      if (UpperBound(
              UpperBoundParts(q, all & ~t, split_bits & ~t, granted, partner),
              0.0) >= prune_below)
        continue;
      required |= t;
      size_t walk = 0;
      for (size_t i = 0; i < probes.size(); ++i)
        if ((probes[i].bits & t) != 0 && (!skipped[i] || marks[i]))
          walk += skipped[i] ? holders_walk(probes[i]) : probes[i].cost;
      if (walk < best) {
        best = walk;
        driver = t;
      }
    }
    if (driver != 0) {
      driver_walk = best;
      for (size_t i = 0; i < probes.size(); ++i)
        if (!skipped[i] && (probes[i].bits & driver) == 0)
          driver_walk += probes[i].cost;
    }
  }
  // Where no name holding partners of one query token alone bounds at
  // the level, a name kept holds partners of two, and where those are
  // common tokens (john, smith, chen), the names holding both
  // (NameIndex::NamesWithBoth, short) stand for the two tokens' long
  // holdings. Every other list of the probes is walked whole: the tokens
  // that are not common, the splits, and the tokens of probes standing for
  // several query tokens (a listed token partners one query token, or the
  // several such a probe spells as it: one "jongun" may be both of a
  // query's "jong" and "un"; one "chen" is not both of "chen chen"). With
  // a query token every name kept must have, only its pairs are looked up.
  // Every name found is read, and no other probe marks them: their own
  // tokens bound them as in the other walks, and a name this leaves out
  // holds partners of one query token only, so bounds below the level (or
  // holds one listed token for two query tokens, as tighten() bounds it).
  // The walk: false, having added no name, where it would walk more than
  // 1 / paired_walk_factor of `budget` postings.
  // Whether walking `walk` postings to pair costs more than the other way,
  // which walks `budget`.
  auto paired_dearer = [&](size_t walk, size_t budget) {
    const size_t factor = how.paired_walk_factor;
    return factor != 0 && walk * factor >= budget;
  };
  thread_local std::vector<std::vector<TokenId>> common_of;  // by query token
  thread_local std::vector<std::pair<std::span<const NameId>, std::uint64_t>>
      lists;
  auto paired_walk = [&](std::uint64_t query_bits, std::uint64_t anchor_from,
                         size_t budget) {
    auto dearer = [&](size_t walk) { return paired_dearer(walk, budget); };
    if (common_of.size() < q.tokens.size()) common_of.resize(q.tokens.size());
    for (auto& c : common_of) c.clear();
    lists.clear();
    size_t walk = 0;
    for (const Probe& p : probes) {
      // (Paired: a common token no probe of several query tokens reaches;
      // `stands_for` 1 also says that this probe is of one bit.)
      auto take = [&](TokenId id, std::span<const NameId> v) {
        if (index_.common(id) && stands_for[id] == 1) {
          common_of[static_cast<size_t>(std::countr_zero(p.bits))].push_back(
              id);
        } else if (!v.empty()) {
          lists.emplace_back(v, p.bits);
          walk += v.size();
        }
      };
      if (p.weak) {
        for (TokenId id : p.reach->weak_tokens)
          take(id, index_.weak_postings(id));
        continue;
      }
      for (TokenId id : p.reach->tokens) {
        take(id, index_.postings(id));
        if (p.mark_only) take(id, index_.weak_postings(id));
      }
      walk += p.reach->split_names.size();
    }
    if (dearer(walk)) return false;
    for (auto& c : common_of) {
      std::sort(c.begin(), c.end());
      c.erase(std::unique(c.begin(), c.end()), c.end());
    }
    // The pairs of query tokens looked up: each with the anchor (of the
    // tokens every name kept must have, the one of fewest common
    // partners), or every two.
    std::uint64_t anchor = 0;
    for (std::uint64_t r = anchor_from; r != 0; r &= r - 1) {
      const std::uint64_t t = r & -r;
      if (anchor == 0 ||
          common_of[static_cast<size_t>(std::countr_zero(t))].size() <
              common_of[static_cast<size_t>(std::countr_zero(anchor))].size())
        anchor = t;
    }
    auto for_pairs = [&](auto&& f) {
      for (std::uint64_t r1 = query_bits; r1 != 0; r1 &= r1 - 1)
        for (std::uint64_t r2 = r1 & (r1 - 1); r2 != 0; r2 &= r2 - 1) {
          const std::uint64_t t1 = r1 & -r1, t2 = r2 & -r2;
          if (anchor == 0 || ((t1 | t2) & anchor) != 0)
            f(t1 | t2, common_of[static_cast<size_t>(std::countr_zero(t1))],
              common_of[static_cast<size_t>(std::countr_zero(t2))]);
        }
    };
    // A lookup costs a few postings walked.
    constexpr size_t kLookupPostings = 4;
    size_t lookups = 0;
    for_pairs([&](std::uint64_t, const auto& a, const auto& b) {
      lookups += a.size() * b.size();
    });
    walk += kLookupPostings * lookups;
    if (dearer(walk)) return false;
    for_pairs([&](std::uint64_t bits, const auto& as, const auto& bs) {
      for (TokenId a : as)
        for (TokenId b : bs)
          if (auto v = index_.NamesWithBoth(a, b); !v.empty()) {
            lists.emplace_back(v, bits);
            walk += v.size();
          }
    });
    if (dearer(walk)) return false;
    // (Which names a walk of the probes would have found is told below,
    // by their own tokens, but for the splits, told here.)
    for (const auto& [v, bits] : lists)
      for (NameId n : v) reach_walked(n, bits, 0);
    for (size_t i = 0; i < probes.size(); ++i)
      for (const auto& sp : probes[i].reach->split_names)
        reach_walked(sp.name, probes[i].bits, skipped[i] ? 0 : 1);
    return true;
  };
  bool paired = false;
  // The lists of tokens that are not common are walked whole in any case
  // (in a list of thousands, a query's tokens are nearly all rare): asked
  // first, that is all most queries ask.
  size_t least = 0;
  if (how.common_pairs && caller_prunes)
    for (const Probe& p : probes)
      least += p.weak ? p.reach->rare_weak_cost
                      : p.reach->rare_cost +
                            (p.mark_only ? p.reach->rare_weak_cost : 0);
  if (how.common_pairs && caller_prunes && q.tokens.size() <= 16 &&
      !paired_dearer(least, driver_walk)) {
    const std::uint64_t query_bits =
        ((std::uint64_t{1} << q.tokens.size()) - 1) & ~granted;
    bool two_needed = std::popcount(query_bits) >= 2;
    for (std::uint64_t r = query_bits; r != 0 && two_needed; r &= r - 1) {
      const std::uint64_t t = r & -r;
      two_needed =
          UpperBound(UpperBoundParts(q, t, split_bits & t, granted, partner),
                     0.0) < prune_below;
    }
    if (two_needed) paired = paired_walk(query_bits, required, driver_walk);
  }
  // Where common pairs were walked, a name found is kept only where the
  // probes walked otherwise would have found it: a token of theirs held in
  // the role they walk (NameIndex::HeldAs: postings or weak postings), or
  // a split of theirs. The others bound below the level (MaxScore), or
  // score nothing (no partner where it identifies).
  thread_local std::vector<std::uint8_t> walked_of;
  if (paired) {
    driver = 0;
    if (walked_of.size() < index_.token_count())
      walked_of.resize(index_.token_count(), 0);
    for (size_t i = 0; i < probes.size(); ++i) {
      if (skipped[i]) continue;
      const Probe& p = probes[i];
      if (p.weak)
        for (TokenId id : p.reach->weak_tokens)
          walked_of[id] |= NameIndex::kHeldWeak;
      else
        for (TokenId id : p.reach->tokens)
          walked_of[id] |= NameIndex::kHeldPosted;
    }
  } else if (driver == 0) {
    for (size_t i = 0; i < probes.size(); ++i) {
      if (skipped[i]) continue;
      const std::uint64_t bits = probes[i].bits;
      if (probes[i].weak) {
        for (TokenId id : probes[i].reach->weak_tokens)
          for (NameId n : index_.weak_postings(id)) reach(n, bits);
        continue;
      }
      for (TokenId id : probes[i].reach->tokens)
        for (NameId n : index_.postings(id)) reach(n, bits);
      for (const auto& sp : probes[i].reach->split_names) reach(sp.name, bits);
    }
  }
  // The driver's probes first, adding names; then the other probes walked,
  // marking only. The driver's probes left out add names too, but only a
  // name a walked probe reached is kept: the others would not have been
  // found (and a name holding a walked probe's token in a weak role only
  // may bound high, but scores nothing without evidence).
  for (int adding = 1; driver != 0 && adding >= 0; --adding) {
    for (size_t i = 0; i < probes.size(); ++i) {
      const Probe& p = probes[i];
      const bool drives = (p.bits & driver) != 0;
      if (adding != static_cast<int>(drives)) continue;
      if (skipped[i] && !(marks[i] && drives)) continue;
      const std::uint8_t by_walk = skipped[i] ? 0 : 1;
      // (A walked probe is never a marking one, so its holders are its
      // postings, or a weak twin's weak postings.)
      for_holders(p, [&](std::span<const NameId> v) {
        if (adding)
          for (NameId n : v) reach_walked(n, p.bits, by_walk);
        else
          for (NameId n : v) mark_found(n, p.bits);
      });
      // (A probe left out marks the names of its splits too, below.)
      for (const auto& sp : p.reach->split_names) {
        if (adding)
          reach_walked(sp.name, p.bits, by_walk);
        else
          mark_found(sp.name, p.bits);
      }
    }
  }
  const size_t n_added = n_found;
  out->assign(found_at, found_at + n_found);
  found_at = out->data();
  if (driver != 0) {
    size_t kept = 0;
    for (size_t k = 0; k < out->size(); ++k) {
      if (walked[k] == 0) {
        const NameId n = (*out)[k].name;
        found_bits[n >> 6] &= ~(std::uint64_t{1} << (n & 63));
        continue;
      }
      (*out)[kept] = (*out)[k];
      slot_of[(*out)[kept].name] = static_cast<std::uint32_t>(kept);
      ++kept;
    }
    out->resize(kept);
    n_found = kept;
    found_at = out->data();
  }
  // And the names they reach by a split ("jongun": "jong un"), usually
  // few: a left-out probe marks them, and there each of its query tokens
  // may have a pair's partner: a single token two listed tokens spelled
  // together, two re-split (NamesSpelledApart) two listed tokens that neither
  // may reach alone.
  thread_local std::vector<std::uint64_t> pairs;
  pairs.assign(out->size(), 0);
  for (size_t i = 0; i < probes.size(); ++i) {
    const Probe& p = probes[i];
    for (const auto& s : p.reach->split_names) {
      Candidate* c = find(s.name);
      if (c == nullptr) continue;
      if (skipped[i] || paired) c->hit_mask |= p.bits;
      pairs[static_cast<size_t>(c - out->data())] |= p.bits;
    }
  }
  // The bound with what any name may hold (cached by masks: thousands of
  // candidates share a handful), and for the names it leaves in, the bound
  // with their own tokens' weights.
  // (Left uninitialized, a bit of `filled` for each slot holding a bound:
  // clearing the 1.5 kB at every call was 0.4% of a default-threshold
  // row.)
  struct Slot {
    std::uint64_t mask, pairs;
    double bound;
  };
  std::array<Slot, 64> bounds;
  std::uint64_t filled = 0;
  // Without pairs, the masks of a query of up to eight tokens (nearly
  // every customer's name) index their bounds directly: hashing each
  // candidate's mask into `bounds` was 5% of a default-threshold row.
  constexpr size_t kDirectTokens = 8;
  std::array<double, size_t{1} << kDirectTokens> direct_bounds;
  const std::uint64_t direct_end = std::uint64_t{1}
                                   << std::min(q.tokens.size(), kDirectTokens);
  std::fill_n(direct_bounds.begin(), direct_end, -1.0);
  const auto names = index_.names();
  // At least eight, so that a name's caps are cleared by a fixed-size
  // memset the compiler inlines (a call per name was 3% of a /search
  // query's instructions); only the first q.tokens.size() are read.
  constexpr size_t kInlineCaps = 8;
  thread_local std::vector<double> cap;
  cap.assign(std::max(q.tokens.size(), kInlineCaps), 0.0);
  // Raises `caps` for the listed pairs of `name` that the probes of the
  // query tokens in `pair_bits` split into (each probe's split names are
  // sorted by name).
  auto raise_pairs = [&](auto&& caps, NameId name, std::uint64_t pair_bits) {
    for (const Probe& p : probes) {
      if ((p.bits & pair_bits) == 0) continue;
      const auto& split = p.reach->split_names;
      const auto it = std::lower_bound(
          split.begin(), split.end(), name,
          [](const NameIndex::PairName& s, NameId n) { return s.name < n; });
      if (it != split.end() && it->name == name)
        raise(caps, p.bits, it->weight);
    }
  };
  // The heaviest partner each query token may find among the name's own
  // tokens: those its probes mark.
  // And the listed pairs they may partner there, weighed as the pair's two
  // tokens (the bound of any name weighs them at up to 2): looked up in
  // the probes' split names, sorted by name, for the few names that need
  // it.
  // `mark`: the tokens' marks are not yet in the candidate's mask.
  // Inlined: a call per name opened was 3% of a threshold-0 search.
  // (clang-format takes the parameters before the attribute for an
  // expression.)
  // clang-format off
  auto own_caps = [&](Candidate& c, std::uint64_t pair_bits,
                      const IndexedName& in, bool mark)
      __attribute__((always_inline)) {
    // clang-format on
    const TokenId* t = index_.name_tokens(in);
    if (cap.size() == kInlineCaps)
      std::memset(cap.data(), 0, kInlineCaps * sizeof(double));
    else
      std::fill(cap.begin(), cap.end(), 0.0);
    for (size_t j = 0; j < in.token_count; ++j)
      if (const std::uint64_t m = mark_of[t[j]]; m != 0) {
        if (mark) c.hit_mask |= m;
        raise(cap, m, index_.token_weight(t[j]));
      }
    if (pair_bits != 0) raise_pairs(cap, c.name, pair_bits);
  };
  // A token not looked up (an initial: "i" for 이, "j") aligns on its own
  // only with a listed token it is similar to: its partner is the name's
  // heaviest such token, or there is none and it is missing. (Spelled
  // together with a neighbour it is a probe's or a split's, above.) Asked
  // only of names that would be scored otherwise, with the caps their own
  // bound just took.
  //
  // And the alignment is one to one: a listed token is the partner of one
  // query token (or of the two or three a merged probe spells as it), so a
  // name of one "abd" aligns one of a query's two. The most query tokens
  // that can align at once are a matching of them with the name's tokens
  // that mark them (a token whose partner may be a listed pair, an initial
  // and one past the 64th are let be); the bound is the best of leaving
  // out the others, any of them: it only grows with the tokens aligned.
  std::array<std::uint64_t, 64> slot_bits;
  std::array<int, 64> slot_owner;
  auto tighten = [&](size_t k, Candidate& c, const IndexedName& in) {
    std::uint64_t hit = c.hit_mask, left = granted;
    if (const std::uint64_t open = granted & ~c.hit_mask & ~pairs[k];
        open != 0) {
      hit |= PartnersOfUnprobed(q, in, open, &cap);
      left = granted & ~open;
      c.bound =
          UpperBound(UpperBoundParts(q, hit, 0, left, cap), in.total_weight);
      if (c.bound < prune_below) return;
    }
    const size_t nq = std::min<size_t>(q.tokens.size(), 64);
    const std::uint64_t all =
        nq == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << nq) - 1;
    // Aligned in the bound: reached, or granted and not yet found missing.
    const std::uint64_t aligned = (hit | left) & all;
    const std::uint64_t free = pairs[k] | left | (hit & ~c.hit_mask);
    // (Past 16 query tokens or 64 listed slots, and to leave out more than
    // three, the bound stands as it is.)
    if (std::popcount(aligned) > 16) return;
    size_t slots = 0;
    const TokenId* t = index_.name_tokens(in);
    for (size_t j = 0; j < in.token_count; ++j) slots += stands_for[t[j]];
    if (slots > slot_bits.size()) return;
    slots = 0;
    for (size_t j = 0; j < in.token_count; ++j)
      for (int u = 0; u < stands_for[t[j]]; ++u)
        slot_bits[slots++] = mark_of[t[j]];
    slot_owner.fill(-1);
    std::uint64_t seen = 0;
    auto assign = [&](auto& self, int i) -> bool {
      for (size_t x = 0; x < slots; ++x) {
        if (!((slot_bits[x] >> i) & 1u) || ((seen >> x) & 1u)) continue;
        seen |= std::uint64_t{1} << x;
        if (slot_owner[x] < 0 || self(self, slot_owner[x])) {
          slot_owner[x] = i;
          return true;
        }
      }
      return false;
    };
    int can = std::popcount(aligned & free);
    for (std::uint64_t need = aligned & ~free; need != 0; need &= need - 1) {
      seen = 0;
      can += assign(assign, std::countr_zero(need));
    }
    const int drop = std::popcount(aligned) - can;
    if (drop <= 0) return;
    if (drop > 3) {
      // Too many ways to leave them out (a lone initial "a" for six tokens
      // of "abd al aziz abd al ilah"): each part of the bound takes its
      // best over the ways apart, the `drop` least of the tokens' shares
      // taken out, which no one way beats (the bound grows with the
      // aligned weight and the partners, and falls with the missing).
      BoundParts b = UpperBoundParts(q, hit, 0, left, cap);
      std::array<double, 16> share, partner_of, missing_of;
      size_t n = 0;
      for (std::uint64_t r = aligned; r != 0; r &= r - 1, ++n) {
        const auto i = static_cast<size_t>(std::countr_zero(r));
        const double c = ((hit >> i) & 1u) ? cap[i] : 1.0;
        share[n] = (q.tokens[i].weight + c) / 2;
        partner_of[n] = c;
        missing_of[n] = q.tokens[i].missing_weight;
      }
      for (auto* v : {&share, &partner_of, &missing_of})
        std::partial_sort(v->begin(), v->begin() + drop, v->begin() + n);
      for (int k = 0; k < drop; ++k) {
        b.aligned -= share[k];
        b.partners -= partner_of[k];
        b.missing += missing_of[k];
      }
      c.bound = std::min(c.bound, UpperBound(b, in.total_weight));
      return;
    }
    // Every way of leaving out `drop` of them.
    double best = 0;
    auto leave_out = [&](auto& self, std::uint64_t from, int n,
                         std::uint64_t out_bits) -> void {
      if (n == 0) {
        best = std::max(best, UpperBound(UpperBoundParts(q, hit & ~out_bits, 0,
                                                         left & ~out_bits, cap),
                                         in.total_weight));
        return;
      }
      for (std::uint64_t rest = from; rest != 0; rest &= rest - 1) {
        const std::uint64_t bit = rest & -rest;
        self(self, rest & ~bit & ~(bit - 1), n - 1, out_bits | bit);
      }
    };
    leave_out(leave_out, aligned, drop, 0);
    c.bound = std::min(c.bound, best);
  };
  // Inlined: where GCC chose not to, the calls were 5% of a
  // default-threshold row.
  auto mask_bound = [&](std::uint64_t mask, std::uint64_t pair_bits)
      __attribute__((always_inline)) {
    if (pair_bits == 0 && mask < direct_end) {
      double& bound = direct_bounds[mask];
      if (bound < 0)
        bound = UpperBound(UpperBoundParts(q, mask, 0, granted, partner), 0.0);
      return bound;
    }
    const size_t at = (mask * 0x9E3779B97F4A7C15ull ^ pair_bits) >> 58;
    Slot& slot = bounds[at];
    if (((filled >> at) & 1u) == 0 || slot.mask != mask ||
        slot.pairs != pair_bits) {
      slot = {mask, pair_bits,
              UpperBound(UpperBoundParts(q, mask, pair_bits, granted, partner),
                         0.0)};
      filled |= std::uint64_t{1} << at;
    }
    return slot.bound;
  };
  // A walked probe reached every name holding its tokens (in the postings
  // or, walked as its weak twin, the weak postings), so a name's own
  // tokens can add only the bits of the probes left out: a name bound
  // below `prune_below` even with all of those is left without reading it
  // (most of a high threshold's candidates, scattered over megabytes). The
  // granted tokens count as granted, never as reached: a reached one's
  // partner may weigh less than the granted 1, and the bound must only
  // grow with the mask.
  // (The probes left out that mark do so here, but for the driver's, which
  // were walked with it.)
  thread_local std::vector<std::uint64_t> left_marks;
  // (Where common pairs were walked, every name found is read.)
  const bool read_all = prune_below <= 0 || paired;
  left_marks.assign(read_all ? 0 : out->size(), 0);
  for (size_t i = 0; i < probes.size() && !read_all; ++i) {
    const Probe& p = probes[i];
    if (!marks[i] || (driver != 0 && (p.bits & driver) != 0)) continue;
    // (`find` spelled out, the count and data captured by value: through
    // find(), which reads them by reference, the first 20,000 rows took
    // 0.4% more, as a store to `left_marks` may alias them.)
    for_holders(p, [&, n_out = n_found,
                    cands = found_at](std::span<const NameId> holders) {
      for (NameId n : holders) {
        if (!maybe_found(n)) continue;
        if (const std::uint32_t slot = slot_of[n];
            slot < n_out && cands[slot].name == n)
          left_marks[slot] |= p.bits;
      }
    });
  }
  if (how.stats != nullptr) {
    ++how.stats->calls;
    how.stats->paired += paired;
    how.stats->found += n_found;
  }
  thread_local std::vector<std::uint32_t> open;
  open.clear();
  if (paired) {
    for (size_t k = 0; k < n_found; ++k) {
      if (walked[k] == 0) {
        const NameId n = found_at[k].name;
        const IndexedName& in = names[n];
        const TokenId* t = index_.name_tokens(in);
        bool found = false;
        for (size_t j = 0; j < in.token_count && !found; ++j)
          if (const std::uint8_t w = walked_of[t[j]]; w != 0)
            found = (w & index_.HeldAs(n, j)) != 0;
        if (!found) continue;
      }
      open.push_back(static_cast<std::uint32_t>(k));
    }
  }
  for (size_t k = 0; k < n_found && !paired; ++k) {
    Candidate& c = found_at[k];
    if (!read_all) {
      const std::uint64_t most = c.hit_mask | left_marks[k] | left_bits;
      const double b = mask_bound(most & ~granted, pairs[k]);
      if (b < prune_below) {
        c.hit_mask = most;
        c.bound = b;
        continue;
      }
    }
    open.push_back(static_cast<std::uint32_t>(k));
  }
  // A name's own bound: BoundPartsOf without pairs (the same sums in the
  // same order), from the query tokens' weights laid out apart. Read for
  // every name opened, from tokens a few hundred bytes apart and with the
  // vector's size divided out at each step, they cost 8% of a threshold-0
  // search's instructions.
  const size_t nq = q.tokens.size();
  thread_local std::vector<double> token_weight, missing_weight;
  token_weight.resize(nq);
  missing_weight.resize(nq);
  for (size_t i = 0; i < nq; ++i) {
    token_weight[i] = q.tokens[i].weight;
    missing_weight[i] = q.tokens[i].missing_weight;
  }
  // (`cp`: the name's caps, `cap` or a row of `walk_cap` below.)
  auto own_bound = [&](std::uint64_t hit_mask, double listed_total,
                       const double* cp) __attribute__((always_inline)) {
    if (nq > 64)
      return UpperBound(BoundPartsOf(q, hit_mask, 0, granted, cap),
                        listed_total);
    const double* w = token_weight.data();
    const double* m = missing_weight.data();
    const std::uint64_t aligned_bits = hit_mask | granted;
    BoundParts b;
    for (size_t i = 0; i < nq; ++i) {
      if ((aligned_bits >> i) & 1u) {
        const double c = ((hit_mask >> i) & 1u) ? cp[i] : 1.0;
        b.aligned += (w[i] + c) / 2;
        b.partners += c;
      } else {
        b.missing += m[i];
      }
    }
    return UpperBound(b, listed_total);
  };
  // Compiled twice: where names are left out below a level, and where
  // none is (there the mask's bound is not needed, and a name's marks and
  // caps are read in one pass).
  auto bound_open = [&](auto prunes) {
    const size_t n_open = open.size();
    Candidate* const cands = out->data();
    for (size_t o = 0; o < n_open; ++o) {
      // Names are scattered over megabytes: fetch them ahead.
      if (o + 16 < n_open) __builtin_prefetch(&names[cands[open[o + 16]].name]);
      if (o + 8 < n_open)
        __builtin_prefetch(index_.name_tokens(names[cands[open[o + 8]].name]));
      if constexpr (prunes) {
        // And the marks of the names' tokens, read just below.
        if (o + 4 < n_open) {
          const IndexedName& ahead = names[cands[open[o + 4]].name];
          const TokenId* t = index_.name_tokens(ahead);
          for (size_t j = 0; j < ahead.token_count; ++j)
            __builtin_prefetch(&mark_of[t[j]]);
        }
      }
      const size_t k = open[o];
      Candidate& c = cands[k];
      const IndexedName& in = names[c.name];
      if constexpr (prunes) {
        // The mask's bound only to leave names out: the own tokens' bound
        // below replaces it.
        const TokenId* t = index_.name_tokens(in);
        for (size_t j = 0; j < in.token_count; ++j) c.hit_mask |= mark_of[t[j]];
        c.bound = mask_bound(c.hit_mask, pairs[k]);
        if (c.bound < prune_below) continue;
      }
      own_caps(c, pairs[k], in, /*mark=*/!prunes);
      c.bound = own_bound(c.hit_mask, in.total_weight, cap.data());
      // The matching bound only where the caller leaves names out below
      // its level. Otherwise the bound only orders the names for the
      // caller's stop at its k-th best score, which the own tokens' bound
      // decides as well nearly always (on 500 threshold-0 searches the
      // scoring's work grew 0.1% without it), and matching every
      // candidate was a fifth of such a search's instructions.
      if (prunes && caller_prunes && c.bound >= prune_below) tighten(k, c, in);
    }
  };
  // Where no name is left out (a search for the best few at a low
  // threshold), every candidate is opened, and its marks and caps may
  // come instead from the postings of every probe's tokens, walked to mark
  // the candidates they hold: a token's holders are its postings and weak
  // postings (a probe's weak twin walks the latter; a marking probe has
  // none, so it walks both). The same marks and caps as reading each
  // name's tokens, and cheaper when those postings are short against the
  // candidates (a common particle's are not: "al" is in thousands).
  thread_local std::vector<double> walk_cap;
  size_t mark_walk = 0;
  if (prune_below <= 0 && nq <= 64)
    for (const Probe& p : probes) mark_walk += holders_walk(p);
  if (prune_below <= 0 && nq <= 64 &&
      mark_walk < how.mark_walk_per_name * out->size()) {
    const size_t n_out = out->size();
    Candidate* const cands = out->data();
    walk_cap.assign(n_out * nq, 0.0);
    auto row = [&](size_t k) { return std::span(&walk_cap[k * nq], nq); };
    // Inlined: where GCC chose not to, the load mix's threshold-0 searches
    // took 0.8% more.
    auto mark_all = [&](std::span<const NameId> holders, std::uint64_t bits,
                        double w) __attribute__((always_inline)) {
      for (NameId n : holders) {
        if (!maybe_found(n)) continue;
        const std::uint32_t slot = slot_of[n];
        if (slot >= n_out || cands[slot].name != n) continue;
        cands[slot].hit_mask |= bits;
        raise(row(slot), bits, w);
      }
    };
    // (The holders as for_holders() lists them, spelled out: routed through
    // it, here and in the walk above, GCC outlined the calls per list, and
    // the load mix took 1.6% more, default-threshold rows 3%.)
    for (const Probe& p : probes) {
      if (p.weak) {
        for (TokenId id : p.reach->weak_tokens)
          mark_all(index_.weak_postings(id), p.bits, index_.token_weight(id));
        continue;
      }
      for (TokenId id : p.reach->tokens) {
        mark_all(index_.postings(id), p.bits, index_.token_weight(id));
        if (p.mark_only)
          mark_all(index_.weak_postings(id), p.bits, index_.token_weight(id));
      }
    }
    for (size_t k = 0; k < n_out; ++k) {
      if (k + 16 < n_out) __builtin_prefetch(&names[cands[k + 16].name]);
      Candidate& c = cands[k];
      if (pairs[k] != 0) raise_pairs(row(k), c.name, pairs[k]);
      c.bound =
          own_bound(c.hit_mask, names[c.name].total_weight, row(k).data());
    }
  } else if (prune_below > 0) {
    bound_open(std::true_type{});
    // Only the names bound at or above the level are returned (a few of a
    // default-threshold row's two hundred): the caller would pass over
    // the others one by one. `open` is in the candidates' order.
    Candidate* const cands = out->data();
    size_t kept = 0;
    for (const std::uint32_t k : open)
      if (cands[k].bound >= prune_below) cands[kept++] = cands[k];
    out->resize(kept);
  } else {
    bound_open(std::false_type{});
  }
  for (size_t k = 0; k < n_added; ++k) found_bits[adding[k].name >> 6] = 0;
  for (TokenId id : marked) mark_of[id] = 0;
  for (TokenId id : marked) stands_for[id] = 0;
  if (paired)
    for (TokenId id : marked) walked_of[id] = 0;
  return prune_below;
}

std::uint64_t Matcher::PartnersOfUnprobed(const PreparedQuery& q,
                                          const IndexedName& name,
                                          std::uint64_t tokens,
                                          std::vector<double>* cap) const {
  const TokenId* t = index_.name_tokens(name);
  const bool abjad = q.abjad || name.abjad != 0;
  std::uint64_t found = 0;
  for (; tokens != 0; tokens &= tokens - 1) {
    const auto i = static_cast<size_t>(std::countr_zero(tokens));
    for (size_t j = 0; j < name.token_count; ++j) {
      if (RememberedSimilarity(q, i, t[j], abjad, index_.generation(), [&] {
            return index_.token(t[j]);
          }).similarity <= 0)
        continue;
      found |= std::uint64_t{1} << i;
      (*cap)[i] = std::max((*cap)[i], double{index_.token_weight(t[j])});
    }
  }
  return found;
}

Matcher::BoundParts Matcher::UpperBoundParts(const PreparedQuery& q,
                                             std::uint64_t hit_mask,
                                             std::uint64_t pairs,
                                             std::uint64_t granted,
                                             std::span<const double> partner) {
  return BoundPartsOf(q, hit_mask, pairs, granted, partner);
}

double Matcher::UpperBound(const BoundParts& b, double listed_total) {
  // The listed tokens no partner can cover count as ScoreName's missing
  // ones do (the slack absorbs float sums taken in another order).
  const double uncovered = std::max(0.0, listed_total - b.partners - 1e-4);
  const double denominator =
      b.aligned + b.missing + kListedMissingWeight * uncovered;
  return denominator > 0 ? b.aligned / denominator : 0.0;
}

double Matcher::MaxFeatureBonus(const Query& query) {
  return (query.birth_date.empty() ? 0.0 : kBirthDayBonus) +
         (query.country.empty() ? 0.0 : kCountryBonus);
}

double Matcher::FeatureDelta(const Query& query, const Entity& entity,
                             std::vector<FeatureContribution>* out) {
  double total = 0;
  // The text is built only when asked for: a search weighs every entity
  // that may place and explains only those it returns.
  auto add = [&](const char* feature, double delta, const auto& detail) {
    total += delta;
    if (out) out->push_back({feature, delta, detail()});
  };
  // Birth date: the best agreement over the listed dates decides.
  if (!query.birth_date.empty() && !entity.birth_dates.empty()) {
    const PartialDate& qd = query.birth_date;
    int best = -2;  // -1 conflict, 0 compatible, 1 same year, 2 same day
    const DateSpec* best_date = nullptr;
    for (const DateSpec& d : entity.birth_dates) {
      if (d.from.empty()) continue;
      int slack = d.circa ? 2 : 1;
      int lo = d.from.year - slack;
      int hi = (d.is_range() ? d.to.year : d.from.year) + slack;
      int outcome = -1;
      if (qd.year >= lo && qd.year <= hi) outcome = 0;
      if (!d.is_range() && !d.circa && qd.year == d.from.year) {
        outcome = 1;
        if (qd.month && d.from.month && qd.month != d.from.month) outcome = 0;
        if (qd.month && qd.day && qd.month == d.from.month &&
            qd.day == d.from.day)
          outcome = 2;
        else if (qd.day && d.from.day && qd.day != d.from.day)
          outcome = 0;
      }
      if (outcome > best) {
        best = outcome;
        best_date = &d;
      }
    }
    auto versus = [&](const char* op, const char* outcome) {
      return [&, op, outcome] {
        return fmt::format("query {} {} listed {}: {}", qd.ToString(), op,
                           best_date->ToString(), outcome);
      };
    };
    if (best == 2)
      add("birth_date", kBirthDayBonus, versus("=", "same day"));
    else if (best == 1)
      add("birth_date", 0.02, versus("vs", "same year"));
    else if (best == 0)
      add("birth_date", 0.0, versus("vs", "compatible"));
    else if (best == -1)
      add("birth_date", -0.20, [&] {
        return fmt::format("query {} conflicts with every listed birth date",
                           qd.ToString());
      });
  }
  if (!query.country.empty()) {
    bool any = false, listed = false;
    auto put = [&](const std::string& c) {
      if (c.empty()) return;
      any = true;
      listed = listed || c == query.country;
    };
    for (const auto& c : entity.nationalities) put(c);
    for (const auto& c : entity.citizenships) put(c);
    for (const auto& c : entity.countries) put(c);
    for (const auto& a : entity.addresses) put(a.country);
    put(entity.vessel.flag);
    if (listed)
      add("country", kCountryBonus,
          [&] { return fmt::format("{} is a listed country", query.country); });
    else if (any)
      add("country", -0.03, [&] {
        return fmt::format("{} is not among the listed countries",
                           query.country);
      });
  }
  if (query.gender != Gender::kUnknown && entity.gender != Gender::kUnknown &&
      query.gender != entity.gender) {
    add("gender", -0.10, [&] {
      return fmt::format("query {} vs listed {}", GenderName(query.gender),
                         GenderName(entity.gender));
    });
  }
  return total;
}

}  // namespace embargo::internal
