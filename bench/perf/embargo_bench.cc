// embargo_bench: micro-benchmarks of the screening pipeline's stages, each
// reporting names/s (one name normalized, one token pair compared, one
// query looked up or searched per iteration):
//   BM_Normalize/<script>      NormalizeName() on listed and customer names
//   BM_JaroWinkler, BM_TypoSimilarity, BM_BoundedOsaDistance
//                              on token pairs from the listed names
//   BM_Candidates/<set>        Matcher::Prepare() + Candidates()
//   BM_Search/<set>            Screener::Search() at the default threshold
//   BM_SearchExhaustive        the exhaustive oracle, for scale
// Inputs: the default lists (config/default-lists.conf) and the name files
// in ../shared/data, read at start; every random choice uses fixed seeds, so
// runs see the same inputs. Sets: "customers" are realistic people who are
// not listed (yente negatives, many scripts); "listed_variants" are listed
// names with one typo, a dropped middle name or reordered tokens.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "bench_data.h"
#include "embargo/lists.h"
#include "embargo/screener.h"
#include "index/name_index.h"
#include "match/matcher.h"
#include "match/similarity.h"
#include "normalize/normalize.h"

namespace embargo::bench {
namespace {

using internal::NameIndex;
using internal::NormalizeName;

constexpr size_t kCorpusSize = 2000;
constexpr std::uint32_t kSeed = 20240503;

enum class Script {
  kAscii,
  kLatinDiacritics,
  kCyrillic,
  kArabic,
  kHangul,
  kOther
};

// The script class of a UTF-8 string: pure ASCII, Latin with diacritics,
// or the first non-Latin script seen.
Script Classify(std::string_view s) {
  bool non_ascii = false;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1F;
      len = 2;
    }
    for (size_t k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp < 0x80) continue;
    non_ascii = true;
    if (cp >= 0x0400 && cp <= 0x052F) return Script::kCyrillic;
    if (cp >= 0x0600 && cp <= 0x06FF) return Script::kArabic;
    if (cp >= 0xAC00 && cp <= 0xD7A3) return Script::kHangul;
    bool latin = (cp >= 0xC0 && cp <= 0x24F) ||
                 (cp >= 0x1E00 && cp <= 0x1EFF) ||
                 (cp >= 0x2000 && cp <= 0x206F) || cp == 0xA0;
    if (!latin) return Script::kOther;
  }
  return non_ascii ? Script::kLatinDiacritics : Script::kAscii;
}

std::string Data(const char* rel) {
  return std::string(EMBARGO_SHARED_DATA) + "/" + rel;
}

// Everything the benchmarks read, loaded once on first use.
struct Corpus {
  std::unique_ptr<Screener> screener;
  NameIndex index;  // a second index over the same entities, for Candidates
  std::unique_ptr<internal::Matcher> matcher;
  std::vector<std::string> by_script[6];
  std::vector<std::pair<std::string, std::string>> token_pairs;
  std::vector<std::string> customers;
  std::vector<std::string> listed_variants;
};

void Shuffle(std::vector<std::string>* v, std::uint32_t seed, size_t cap) {
  std::mt19937 rng(seed);
  std::shuffle(v->begin(), v->end(), rng);
  if (v->size() > cap) v->resize(cap);
}

std::string Typo(std::string s, std::mt19937* rng) {
  if (s.size() < 3) return s;
  std::uniform_int_distribution<size_t> pos(1, s.size() - 2);
  std::uniform_int_distribution<int> letter('a', 'z');
  size_t p = pos(*rng);
  switch ((*rng)() % 4) {
    case 0:
      s[p] = static_cast<char>(letter(*rng));
      break;
    case 1:
      s.erase(p, 1);
      break;
    case 2:
      s.insert(p, 1, static_cast<char>(letter(*rng)));
      break;
    default:
      std::swap(s[p], s[p + 1 < s.size() ? p + 1 : p - 1]);
      break;
  }
  return s;
}

// A listed name as a customer might type it: one token with a typo, the
// middle token dropped, or the first token moved to the end.
std::string Variant(const std::string& name, std::mt19937* rng) {
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start <= name.size()) {
    size_t sp = name.find(' ', start);
    if (sp == std::string::npos) sp = name.size();
    if (sp > start) tokens.push_back(name.substr(start, sp - start));
    start = sp + 1;
  }
  if (tokens.empty()) return name;
  switch ((*rng)() % 3) {
    case 0: {
      size_t t = (*rng)() % tokens.size();
      tokens[t] = Typo(tokens[t], rng);
      break;
    }
    case 1:
      if (tokens.size() >= 3) tokens.erase(tokens.begin() + 1);
      break;
    default:
      std::rotate(tokens.begin(), tokens.begin() + 1, tokens.end());
      break;
  }
  std::string out;
  for (const std::string& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

Corpus* BuildCorpus() {
  auto* c = new Corpus;
  auto specs = ReadListsConf(DefaultListsConf());
  if (!specs.ok()) {
    std::fprintf(stderr, "%s\n", specs.status().ToString().c_str());
    std::exit(3);
  }
  auto lists = LoadLists(*specs);
  if (!lists.ok()) {
    std::fprintf(stderr, "%s\n", lists.status().ToString().c_str());
    std::exit(3);
  }
  auto screener = Screener::Build(std::move(*lists));
  if (!screener.ok()) {
    std::fprintf(stderr, "%s\n", screener.status().ToString().c_str());
    std::exit(3);
  }
  c->screener = std::move(*screener);
  std::vector<const Entity*> entities;
  std::vector<std::string> listed;
  for (const EntityList& l : c->screener->lists())
    for (const Entity& e : l.entities) {
      entities.push_back(&e);
      for (const Name& n : e.names) listed.push_back(n.full);
    }
  c->index.Build(entities);
  c->matcher = std::make_unique<internal::Matcher>(c->index);

  std::vector<std::string> negatives =
      ReadFullNamesCsv(Data("name_matching/yente/negatives_global.csv"));
  std::vector<std::string> us =
      ReadFullNamesCsv(Data("name_matching/yente/negatives_us.csv"));
  negatives.insert(negatives.end(), us.begin(), us.end());

  std::unordered_set<std::string> seen;
  auto add = [&](const std::string& s) {
    if (!seen.insert(s).second) return;
    c->by_script[static_cast<int>(Classify(s))].push_back(s);
  };
  for (const std::string& s : listed) add(s);
  for (const std::string& s : negatives) add(s);
  for (const std::string& s : ReadHangulNames(
           Data("name_matching/netransliteration/wd_korean"), 20000))
    add(s);
  for (int i = 0; i < 6; ++i) Shuffle(&c->by_script[i], kSeed + i, kCorpusSize);

  // Token pairs as the scorer meets them: a token against a typo of itself,
  // against a token sharing its first letter, and against any token.
  std::vector<std::string> tokens;
  std::unordered_set<std::string> token_seen;
  for (const std::string& s : listed)
    for (const internal::NameToken& t : NormalizeName(s).tokens)
      if (t.role == internal::TokenRole::kName && t.text.size() >= 3 &&
          token_seen.insert(t.text).second)
        tokens.push_back(t.text);
  std::sort(tokens.begin(), tokens.end());
  std::mt19937 rng(kSeed);
  std::uniform_int_distribution<size_t> pick(0, tokens.size() - 1);
  for (size_t i = 0; i < kCorpusSize; ++i) {
    const std::string& a = tokens[pick(rng)];
    std::string b;
    switch (i % 3) {
      case 0:
        b = Typo(a, &rng);
        break;
      case 1: {
        auto lo =
            std::lower_bound(tokens.begin(), tokens.end(), a.substr(0, 1));
        auto hi = std::lower_bound(tokens.begin(), tokens.end(),
                                   std::string(1, static_cast<char>(a[0] + 1)));
        b = lo == hi ? a
                     : *(lo + static_cast<std::ptrdiff_t>(
                                  rng() % static_cast<size_t>(hi - lo)));
        break;
      }
      default:
        b = tokens[pick(rng)];
        break;
    }
    c->token_pairs.emplace_back(a, std::move(b));
  }

  c->customers = negatives;
  Shuffle(&c->customers, kSeed + 10, kCorpusSize);
  std::vector<std::string> primaries;
  for (const EntityList& l : c->screener->lists())
    for (const Entity& e : l.entities) primaries.push_back(e.primary_name());
  Shuffle(&primaries, kSeed + 11, kCorpusSize);
  std::mt19937 vrng(kSeed + 12);
  for (const std::string& p : primaries)
    c->listed_variants.push_back(Variant(p, &vrng));
  return c;
}

Corpus& Get() {
  static Corpus* corpus = BuildCorpus();
  return *corpus;
}

void SetRate(benchmark::State& state) {
  state.counters["names/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Normalize(benchmark::State& state, Script script) {
  const auto& names = Get().by_script[static_cast<int>(script)];
  if (names.empty()) {
    state.SkipWithError("no names of this script");
    return;
  }
  size_t i = 0, tokens = 0;
  for (auto _ : state) {
    internal::NormalizedName n = NormalizeName(names[i]);
    tokens += n.tokens.size();
    benchmark::DoNotOptimize(n);
    if (++i == names.size()) i = 0;
  }
  SetRate(state);
  state.counters["corpus"] = static_cast<double>(names.size());
  state.counters["tokens/name"] = benchmark::Counter(
      static_cast<double>(tokens), benchmark::Counter::kAvgIterations);
}
BENCHMARK_CAPTURE(BM_Normalize, ascii, Script::kAscii);
BENCHMARK_CAPTURE(BM_Normalize, latin_diacritics, Script::kLatinDiacritics);
BENCHMARK_CAPTURE(BM_Normalize, cyrillic, Script::kCyrillic);
BENCHMARK_CAPTURE(BM_Normalize, arabic, Script::kArabic);
BENCHMARK_CAPTURE(BM_Normalize, hangul, Script::kHangul);

template <typename Fn>
void PairBench(benchmark::State& state, Fn fn) {
  const auto& pairs = Get().token_pairs;
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fn(pairs[i].first, pairs[i].second));
    if (++i == pairs.size()) i = 0;
  }
  SetRate(state);
}

void BM_JaroWinkler(benchmark::State& state) {
  PairBench(state, [](std::string_view a, std::string_view b) {
    return internal::JaroWinkler(a, b);
  });
}
BENCHMARK(BM_JaroWinkler);

void BM_TypoSimilarity(benchmark::State& state) {
  PairBench(state, [](std::string_view a, std::string_view b) {
    return internal::TypoSimilarity(a, b);
  });
}
BENCHMARK(BM_TypoSimilarity);

void BM_BoundedOsaDistance(benchmark::State& state) {
  PairBench(state, [](std::string_view a, std::string_view b) {
    return internal::BoundedOsaDistance(a, b, 2);
  });
}
BENCHMARK(BM_BoundedOsaDistance);

// The element type Matcher::Candidates() fills. (Deducing it from the
// member's type stopped compiling when Candidates() took prune_below.)
using CandidateT = internal::Matcher::Candidate;

const std::vector<std::string>& QuerySet(bool listed) {
  return listed ? Get().listed_variants : Get().customers;
}

void BM_Candidates(benchmark::State& state, bool listed) {
  const auto& queries = QuerySet(listed);
  const internal::Matcher& matcher = *Get().matcher;
  std::vector<CandidateT> out;
  size_t i = 0, total = 0;
  for (auto _ : state) {
    internal::PreparedQuery q = matcher.Prepare(queries[i]);
    matcher.Candidates(q, 0.0, &out);
    total += out.size();
    benchmark::DoNotOptimize(out.data());
    if (++i == queries.size()) i = 0;
  }
  SetRate(state);
  state.counters["candidates/name"] = benchmark::Counter(
      static_cast<double>(total), benchmark::Counter::kAvgIterations);
  state.counters["indexed_names"] =
      static_cast<double>(Get().index.name_count());
}
BENCHMARK_CAPTURE(BM_Candidates, customers, false);
BENCHMARK_CAPTURE(BM_Candidates, listed_variants, true);

void BM_Search(benchmark::State& state, bool listed, bool exhaustive) {
  const auto& queries = QuerySet(listed);
  // Each thread starts elsewhere in the set so threads do not share a memo.
  size_t i = static_cast<size_t>(state.thread_index()) * 997 % queries.size();
  size_t hits = 0;
  SearchOptions opts;
  opts.exhaustive = exhaustive;
  Query q;
  for (auto _ : state) {
    q.name = queries[i];
    std::vector<Match> m = Get().screener->Search(q, opts);
    hits += !m.empty();
    benchmark::DoNotOptimize(m.data());
    if (++i == queries.size()) i = 0;
  }
  SetRate(state);
  state.counters["hit_rate"] = benchmark::Counter(
      static_cast<double>(hits), benchmark::Counter::kAvgIterations);
}
BENCHMARK_CAPTURE(BM_Search, customers, false, false)
    ->ThreadRange(1, 2)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Search, listed_variants, true, false)
    ->ThreadRange(1, 2)
    ->UseRealTime();
void BM_SearchExhaustive(benchmark::State& state) {
  BM_Search(state, false, true);
}
BENCHMARK(BM_SearchExhaustive)->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace
}  // namespace embargo::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // Load before timing starts, so the first benchmark does not pay for it.
  embargo::bench::Get();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
