#include "match/matcher.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "match/similarity.h"

namespace embargo::internal {
namespace {

struct Pair {
  double sim;
  std::uint16_t qi, qn;  // first query token, count (1 or 2)
  std::uint16_t lj, ln;  // first listed token, count (1 or 2)
  const char* method;
};

bool PairBefore(const Pair& a, const Pair& b) {
  if (a.sim != b.sim) return a.sim > b.sim;
  if (a.qi != b.qi) return a.qi < b.qi;
  return a.lj < b.lj;
}

// Similarity of two merged/split spellings ("jong un" vs "jongun").
double MergedSimilarity(std::string_view a, std::string_view b) {
  if (a == b) return 0.98;
  if (std::min(a.size(), b.size()) < 6) return 0.0;
  double s = TypoSimilarityAtLeast(a, b, kTokenFloor / 0.98) * 0.98;
  return s >= kTokenFloor ? s : 0.0;
}

}  // namespace

double TokenSimilarity(const NameToken& q, const ListedToken& l,
                       const char** method) {
  const char* m = "exact";
  double s = 0;
  if (q.text == l.text) {
    s = 1.0;
  } else if (q.role == TokenRole::kInitial || l.role == TokenRole::kInitial ||
             q.text.size() == 1 || l.text.size() == 1) {
    // An initial stands for any name with that first letter, weakly.
    if (!q.text.empty() && !l.text.empty() && q.text[0] == l.text[0]) {
      s = 0.8;
      m = "initial";
    }
  } else if (!q.key.empty() && q.key == l.key) {
    s = 0.95;
    m = "romanization";
  } else {
    size_t shortest = std::min(q.text.size(), l.text.size());
    // Short tokens leave no room for a typo to be told from another name:
    // "kim"/"kin", "kyong"/"yong" (Jaro-Winkler rates that 0.93). Up to four
    // letters need equality (or a shared romanization key); five letters
    // allow one edit; longer tokens are judged by Jaro-Winkler.
    if (shortest == 5) {
      if (BoundedOsaDistance(q.text, l.text, 1) <= 1 ||
          (!q.key.empty() && BoundedOsaDistance(q.key, l.key, 1) <= 1))
        s = 0.88;
      m = "fuzzy";
    } else if (shortest > 5) {
      double st = TypoSimilarityAtLeast(q.text, l.text, kTokenFloor);
      double sk = q.key.empty() || l.key.empty()
                      ? 0.0
                      : TypoSimilarityAtLeast(q.key, l.key, kTokenFloor / 0.97) * 0.97;
      s = std::max(st, sk);
      m = "fuzzy";
      if (s < kTokenFloor) s = 0;
    }
  }
  if (method) *method = m;
  return s;
}

PreparedQuery Matcher::Prepare(const std::string& name) const {
  PreparedQuery q;
  NormalizedName norm = NormalizeName(name);
  bool any_identifying = false;
  for (NameToken& t : norm.tokens) {
    if (t.role == TokenRole::kHonorific) continue;
    PreparedToken p;
    p.weight = index_.QueryTokenWeight(t);
    p.identifying = IsIdentifying(t.role);
    any_identifying |= p.identifying;
    p.token = std::move(t);
    q.tokens.push_back(std::move(p));
  }
  // A query of generic words only ("Global Trading") is its own name.
  if (!any_identifying)
    for (PreparedToken& p : q.tokens)
      p.identifying = p.token.role == TokenRole::kGeneric;
  for (const PreparedToken& p : q.tokens) q.total_weight += p.weight;
  return q;
}

double Matcher::ScoreName(const PreparedQuery& q, NameId name_id,
                          Explanation* ex) const {
  const IndexedName& name = index_.names()[name_id];
  const TokenId* lt = index_.name_tokens(name);
  const auto& tokens = index_.tokens();
  const size_t nq = q.tokens.size(), nl = name.token_count;
  if (nq == 0 || nl == 0 || q.total_weight <= 0 || name.total_weight <= 0)
    return 0;
  bool listed_identifying = false;
  for (size_t j = 0; j < nl; ++j)
    listed_identifying |= IsIdentifying(tokens[lt[j]].role);

  std::vector<Pair> pairs;
  pairs.reserve(nq * nl + 4);
  for (size_t i = 0; i < nq; ++i) {
    for (size_t j = 0; j < nl; ++j) {
      const char* method = nullptr;
      double s = TokenSimilarity(q.tokens[i].token, tokens[lt[j]], &method);
      if (s > 0)
        pairs.push_back({s, static_cast<std::uint16_t>(i), 1,
                         static_cast<std::uint16_t>(j), 1, method});
    }
  }
  // Merged and split tokens: two adjacent tokens on one side against one on
  // the other.
  for (size_t i = 0; i + 1 < nq; ++i) {
    if (!q.tokens[i].identifying || !q.tokens[i + 1].identifying) continue;
    std::string joined = q.tokens[i].token.text + q.tokens[i + 1].token.text;
    for (size_t j = 0; j < nl; ++j) {
      double s = MergedSimilarity(joined, tokens[lt[j]].text);
      if (s > 0)
        pairs.push_back({s, static_cast<std::uint16_t>(i), 2,
                         static_cast<std::uint16_t>(j), 1, "merged"});
    }
  }
  for (size_t j = 0; j + 1 < nl; ++j) {
    if (!IsIdentifying(tokens[lt[j]].role) ||
        !IsIdentifying(tokens[lt[j + 1]].role))
      continue;
    std::string joined = tokens[lt[j]].text + tokens[lt[j + 1]].text;
    for (size_t i = 0; i < nq; ++i) {
      double s = MergedSimilarity(q.tokens[i].token.text, joined);
      if (s > 0)
        pairs.push_back({s, static_cast<std::uint16_t>(i), 1,
                         static_cast<std::uint16_t>(j), 2, "merged"});
    }
  }
  std::sort(pairs.begin(), pairs.end(), PairBefore);

  // Greedy one-to-one alignment, best pairs first.
  std::vector<char> q_used(nq, 0), l_used(nl, 0);
  // matched: similarity-weighted evidence; aligned: the weight it could have
  // had at similarity 1. score = matched / (aligned + missing tokens).
  double matched = 0, aligned = 0;
  bool evidence = false;
  for (const Pair& p : pairs) {
    bool free = true;
    for (int k = 0; k < p.qn; ++k) free &= !q_used[p.qi + k];
    for (int k = 0; k < p.ln; ++k) free &= !l_used[p.lj + k];
    if (!free) continue;
    double wq = 0, wl = 0;
    bool q_ident = false, l_ident = false;
    for (int k = 0; k < p.qn; ++k) {
      q_used[p.qi + k] = 1;
      wq += q.tokens[p.qi + k].weight;
      q_ident |= q.tokens[p.qi + k].identifying;
    }
    for (int k = 0; k < p.ln; ++k) {
      l_used[p.lj + k] = 1;
      const ListedToken& info = tokens[lt[p.lj + k]];
      wl += info.weight;
      l_ident |= IsIdentifying(info.role) ||
                 (!listed_identifying && info.role == TokenRole::kGeneric);
    }
    evidence |= q_ident && l_ident;
    double w = (wq + wl) / 2;
    matched += p.sim * w;
    aligned += w;
    if (ex) {
      TokenAlignment a;
      for (int k = 0; k < p.qn; ++k)
        a.query_token += (k ? "+" : "") + q.tokens[p.qi + k].token.text;
      for (int k = 0; k < p.ln; ++k)
        a.listed_token += (k ? "+" : "") + tokens[lt[p.lj + k]].text;
      a.similarity = p.sim;
      a.weight = p.sim * w;  // divided by the denominator below
      a.method = p.method;
      ex->tokens.push_back(std::move(a));
    }
  }
  double missing_q = 0, missing_l = 0;
  for (size_t i = 0; i < nq; ++i)
    if (!q_used[i]) missing_q += q.tokens[i].weight;
  for (size_t j = 0; j < nl; ++j)
    if (!l_used[j]) missing_l += tokens[lt[j]].weight;
  const double denominator =
      aligned + missing_q + kListedMissingWeight * missing_l;
  // A legal form or a generic word alone never makes a match.
  double score = 0;
  if (evidence && denominator > 0)
    score = std::clamp(matched / denominator, 0.0, 1.0);
  if (ex && denominator > 0)
    for (TokenAlignment& a : ex->tokens) a.weight /= denominator;
  if (ex) {
    ex->name_score = score;
    for (size_t i = 0; i < nq; ++i)
      if (!q_used[i]) ex->unmatched_query_tokens.push_back(q.tokens[i].token.text);
    for (size_t j = 0; j < nl; ++j)
      if (!l_used[j]) ex->unmatched_listed_tokens.push_back(tokens[lt[j]].text);
  }
  return score;
}

void Matcher::Candidates(const PreparedQuery& q,
                         std::vector<Candidate>* out) const {
  out->clear();
  // Customer files repeat tokens (john, mohammed, smith) endlessly; the
  // listed tokens a query token reaches depend on nothing else, so each
  // thread remembers them. A pure memo: results are the same with or without.
  struct TokenCache {
    std::uint64_t generation = 0;
    std::unordered_map<std::string, std::vector<TokenId>> reached;
  };
  thread_local TokenCache cache;
  if (cache.generation != index_.generation() || cache.reached.size() > 200000) {
    cache.reached.clear();
    cache.generation = index_.generation();
  }
  const auto& tokens = index_.tokens();
  std::vector<TokenId> found;
  std::string cache_key;
  auto visit = [&](const NameToken& probe, std::uint64_t bits) {
    cache_key.assign(probe.text);
    cache_key += '\0';
    cache_key += probe.key;
    cache_key += static_cast<char>('0' + static_cast<int>(probe.role));
    auto [it, inserted] = cache.reached.try_emplace(cache_key);
    if (inserted) {
      found.clear();
      TokenId exact = index_.FindToken(probe.text);
      if (exact != kNoToken) found.push_back(exact);
      if (const auto* same_key = index_.TokensWithKey(probe.key))
        found.insert(found.end(), same_key->begin(), same_key->end());
      index_.TyposOf(probe.text, &found);
      std::sort(found.begin(), found.end());
      found.erase(std::unique(found.begin(), found.end()), found.end());
      for (TokenId t : found) {
        if (TokenSimilarity(probe, tokens[t]) > 0 ||
            MergedSimilarity(probe.text, tokens[t].text) > 0)
          it->second.push_back(t);
      }
    }
    for (TokenId t : it->second)
      for (NameId n : index_.postings(t)) out->push_back({n, bits});
  };
  auto bit = [](size_t i) {
    return i < 64 ? std::uint64_t{1} << i : std::uint64_t{0};
  };
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    const PreparedToken& p = q.tokens[i];
    if (!p.identifying) continue;
    visit(p.token, bit(i));
    // "kyong su" against a listed "kyongsu".
    if (i + 1 < q.tokens.size() && q.tokens[i + 1].identifying) {
      NameToken merged;
      merged.text = p.token.text + q.tokens[i + 1].token.text;
      merged.key = RomanizationKey(merged.text);
      visit(merged, bit(i) | bit(i + 1));
    }
  }
  std::sort(out->begin(), out->end(),
            [](const Candidate& a, const Candidate& b) { return a.name < b.name; });
  // Merge duplicates, uniting the tokens that reached each name.
  size_t w = 0;
  for (size_t r = 0; r < out->size(); ++r) {
    if (w > 0 && (*out)[w - 1].name == (*out)[r].name) {
      (*out)[w - 1].hit_mask |= (*out)[r].hit_mask;
    } else {
      (*out)[w++] = (*out)[r];
    }
  }
  out->resize(w);
}

double Matcher::UpperBound(const PreparedQuery& q, std::uint64_t hit_mask) {
  double aligned = 0, missing = 0;
  for (size_t i = 0; i < q.tokens.size(); ++i) {
    // Tokens the index does not look up (initials, particles, legal forms)
    // may still align in scoring, so they are granted a partner too.
    bool hit = i >= 64 || ((hit_mask >> i) & 1u) || !q.tokens[i].identifying;
    // A hit pairs with a listed token of weight at most 1.
    if (hit)
      aligned += (q.tokens[i].weight + 1.0) / 2;
    else
      missing += q.tokens[i].weight;
  }
  return aligned + missing > 0 ? aligned / (aligned + missing) : 0.0;
}

double Matcher::FeatureDelta(const Query& query, const Entity& entity,
                             std::vector<FeatureContribution>* out) {
  double total = 0;
  auto add = [&](const char* feature, double delta, std::string detail) {
    total += delta;
    if (out) out->push_back({feature, delta, std::move(detail)});
  };
  // Birth date: the best agreement over the listed dates decides.
  if (!query.birth_date.empty() && !entity.birth_dates.empty()) {
    const PartialDate& qd = query.birth_date;
    int best = -2;  // -1 conflict, 0 compatible, 1 same year, 2 same day
    std::string best_text;
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
        best_text = d.ToString();
      }
    }
    std::string q = qd.ToString();
    if (best == 2)
      add("birth_date", 0.05, fmt::format("query {} = listed {}: same day", q, best_text));
    else if (best == 1)
      add("birth_date", 0.02, fmt::format("query {} vs listed {}: same year", q, best_text));
    else if (best == 0)
      add("birth_date", 0.0, fmt::format("query {} vs listed {}: compatible", q, best_text));
    else if (best == -1)
      add("birth_date", -0.20,
          fmt::format("query {} conflicts with every listed birth date", q));
  }
  if (!query.country.empty()) {
    std::vector<std::string> codes;
    auto put = [&](const std::string& c) {
      if (!c.empty()) codes.push_back(c);
    };
    for (const auto& c : entity.nationalities) put(c);
    for (const auto& c : entity.citizenships) put(c);
    for (const auto& c : entity.countries) put(c);
    for (const auto& a : entity.addresses) put(a.country);
    put(entity.vessel.flag);
    if (!codes.empty()) {
      if (std::find(codes.begin(), codes.end(), query.country) != codes.end())
        add("country", 0.02, fmt::format("{} is a listed country", query.country));
      else
        add("country", -0.03,
            fmt::format("{} is not among the listed countries", query.country));
    }
  }
  if (query.gender != Gender::kUnknown && entity.gender != Gender::kUnknown &&
      query.gender != entity.gender) {
    add("gender", -0.10,
        fmt::format("query {} vs listed {}", GenderName(query.gender),
                    GenderName(entity.gender)));
  }
  return total;
}

}  // namespace embargo::internal
