#include "match/similarity.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

namespace embargo::internal {
namespace {
// Names are short; longer strings fall back to a heap-free cap. Tokens are
// cut by normalization well below this.
constexpr size_t kMaxLen = 64;
}  // namespace

double Jaro(std::string_view a, std::string_view b) noexcept {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() > kMaxLen) a = a.substr(0, kMaxLen);
  if (b.size() > kMaxLen) b = b.substr(0, kMaxLen);
  const size_t la = a.size(), lb = b.size();
  const size_t window = std::max<size_t>(la, lb) / 2;
  const size_t range = window > 0 ? window - 1 : 0;
  // Bit masks of matched positions: tokens fit in 64 bits, so the matching
  // pass needs no allocation.
  std::uint64_t a_flags = 0, b_flags = 0;
  size_t m = 0;
  for (size_t i = 0; i < la; ++i) {
    size_t lo = i > range ? i - range : 0;
    size_t hi = std::min(i + range + 1, lb);
    for (size_t j = lo; j < hi; ++j) {
      if ((b_flags >> j) & 1u) continue;
      if (a[i] != b[j]) continue;
      a_flags |= std::uint64_t{1} << i;
      b_flags |= std::uint64_t{1} << j;
      ++m;
      break;
    }
  }
  if (m == 0) return 0.0;
  size_t t = 0, k = 0;
  for (size_t i = 0; i < la; ++i) {
    if (!((a_flags >> i) & 1u)) continue;
    while (!((b_flags >> k) & 1u)) ++k;
    if (a[i] != b[k]) ++t;
    ++k;
  }
  const double md = static_cast<double>(m);
  return (md / static_cast<double>(la) + md / static_cast<double>(lb) +
          (md - static_cast<double>(t) / 2.0) / md) /
         3.0;
}

double JaroWinkler(std::string_view a, std::string_view b) noexcept {
  double j = Jaro(a, b);
  size_t prefix = 0;
  const size_t max_prefix = std::min<size_t>({4, a.size(), b.size()});
  while (prefix < max_prefix && a[prefix] == b[prefix]) ++prefix;
  return j + static_cast<double>(prefix) * 0.1 * (1.0 - j);
}

int BoundedOsaDistance(std::string_view a, std::string_view b,
                       int max_distance) noexcept {
  if (a.size() > kMaxLen) a = a.substr(0, kMaxLen);
  if (b.size() > kMaxLen) b = b.substr(0, kMaxLen);
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > max_distance) return max_distance + 1;
  if (la == 0) return std::min(lb, max_distance + 1);
  // Hyyro's bit-parallel OSA (2003): a's positions are the bits of a word,
  // so each character of b costs a few word operations instead of a row of
  // the table. A token fits in one word (kMaxLen = 64). Only the table
  // entries of characters in a or b are touched, never all 256.
  std::array<std::uint64_t, 256> peq;
  for (char c : b) peq[static_cast<unsigned char>(c)] = 0;
  for (char c : a) peq[static_cast<unsigned char>(c)] = 0;
  for (int i = 0; i < la; ++i)
    peq[static_cast<unsigned char>(a[i])] |= std::uint64_t{1} << i;
  const std::uint64_t last = std::uint64_t{1} << (la - 1);
  std::uint64_t vp =
      la == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << la) - 1;
  std::uint64_t vn = 0, d0 = 0, pm_prev = 0;
  int distance = la;
  for (int j = 0; j < lb; ++j) {
    const std::uint64_t pm = peq[static_cast<unsigned char>(b[j])];
    const std::uint64_t tr = (((~d0) & pm) << 1) & pm_prev;
    d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
    std::uint64_t hp = vn | ~(d0 | vp);
    std::uint64_t hn = d0 & vp;
    if (hp & last) ++distance;
    if (hn & last) --distance;
    // Each remaining character of b lowers the distance by one at most.
    if (distance - (lb - 1 - j) > max_distance) return max_distance + 1;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    pm_prev = pm;
  }
  return std::min(distance, max_distance + 1);
}

double TypoSimilarity(std::string_view a, std::string_view b) noexcept {
  const size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 1.0;
  const int cap = static_cast<int>(std::min<size_t>(longest, kMaxLen));
  const int d = BoundedOsaDistance(a, b, cap);
  const double edit_ratio =
      1.0 - static_cast<double>(d) / static_cast<double>(longest);
  return 0.5 * JaroWinkler(a, b) + 0.5 * std::max(0.0, edit_ratio);
}

}  // namespace embargo::internal
