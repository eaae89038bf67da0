// The oracle: textbook Jaro, Jaro-Winkler and edit distances, written for
// obviousness, not speed. Tests and fuzzers check src/match against these.
// Thread-safety: pure functions.
#ifndef EMBARGO_REFERENCE_REFERENCE_SIMILARITY_H_
#define EMBARGO_REFERENCE_REFERENCE_SIMILARITY_H_

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace embargo::reference {

// Jaro (1989) as usually defined: matches within floor(max/2)-1, each
// character of b used once, transpositions halved.
inline double Jaro(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  int range = std::max(0, std::max(la, lb) / 2 - 1);
  std::vector<bool> am(la, false), bm(lb, false);
  int m = 0;
  for (int i = 0; i < la; ++i) {
    for (int j = std::max(0, i - range); j < std::min(lb, i + range + 1); ++j) {
      if (!bm[j] && a[i] == b[j]) {
        am[i] = bm[j] = true;
        ++m;
        break;
      }
    }
  }
  if (m == 0) return 0.0;
  std::string sa, sb;
  for (int i = 0; i < la; ++i)
    if (am[i]) sa += a[i];
  for (int j = 0; j < lb; ++j)
    if (bm[j]) sb += b[j];
  int t = 0;
  for (int i = 0; i < m; ++i)
    if (sa[i] != sb[i]) ++t;
  double md = m;
  return (md / la + md / lb + (md - t / 2.0) / md) / 3.0;
}

inline double JaroWinkler(std::string_view a, std::string_view b) {
  double j = Jaro(a, b);
  int l = 0;
  while (l < 4 && l < static_cast<int>(a.size()) &&
         l < static_cast<int>(b.size()) && a[l] == b[l])
    ++l;
  return j + l * 0.1 * (1.0 - j);
}

// Optimal string alignment distance: Levenshtein plus adjacent
// transpositions (Damerau's restricted form), full matrix.
inline int OsaDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

inline double TypoSimilarity(std::string_view a, std::string_view b) {
  size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 1.0;
  double ratio = 1.0 - static_cast<double>(OsaDistance(a, b)) /
                           static_cast<double>(longest);
  return 0.5 * JaroWinkler(a, b) + 0.5 * std::max(0.0, ratio);
}

}  // namespace embargo::reference

#endif  // EMBARGO_REFERENCE_REFERENCE_SIMILARITY_H_
